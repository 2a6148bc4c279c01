"""Public pages for residents: what we work on, per kern, without any personal data."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.services import (
    challenge_add_note,
    challenge_post_update,
    challenge_transition,
)
from samenspel.challenges.workflow import Status
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory

LIST = reverse("challenges:public_list")


def _detail(challenge) -> str:
    return reverse("challenges:public_detail", args=[challenge.pk])


def test_list_shows_public_challenges_past_triage_only(client, db):
    ChallengeFactory(title="Speeltuin Sleeuwijk", status=Status.ACTIVE)
    ChallengeFactory(title="Nog niet bekeken", status=Status.NEW)
    ChallengeFactory(title="Intern dossier", status=Status.ACTIVE, is_public=False)
    html = client.get(LIST).content.decode()
    assert "Speeltuin Sleeuwijk" in html
    assert "Nog niet bekeken" not in html
    assert "Intern dossier" not in html


def test_list_filters_by_kern(client, db):
    sleeuwijk = KernFactory(name="Sleeuwijk", slug="sleeuwijk")
    giessen = KernFactory(name="Giessen", slug="giessen")
    ChallengeFactory(title="Speeltuin Sleeuwijk", status=Status.ACTIVE, kernen=[sleeuwijk])
    ChallengeFactory(title="Brug Giessen", status=Status.ACTIVE, kernen=[giessen])
    html = client.get(LIST, {"kern": "sleeuwijk"}).content.decode()
    assert "Waar we aan werken in Sleeuwijk" in html
    assert "Speeltuin Sleeuwijk" in html
    assert "Brug Giessen" not in html


def test_list_pages_follow_each_other(client, db):
    made = {c.pk for c in ChallengeFactory.create_batch(45, status=Status.ACTIVE)}
    seen, params = [], {}
    while True:
        page = client.get(LIST, params).context["page"]
        seen += [c.pk for c in page.items]
        if not page.next_cursor:
            break
        params = {"after": page.next_cursor}
    assert len(seen) == 45
    assert set(seen) == made


def test_malformed_page_link_shows_the_first_page(client, db):
    ChallengeFactory(title="Speeltuin Sleeuwijk", status=Status.ACTIVE)
    response = client.get(LIST, {"after": "'; drop table"})
    assert response.status_code == 200
    assert "Speeltuin Sleeuwijk" in response.content.decode()


@pytest.mark.parametrize(
    ("status", "is_public"), [(Status.ACTIVE, False), (Status.NEW, True)], ids=["intern", "nieuw"]
)
def test_detail_of_a_hidden_challenge_is_not_found(client, db, status, is_public):
    challenge = ChallengeFactory(status=status, is_public=is_public)
    assert client.get(_detail(challenge)).status_code == 404


def test_public_pages_leak_nothing_personal_or_internal(client, users, challenge):
    actor = users[Role.DEVELOPMENT_TEAM]
    reporter = challenge.signals.get().reporter
    challenge_transition(challenge=challenge, to=Status.EXPLORING, actor=actor)
    challenge_add_note(challenge=challenge, actor=actor, text="Melder is lastig; bel niet.")
    challenge_post_update(challenge=challenge, actor=actor, text="Eerste bijeenkomst op 4 mei.")
    pages = client.get(LIST).content.decode() + client.get(_detail(challenge)).content.decode()
    assert "Ontmoetingsplek bij de kerk" in pages
    assert "Eerste bijeenkomst op 4 mei." in pages
    for secret in (
        reporter.name,
        reporter.email,
        reporter.phone,
        "Het bankje bij de kerk is vernield.",
        "Melder is lastig; bel niet.",
        actor.username,
        actor.email,
    ):
        assert secret not in pages


def test_detail_tells_the_status_in_plain_dutch(client, users, challenge):
    challenge_transition(
        challenge=challenge, to=Status.EXPLORING, actor=users[Role.DEVELOPMENT_TEAM]
    )
    html = client.get(_detail(challenge)).content.decode()
    assert "We verkennen wat er speelt" in html


def test_declined_challenge_shows_why(client, users, challenge):
    challenge_transition(
        challenge=challenge,
        to=Status.DECLINED,
        actor=users[Role.DEVELOPMENT_TEAM],
        reason="Het waterschap pakt dit al op.",
    )
    html = client.get(_detail(challenge)).content.decode()
    assert "De gemeente pakt dit niet op als opgave." in html
    assert "Het waterschap pakt dit al op." in html


def _count_queries(client, url, params=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _fill(count: int, kernen) -> None:
    for challenge in ChallengeFactory.create_batch(count, status=Status.ACTIVE):
        challenge.kernen.set(kernen)


def test_public_list_needs_the_same_number_of_queries_for_few_and_many(
    client, db, django_assert_num_queries
):
    kernen = KernFactory.create_batch(3)
    _fill(2, kernen)
    few = _count_queries(client, LIST)
    _fill(60, kernen)
    with django_assert_num_queries(few):
        client.get(LIST)
    assert few <= 4
    assert Challenge.objects.count() == 62


def test_public_list_speaks_english_when_asked(client, db, settings):
    ChallengeFactory(title="Speeltuin Sleeuwijk", status=Status.ACTIVE)
    # The language switch (a cookie) decides, not the browser's Accept-Language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(LIST).content.decode()
    assert "What we are working on" in html
    assert "whole municipality · active" in html
