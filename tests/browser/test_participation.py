"""A department asks for participation advice on its policy; the development team gives it."""

import datetime

import pytest
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.organisation.tests.factories import DepartmentFactory
from samenspel.participation.models import Duty, ParticipationAdvice
from samenspel.places.tests.factories import KernFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _log_out(checked_page):
    checked_page.page.get_by_role("button", name="Uitloggen").click()
    checked_page.check()


def test_department_requests_participation_advice_and_the_team_gives_it(checked_page, make_user):
    department = DepartmentFactory(slug="ruimte", name="Ruimtelijke Ontwikkeling")
    make_user("beleid", Role.EMPLOYEE, department=department)
    make_user("team", Role.DEVELOPMENT_TEAM)
    challenge = ChallengeFactory(
        title="Omgevingsvisie Altena 2040", kind=Challenge.Kind.POLICY, owner_department=department
    )
    challenge.kernen.set([KernFactory(name="Sleeuwijk", slug="sleeuwijk")])
    decision = timezone.localdate() + datetime.timedelta(days=120)

    # The policy officer asks from the challenge page.
    log_in(checked_page, "beleid", "samenspel-test")
    page = checked_page.goto(f"/werk/opgaven/{challenge.pk}/")
    page.get_by_role("link", name="Vraag participatieadvies aan").click()
    checked_page.check()
    page.get_by_label("Uw vraag aan het ontwikkelteam").fill(
        "Hoe betrekken we de negentien kernen bij de omgevingsvisie?"
    )
    page.get_by_label("Datum van het besluit").fill(decision.isoformat())
    page.get_by_label("Wie besluit").select_option("council")
    page.get_by_role("button", name="Advies aanvragen").click()
    checked_page.check()
    assert "Uw aanvraag is verstuurd" in page.content()
    advice = ParticipationAdvice.objects.get()
    assert advice.status == "requested"
    _log_out(checked_page)

    # A team member takes it on, writes the advice and gives it.
    log_in(checked_page, "team", "samenspel-test")
    page = checked_page.goto("/werk/participatie/")
    page.get_by_role("link", name="Omgevingsvisie Altena 2040").click()
    checked_page.check()
    page.get_by_role("button", name="In behandeling nemen").click()
    checked_page.check()
    page.get_by_role("link", name="Advies bewerken").click()
    checked_page.check()
    assert page.get_by_label("Sleeuwijk").is_checked()
    page.get_by_label("Wie worden geraakt").fill("Inwoners, ondernemers en dorpsraden.")
    page.get_by_label("Beoogde trede op de participatieladder").select_option("advise")
    page.get_by_label("Waarom deze trede").fill("De raad stelt kaders; inwoners adviseren.")
    page.get_by_label("Rol van de gemeente").select_option("directing")
    for duty in Duty.values:
        page.locator(f"select[name='duty_{duty}_applies']").select_option("yes")
    page.locator("textarea[name='duty_announce_note']").fill("Kennisgeving in het Gemeenteblad.")
    page.get_by_label("Planning ten opzichte van het besluit").fill("Avonden in maart en april.")
    page.get_by_label("Terugkoppeling aan deelnemers").fill("Reactienota bij het raadsvoorstel.")
    page.get_by_label("Evaluatie").fill("Enquête onder deelnemers.")
    page.get_by_label("Kritische kanttekeningen van het team").fill("Niet alleen de mondigen.")
    page.get_by_role("button", name="Opslaan").click()
    checked_page.check()
    assert "Het advies is opgeslagen." in page.content()
    page.get_by_role("button", name="Advies uitbrengen").click()
    checked_page.check()
    assert "De status is nu “advies gegeven”." in page.content()
    advice.refresh_from_db()
    assert advice.status == "given"

    page.get_by_role("link", name="Afdrukken").click()
    checked_page.check()
    assert "Kennisgeving in het Gemeenteblad." in page.content()
    page = checked_page.goto(f"/werk/opgaven/{challenge.pk}/")
    assert "Status: advies gegeven" in page.content()
