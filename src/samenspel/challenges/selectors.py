"""Named reads of challenges. Every list here costs a fixed number of queries.

The board must stay fast with 100,000 challenges and a million signals, so lists are
keyset-paginated on the (status|is_public, -updated_at, -id) indexes, counts come from
`Challenge.signal_count` and never from COUNT(*) over signals.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from samenspel.intake.models import Signal
from samenspel.organisation.models import Department, Employee
from samenspel.places.models import Kern

from .models import Challenge, ChallengeEvent
from .workflow import BOARD_COLUMNS, Status

BOARD_COLUMN_SIZE = 20
COLUMN_PAGE_SIZE = 50
PUBLIC_PAGE_SIZE = 20
DETAIL_SIGNAL_LIMIT = 50

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CURSOR = re.compile(r"^(\d{1,20})\.(\d{1,20})$")


class InvalidCursor(ValueError):
    """A pagination cursor that was not made by `encode_cursor`."""


def encode_cursor(challenge: Challenge) -> str:
    """The position after `challenge` in (-updated_at, -id) order, safe in a URL."""
    micros = (challenge.updated_at - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{challenge.pk}"


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


def _keyset_page(queryset: QuerySet, *, size: int, after: str | None) -> Page:
    """One LIMIT query in index order; one row extra tells whether there is a next page."""
    if after:
        moment, pk = decode_cursor(after)
        # The redundant `lte` gives the database a range bound on the index.
        queryset = queryset.filter(
            Q(updated_at__lt=moment) | Q(updated_at=moment, id__lt=pk), updated_at__lte=moment
        )
    rows = list(queryset.order_by("-updated_at", "-id")[: size + 1])
    next_cursor = encode_cursor(rows[size - 1]) if len(rows) > size else None
    return Page(items=rows[:size], next_cursor=next_cursor)


def _filtered_challenges(
    *, kind: str | None = None, kern: Kern | None = None, department: Department | None = None
) -> QuerySet:
    queryset = Challenge.objects.select_related("owner_department", "owner").defer(
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
) -> list[BoardColumn]:
    """The newest challenges per status: one indexed LIMIT query per column, one for kernen."""
    base = _filtered_challenges(kind=kind, kern=kern, department=department)
    columns = []
    for status in BOARD_COLUMNS:
        page = _keyset_page(base.filter(status=status), size=size, after=None)
        columns.append(
            BoardColumn(
                status=status,
                label=Status(status).label,
                items=page.items,
                next_cursor=page.next_cursor,
            )
        )
    prefetch_related_objects(
        [challenge for column in columns for challenge in column.items], _kernen_prefetch()
    )
    return columns


def board_column(
    *,
    status: str,
    after: str | None = None,
    kind: str | None = None,
    kern: Kern | None = None,
    department: Department | None = None,
    size: int = COLUMN_PAGE_SIZE,
) -> Page:
    """One status column, keyset-paginated: `after` is the cursor from the previous page."""
    base = _filtered_challenges(kind=kind, kern=kern, department=department)
    page = _keyset_page(base.filter(status=status), size=size, after=after)
    prefetch_related_objects(page.items, _kernen_prefetch())
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
    return (
        Challenge.objects.select_related("owner_department", "owner", "owner__department")
        .prefetch_related(_kernen_prefetch(), "themes")
        .filter(pk=pk)
        .first()
    )


def challenge_timeline(*, challenge: Challenge) -> QuerySet:
    return ChallengeEvent.objects.filter(challenge=challenge).select_related("actor")


def challenge_signals(*, challenge: Challenge, limit: int = DETAIL_SIGNAL_LIMIT) -> list[Signal]:
    """The newest linked signals; the total is `challenge.signal_count`."""
    return list(
        Signal.objects.filter(challenge=challenge)
        .select_related("kern", "reporter")
        .order_by("-received_at", "-id")[:limit]
    )


def signals_by_ids(ids) -> QuerySet:
    return Signal.objects.filter(pk__in=ids).select_related("kern").order_by("-received_at", "-id")


def owner_choices() -> QuerySet:
    return Employee.objects.filter(active=True).select_related("department")


def filter_kernen() -> QuerySet:
    return Kern.objects.only("id", "name", "slug")


def filter_departments() -> QuerySet:
    return Department.objects.only("id", "name", "slug")
