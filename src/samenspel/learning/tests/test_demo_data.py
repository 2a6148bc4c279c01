"""The demo's learning programme: the 2019 cohort with its history and a planned cohort."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone

from samenspel.demo.learning_demo import PROGRAMME_NAME, learning_demo_load
from samenspel.demo.services import demo_load
from samenspel.learning.models import (
    Attendance,
    Cohort,
    Enrolment,
    FinalEvaluation,
    Programme,
    SessionEvaluation,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_load()
        transaction.set_rollback(True)


@pytest.fixture
def cohorts(demo, db):
    first, second = Cohort.objects.filter(programme__name=PROGRAMME_NAME).order_by("start_date")
    return first, second


def test_demo_programme_has_four_days(cohorts):
    programme = Programme.objects.get(name=PROGRAMME_NAME)
    assert programme.days.count() == 4
    assert all(cohort.sessions.count() == 4 for cohort in cohorts)


def test_first_cohort_of_25_ran_at_the_end_of_2019_with_attendance(cohorts):
    first, _second = cohorts
    assert (first.start_date, first.end_date) == (date(2019, 10, 3), date(2019, 12, 12))
    assert first.enrolments.count() == 25
    assert Attendance.objects.filter(session__cohort=first).count() == 100
    completed = first.enrolments.filter(status=Enrolment.Status.COMPLETED)
    assert 18 <= completed.count() <= 25
    assert all(e.completed_at.year == 2019 for e in completed)


def test_first_cohort_has_session_and_final_evaluations(cohorts):
    first, _second = cohorts
    assert SessionEvaluation.objects.filter(session__cohort=first).count() >= 50
    assert FinalEvaluation.objects.filter(enrolment__cohort=first).count() >= 10


def test_demo_employee_can_read_her_own_2019_record(cohorts):
    first, _second = cohorts
    assert first.enrolments.filter(employee__user__username="medewerker").exists()


def test_second_cohort_is_planned_and_full_with_a_waiting_list(cohorts):
    _first, second = cohorts
    assert second.start_date > timezone.localdate()
    assert second.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == 25
    assert second.enrolments.filter(status=Enrolment.Status.WAITING).count() == 4


def test_loading_the_learning_demo_again_creates_nothing(cohorts, demo):
    before = (Cohort.objects.count(), Enrolment.objects.count(), Attendance.objects.count())
    learning_demo_load(anchor=timezone.now())
    assert (Cohort.objects.count(), Enrolment.objects.count(), Attendance.objects.count()) == before
