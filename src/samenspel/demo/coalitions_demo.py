"""Demo data of the coalitions: past teams, so the insights dashboard has a snowball to show.

For every challenge that got as far as a team (forming and later), a coalition with accepted
colleagues: the owner, two to four members who mostly come from the owner department, and a
development-team coach when the team's role was coaching or facilitating. Earlier colleagues
are re-invited now and then and newcomers join, so reach and the generations grow over the
two years of the demo. Deterministic (its own seeded generator, rows in id order) and
idempotent (a challenge that has a coalition is left alone). Written with bulk_create for the
same reason as the rest of the history: the services stamp "now" and e-mail every invitee.

At the end the insights ledger is synced and the network snapshots are computed, so the
dashboard shows figures straight after loading, without waiting for the worker.
"""

import random
from datetime import datetime, timedelta

from samenspel.challenges.models import Challenge
from samenspel.challenges.workflow import Status
from samenspel.coalitions.models import Coalition, Membership, MembershipEvent
from samenspel.organisation.models import Employee

SEED = 2024_06_01
TEAM_STATUSES = (
    Status.FORMING,
    Status.ACTIVE,
    Status.ON_HOLD,
    Status.HANDED_OVER,
    Status.DONE,
    Status.EVALUATED,
)
COACHING = (Challenge.TeamRole.COACH, Challenge.TeamRole.FACILITATE)


def coalitions_demo_load(*, anchor: datetime) -> dict[str, int]:
    rng = random.Random(SEED)
    challenges = list(
        Challenge.objects.filter(status__in=TEAM_STATUSES, coalition__isnull=True)
        .select_related("owner")
        .order_by("created_at", "id")
    )
    employees = list(Employee.objects.filter(active=True).order_by("name", "id"))
    team = [e for e in employees if e.is_development_team]
    colleagues = [e for e in employees if not e.is_development_team]
    if not challenges or not colleagues:
        return {"coalitions": 0, "memberships": 0}
    veterans: list[Employee] = []
    memberships: list[tuple[Coalition, Employee, str, datetime]] = []
    coalitions = 0
    for challenge in challenges:
        coalition = Coalition.objects.create(challenge=challenge)
        coalitions += 1
        start = challenge.created_at + timedelta(days=rng.randint(7, 30))
        start = min(start, anchor - timedelta(days=1))
        chosen: dict[int, tuple[Employee, str]] = {}
        if challenge.owner_id and not challenge.owner.is_development_team:
            chosen[challenge.owner_id] = (challenge.owner, Membership.Role.OWNER)
        own = [e for e in colleagues if e.department_id == challenge.owner_department_id]
        for _ in range(rng.randint(2, 4)):
            if veterans and rng.random() < 0.35:
                pick = rng.choice(veterans)
            elif own and rng.random() < 0.6:
                pick = rng.choice(own)
            else:
                pick = rng.choice(colleagues)
            chosen.setdefault(pick.pk, (pick, Membership.Role.MEMBER))
        if challenge.team_role in COACHING and team:
            coach = rng.choice(team)
            chosen.setdefault(coach.pk, (coach, Membership.Role.COACH))
        for employee, role in chosen.values():
            joined = start + timedelta(hours=rng.randint(2, 96))
            memberships.append((coalition, employee, role, min(joined, anchor)))
            if employee in colleagues and employee not in veterans:
                veterans.append(employee)
    rows = Membership.objects.bulk_create(
        [
            Membership(
                coalition=coalition,
                employee=employee,
                role=role,
                status=Membership.Status.ACCEPTED,
                hours_per_week=2,
                invited_at=joined - timedelta(hours=2),
                responded_at=joined,
            )
            for coalition, employee, role, joined in memberships
        ]
    )
    MembershipEvent.objects.bulk_create(
        [
            MembershipEvent(
                membership=row,
                employee=row.employee,
                kind=MembershipEvent.Kind.ACCEPTED,
                role=row.role,
                at=row.responded_at,
            )
            for row in rows
        ]
    )
    from samenspel.insights.services import insights_snapshot_network, insights_sync_ledger

    insights_sync_ledger()
    insights_snapshot_network(today=anchor.date(), max_quarters=12)
    return {"coalitions": coalitions, "memberships": len(rows)}
