"""A development-team member opens a challenge from a signal, moves it on, tells followers."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import FollowedSignalFactory
from samenspel.places.tests.factories import KernFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_team_member_opens_a_challenge_and_posts_news(checked_page, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    kern = KernFactory(name="Almkerk", slug="almkerk")
    signal = FollowedSignalFactory(text="Geen plek voor jongeren bij de sporthal.", kern=kern)
    log_in(checked_page, "team", "samenspel-test")

    page = checked_page.goto(f"/werk/opgaven/nieuw/?signal={signal.pk}")
    assert page.get_by_label("Almkerk", exact=True).is_checked()
    page.get_by_label("Titel").fill("Jongerenplek Almkerk")
    page.get_by_role("button", name="Opgave aanmaken").click()
    checked_page.check()
    challenge = Challenge.objects.get()
    assert page.url.endswith(f"/werk/opgaven/{challenge.pk}/")

    page.get_by_label("Nieuwe status").select_option("exploring")
    page.get_by_role("button", name="Status wijzigen").click()
    checked_page.check()
    assert "De status is nu “verkennen”." in page.content()

    page.get_by_label("Interne notitie").fill("Jongerenwerk wil meedoen.")
    page.get_by_role("button", name="Notitie toevoegen").click()
    page.get_by_text("De notitie is toegevoegd.").wait_for()
    assert page.get_by_text("Jongerenwerk wil meedoen.").is_visible()
    checked_page.check()

    page.get_by_label("Openbaar bericht").fill("Op 4 mei praten we erover in het dorpshuis.")
    page.get_by_role("button", name="Bericht plaatsen").click()
    page.get_by_text("Het bericht is geplaatst").wait_for()
    checked_page.check()

    public = checked_page.goto(f"/opgaven/{challenge.pk}/")
    assert "Op 4 mei praten we erover in het dorpshuis." in public.content()
    assert "Jongerenwerk wil meedoen." not in public.content()
    checked_page.goto("/werk/")
    checked_page.goto("/opgaven/?kern=almkerk")
