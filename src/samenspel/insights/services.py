"""Writes of the insights app: the engagement ledger, its aggregates and network snapshots.

The ledger is filled from the facts other apps already record, by watermark: every run reads
only what is new since the last one, so the worker can run it every interval and the
dashboard can run it when it is stale. Each fact has a source key ("membership:12"), unique
in the ledger, so running twice, or two workers at once, never counts a fact twice.

Sources and their watermarks:

* coalitions.MembershipEvent "accepted" (append-only, by id): joined a coalition, coached
  (role coach) or led the challenge (role owner);
* challenges.ChallengeEvent (append-only, by id): the challenge's owner led it, also when
  the owner was set after the challenge was created; one "led" fact per challenge;
* knowledge.ToolUsage (by id): used or downloaded a tool (merely opening one is reading);
* knowledge.Lesson (by id): wrote a lesson;
* learning.Enrolment with ``completed_at``: completion is a change of an existing row, which
  an id watermark cannot see, so these are compared as a set (a few thousand at most).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count, F, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.coalitions.models import Membership, MembershipEvent
from samenspel.intake.models import Signal
from samenspel.knowledge.models import Lesson, ToolUsage
from samenspel.learning.models import Enrolment
from samenspel.organisation.models import Employee

from . import network
from .models import (
    COALITION_KINDS,
    ChallengeMonth,
    CoalitionMonth,
    EngagementEvent,
    EngagementKind,
    FirstEngagement,
    MonthlyDepartmentStat,
    NetworkSnapshot,
    ResponseMonth,
    SyncState,
)

# The development team's roles that leave a challenge to its owners (design §5).
SELF_RELIANT_ROLES = (Challenge.TeamRole.NONE, Challenge.TeamRole.ADVISE)
LOCK_SOURCE = "ledger"
BATCH = 2000
ROLE_KINDS = {
    Membership.Role.OWNER: EngagementKind.LED_CHALLENGE,
    Membership.Role.COACH: EngagementKind.COACHED,
    Membership.Role.MEMBER: EngagementKind.JOINED_COALITION,
}
# Betweenness is estimated from a seeded sample of sources above this size (Brandes & Pich).
EXACT_BETWEENNESS_UP_TO = 800
SAMPLED_SOURCES = 300


@dataclass(frozen=True)
class Fact:
    employee_id: int
    kind: str
    at: dt.datetime
    source: str


@dataclass(frozen=True)
class SyncResult:
    created: int
    seconds: float


def month_of(moment: dt.datetime | dt.date) -> dt.date:
    """First day of the month in the municipality's time zone."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def quarter_of(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _state(source: str) -> SyncState:
    state, _ = SyncState.objects.select_for_update().get_or_create(source=source)
    return state


def _membership_facts(state: SyncState) -> list[Fact]:
    rows = list(
        MembershipEvent.objects.filter(
            id__gt=state.watermark, kind=MembershipEvent.Kind.ACCEPTED, employee__isnull=False
        )
        .order_by("id")
        .values_list(
            "id",
            "employee_id",
            "role",
            "at",
            "membership_id",
            "membership__coalition__challenge_id",
        )
    )
    facts = []
    for _event_id, employee_id, role, at, membership_id, challenge_id in rows:
        kind = ROLE_KINDS.get(role)
        if kind is None:
            continue
        # One "led" fact per challenge, whether it came from the coalition or the challenge.
        source = f"led:{challenge_id}" if kind == EngagementKind.LED_CHALLENGE else None
        facts.append(Fact(employee_id, kind, at, source or f"membership:{membership_id}"))
    if rows:
        state.watermark = rows[-1][0]
    return facts


def _challenge_owner_facts(state: SyncState) -> list[Fact]:
    latest = (
        ChallengeEvent.objects.filter(id__gt=state.watermark)
        .values("challenge_id")
        .annotate(first=Min("created_at"))
    )
    first_seen = {row["challenge_id"]: row["first"] for row in latest}
    if not first_seen:
        return []
    top = (
        ChallengeEvent.objects.filter(id__gt=state.watermark)
        .order_by("-id")
        .values_list("id", flat=True)[:1]
    )
    facts = []
    ids = list(first_seen)
    for begin in range(0, len(ids), BATCH):
        owned = Challenge.objects.filter(
            id__in=ids[begin : begin + BATCH], owner__isnull=False
        ).values_list("id", "owner_id", "created_at")
        for challenge_id, owner_id, created_at in owned:
            at = max(created_at, first_seen[challenge_id])
            facts.append(Fact(owner_id, EngagementKind.LED_CHALLENGE, at, f"led:{challenge_id}"))
    state.watermark = top[0]
    return facts


def _tool_facts(state: SyncState) -> list[Fact]:
    rows = list(
        ToolUsage.objects.filter(id__gt=state.watermark)
        .order_by("id")
        .values_list("id", "employee_id", "action", "at")
    )
    if rows:
        state.watermark = rows[-1][0]
    used = {ToolUsage.Action.USED, ToolUsage.Action.DOWNLOADED}
    return [
        Fact(employee_id, EngagementKind.USED_TOOL, at, f"tool_usage:{usage_id}")
        for usage_id, employee_id, action, at in rows
        if action in used
    ]


def _lesson_facts(state: SyncState) -> list[Fact]:
    rows = list(
        Lesson.objects.filter(id__gt=state.watermark)
        .order_by("id")
        .values_list("id", "author_id", "created_at")
    )
    if rows:
        state.watermark = rows[-1][0]
    return [
        Fact(author_id, EngagementKind.WROTE_LESSON, at, f"lesson:{lesson_id}")
        for lesson_id, author_id, at in rows
        if author_id is not None
    ]


def _completion_facts() -> list[Fact]:
    recorded = {
        int(source.split(":", 1)[1])
        for source in EngagementEvent.objects.filter(
            kind=EngagementKind.COMPLETED_PROGRAMME
        ).values_list("source", flat=True)
    }
    rows = Enrolment.objects.filter(completed_at__isnull=False).values_list(
        "id", "employee_id", "completed_at"
    )
    return [
        Fact(employee_id, EngagementKind.COMPLETED_PROGRAMME, at, f"enrolment:{enrolment_id}")
        for enrolment_id, employee_id, at in rows
        if enrolment_id not in recorded
    ]


def _ingest(facts: Iterable[Fact]) -> int:
    """Store the facts not yet in the ledger and fold them into the aggregates."""
    unique: dict[str, Fact] = {}
    for fact in facts:
        kept = unique.get(fact.source)
        if kept is None or fact.at < kept.at:
            unique[fact.source] = fact
    keys = list(unique)
    for begin in range(0, len(keys), BATCH):
        chunk = keys[begin : begin + BATCH]
        for source in EngagementEvent.objects.filter(source__in=chunk).values_list(
            "source", flat=True
        ):
            unique.pop(source, None)
    if not unique:
        return 0
    new = sorted(unique.values(), key=lambda f: f.at)
    employee_ids = sorted({f.employee_id for f in new})
    departments: dict[int, int] = {}
    for begin in range(0, len(employee_ids), BATCH):
        departments.update(
            Employee.objects.filter(id__in=employee_ids[begin : begin + BATCH]).values_list(
                "id", "department_id"
            )
        )
    rows = [
        EngagementEvent(
            employee_id=f.employee_id,
            department_id=departments[f.employee_id],
            kind=f.kind,
            at=f.at,
            source=f.source,
        )
        for f in new
        if f.employee_id in departments
    ]
    EngagementEvent.objects.bulk_create(rows, batch_size=BATCH)
    events: dict[tuple[dt.date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        cell = events[(month_of(row.at), row.department_id)]
        cell[0] += 1
        cell[1] += row.kind in COALITION_KINDS
    # Reach counts employees: move the first engagement when an older fact arrives late.
    earliest: dict[int, EngagementEvent] = {}
    for row in rows:
        if row.employee_id not in earliest:
            earliest[row.employee_id] = row
    known = {}
    ids = list(earliest)
    for begin in range(0, len(ids), BATCH):
        known.update(
            FirstEngagement.objects.in_bulk(ids[begin : begin + BATCH], field_name="employee_id")
        )
    created = []
    for employee_id, row in earliest.items():
        first = known.get(employee_id)
        if first is None:
            created.append(
                FirstEngagement(employee_id=employee_id, department_id=row.department_id, at=row.at)
            )
            events[(month_of(row.at), row.department_id)][2] += 1
        elif row.at < first.at:
            events[(month_of(first.at), first.department_id)][2] -= 1
            events[(month_of(row.at), row.department_id)][2] += 1
            FirstEngagement.objects.filter(employee_id=employee_id).update(
                at=row.at, department_id=row.department_id
            )
    FirstEngagement.objects.bulk_create(created, batch_size=BATCH)
    _add_to_months(events)
    _add_to_coalition_months(
        (row.employee_id, row.at) for row in rows if row.kind in COALITION_KINDS
    )
    return len(rows)


def _add_to_coalition_months(facts: Iterable[tuple[int, dt.datetime]]) -> None:
    """Widen each (employee, month)'s first and last coalition moment with new facts.

    Facts may arrive late (a membership accepted last year, synced today), so an existing
    row can move either edge; the row is only rewritten when an edge moves.
    """
    spans: dict[tuple[int, dt.date], list[dt.datetime]] = {}
    for employee_id, at in facts:
        key = (employee_id, month_of(at))
        span = spans.get(key)
        if span is None:
            spans[key] = [at, at]
        else:
            span[0], span[1] = min(span[0], at), max(span[1], at)
    if not spans:
        return
    employee_ids = sorted({employee_id for employee_id, _ in spans})
    months = sorted({month for _, month in spans})
    existing: dict[tuple[int, dt.date], CoalitionMonth] = {}
    for begin in range(0, len(employee_ids), BATCH):
        for row in CoalitionMonth.objects.filter(
            employee_id__in=employee_ids[begin : begin + BATCH],
            month__gte=months[0],
            month__lte=months[-1],
        ):
            existing[(row.employee_id, row.month)] = row
    created, changed = [], []
    for (employee_id, month), (first, last) in spans.items():
        row = existing.get((employee_id, month))
        if row is None:
            created.append(
                CoalitionMonth(employee_id=employee_id, month=month, first_at=first, last_at=last)
            )
        elif first < row.first_at or last > row.last_at:
            row.first_at, row.last_at = min(row.first_at, first), max(row.last_at, last)
            changed.append(row)
    CoalitionMonth.objects.bulk_create(created, batch_size=BATCH)
    CoalitionMonth.objects.bulk_update(changed, ["first_at", "last_at"], batch_size=BATCH)


@transaction.atomic
def insights_rebuild_coalition_months() -> int:
    """Rebuild the coalition months from the ledger (after an import that bypassed the sync)."""
    CoalitionMonth.objects.all().delete()
    facts = EngagementEvent.objects.filter(kind__in=COALITION_KINDS).values_list(
        "employee_id", "at"
    )
    _add_to_coalition_months(facts.iterator(chunk_size=BATCH))
    return CoalitionMonth.objects.count()


def _add_to_months(cells: dict[tuple[dt.date, int], list[int]]) -> None:
    months = {month for month, _ in cells}
    existing = {
        (stat.month, stat.department_id): stat
        for stat in MonthlyDepartmentStat.objects.filter(month__in=months)
    }
    missing = []
    for (month, department_id), (count, coalition, first) in cells.items():
        stat = existing.get((month, department_id))
        if stat is None:
            missing.append(
                MonthlyDepartmentStat(
                    month=month,
                    department_id=department_id,
                    events=count,
                    coalition_events=coalition,
                    first_time=first,
                )
            )
        else:
            MonthlyDepartmentStat.objects.filter(pk=stat.pk).update(
                events=F("events") + count,
                coalition_events=F("coalition_events") + coalition,
                first_time=F("first_time") + first,
            )
    MonthlyDepartmentStat.objects.bulk_create(missing)


@transaction.atomic
def insights_sync_ledger(*, now: dt.datetime | None = None) -> SyncResult:
    """Bring the ledger and its monthly aggregates up to date with the source tables.

    Idempotent and incremental: only rows past each source's watermark are read, and a fact
    already in the ledger is never added again. The lock row serialises concurrent runs.
    """
    started = timezone.now()
    lock = _state(LOCK_SOURCE)
    facts: list[Fact] = []
    for source, reader in (
        ("membership_event", _membership_facts),
        ("challenge_event", _challenge_owner_facts),
        ("tool_usage", _tool_facts),
        ("lesson", _lesson_facts),
    ):
        state = _state(source)
        facts.extend(reader(state))
        state.synced_at = started
        state.save(update_fields=["watermark", "synced_at"])
    facts.extend(_completion_facts())
    created = _ingest(facts)
    insights_rebuild_responsiveness()
    insights_rebuild_challenge_months()
    lock.synced_at = now or started
    lock.save(update_fields=["synced_at"])
    return SyncResult(created=created, seconds=(timezone.now() - started).total_seconds())


@transaction.atomic
def insights_rebuild_responsiveness() -> int:
    """Rebuild the responsiveness months from the signals.

    A signal changes after it arrives (its first answer, the department owning its
    challenge), which no watermark sees, so this reads the signals whole: the worker pays
    one pass over them, the dashboard reads a few hundred rows instead of every signal.
    """
    rows = list(
        Signal.objects.values_list(
            "received_at", "first_answered_at", "challenge__owner_department_id"
        ).iterator(chunk_size=BATCH)
    )
    ResponseMonth.objects.all().delete()
    if not rows:
        return 0
    zone = timezone.get_current_timezone()
    received = [r.astimezone(zone).date() for r, _a, _d in rows]
    answered_on = np.array(
        [
            a.astimezone(zone).date() if a else day
            for (_r, a, _d), day in zip(rows, received, strict=True)
        ],
        dtype="datetime64[D]",
    )
    # Monday to Friday, holidays not excepted, as the dashboard explains.
    working = np.busday_count(np.array(received, dtype="datetime64[D]"), answered_on)
    cells: dict[tuple[dt.date, int | None], ResponseMonth] = {}
    for index, ((r, a, department_id), day) in enumerate(zip(rows, received, strict=True)):
        key = (day.replace(day=1), department_id)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = ResponseMonth(
                month=key[0],
                department_id=department_id,
                response_days=[],
                working_days={},
                open_days={},
            )
        cell.received += 1
        if a is None:
            cell.open_days[day.isoformat()] = cell.open_days.get(day.isoformat(), 0) + 1
        else:
            cell.response_days.append((a - r).total_seconds() / 86400)
            days = str(int(working[index]))
            cell.working_days[days] = cell.working_days.get(days, 0) + 1
    for cell in cells.values():
        cell.response_days.sort()
    ResponseMonth.objects.bulk_create(cells.values(), batch_size=500)
    return len(cells)


@transaction.atomic
def insights_rebuild_challenge_months() -> int:
    """Rebuild challenges started per month from the challenges (for self-reliance)."""
    rows = (
        Challenge.objects.annotate(month=TruncMonth("created_at"))
        .values("month", "owner_department_id")
        .annotate(
            started=Count("id"),
            reliant=Count("id", filter=Q(team_role__in=SELF_RELIANT_ROLES)),
        )
        .values_list("month", "owner_department_id", "started", "reliant")
    )
    cells = [
        ChallengeMonth(
            month=month.date() if isinstance(month, dt.datetime) else month,
            department_id=department_id,
            started=started,
            self_reliant=reliant,
        )
        for month, department_id, started, reliant in rows
    ]
    ChallengeMonth.objects.all().delete()
    ChallengeMonth.objects.bulk_create(cells, batch_size=500)
    return len(cells)


def insights_sync_if_stale(*, max_age: dt.timedelta = dt.timedelta(minutes=5)) -> bool:
    """Sync when the last run is older than ``max_age`` (the dashboard calls this)."""
    synced = SyncState.objects.filter(source=LOCK_SOURCE).values_list("synced_at", flat=True)
    last = synced[0] if synced else None
    if last is not None and timezone.now() - last < max_age:
        return False
    insights_sync_ledger()
    return True


# ---------------------------------------------------------------------------------------------
# Network snapshots


def _quarter_end(quarter: dt.date) -> dt.datetime:
    month = quarter.month + 3
    year = quarter.year + (month > 12)
    start_next = dt.date(year, (month - 1) % 12 + 1, 1)
    return timezone.make_aware(dt.datetime.combine(start_next, dt.time.min))


def _memberships() -> list[tuple[int, int, dt.datetime, dt.datetime]]:
    """(coalition, employee, coalition start, joined) of every accepted colleague."""
    rows = Membership.objects.filter(
        status=Membership.Status.ACCEPTED, employee__isnull=False
    ).values_list(
        "coalition_id",
        "employee_id",
        "coalition__challenge__created_at",
        "responded_at",
        "invited_at",
        "created_at",
    )
    return [
        (coalition, employee, started, responded or invited or created)
        for coalition, employee, started, responded, invited, created in rows
    ]


def network_snapshot_compute(*, quarter: dt.date, memberships=None, employees=None) -> dict:
    """The network measures at the end of ``quarter`` (pure computation, no writes)."""
    end = _quarter_end(quarter)
    memberships = _memberships() if memberships is None else memberships
    if employees is None:
        employees = list(
            Employee.objects.filter(active=True).values_list(
                "id", "department_id", "is_development_team"
            )
        )
    department = {e: d for e, d, _ in employees}
    team = [e for e, _, is_team in employees if is_team]
    coalitions: dict[int, list] = {}
    starts: dict[int, dt.datetime] = {}
    for coalition, employee, started, joined in memberships:
        if joined is None or joined >= end or employee not in department:
            continue
        coalitions.setdefault(coalition, []).append(employee)
        starts[coalition] = started
    records = [
        network.CoalitionRecord(started=starts[c].timestamp(), members=tuple(members))
        for c, members in coalitions.items()
    ]
    graph = network.collaboration_graph(records, department)
    link_list = network.links(graph)
    n = len(graph)
    between = network.betweenness(
        graph,
        team,
        max_sources=None if n <= EXACT_BETWEENNESS_UP_TO else SAMPLED_SOURCES,
        seed=quarter.toordinal(),
    )
    generation = network.generations(records, team)
    repro = network.reproduction(
        records, team, engaged_before=(end - dt.timedelta(days=182)).timestamp()
    )
    per_generation: dict[str, dict[str, int]] = {"all": {}}
    for employee, g in generation.items():
        for key in ("all", str(department.get(employee))):
            bucket = per_generation.setdefault(key, {})
            bucket[str(g)] = bucket.get(str(g), 0) + 1
    by_department: dict[str, dict[str, float]] = {}
    touching: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for a, b in link_list:
        cross = department[a] != department[b]
        for d in {department[a], department[b]}:
            touching[d][0] += 1
            touching[d][1] += cross
    for d, (count, cross) in touching.items():
        by_department[str(d)] = {"links": count, "cross_share": cross / count if count else 0.0}
    engaged = sum(1 for node in graph if graph[node]) if graph else 0
    return {
        "quarter": quarter,
        "employees": n,
        "engaged": engaged,
        "links": len(link_list),
        "cross_department_share": network.cross_department_link_share(graph, department),
        "largest_connected_share": network.largest_component_share(graph) if link_list else 0.0,
        "team_betweenness": (sum(between.values()) / len(between)) if between else 0.0,
        "reproduction": repro.r if repro.engaged else None,
        "generations": per_generation,
        "by_department": by_department,
    }


@transaction.atomic
def insights_snapshot_network(
    *, today: dt.date | None = None, max_quarters: int = 8
) -> list[NetworkSnapshot]:
    """Store the network snapshot of every quarter still missing, and refresh the current one.

    Past quarters never change once stored; ``max_quarters`` bounds one run's work so that the
    worker backfills a long history over a few rounds instead of blocking for long.
    """
    today = today or timezone.localdate()
    memberships = _memberships()
    if not memberships:
        return []
    current = quarter_of(today)
    first = quarter_of(timezone.localtime(min(m[3] or m[2] for m in memberships)).date())
    stored = set(NetworkSnapshot.objects.values_list("quarter", flat=True))
    wanted = []
    quarter = first
    while quarter <= current:
        if quarter not in stored or quarter == current:
            wanted.append(quarter)
        quarter = _add_quarter(quarter)
    # Newest first: the current quarter always refreshes, the backfill follows.
    wanted = sorted(wanted, reverse=True)[:max_quarters]
    employees = list(
        Employee.objects.filter(active=True).values_list(
            "id", "department_id", "is_development_team"
        )
    )
    saved = []
    now = timezone.now()
    for quarter in wanted:
        values = network_snapshot_compute(
            quarter=quarter, memberships=memberships, employees=employees
        )
        values.pop("quarter")
        snapshot, _ = NetworkSnapshot.objects.update_or_create(
            quarter=quarter, defaults={**values, "computed_at": now}
        )
        saved.append(snapshot)
    return saved


def _add_quarter(quarter: dt.date) -> dt.date:
    month = quarter.month + 3
    return dt.date(quarter.year + (month > 12), (month - 1) % 12 + 1, 1)
