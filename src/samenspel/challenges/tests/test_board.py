"""The development team's board: columns per status, filters, keyset pages, fixed queries."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.selectors import BOARD_COLUMN_SIZE
from samenspel.challenges.workflow import BOARD_COLUMNS, Status
from samenspel.organisation.tests.factories import DepartmentFactory
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory

BOARD = reverse("challenges:board")


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(BOARD)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_every_staff_role_sees_the_board(client, users, role):
    ChallengeFactory(title="Glasvezel in Uitwijk", status=Status.EXPLORING)
    client.force_login(users[role])
    response = client.get(BOARD)
    assert response.status_code == 200
    assert "Glasvezel in Uitwijk" in response.content.decode()


def test_board_shows_one_column_per_status(client, users):
    client.force_login(users[Role.EMPLOYEE])
    html = client.get(BOARD).content.decode()
    for status in BOARD_COLUMNS:
        assert f'id="kolom-{status}"' in html


def test_card_shows_what_the_team_needs_at_a_glance(client, users):
    kern = KernFactory(name="Almkerk", slug="almkerk")
    department = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    challenge = ChallengeFactory(
        title="Eenzaamheid ouderen",
        kind=Challenge.Kind.INITIATIVE,
        owner_department=department,
        signal_count=7,
        team_role=Challenge.TeamRole.COACH,
        kernen=[kern],
    )
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    html = client.get(BOARD).content.decode()
    for text in (challenge.reference, "Almkerk", "initiatief", "Sociaal Domein", "7", "coachen"):
        assert text in html


def test_filters_narrow_the_board(client, users):
    almkerk = KernFactory(name="Almkerk", slug="almkerk")
    woudrichem = KernFactory(name="Woudrichem", slug="woudrichem")
    ChallengeFactory(title="Bankje Almkerk", kernen=[almkerk])
    ChallengeFactory(title="Haven Woudrichem", kernen=[woudrichem])
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    html = client.get(BOARD, {"kern": "almkerk"}).content.decode()
    assert "Bankje Almkerk" in html
    assert "Haven Woudrichem" not in html


def test_filter_on_kind_and_department(client, users):
    department = DepartmentFactory(slug="sociaal-domein")
    ChallengeFactory(title="Beleid jeugd", kind=Challenge.Kind.POLICY, owner_department=department)
    ChallengeFactory(title="Initiatief moestuin", kind=Challenge.Kind.INITIATIVE)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    html = client.get(BOARD, {"kind": "policy", "department": "sociaal-domein"}).content.decode()
    assert "Beleid jeugd" in html
    assert "Initiatief moestuin" not in html


def test_unknown_filter_value_is_explained_not_an_error(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get(BOARD, {"kern": "atlantis", "after": "junk"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze kern kennen we niet" in html
    assert 'aria-describedby="id_kern_error"' in html


def test_unknown_column_cursor_shows_the_first_page(client, users):
    ChallengeFactory(title="Dorpshuis Eethen", status=Status.ACTIVE)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    html = client.get(BOARD, {"status": "active", "after": "99x"}).content.decode()
    assert "Deze vervolgpagina bestaat niet" in html
    assert "Dorpshuis Eethen" in html


def test_full_column_links_to_the_next_page(client, users):
    ChallengeFactory.create_batch(BOARD_COLUMN_SIZE + 1, status=Status.ACTIVE)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    column = next(c for c in client.get(BOARD).context["columns"] if c.status == Status.ACTIVE)
    assert len(column.items) == BOARD_COLUMN_SIZE
    assert column.next_cursor
    assert f"?status=active&amp;after={column.next_cursor}" in client.get(BOARD).content.decode()


def test_column_pages_follow_each_other_without_gaps_or_repeats(client, users):
    created = {c.pk for c in ChallengeFactory.create_batch(120, status=Status.ACTIVE)}
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    seen, after = [], ""
    while True:
        params = {"status": "active", **({"after": after} if after else {})}
        page = client.get(BOARD, params).context["page"]
        seen += [c.pk for c in page.items]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert len(seen) == len(set(seen)) == 120
    assert set(seen) == created


def _count_queries(client, url, params=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _fill(per_status: int, kernen, department) -> None:
    for status in BOARD_COLUMNS:
        for challenge in ChallengeFactory.create_batch(
            per_status, status=status, owner_department=department
        ):
            challenge.kernen.set(kernen)


def test_board_needs_the_same_number_of_queries_for_few_and_many_challenges(
    client, users, django_assert_num_queries
):
    kernen, department = KernFactory.create_batch(3), DepartmentFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    _fill(1, kernen, department)
    few = _count_queries(client, BOARD)
    _fill(25, kernen, department)
    with django_assert_num_queries(few):
        client.get(BOARD)


def test_column_list_needs_the_same_number_of_queries_for_few_and_many_challenges(
    client, users, django_assert_num_queries
):
    kernen, department = KernFactory.create_batch(3), DepartmentFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    _fill(1, kernen, department)
    few = _count_queries(client, BOARD, {"status": "active"})
    _fill(60, kernen, department)
    with django_assert_num_queries(few):
        client.get(BOARD, {"status": "active"})
