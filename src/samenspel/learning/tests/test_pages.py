"""What staff see and do on the learning pages, and how malformed input is answered."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.learning.models import Attendance, Enrolment, SessionEvaluation
from samenspel.learning.services import enrolment_create


@pytest.fixture
def trainer(make_user):
    return make_user("joost", Role.EMPLOYEE)


@pytest.fixture
def running(make_user, make_cohort, trainer):
    """A cohort that started yesterday, with Sanne enrolled."""
    cohort = make_cohort(first_in_days=-1, trainer=trainer.employee)
    user = make_user("sanne", Role.EMPLOYEE)
    enrolment = enrolment_create(
        cohort=cohort,
        employee=user.employee,
        actor=user.employee,
        now=timezone.now() - timedelta(days=3),
    )
    return user, enrolment, cohort.sessions.first()


def test_employee_enrols_themselves_from_the_cohort_page(client, make_user, make_cohort):
    cohort = make_cohort()
    client.force_login(make_user("sanne", Role.EMPLOYEE))
    response = client.post(reverse("learning:enrol", args=[cohort.pk]), follow=True)
    assert "Sanne is ingeschreven." in response.content.decode()
    assert Enrolment.objects.get().enrolled_by == Enrolment.EnrolledBy.SELF


def test_full_cohort_page_offers_the_waiting_list(client, make_user, make_cohort, make_employees):
    cohort = make_cohort(capacity=1)
    (seated,) = make_employees(1)
    enrolment_create(cohort=cohort, employee=seated, actor=seated)
    client.force_login(make_user("sanne", Role.EMPLOYEE))
    page = client.get(reverse("learning:cohort", args=[cohort.pk])).content.decode()
    assert "Op de wachtlijst zetten" in page
    response = client.post(reverse("learning:enrol", args=[cohort.pk]), follow=True)
    assert "De groep is vol: Sanne staat op de wachtlijst." in response.content.decode()


def test_trainer_records_attendance_for_the_session(client, trainer, running):
    _user, enrolment, session = running
    client.force_login(trainer)
    response = client.post(
        reverse("learning:attendance", args=[session.pk]), {f"p{enrolment.pk}": "present"}
    )
    assert response.status_code == 302
    recorded = Attendance.objects.get()
    assert recorded.status == "present"
    assert recorded.recorded_by == trainer.employee


def test_attendance_with_an_unknown_status_is_refused_in_dutch(client, trainer, running):
    _user, enrolment, session = running
    client.force_login(trainer)
    response = client.post(
        reverse("learning:attendance", args=[session.pk]), {f"p{enrolment.pk}": "gezellig"}
    )
    assert response.status_code == 400
    assert "Kies aanwezig, afwezig of afgemeld met reden." in response.content.decode()
    assert not Attendance.objects.exists()


def test_participant_evaluates_after_attending(client, trainer, running):
    user, enrolment, session = running
    client.force_login(trainer)
    client.post(reverse("learning:attendance", args=[session.pk]), {f"p{enrolment.pk}": "present"})
    client.force_login(user)
    url = reverse("learning:evaluate_session", args=[enrolment.pk, session.pk])
    response = client.post(url, {"score": "4", "text": "Goede dag"}, follow=True)
    assert "uw evaluatie is opgeslagen" in response.content.decode()
    assert SessionEvaluation.objects.get().text == "Goede dag"


def test_evaluation_with_a_score_of_nine_is_refused(client, trainer, running):
    user, enrolment, session = running
    client.force_login(trainer)
    client.post(reverse("learning:attendance", args=[session.pk]), {f"p{enrolment.pk}": "present"})
    client.force_login(user)
    url = reverse("learning:evaluate_session", args=[enrolment.pk, session.pk])
    response = client.post(url, {"score": "9"})
    assert response.status_code == 400
    assert "Kies een cijfer van 1 tot en met 5." in response.content.decode()
    assert 'aria-describedby="id_score_error"' in response.content.decode()
    assert not SessionEvaluation.objects.exists()


def test_own_record_page_shows_the_completion_rule(client, running):
    user, enrolment, _session = running
    client.force_login(user)
    page = client.get(reverse("learning:enrolment", args=[enrolment.pk])).content.decode()
    assert "op hooguit één na" in page


def test_index_lists_programmes_in_a_fixed_number_of_queries(
    client, make_user, make_cohort, make_employees, django_assert_max_num_queries
):
    for _ in range(3):
        cohort = make_cohort()
        for employee in make_employees(2):
            enrolment_create(cohort=cohort, employee=employee, actor=employee)
    client.force_login(make_user("sanne", Role.EMPLOYEE))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("learning:index"))
    assert response.content.decode().count("2 / 25") == 3


def test_unknown_cohort_is_not_found(client, make_user):
    client.force_login(make_user("sanne", Role.EMPLOYEE))
    assert client.get(reverse("learning:cohort", args=[999])).status_code == 404
