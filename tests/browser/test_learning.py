"""An employee enrols, the trainer records attendance, the employee evaluates the session."""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.learning.models import Attendance, Enrolment, SessionEvaluation
from samenspel.learning.services import cohort_create, programme_create

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _log_out(checked_page) -> None:
    checked_page.page.get_by_role("button", name="Uitloggen").click()
    checked_page.check()


def test_employee_enrols_trainer_records_attendance_employee_evaluates(checked_page, make_user):
    sanne = make_user("sanne", Role.EMPLOYEE)
    joost = make_user("joost", Role.EMPLOYEE)
    programme = programme_create(
        name="Het nieuwe samenspel tussen overheid en samenleving",
        days=[("Kerngericht werken", ""), ("De rol van de gemeente", "")],
    )
    start = timezone.localdate() + timedelta(days=10)
    cohort = cohort_create(
        programme=programme,
        name="Groep 3",
        sessions=[
            (start, time(9, 0), time(16, 30), "Gemeentehuis Almkerk"),
            (start + timedelta(days=7), time(9, 0), time(16, 30), "Gemeentehuis Almkerk"),
        ],
        trainer=joost.employee,
    )

    log_in(checked_page, "sanne", "samenspel-test")
    page = checked_page.goto("/werk/leergang/")
    page.get_by_role("link", name="Groep 3").click()
    checked_page.check()
    page.get_by_role("button", name="Inschrijven").click()
    checked_page.check()
    assert page.get_by_text("Sanne is ingeschreven.").is_visible()
    assert Enrolment.objects.get(employee=sanne.employee).status == "enrolled"
    _log_out(checked_page)

    # Ten days pass: the first session takes place today.
    first = cohort.sessions.first()
    cohort.sessions.filter(pk=first.pk).update(date=timezone.localdate())

    log_in(checked_page, "joost", "samenspel-test")
    page = checked_page.goto(f"/werk/leergang/groepen/{cohort.pk}/")
    page.get_by_role("link", name="Aanwezigheid vastleggen voor Kerngericht werken").click()
    checked_page.check()
    page.get_by_label("Sanne").select_option("present")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    checked_page.check()
    assert page.get_by_text("De aanwezigheid is opgeslagen.").is_visible()
    assert Attendance.objects.get().recorded_by == joost.employee
    _log_out(checked_page)

    log_in(checked_page, "sanne", "samenspel-test")
    page = checked_page.goto("/werk/leergang/")
    page.get_by_role(
        "link", name="Het nieuwe samenspel tussen overheid en samenleving: Groep 3"
    ).click()
    checked_page.check()
    assert page.get_by_role("cell", name="aanwezig", exact=True).is_visible()
    page.get_by_role("link", name=re.compile(r"^Evalueren.*Kerngericht werken$")).click()
    checked_page.check()
    page.get_by_role("button", name="Evaluatie versturen").click()  # no score yet
    checked_page.check()
    assert page.get_by_text("Kies een cijfer van 1 tot en met 5.").first.is_visible()
    page.get_by_label("Cijfer").select_option("4")
    page.get_by_label("Toelichting").fill("Mooie voorbeelden uit Almkerk.")
    page.get_by_role("button", name="Evaluatie versturen").click()
    checked_page.check()
    assert page.get_by_text("Dank u wel: uw evaluatie is opgeslagen.").is_visible()
    assert SessionEvaluation.objects.get().score == 4
