import datetime

import pytest
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.organisation.tests.factories import DepartmentFactory
from samenspel.participation import services
from samenspel.participation.models import Duty
from samenspel.places.tests.factories import KernFactory

# Another department's people, for the "not theirs" cases.
OTHER_DEPARTMENT_SLUG = "sociaal-domein"


@pytest.fixture
def department(db):
    return DepartmentFactory(slug="ruimtelijke-ontwikkeling", name="Ruimtelijke Ontwikkeling")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(slug=OTHER_DEPARTMENT_SLUG, name="Sociaal Domein")


@pytest.fixture
def policy_employee(make_user, department):
    return make_user("beleidsmedewerker", Role.EMPLOYEE, department=department)


@pytest.fixture
def policy_manager(make_user, department):
    return make_user("afdelingsmanager", Role.MANAGER, department=department)


@pytest.fixture
def other_manager(make_user, other_department):
    return make_user("manager_elders", Role.MANAGER, department=other_department)


@pytest.fixture
def other_employee(make_user, other_department):
    return make_user("medewerker_elders", Role.EMPLOYEE, department=other_department)


@pytest.fixture
def team_member(make_user):
    return make_user("teamlid", Role.DEVELOPMENT_TEAM)


@pytest.fixture
def administrator(make_user):
    return make_user("beheerder", Role.ADMINISTRATOR)


@pytest.fixture
def policy_challenge(department):
    challenge = ChallengeFactory(
        title="Omgevingsvisie Altena 2040",
        kind=Challenge.Kind.POLICY,
        owner_department=department,
        government_role=Challenge.GovernmentRole.DIRECTING,
    )
    challenge.kernen.set([KernFactory(name="Woudrichem", slug="woudrichem")])
    return challenge


def decision_in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def requested_advice(policy_challenge, policy_employee):
    return services.advice_request(
        actor=policy_employee,
        challenge=policy_challenge,
        question="Hoe betrekken we de kernen bij de omgevingsvisie?",
        decision_date=decision_in(90),
        deciding_body="council",
    )


COMPLETE_ADVICE = {
    "affected": "Alle inwoners, ondernemers en dorpsraden; jongeren apart benaderen.",
    "ladder_level": "advise",
    "ladder_rationale": "De raad stelt kaders; inwoners adviseren over de keuzes per kern.",
    "government_role": "directing",
    "timing": "Drie avonden per cluster van kernen, uiterlijk vier maanden vóór het besluit.",
    "feedback": "Een verslag per avond en een reactienota bij het raadsvoorstel.",
    "evaluation": "Enquête onder deelnemers en een gesprek met de dorpsraden na het besluit.",
    "critical_remarks": "Let op: de visie mag geen papieren exercitie worden.",
}


def write_complete_advice(advice, actor):
    services.advice_update(
        advice=advice,
        actor=actor,
        duties=dict.fromkeys(Duty.values, (True, "Kennisgeving in het Gemeenteblad.")),
        **COMPLETE_ADVICE,
    )


@pytest.fixture
def given_advice(requested_advice, team_member):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    write_complete_advice(requested_advice, team_member)
    services.advice_transition(advice=requested_advice, to="given", actor=team_member)
    requested_advice.refresh_from_db()
    return requested_advice
