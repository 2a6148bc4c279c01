from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.learning.completion import meets_completion_rule
from samenspel.learning.models import Enrolment
from samenspel.learning.services import attendance_record, enrolment_complete, enrolment_create


@pytest.mark.parametrize(
    ("statuses", "completed"),
    [
        (["present"] * 4, True),
        (["present", "excused", "present", "present"], True),
        (["present", "excused", "excused", "present"], False),
        (["present", "absent", "present", "present"], False),
        (["present", "present", "present", None], False),
        (["excused"], False),
        ([], False),
    ],
)
def test_completion_rule_allows_at_most_one_excused_session(statuses, completed):
    assert meets_completion_rule(statuses) is completed


@pytest.fixture
def participant(make_cohort, make_employees):
    cohort = make_cohort(first_in_days=2)
    (employee,) = make_employees(1)
    enrolment = enrolment_create(cohort=cohort, employee=employee, actor=employee)
    return enrolment, list(cohort.sessions.all())


def _after_the_last_session():
    return timezone.now() + timedelta(days=40)


def test_recording_the_last_attendance_completes_the_programme(participant):
    enrolment, sessions = participant
    later = _after_the_last_session()
    for session, status in zip(sessions, ["present", "excused", "present", "present"], strict=True):
        attendance_record(session=session, statuses={enrolment.pk: status}, actor=None, now=later)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_at == later


def test_correcting_attendance_to_absent_undoes_completion(participant):
    enrolment, sessions = participant
    later = _after_the_last_session()
    for session in sessions:
        attendance_record(
            session=session, statuses={enrolment.pk: "present"}, actor=None, now=later
        )
    attendance_record(session=sessions[1], statuses={enrolment.pk: "absent"}, actor=None, now=later)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.completed_at is None


def test_trainer_declares_completion_despite_an_absence(participant):
    enrolment, sessions = participant
    later = _after_the_last_session()
    attendance_record(session=sessions[0], statuses={enrolment.pk: "absent"}, actor=None, now=later)
    enrolment_complete(enrolment=enrolment, now=later)
    attendance_record(session=sessions[1], statuses={enrolment.pk: "absent"}, actor=None, now=later)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.completed_by_trainer


def test_attendance_cannot_be_recorded_before_the_session(participant):
    enrolment, sessions = participant
    with pytest.raises(ValidationError, match="op de dag zelf"):
        attendance_record(session=sessions[0], statuses={enrolment.pk: "present"}, actor=None)
