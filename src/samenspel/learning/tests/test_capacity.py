from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspel.learning.models import Enrolment
from samenspel.learning.services import enrolment_create


def test_a_cohort_has_25_seats_by_default(make_cohort, make_employees):
    cohort = make_cohort()
    statuses = [
        enrolment_create(cohort=cohort, employee=e, actor=e).status for e in make_employees(26)
    ]
    assert cohort.capacity == 25
    assert statuses.count("enrolled") == 25
    assert statuses[-1] == "waiting"


def test_the_same_employee_is_enrolled_once(make_cohort, make_employees):
    cohort = make_cohort()
    (employee,) = make_employees(1)
    enrolment_create(cohort=cohort, employee=employee, actor=employee)
    with pytest.raises(ValidationError, match="staat al bij deze groep"):
        enrolment_create(cohort=cohort, employee=employee, actor=employee)
    assert Enrolment.objects.filter(employee=employee).count() == 1


def test_enrolment_closes_when_the_cohort_starts(make_cohort, make_employees):
    cohort = make_cohort(first_in_days=3)
    (employee,) = make_employees(1)
    on_first_day = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="gesloten"):
        enrolment_create(cohort=cohort, employee=employee, actor=employee, now=on_first_day)
    assert not Enrolment.objects.exists()


def test_manager_enrolment_is_recorded_as_by_the_manager(make_cohort, make_employees):
    cohort = make_cohort()
    manager, employee = make_employees(2)
    enrolment = enrolment_create(cohort=cohort, employee=employee, actor=manager)
    assert enrolment.enrolled_by == Enrolment.EnrolledBy.MANAGER
    assert enrolment.enrolled_by_employee == manager
