"""The board sorted by priority, and the flag on challenges that wait to be scored."""

from datetime import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.workflow import BOARD_COLUMNS, Status
from samenspel.organisation.tests.factories import DepartmentFactory
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory

BOARD = reverse("challenges:board")
SCORED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.get_fixed_timezone(0))


def _scored(title, value, status=Status.EXPLORING):
    return ChallengeFactory(
        title=title, status=status, priority=Decimal(value), prioritised_at=SCORED_AT
    )


def _column(response, status):
    return next(c for c in response.context["columns"] if c.status == status)


def test_board_sorted_by_priority_puts_the_highest_first(client, users):
    _scored("Middel", "50.00")
    _scored("Hoog", "87.50")
    _scored("Laag", "12.00")
    client.force_login(users[Role.EMPLOYEE])
    column = _column(client.get(BOARD, {"sort": "priority"}), Status.EXPLORING)
    assert [c.title for c in column.items] == ["Hoog", "Middel", "Laag"]


def test_card_shows_the_priority(client, users):
    _scored("Brug Nederhemert", "73.25")
    client.force_login(users[Role.EMPLOYEE])
    html = client.get(BOARD).content.decode()
    assert "<dt>Prioriteit</dt><dd>73,25</dd>" in html


def test_unknown_sort_is_explained_and_the_board_still_shows(client, users):
    _scored("Brug Nederhemert", "73.25")
    client.force_login(users[Role.EMPLOYEE])
    response = client.get(BOARD, {"sort": "random"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zo kunnen we niet sorteren" in html
    assert "Brug Nederhemert" in html


def test_priority_pages_follow_each_other_without_gaps_or_repeats(client, users):
    created = set()
    for n in range(130):
        # Many equal priorities, so the cursor's tie-break on id is exercised.
        created.add(_scored(f"Opgave {n}", f"{n % 7 * 10}.{n % 3}5", status=Status.ACTIVE).pk)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    seen, values, after = [], [], ""
    while True:
        params = {"status": "active", "sort": "priority", **({"after": after} if after else {})}
        page = client.get(BOARD, params).context["page"]
        seen += [c.pk for c in page.items]
        values += [(c.priority, c.pk) for c in page.items]
        if not page.next_cursor:
            break
        assert page.next_cursor.startswith("p")
        after = page.next_cursor
    assert len(seen) == len(set(seen)) == 130
    assert set(seen) == created
    assert values == sorted(values, reverse=True)


def test_a_recent_cursor_on_the_priority_order_starts_at_page_one(client, users):
    _scored("Brug Nederhemert", "73.25", status=Status.ACTIVE)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get(BOARD, {"status": "active", "sort": "priority", "after": "123.4"})
    assert "Deze vervolgpagina bestaat niet" in response.content.decode()
    assert [c.title for c in response.context["page"].items] == ["Brug Nederhemert"]


def _count_queries(client, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD, params).status_code == 200
    return len(queries)


def _fill(per_status, kernen, department):
    for status in BOARD_COLUMNS:
        for n in range(per_status):
            challenge = _scored(f"{status} {n}", f"{n}.50", status=status)
            Challenge.objects.filter(pk=challenge.pk).update(owner_department=department)
            challenge.kernen.set(kernen)


def test_board_by_priority_needs_the_same_number_of_queries_for_few_and_many(
    client, users, django_assert_num_queries
):
    kernen, department = KernFactory.create_batch(3), DepartmentFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    _fill(1, kernen, department)
    few = _count_queries(client, {"sort": "priority"})
    _fill(25, kernen, department)
    with django_assert_num_queries(few):
        client.get(BOARD, {"sort": "priority"})


def test_board_by_priority_uses_the_priority_index(db):
    from django.db import connection

    if connection.vendor == "postgresql":
        # A test table is tiny; tell the planner to behave as it would on 100,000 rows.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    queryset = Challenge.objects.filter(status=Status.ACTIVE).order_by("-priority", "-id")[:21]
    assert "challenge_board_priority" in queryset.explain()


# Created on Monday 2 March 2026; five working days end on Monday 9 March.
CREATED = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))


def _unscored(title="Speeltuin Giessen"):
    with freeze_time(CREATED):
        return ChallengeFactory(title=title, status=Status.NEW)


def _flagged(client, challenge) -> bool:
    response = client.get(BOARD)
    card = next(c for c in _column(response, challenge.status).items if c.pk == challenge.pk)
    return card.awaits_priority


def test_unscored_challenge_is_not_flagged_within_five_working_days(client, users):
    challenge = _unscored()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    with freeze_time("2026-03-09 15:00"):
        assert not _flagged(client, challenge)
        assert "wacht op prioritering" not in client.get(BOARD).content.decode()


def test_unscored_challenge_is_flagged_after_five_working_days(client, users):
    challenge = _unscored()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    with freeze_time("2026-03-10 09:00"):
        assert _flagged(client, challenge)
        assert "wacht op prioritering" in client.get(BOARD).content.decode()


def test_a_weekend_does_not_count_towards_the_wait(client, users):
    with freeze_time("2026-03-06 10:00"):  # a Friday
        challenge = ChallengeFactory(status=Status.NEW)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    # Eight calendar days, but Monday to Friday is five working days.
    with freeze_time("2026-03-13 16:00"):
        assert not _flagged(client, challenge)


def test_the_wait_is_configurable(client, users, settings):
    settings.SAMENSPEL_UNSCORED_WORKING_DAYS = 2
    challenge = _unscored()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    with freeze_time("2026-03-05 09:00"):  # Thursday: three working days
        assert _flagged(client, challenge)


def test_a_scored_challenge_is_not_flagged(client, users):
    challenge = _unscored()
    Challenge.objects.filter(pk=challenge.pk).update(prioritised_at=CREATED)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    with freeze_time("2026-04-30 09:00"):
        assert not _flagged(client, challenge)


def test_a_closed_challenge_is_not_flagged(client, users):
    with freeze_time(CREATED):
        challenge = ChallengeFactory(status=Status.DECLINED)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    with freeze_time("2026-04-30 09:00"):
        assert not _flagged(client, challenge)
