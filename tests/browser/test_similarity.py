"""A team member opens a new signal, sees the challenge it looks like and links it."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory, SignalFactory
from samenspel.challenges.workflow import Status
from samenspel.places.tests.factories import KernFactory
from samenspel.similarity.index_store import store

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_index(settings, tmp_path):
    settings.SAMENSPEL_SIMILARITY_INDEX_PATH = str(tmp_path / "similarity-index.npz")
    store.reset()
    yield
    store.reset()


def test_team_member_links_a_new_signal_to_the_suggested_challenge(checked_page, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    dussen = KernFactory(name="Dussen", slug="dussen")
    challenge = ChallengeFactory(
        title="Straatverlichting Kerkstraat",
        summary="Lantaarnpalen in de Kerkstraat doen het niet",
        status=Status.EXPLORING,
        kernen=[dussen],
    )
    signal = SignalFactory(kern=dussen, text="Lantaarnpaal in de Kerkstraat doet het niet meer")

    log_in(checked_page, "team", "samenspel-test")
    page = checked_page.goto(f"/werk/signalen/{signal.pk}/")
    suggestions = page.locator("#similar-signals")
    assert "Straatverlichting Kerkstraat" in suggestions.inner_text()
    suggestions.get_by_role("button", name=f"Koppel aan deze opgave {challenge.reference}").click()
    checked_page.check()

    assert page.url.endswith(f"/werk/opgaven/{challenge.pk}/")
    signal.refresh_from_db()
    assert signal.challenge_id == challenge.pk


def test_resident_sees_a_public_challenge_while_typing(checked_page):
    dussen = KernFactory(name="Dussen", slug="dussen")
    ChallengeFactory(
        title="Straatverlichting Kerkstraat",
        summary="Lantaarnpalen in de Kerkstraat doen het niet",
        status=Status.EXPLORING,
        kernen=[dussen],
    )
    page = checked_page.goto("/melden/")
    page.get_by_label("Wat wilt u melden?").press_sequentially(
        "De lantaarnpalen in de Kerkstraat doen het niet", delay=5
    )
    region = page.locator("#report-suggestions")
    region.get_by_role("link", name="Straatverlichting Kerkstraat").wait_for()
    checked_page.check()
