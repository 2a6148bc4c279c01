import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ThemeFactory
from samenspel.organisation.models import Employee
from samenspel.places.tests.factories import KernFactory

from .factories import make_challenge


@pytest.fixture
def owner(make_user):
    """An employee of Openbare Ruimte who owns the challenge below."""
    return make_user("eigenaar", Role.EMPLOYEE)


@pytest.fixture
def done_challenge(owner):
    challenge = make_challenge(
        title="Speeltuin Sleeuwijk vernieuwd",
        summary="Samen met ouders een nieuwe speeltuin ingericht.",
        owner=Employee.objects.get(user=owner),
        owner_department=Employee.objects.get(user=owner).department,
    )
    challenge.kernen.set([KernFactory(name="Sleeuwijk", slug="sleeuwijk")])
    challenge.themes.set([ThemeFactory(name="Spelen", slug="spelen")])
    return challenge
