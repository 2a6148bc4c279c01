"""Small hand-made histories for the insights tests."""

import datetime as dt
from zoneinfo import ZoneInfo

from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.coalitions.models import Coalition, Membership, MembershipEvent
from samenspel.knowledge.models import Tool, ToolUsage
from samenspel.learning.models import Cohort, Enrolment, Programme

AMS = ZoneInfo("Europe/Amsterdam")


def at(year: int, month: int, day: int = 15) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=AMS)


def coalition(*members, when: dt.datetime, department=None, team_role="none", roles=None):
    """A coalition whose colleagues all accepted at ``when``."""
    challenge = ChallengeFactory(owner_department=department, team_role=team_role)
    challenge.created_at = when
    challenge.save(update_fields=["created_at"])
    team = Coalition.objects.create(challenge=challenge)
    for index, employee in enumerate(members):
        role = (roles or {}).get(index, Membership.Role.MEMBER)
        membership = Membership.objects.create(
            coalition=team,
            employee=employee,
            role=role,
            status=Membership.Status.ACCEPTED,
            responded_at=when,
        )
        MembershipEvent.objects.create(
            membership=membership,
            employee=employee,
            kind=MembershipEvent.Kind.ACCEPTED,
            role=role,
            at=when,
        )
    return team


def tool_use(employee, when: dt.datetime, action: str = ToolUsage.Action.USED) -> ToolUsage:
    tool = Tool.objects.first() or Tool.objects.create(title="Buurtgesprek", body="Praat.")
    return ToolUsage.objects.create(tool=tool, employee=employee, action=action, at=when)


def completed(employee, when: dt.datetime, cohort_name: str = "Groep 1") -> Enrolment:
    programme, _ = Programme.objects.get_or_create(name="Leergang")
    cohort, _ = Cohort.objects.get_or_create(
        programme=programme,
        name=cohort_name,
        defaults={"start_date": when.date(), "end_date": when.date()},
    )
    return Enrolment.objects.create(
        employee=employee,
        cohort=cohort,
        status=Enrolment.Status.COMPLETED,
        enrolled_by=Enrolment.EnrolledBy.SELF,
        completed_at=when,
    )
