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
def team(users):
    return users[Role.DEVELOPMENT_TEAM]


@pytest.fixture
def staff_client(client, team):
    """The test client, logged in as a member of the development team."""
    client.force_login(team)
    return client


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


@pytest.fixture
def criteria(db):
    """Three criteria with round weights instead of the shipped defaults, for hand-checked
    numbers: urgency (team, weight 3), reach (computed, weight 1), equity (computed, 1)."""
    from decimal import Decimal

    from samenspel.challenges.models import PriorityCriterion

    PriorityCriterion.objects.all().delete()
    return {
        "urgency": PriorityCriterion.objects.create(
            name="Urgentie", weight=Decimal(3), scale=5, order=1
        ),
        "energy": PriorityCriterion.objects.create(
            name="Energie in de gemeenschap", weight=Decimal(0), scale=5, order=2
        ),
        "reach": PriorityCriterion.objects.create(
            name="Aantal inwoners en signalen",
            kind="computed",
            computation="reach",
            weight=Decimal(1),
            scale=5,
            order=3,
        ),
        "equity": PriorityCriterion.objects.create(
            name="Gelijkwaardigheid tussen kernen",
            kind="computed",
            computation="equity",
            weight=Decimal(1),
            scale=5,
            order=4,
        ),
    }
