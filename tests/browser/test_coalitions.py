"""A team member builds a coalition; an invitee says yes from the e-mail link; capacity moves."""

import re
from decimal import Decimal

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.coalitions.models import Membership
from samenspel.notifications.models import OutboxMessage
from samenspel.organisation.models import Department, EmployeeSkill, Skill

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _colleague(make_user, username, department, **skills):
    employee = make_user(
        username, Role.EMPLOYEE, department=department, weekly_hours_available=Decimal("8")
    ).employee
    for name, level in skills.items():
        skill, _ = Skill.objects.get_or_create(name=name)
        EmployeeSkill.objects.create(employee=employee, skill=skill, level=level)
    return employee


def test_team_member_builds_a_coalition_and_the_invitee_accepts_by_email(checked_page, make_user):
    public_space = Department.objects.create(slug="openbare-ruimte", name="Openbare Ruimte")
    social = Department.objects.create(slug="sociaal-domein", name="Sociaal Domein")
    planning = Department.objects.create(slug="ruimte", name="Ruimtelijke Ordening")
    make_user("team", Role.DEVELOPMENT_TEAM, department=planning)
    _colleague(make_user, "eigenaar", public_space, riolering=3)
    _colleague(make_user, "hovenier", public_space, groen=2)
    invitee = _colleague(make_user, "wijkcoach", social, participatie=3)
    _colleague(make_user, "consulent", social, participatie=1)
    _colleague(make_user, "planner", planning, groen=3)
    challenge = ChallengeFactory(title="Wateroverlast Dorpsstraat", owner_department=public_space)
    log_in(checked_page, "team", "samenspel-test")

    page = checked_page.goto(f"/werk/opgaven/{challenge.pk}/")
    page.get_by_role("link", name="Naar de coalitie").click()
    checked_page.check()
    for row, (skill, weight) in enumerate([("riolering", "3"), ("participatie", "2")]):
        page.get_by_label(f"Vaardigheid {row + 1}", exact=True).select_option(label=skill)
        page.get_by_label(f"Gewicht {row + 1}", exact=True).select_option(weight)
    page.get_by_label("Vaardigheid 3", exact=True).select_option(label="groen")
    page.get_by_label("Uren per week per lid").fill("2")
    page.get_by_label("Minimale omvang").fill("2")
    page.get_by_label("Maximale omvang").fill("4")
    page.get_by_label("Hoogstens per afdeling").fill("2")
    page.get_by_role("button", name="Behoefte opslaan").click()
    page.get_by_text("De behoefte van de opgave is opgeslagen.").wait_for()
    checked_page.check()

    page.get_by_role("button", name="Stel coalitie voor").click()
    page.get_by_text("Voorstel met 4 collega's gemaakt").wait_for()
    checked_page.check()
    team = page.get_by_role("table", name="Leden van de coalitie")
    assert "CP-SAT" in page.content()
    assert "dekt participatie (niveau 3)" in team.inner_text()

    page.get_by_label("Lid", exact=True).select_option(label="Hovenier (lid)")
    page.get_by_label("Wissel met").select_option(label="Consulent (Sociaal Domein)")
    page.get_by_role("button", name="Wissel", exact=True).click()
    page.get_by_text("Hovenier is gewisseld met Consulent.").wait_for()
    checked_page.check()

    page.get_by_role("button", name="Verstuur uitnodigingen").click()
    page.get_by_text("4 uitnodiging(en) verstuurd.").wait_for()
    checked_page.check()
    assert "uitgenodigd" in team.inner_text()
    page.get_by_role("button", name="Uitloggen").click()
    checked_page.check()

    body = OutboxMessage.objects.get(to=invitee.email).body
    link = re.search(r"https?://\S+(/werk/coalities/uitnodiging/\S+/)", body).group(1)
    page = checked_page.goto(link)
    assert "Wateroverlast Dorpsstraat" in page.content()
    page.get_by_role("button", name="Ja, ik doe mee").click()
    page.get_by_text("u doet mee aan deze coalitie").wait_for()
    checked_page.check()
    assert Membership.objects.get(employee=invitee).status == Membership.Status.ACCEPTED

    log_in(checked_page, "team", "samenspel-test")
    page = checked_page.goto(f"/werk/organisatie/capaciteit/{social.pk}/")
    row = page.get_by_role("row", name=re.compile("Wijkcoach"))
    # 8 hours available, 2 committed, nothing pending, 6 still free.
    assert row.get_by_role("cell").all_inner_texts()[1:] == ["8", "2", "0", "6"]
