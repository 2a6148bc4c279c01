from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.learning.models import Enrolment
from samenspel.learning.services import enrolment_cancel, enrolment_create
from samenspel.notifications.models import OutboxMessage


def _enrol_all(cohort, employees, start=None):
    start = start or timezone.now()
    return [
        enrolment_create(cohort=cohort, employee=e, actor=e, now=start + timedelta(minutes=index))
        for index, e in enumerate(employees)
    ]


def test_enrolments_beyond_capacity_go_on_the_waiting_list(make_cohort, make_employees):
    cohort = make_cohort(capacity=2)
    enrolments = _enrol_all(cohort, make_employees(4))
    assert [e.status for e in enrolments] == ["enrolled", "enrolled", "waiting", "waiting"]


def test_cancellation_promotes_the_first_person_on_the_waiting_list(make_cohort, make_employees):
    cohort = make_cohort(capacity=2)
    first, _second, waiting_first, waiting_second = _enrol_all(cohort, make_employees(4))

    promoted = enrolment_cancel(enrolment=first)

    assert [e.pk for e in promoted] == [waiting_first.pk]
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == Enrolment.Status.ENROLLED
    assert waiting_second.status == Enrolment.Status.WAITING


def test_promoted_person_is_mailed_through_the_outbox(make_cohort, make_employees):
    cohort = make_cohort(capacity=1)
    first, waiting = _enrol_all(cohort, make_employees(2))

    enrolment_cancel(enrolment=first)

    mail = OutboxMessage.objects.filter(to=waiting.employee.email).order_by("id").last()
    assert mail.subject == "Er is een plaats vrij: u bent ingeschreven"
    assert cohort.name in mail.body


def test_leaving_the_waiting_list_promotes_nobody(make_cohort, make_employees):
    cohort = make_cohort(capacity=1)
    _seated, waiting_first, waiting_second = _enrol_all(cohort, make_employees(3))

    assert enrolment_cancel(enrolment=waiting_first) == []
    waiting_second.refresh_from_db()
    assert waiting_second.status == Enrolment.Status.WAITING


def test_enrolling_again_after_cancelling_joins_the_back_of_the_queue(make_cohort, make_employees):
    cohort = make_cohort(capacity=1)
    start = timezone.now()
    seated, waiting, returning = _enrol_all(cohort, make_employees(3), start=start)
    enrolment_cancel(enrolment=returning)

    again = enrolment_create(
        cohort=cohort,
        employee=returning.employee,
        actor=returning.employee,
        now=start + timedelta(hours=1),
    )
    enrolment_cancel(enrolment=seated)

    waiting.refresh_from_db()
    assert again.pk == returning.pk, "the record is re-used, not stored twice"
    assert waiting.status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.get(pk=again.pk).status == Enrolment.Status.WAITING


def test_cancelled_enrolment_cannot_be_cancelled_twice(make_cohort, make_employees):
    cohort = make_cohort(capacity=1)
    (enrolment,) = _enrol_all(cohort, make_employees(1))
    enrolment_cancel(enrolment=enrolment)
    with pytest.raises(ValidationError):
        enrolment_cancel(enrolment=enrolment)
