"""Reads of coalitions: capacity, the database-to-recommender adapter, candidates.

The recommender is pure (no Django); this module is the only place that turns rows into its
dataclasses, so the rules "available hours minus commitments" and "engaged before" live once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from samenspel.challenges.models import Challenge
from samenspel.challenges.workflow import OPEN_STATUSES
from samenspel.organisation.models import Employee, EmployeeSkill, Partner

from . import recommender
from .models import ACTIVE_STATUSES, LOAD_STATUSES, ChallengeNeeds, Coalition, Membership

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=6, decimal_places=1))
# Commitments end when the challenge is closed (handed over, done, evaluated, declined).
_OPEN_CHALLENGE = Q(memberships__coalition__challenge__status__in=OPEN_STATUSES)


def employees_with_capacity(queryset: QuerySet | None = None) -> QuerySet:
    """Employees annotated with committed, pending (awaiting approval) hours and load.

    committed: hours of accepted memberships on open challenges; they count against capacity.
    load: memberships that still ask something of the employee (invited, awaiting, accepted).
    """
    queryset = Employee.objects.all() if queryset is None else queryset
    accepted_before = Membership.objects.filter(
        employee=OuterRef("pk"), status=Membership.Status.ACCEPTED
    )
    return queryset.select_related("department").annotate(
        committed_hours=Coalesce(
            Sum(
                "memberships__hours_per_week",
                filter=_OPEN_CHALLENGE & Q(memberships__status=Membership.Status.ACCEPTED),
            ),
            ZERO,
        ),
        pending_hours=Coalesce(
            Sum(
                "memberships__hours_per_week",
                filter=_OPEN_CHALLENGE & Q(memberships__status=Membership.Status.AWAITING_APPROVAL),
            ),
            ZERO,
        ),
        load=Count(
            "memberships", filter=_OPEN_CHALLENGE & Q(memberships__status__in=LOAD_STATUSES)
        ),
        engaged=Exists(accepted_before),
    )


def remaining_hours(employee: Employee) -> Decimal:
    """Weekly hours still free for coalitions (needs the employees_with_capacity annotation)."""
    return max(Decimal("0"), employee.weekly_hours_available - employee.committed_hours)


def employee_with_capacity(*, pk: int) -> Employee | None:
    return employees_with_capacity(Employee.objects.filter(pk=pk)).first()


def department_capacity(*, department_id: int) -> list[Employee]:
    """Every active employee of one department with available, committed and pending hours."""
    return list(
        employees_with_capacity(
            Employee.objects.filter(department_id=department_id, active=True)
        ).order_by("name")
    )


def pending_approvals(*, department_id: int) -> QuerySet:
    return (
        Membership.objects.filter(
            employee__department_id=department_id,
            status=Membership.Status.AWAITING_APPROVAL,
        )
        .select_related("employee", "coalition__challenge")
        .order_by("responded_at", "id")
    )


def employee_commitments(*, employee: Employee) -> QuerySet:
    """The coalitions an employee is in or was asked for, newest first."""
    return (
        Membership.objects.filter(employee=employee)
        .exclude(status__in=[Membership.Status.PROPOSED, Membership.Status.REMOVED])
        .select_related("coalition__challenge")
        .order_by("-invited_at", "-id")
    )


def employee_skills(*, employee: Employee) -> QuerySet:
    return EmployeeSkill.objects.filter(employee=employee).select_related("skill")


def open_invitations(*, employee: Employee) -> QuerySet:
    return (
        Membership.objects.filter(employee=employee, status=Membership.Status.INVITED)
        .select_related("coalition__challenge")
        .order_by("invited_at", "id")
    )


def coalition_list() -> QuerySet:
    return (
        Coalition.objects.select_related("challenge", "challenge__owner_department")
        .annotate(
            accepted_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACCEPTED)
            ),
            open_count=Count("memberships", filter=Q(memberships__status__in=ACTIVE_STATUSES)),
        )
        .order_by("-created_at", "-id")
    )


def coalition_for_challenge(*, challenge: Challenge) -> Coalition | None:
    return Coalition.objects.filter(challenge=challenge).first()


def needs_for_challenge(*, challenge: Challenge) -> ChallengeNeeds | None:
    return (
        ChallengeNeeds.objects.filter(challenge=challenge)
        .prefetch_related(Prefetch("skills", to_attr="skill_list"))
        .first()
    )


def coalition_memberships(*, coalition: Coalition) -> list[Membership]:
    order = {role: i for i, role in enumerate(Membership.Role.values)}
    memberships = list(
        coalition.memberships.select_related("employee__department", "partner").order_by("id")
    )
    memberships.sort(key=lambda m: (not m.is_open, order[m.role], m.id))
    return memberships


def membership_by_token(*, token: str) -> Membership | None:
    if not token or len(token) > 64:
        return None
    return (
        Membership.objects.filter(response_token=token)
        .select_related("coalition__challenge", "employee", "partner")
        .first()
    )


def partners_with_history() -> QuerySet:
    return Partner.objects.prefetch_related("kernen").annotate(
        coalition_count=Count(
            "memberships", filter=Q(memberships__status=Membership.Status.ACCEPTED)
        )
    )


def partner_coalitions(*, partner: Partner) -> QuerySet:
    return (
        Membership.objects.filter(partner=partner)
        .exclude(status__in=[Membership.Status.PROPOSED, Membership.Status.REMOVED])
        .select_related("coalition__challenge")
        .order_by("-invited_at", "-id")
    )


# --------------------------------------------------------------------------- recommender input


def recommender_challenge(*, challenge: Challenge, needs: ChallengeNeeds) -> recommender.Challenge:
    skills = getattr(needs, "skill_list", None) or list(needs.skills.select_related("skill"))
    return recommender.Challenge(
        id=challenge.pk,
        owner_department=challenge.owner_department.name if challenge.owner_department else "",
        needs={need.skill.name: float(need.weight) for need in skills},
        hours_per_member=float(needs.hours_per_member),
        min_size=needs.min_size,
        max_size=needs.max_size,
        max_per_department=needs.max_per_department,
    )


def recommender_employees(
    *, coalition: Coalition | None = None, exclude_ids: Iterable[int] = ()
) -> list[recommender.Employee]:
    """Active employees as the recommender sees them.

    available_hours = weekly hours for coalitions minus hours of accepted memberships on open
    challenges; engaged_before = accepted in any other coalition before; load = memberships
    that still ask something of them.
    """
    queryset = Employee.objects.filter(active=True).exclude(pk__in=list(exclude_ids))
    engaged = Membership.objects.filter(employee=OuterRef("pk"), status=Membership.Status.ACCEPTED)
    if coalition is not None:
        engaged = engaged.exclude(coalition=coalition)
    rows = (
        employees_with_capacity(queryset)
        .annotate(engaged_elsewhere=Exists(engaged))
        .prefetch_related(
            Prefetch(
                "skill_levels",
                queryset=EmployeeSkill.objects.select_related("skill"),
                to_attr="levels",
            )
        )
        .order_by("pk")
    )
    return [to_recommender_employee(row) for row in rows]


def to_recommender_employee(row: Employee) -> recommender.Employee:
    return recommender.Employee(
        id=row.pk,
        department=row.department.name,
        skills={level.skill.name: level.level for level in row.levels},
        available_hours=float(remaining_hours(row)),
        development_team=row.is_development_team,
        engaged_before=bool(row.engaged_elsewhere),
        load=row.load,
    )


# --------------------------------------------------------------------------- marginal gain


@dataclass(frozen=True)
class Candidate:
    employee: recommender.Employee
    gain: int
    role: str
    reason: str
    reason_en: str


def marginal_gain(
    candidate: recommender.Employee,
    team: Sequence[recommender.Employee],
    challenge: recommender.Challenge,
) -> int:
    """What adding `candidate` adds to the recommender's objective for `team`.

    The same terms as recommender.Problem.objective, so a refill picks the colleague the
    recommender would value most next to the members who already said yes.
    """
    points = recommender.need_points(challenge.needs)
    gain = 0
    for skill, weight_points in points.items():
        have = max((member.skills.get(skill, 0) for member in team), default=0)
        level = candidate.skills.get(skill, 0)
        if level > have:
            gain += weight_points * (level - have)
    if candidate.department not in {member.department for member in team}:
        gain += recommender.DEPARTMENT_POINTS
    if not candidate.engaged_before:
        gain += recommender.NEWCOMER_POINTS
    return gain - recommender.load_cost(candidate.load)


def describe_pick(
    candidate: recommender.Employee,
    team: Sequence[recommender.Employee],
    challenge: recommender.Challenge,
    role: str,
) -> tuple[str, str]:
    """A plain-Dutch reason (and its English) in the recommender's own wording."""
    nl: list[str] = []
    en: list[str] = []
    points = recommender.need_points(challenge.needs)
    held = sorted(
        ((s, lvl) for s, lvl in candidate.skills.items() if s in points),
        key=lambda item: (-points[item[0]], item[0]),
    )
    for skill, level in held:
        have = max((member.skills.get(skill, 0) for member in team), default=0)
        if level > have:
            nl.append(f"dekt {skill} (niveau {level})")
            en.append(f"covers {skill} (level {level})")
        else:
            nl.append(f"ook {skill} (niveau {level})")
            en.append(f"also {skill} (level {level})")
    if candidate.engaged_before:
        nl.append("heeft eerder in een coalitie gewerkt")
        en.append("has worked in a coalition before")
    else:
        nl.append("nog niet eerder in een coalitie")
        en.append("not in a coalition before")
    if candidate.load:
        nl.append(f"zit al in {candidate.load} coalitie(s)")
        en.append(f"already in {candidate.load} coalition(s)")
    nl.append(f"afdeling {candidate.department}")
    en.append(f"department {candidate.department}")
    if role == recommender.ROLE_OWNER:
        nl.append("eigenaar namens de eigenaarsafdeling")
        en.append("owner for the owner department")
    elif role == recommender.ROLE_COACH:
        nl.append("coach vanuit het ontwikkelteam, geen eigenaar")
        en.append("coach from the development team, not the owner")
    return "; ".join(nl), "; ".join(en)


def rank_candidates(
    *,
    pool: Sequence[recommender.Employee],
    team: Sequence[recommender.Employee],
    challenge: recommender.Challenge,
    has_owner: bool,
    limit: int | None = None,
) -> list[Candidate]:
    """Who could join `team` next without breaking a hard rule, best marginal gain first.

    Hard rules as in the recommender: enough hours, a needed skill or the owner department,
    at most `max_per_department` per department, at most one development-team member (coach
    only). Without an owner only owner-department colleagues outside the team qualify.
    """
    per_department: dict[str, int] = {}
    for member in team:
        per_department[member.department] = per_department.get(member.department, 0) + 1
    has_dev = any(member.development_team for member in team)
    needed = set(challenge.needs)
    ranked: list[Candidate] = []
    for employee in pool:
        if employee.available_hours < challenge.hours_per_member:
            continue
        in_owner_department = employee.department == challenge.owner_department
        if not in_owner_department and needed.isdisjoint(employee.skills):
            continue
        if per_department.get(employee.department, 0) >= challenge.max_per_department:
            continue
        if employee.development_team and has_dev:
            continue
        if not has_owner and (not in_owner_department or employee.development_team):
            continue
        if not has_owner:
            role = recommender.ROLE_OWNER
        elif employee.development_team:
            role = recommender.ROLE_COACH
        else:
            role = recommender.ROLE_MEMBER
        nl, en = describe_pick(employee, team, challenge, role)
        ranked.append(Candidate(employee, marginal_gain(employee, team, challenge), role, nl, en))
    ranked.sort(key=lambda c: (-c.gain, recommender.id_order(c.employee.id)))
    return ranked[:limit] if limit is not None else ranked
