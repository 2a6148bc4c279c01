"""Fixtures of the learning programme: the four-day programme and cohorts around today."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from samenspel.learning.services import cohort_create, programme_create
from samenspel.organisation.models import Department
from samenspel.organisation.tests.factories import EmployeeFactory

DAYS = [
    ("Kerngericht werken", "Waarom en hoe."),
    ("De rol van de gemeente", "Loslaten, faciliteren, stimuleren, regisseren, reguleren."),
    ("Samen met partners", "Gelegenheidscoalities."),
    ("Terugblik en vooruitblik", "Wat neem je mee?"),
]


@pytest.fixture
def programme(db):
    return programme_create(
        name="Het nieuwe samenspel tussen overheid en samenleving",
        description="Vier dagen over samenwerken met inwoners.",
        days=DAYS,
    )


@pytest.fixture
def department(db):
    return Department.objects.get_or_create(
        slug="openbare-ruimte", defaults={"name": "Openbare Ruimte"}
    )[0]


@pytest.fixture
def make_cohort(programme):
    """A cohort whose first session is `first_in_days` from today, one session a week."""
    counter = iter(range(1, 1000))

    def make(first_in_days: int = 14, *, capacity: int = 25, trainer=None, trainer_name=""):
        today = timezone.localdate()
        sessions = [
            (today + timedelta(days=first_in_days + 7 * week), time(9, 0), time(16, 30), "Almkerk")
            for week in range(4)
        ]
        return cohort_create(
            programme=programme,
            name=f"Groep {next(counter)}",
            sessions=sessions,
            capacity=capacity,
            trainer=trainer,
            trainer_name=trainer_name or ("" if trainer else "Trainer van buiten"),
        )

    return make


@pytest.fixture
def make_employees(department):
    def make(count: int, *, department=department):
        return [EmployeeFactory(department=department) for _ in range(count)]

    return make
