import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.services import challenge_create
from samenspel.organisation.models import Department

from .factories import FollowedSignalFactory


@pytest.fixture
def department(db):
    return Department.objects.get_or_create(
        slug="openbare-ruimte", defaults={"name": "Openbare Ruimte"}
    )[0]


@pytest.fixture
def challenge(users, department):
    """A public challenge owned by Openbare Ruimte, with one followed signal."""
    signal = FollowedSignalFactory(
        text="Het bankje bij de kerk is vernield.", reporter__name="Jannie van Wijk"
    )
    return challenge_create(
        actor=users[Role.DEVELOPMENT_TEAM],
        title="Ontmoetingsplek bij de kerk",
        summary="Een plek waar jong en oud elkaar treffen.",
        signals=[signal],
        owner_department=department,
    )
