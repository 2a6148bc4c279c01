from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.learning.models import FinalEvaluation, SessionEvaluation
from samenspel.learning.services import (
    attendance_record,
    enrolment_create,
    final_evaluate,
    session_evaluate,
)


@pytest.fixture
def attended(make_cohort, make_employees):
    cohort = make_cohort(first_in_days=2)
    (employee,) = make_employees(1)
    enrolment = enrolment_create(cohort=cohort, employee=employee, actor=employee)
    sessions = list(cohort.sessions.all())
    later = timezone.now() + timedelta(days=40)
    attendance_record(
        session=sessions[0], statuses={enrolment.pk: "present"}, actor=None, now=later
    )
    attendance_record(session=sessions[1], statuses={enrolment.pk: "absent"}, actor=None, now=later)
    return enrolment, sessions, later


def test_participant_evaluates_a_session_they_attended(attended):
    enrolment, sessions, later = attended
    session_evaluate(enrolment=enrolment, session=sessions[0], score=4, text="Leerzaam", now=later)
    assert SessionEvaluation.objects.get().score == 4


def test_a_session_they_missed_cannot_be_evaluated(attended):
    enrolment, sessions, later = attended
    with pytest.raises(ValidationError):
        session_evaluate(enrolment=enrolment, session=sessions[1], score=4, now=later)
    assert not SessionEvaluation.objects.exists()


def test_a_session_is_evaluated_once(attended):
    enrolment, sessions, later = attended
    session_evaluate(enrolment=enrolment, session=sessions[0], score=4, now=later)
    with pytest.raises(ValidationError, match="al geëvalueerd"):
        session_evaluate(enrolment=enrolment, session=sessions[0], score=2, now=later)
    assert SessionEvaluation.objects.get().score == 4


def test_final_evaluation_waits_for_the_last_session(attended):
    enrolment, _sessions, later = attended
    with pytest.raises(ValidationError, match="na de laatste bijeenkomst"):
        final_evaluate(enrolment=enrolment, score=5, now=timezone.now())
    final_evaluate(enrolment=enrolment, score=5, text="Aanrader", now=later)
    assert FinalEvaluation.objects.get(enrolment=enrolment).text == "Aanrader"


def test_score_outside_one_to_five_is_refused(attended):
    enrolment, sessions, later = attended
    with pytest.raises(ValidationError):
        session_evaluate(enrolment=enrolment, session=sessions[0], score=6, now=later)
    assert not SessionEvaluation.objects.exists()
