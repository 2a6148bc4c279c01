"""A development-team member scores a challenge and reads why it ranks where it does."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import ChallengeFactory, SignalFactory
from samenspel.places.tests.factories import KernFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_team_member_scores_a_challenge_and_sees_why_this_rank(checked_page, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    kern = KernFactory(name="Uitwijk", slug="uitwijk", population=1200)
    challenge = ChallengeFactory(title="Oversteek bij de school", kernen=[kern])
    SignalFactory(challenge=challenge, kern=kern)
    Challenge.objects.filter(pk=challenge.pk).update(signal_count=1)
    log_in(checked_page, "team", "samenspel-test")

    page = checked_page.goto(f"/werk/opgaven/{challenge.pk}/")
    assert "Het ontwikkelteam heeft deze opgave nog niet gescoord." in page.content()
    page.get_by_role("link", name="Opgave scoren").click()
    checked_page.check()

    # Sent without a rationale: the form explains, in Dutch, and stores nothing.
    page.get_by_label("Score voor “Urgentie”").select_option("4")
    page.get_by_role("button", name="Scores opslaan").click()
    checked_page.check()
    assert "Licht de score voor “Urgentie” kort toe." in page.content()

    page.get_by_label("Onderbouwing bij “Urgentie”").fill("Kinderen steken over zonder zebrapad.")
    page.get_by_label("Score voor “Energie in de gemeenschap”").select_option("3")
    page.get_by_label("Onderbouwing bij “Energie in de gemeenschap”").fill(
        "De ouderraad wil verkeersbrigadiers regelen."
    )
    page.get_by_role("button", name="Scores opslaan").click()
    checked_page.check()
    assert page.url.endswith(f"/werk/opgaven/{challenge.pk}/#prioriteit")
    challenge.refresh_from_db()
    assert "De scores zijn opgeslagen." in page.content()

    table = page.get_by_role("table", name="Waarom deze rang")
    assert table.is_visible()
    urgency = table.get_by_role("row").filter(has_text="Urgentie")
    assert "Kinderen steken over zonder zebrapad." in urgency.inner_text()
    assert "team" in urgency.inner_text()
    assert "nog niet gescoord (telt als 0)" in table.inner_text()

    board = checked_page.goto("/werk/?sort=priority")
    card = board.get_by_role("article").filter(has_text="Oversteek bij de school")
    assert str(challenge.priority).replace(".", ",") in card.inner_text()
    checked_page.goto("/werk/prioriteiten/criteria/")
