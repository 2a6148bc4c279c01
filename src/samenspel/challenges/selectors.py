"""Named reads of challenges. Every list here costs a fixed number of queries.

The board must stay fast with 100,000 challenges and a million signals, so lists are
keyset-paginated on the (status|is_public, -updated_at, -id) indexes, counts come from
`Challenge.signal_count` and never from COUNT(*) over signals.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone

from samenspel.core.choices import choice_labels
from samenspel.intake.models import Signal
from samenspel.organisation.models import Department, Employee
from samenspel.places.models import Kern

from . import priority as priority_rules
from .models import (
    Challenge,
    ChallengeEvent,
    CriteriaChange,
    PriorityCriterion,
    PriorityRecord,
    PriorityScore,
)
from .workdays import working_days_between
from .workflow import BOARD_COLUMNS, OPEN_STATUSES, Status

# Eight cards per column: a whole board stays one screenful and cheap to render; "meer"
# links open a column's keyset pages.
BOARD_COLUMN_SIZE = 8
COLUMN_PAGE_SIZE = 50
PUBLIC_PAGE_SIZE = 20
# The page shows the newest twenty; older ones follow page by page (keyset).
DETAIL_SIGNAL_LIMIT = 20

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CURSOR = re.compile(r"^(\d{1,20})\.(\d{1,20})$")
# Sorted by priority the cursor is "p<priority in hundredths>.<id>".
_PRIORITY_CURSOR = re.compile(r"^p(\d{1,5})\.(\d{1,20})$")
SORT_RECENT = "recent"
SORT_PRIORITY = "priority"


class InvalidCursor(ValueError):
    """A pagination cursor that was not made by `encode_cursor`."""


def encode_cursor(challenge: Challenge, sort: str = SORT_RECENT) -> str:
    """The position after `challenge` in (-updated_at, -id) or (-priority, -id) order."""
    if sort == SORT_PRIORITY:
        return f"p{int(challenge.priority * 100)}.{challenge.pk}"
    micros = (challenge.updated_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{challenge.pk}"


def decode_priority_cursor(value: str) -> tuple[Decimal, int]:
    match = _PRIORITY_CURSOR.match(value or "")
    if not match or int(match[1]) > 10000:
        raise InvalidCursor(value)
    return Decimal(int(match[1])) / 100, int(match[2])


def is_valid_cursor(value: str) -> bool:
    for decode in (decode_cursor, decode_priority_cursor):
        try:
            decode(value)
        except InvalidCursor:
            continue
        return True
    return False


def decode_cursor(value: str) -> tuple[datetime, int]:
    match = _CURSOR.match(value or "")
    if not match:
        raise InvalidCursor(value)
    try:
        moment = _EPOCH + timedelta(microseconds=int(match[1]))
    except OverflowError as error:
        raise InvalidCursor(value) from error
    return moment, int(match[2])


@dataclass
class Page:
    items: list[Challenge]
    next_cursor: str | None = None


@dataclass
class BoardColumn:
    status: str
    label: str
    items: list[Challenge] = field(default_factory=list)
    next_cursor: str | None = None


def _kernen_prefetch() -> Prefetch:
    return Prefetch("kernen", queryset=Kern.objects.only("id", "name", "slug"))


def _keyset_page(
    queryset: QuerySet, *, size: int, after: str | None, sort: str = SORT_RECENT
) -> Page:
    """One LIMIT query in index order; one row extra tells whether there is a next page."""
    if sort == SORT_PRIORITY:
        if after:
            value, pk = decode_priority_cursor(after)
            queryset = queryset.filter(
                Q(priority__lt=value) | Q(priority=value, id__lt=pk), priority__lte=value
            )
        rows = list(queryset.order_by("-priority", "-id")[: size + 1])
    else:
        if after:
            moment, pk = decode_cursor(after)
            # The redundant `lte` gives the database a range bound on the index.
            queryset = queryset.filter(
                Q(updated_at__lt=moment) | Q(updated_at=moment, id__lt=pk), updated_at__lte=moment
            )
        rows = list(queryset.order_by("-updated_at", "-id")[: size + 1])
    next_cursor = encode_cursor(rows[size - 1], sort) if len(rows) > size else None
    return Page(items=rows[:size], next_cursor=next_cursor)


def unscored_working_days() -> int:
    return int(getattr(settings, "SAMENSPEL_UNSCORED_WORKING_DAYS", 5))


def awaits_priority(challenge: Challenge, *, today: date, limit: int) -> bool:
    """An open challenge the team has not scored for more than `limit` working days."""
    if challenge.prioritised_at is not None or challenge.status not in OPEN_STATUSES:
        return False
    created = timezone.localdate(challenge.created_at)
    return working_days_between(created, today) > limit


def _mark_waiting(challenges: list[Challenge]) -> None:
    today, limit = timezone.localdate(), unscored_working_days()
    for challenge in challenges:
        challenge.awaits_priority = awaits_priority(challenge, today=today, limit=limit)


def _prepare_cards(challenges: list[Challenge]) -> None:
    """What a card shows beyond the row: kern names (one query for all cards), display
    labels looked up once per value, and the "waiting for priority" flag."""
    by_challenge: dict[int, list[str]] = {challenge.pk: [] for challenge in challenges}
    if by_challenge:
        rows = (
            Challenge.kernen.through.objects.filter(challenge_id__in=list(by_challenge))
            .order_by("kern__name")
            .values_list("challenge_id", "kern__name")
        )
        for challenge_id, name in rows:
            by_challenge[challenge_id].append(name)
    kinds = choice_labels(Challenge, "kind")
    team_roles = choice_labels(Challenge, "team_role")
    for challenge in challenges:
        challenge.kern_names = ", ".join(by_challenge[challenge.pk])
        challenge.kind_label = kinds.get(challenge.kind, challenge.kind)
        challenge.team_role_label = team_roles.get(challenge.team_role, challenge.team_role)
    _mark_waiting(challenges)


def _filtered_challenges(
    *, kind: str | None = None, kern: Kern | None = None, department: Department | None = None
) -> QuerySet:
    queryset = Challenge.objects.select_related("owner_department").defer(
        "summary", "decline_reason"
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if kern is not None:
        queryset = queryset.filter(kernen=kern)
    if department is not None:
        queryset = queryset.filter(owner_department=department)
    return queryset


def board_columns(
    *,
    kind: str | None = None,
    kern: Kern | None = None,
    department: Department | None = None,
    size: int = BOARD_COLUMN_SIZE,
    sort: str = SORT_RECENT,
) -> list[BoardColumn]:
    """The newest (or highest priority) challenges per status: one indexed LIMIT query per
    column, one for the kern names."""
    base = _filtered_challenges(kind=kind, kern=kern, department=department)
    columns = []
    for status in BOARD_COLUMNS:
        page = _keyset_page(base.filter(status=status), size=size, after=None, sort=sort)
        columns.append(
            BoardColumn(
                status=status,
                label=Status(status).label,
                items=page.items,
                next_cursor=page.next_cursor,
            )
        )
    _prepare_cards([challenge for column in columns for challenge in column.items])
    return columns


def board_column(
    *,
    status: str,
    after: str | None = None,
    kind: str | None = None,
    kern: Kern | None = None,
    department: Department | None = None,
    size: int = COLUMN_PAGE_SIZE,
    sort: str = SORT_RECENT,
) -> Page:
    """One status column, keyset-paginated: `after` is the cursor from the previous page."""
    base = _filtered_challenges(kind=kind, kern=kern, department=department)
    page = _keyset_page(base.filter(status=status), size=size, after=after, sort=sort)
    _prepare_cards(page.items)
    return page


def public_challenges(
    *, kern: Kern | None = None, after: str | None = None, size: int = PUBLIC_PAGE_SIZE
) -> Page:
    """Challenges residents may see: public and past triage (a new one may still be declined)."""
    queryset = Challenge.objects.filter(is_public=True).exclude(status=Status.NEW)
    if kern is not None:
        queryset = queryset.filter(kernen=kern)
    page = _keyset_page(queryset, size=size, after=after)
    prefetch_related_objects(page.items, _kernen_prefetch())
    return page


def public_challenge(*, pk: int) -> Challenge | None:
    return (
        Challenge.objects.filter(is_public=True, pk=pk)
        .exclude(status=Status.NEW)
        .prefetch_related(_kernen_prefetch())
        .first()
    )


def public_timeline(*, challenge: Challenge) -> QuerySet:
    """Only what was written for the public: status changes and public updates, no actors."""
    return ChallengeEvent.objects.filter(
        challenge=challenge,
        is_public=True,
        kind__in=[ChallengeEvent.Kind.TRANSITION, ChallengeEvent.Kind.PUBLIC_UPDATE],
    ).only("kind", "to_status", "text", "created_at")


def challenge_for_staff(*, pk: int) -> Challenge | None:
    # The participation advice (one at most) comes along: the challenge page shows it.
    return (
        Challenge.objects.select_related(
            "owner_department", "owner", "owner__department", "participation_advice"
        )
        .prefetch_related(_kernen_prefetch(), "themes")
        .filter(pk=pk)
        .first()
    )


def _count(queryset: QuerySet) -> Subquery:
    # COUNT without GROUP BY: one number per outer row, 0 when nothing matches.
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def challenge_for_page(*, pk: int) -> Challenge | None:
    """`challenge_for_staff` plus, in the same query, what the coalition block would fetch on
    its own: the accepted and open places (`coalition_accepted`, `coalition_open`). On a busy
    PostgreSQL server a round trip costs more than the whole subquery (issue 2); the block
    queries for itself when the attributes are missing."""
    from samenspel.coalitions.models import ACTIVE_STATUSES, Membership

    members = Membership.objects.filter(coalition__challenge=OuterRef("pk"))
    return (
        Challenge.objects.select_related(
            "owner_department", "owner", "owner__department", "participation_advice"
        )
        .prefetch_related(_kernen_prefetch(), "themes")
        .annotate(
            coalition_accepted=_count(members.filter(status=Membership.Status.ACCEPTED)),
            coalition_open=_count(members.filter(status__in=ACTIVE_STATUSES)),
        )
        .filter(pk=pk)
        .first()
    )


def challenge_timeline(*, challenge: Challenge) -> QuerySet:
    return ChallengeEvent.objects.filter(challenge=challenge).select_related("actor")


def challenge_signals(
    *, challenge: Challenge, limit: int = DETAIL_SIGNAL_LIMIT, after: str | None = None
) -> Page:
    """The newest linked signals, keyset-paginated on (-received_at, -id); the total is
    `challenge.signal_count`. `after` is a cursor from `Page.next_cursor`."""
    queryset = Signal.objects.filter(challenge=challenge)
    if after:
        moment, pk = decode_cursor(after)
        queryset = queryset.filter(
            Q(received_at__lt=moment) | Q(received_at=moment, id__lt=pk), received_at__lte=moment
        )
    rows = list(queryset.select_related("kern").order_by("-received_at", "-id")[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        micros = (last.received_at - _EPOCH) // timedelta(microseconds=1)
        next_cursor = f"{micros}.{last.pk}"
    return Page(items=rows[:limit], next_cursor=next_cursor)


def signals_by_ids(ids) -> QuerySet:
    return Signal.objects.filter(pk__in=ids).select_related("kern").order_by("-received_at", "-id")


def owner_choices() -> QuerySet:
    return Employee.objects.filter(active=True).select_related("department")


def filter_kernen() -> QuerySet:
    return Kern.objects.only("id", "name", "slug")


def filter_departments() -> QuerySet:
    return Department.objects.only("id", "name", "slug")


# --- Prioritisation -------------------------------------------------------------------------


def priority_criteria(*, active_only: bool = False) -> QuerySet:
    queryset = PriorityCriterion.objects.order_by("order", "id")
    return queryset.filter(active=True) if active_only else queryset


@dataclass
class PriorityLine:
    criterion: PriorityCriterion
    score: Decimal | None
    weight: Decimal
    contribution: Decimal
    rationale: str = ""
    scored_by: str = ""
    scored_at: datetime | None = None


@dataclass
class PriorityView:
    priority: Decimal
    prioritised: bool
    lines: list[PriorityLine]
    awaits_priority: bool


def challenge_priority(*, challenge: Challenge, scored_only: bool = False) -> PriorityView:
    """The breakdown ("why this rank"): the board's computation line by line, in 2 queries.

    With `scored_only` a challenge the team never scored gets no lines and costs no query:
    the challenge page shows lines only after the first score.
    """
    if scored_only and challenge.prioritised_at is None:
        return PriorityView(
            priority=challenge.priority,
            prioritised=False,
            lines=[],
            awaits_priority=awaits_priority(
                challenge, today=timezone.localdate(), limit=unscored_working_days()
            ),
        )
    criteria = list(priority_criteria(active_only=True))
    rows = {
        row.criterion_id: row
        for row in PriorityScore.objects.filter(challenge=challenge).select_related("scored_by")
    }
    breakdown = priority_rules.compute_priority(
        [
            priority_rules.Criterion(id=c.pk, name=c.name, weight=c.weight, scale=c.scale)
            for c in criteria
        ],
        {cid: row.score for cid, row in rows.items()},
    )
    by_id = {c.pk: c for c in criteria}
    lines = []
    for line in breakdown.lines:
        row = rows.get(line.criterion_id)
        actor = row.scored_by if row else None
        lines.append(
            PriorityLine(
                criterion=by_id[line.criterion_id],
                score=line.score,
                weight=line.weight,
                contribution=line.contribution,
                rationale=row.rationale if row else "",
                scored_by=(actor.get_full_name() or actor.username) if actor else "",
                scored_at=row.scored_at if row else None,
            )
        )
    return PriorityView(
        priority=breakdown.priority,
        prioritised=challenge.prioritised_at is not None,
        lines=lines,
        awaits_priority=awaits_priority(
            challenge, today=timezone.localdate(), limit=unscored_working_days()
        ),
    )


@dataclass
class HistoryEntry:
    at: datetime
    actor: object
    priority: Decimal | None = None
    reason: str = ""
    criteria_change: CriteriaChange | None = None


def priority_history(*, challenge: Challenge, limit: int = 20) -> list[HistoryEntry]:
    """The challenge's priority records and the criteria changes since its first score."""
    if challenge.prioritised_at is None:
        # The first score sets `prioritised_at` and writes the first record: none yet.
        return []
    records = list(
        PriorityRecord.objects.filter(challenge=challenge).select_related("actor")[:limit]
    )
    entries = [
        HistoryEntry(at=r.created_at, actor=r.actor, priority=r.priority, reason=r.reason)
        for r in records
    ]
    if challenge.prioritised_at is not None:
        changes = CriteriaChange.objects.filter(
            created_at__gte=challenge.prioritised_at
        ).select_related("actor")[:limit]
        entries += [
            HistoryEntry(at=c.created_at, actor=c.actor, criteria_change=c) for c in changes
        ]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def criteria_changes(*, limit: int = 20) -> QuerySet:
    return CriteriaChange.objects.select_related("actor")[:limit]
