"""A small organisation in which the best coalition can be worked out by hand."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.coalitions import services
from samenspel.organisation.models import Department, Employee, EmployeeSkill, Skill


def give_skills(employee: Employee, **levels: int) -> Employee:
    for name, level in levels.items():
        skill, _ = Skill.objects.get_or_create(name=name)
        EmployeeSkill.objects.create(employee=employee, skill=skill, level=level)
    return employee


@pytest.fixture
def org(make_user):
    """Three departments, a development-team coach, two managers and one challenge.

    Openbare Ruimte owns the challenge; it needs riolering (weight 3), participatie (2) and
    groen (1), 2 hours a week per member, 2 to 4 members, at most 2 per department.
    """
    public_space, _ = Department.objects.get_or_create(
        slug="openbare-ruimte", defaults={"name": "Openbare Ruimte"}
    )
    social = Department.objects.create(slug="sociaal-domein", name="Sociaal Domein")
    planning = Department.objects.create(slug="ruimte", name="Ruimtelijke Ordening")
    hours = {"weekly_hours_available": Decimal("8")}

    def person(username, *roles, department=public_space, **skills):
        user = make_user(username, *roles, department=department, **hours)
        return give_skills(user.employee, **skills)

    ns = SimpleNamespace(public_space=public_space, social=social, planning=planning)
    ns.owner = person("eigenaar", Role.EMPLOYEE, riolering=3)
    ns.gardener = person("hovenier", Role.EMPLOYEE, groen=2)
    ns.social_a = person("wijkcoach", Role.EMPLOYEE, department=social, participatie=3)
    ns.social_b = person("consulent", Role.EMPLOYEE, department=social, participatie=1)
    ns.planner = person("planner", Role.EMPLOYEE, department=planning, groen=3)
    ns.team = person("team", Role.DEVELOPMENT_TEAM, department=planning, participatie=2)
    ns.manager = make_user("manager", Role.MANAGER, department=public_space)
    ns.other_manager = make_user("manager_sd", Role.MANAGER, department=social)
    ns.admin = make_user("beheerder", Role.ADMINISTRATOR, department=public_space)
    ns.area = make_user("gebied", Role.AREA_DIRECTOR, department=planning)
    ns.challenge = ChallengeFactory(
        title="Wateroverlast in de Dorpsstraat", owner_department=public_space
    )
    ns.needs = services.needs_save(
        challenge=ns.challenge,
        actor=ns.team.user,
        hours_per_member=Decimal("2"),
        min_size=2,
        max_size=4,
        max_per_department=2,
        skills={
            Skill.objects.get(name="riolering"): 3,
            Skill.objects.get(name="participatie"): 2,
            Skill.objects.get(name="groen"): 1,
        },
        partner_kinds=["village_council"],
    )
    return ns
