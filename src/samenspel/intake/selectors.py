"""Named reads of signals: the inbox page, object scoping, the follow page."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from samenspel.accounts.roles import PERSONAL_DATA_ROLES, Role, has_role
from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.places.models import Kern

from .models import Attachment, Channel, Signal

INBOX_PAGE_SIZE = 50
# The inbox shows the start of a description; longer ones end in "…".
INBOX_SUMMARY_LENGTH = 140
UNKNOWN_KERN = "onbekend"


def signals_visible_to(user) -> QuerySet[Signal]:
    """Object scoping: which signals a staff member may open.

    The development team and administrators see everything; an area director sees the
    kernen assigned to them, signals without a kern, and what they recorded themselves;
    the owner of a challenge sees the signals linked to it.
    """
    signals = Signal.objects.all()
    if has_role(user, {Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR}):
        return signals
    if not getattr(user, "is_authenticated", False):
        return signals.none()
    scope = Q(challenge__owner__user=user)
    if has_role(user, Role.AREA_DIRECTOR):
        scope |= Q(kern__area_director__user=user) | Q(kern__isnull=True) | Q(recorded_by=user)
    return signals.filter(scope)


# Who sees every signal in the inbox; an area director sees a part (see below).
FULL_INBOX_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})


def inbox_signals_visible_to(user) -> QuerySet[Signal]:
    """The inbox shows only triage scope, not the challenges a user happens to own."""
    signals = Signal.objects.all()
    if has_role(user, FULL_INBOX_ROLES):
        return signals
    if has_role(user, Role.AREA_DIRECTOR):
        return signals.filter(
            Q(kern__area_director__user=user) | Q(kern__isnull=True) | Q(recorded_by=user)
        )
    return signals.none()


def kern_options() -> list[tuple[str, str]]:
    """(id, name) of every kern as the filters post it, in the order of the list."""
    return [(str(pk), name) for pk, name in Kern.objects.order_by("name").values_list("pk", "name")]


@dataclass(frozen=True)
class InboxFilters:
    status: str = Signal.Status.NEW
    kern: str = ""  # a Kern id, UNKNOWN_KERN or "" for all
    channel: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(slots=True)
class InboxRow:
    """One line of the inbox: only the columns it shows, without a model instance each."""

    pk: int
    text: str
    kern_name: str | None
    channel: str
    status: str
    received_at: datetime
    challenge_id: int | None
    photo_count: int | None = 0  # None from the subquery when there is no photo

    @property
    def reference(self) -> str:
        return f"M-{self.pk:07d}"

    @property
    def challenge_reference(self) -> str:
        return f"O-{self.challenge_id:06d}" if self.challenge_id else ""


@dataclass(frozen=True)
class InboxPage:
    signals: list[InboxRow]
    next_cursor: str | None


def encode_cursor(signal: Signal | InboxRow) -> str:
    return f"{signal.received_at.isoformat()}_{signal.pk}"


def decode_cursor(value: str) -> tuple[datetime, int] | None:
    """A malformed cursor means "first page", never an error page."""
    stamp, _, pk = (value or "").rpartition("_")
    try:
        received_at = datetime.fromisoformat(stamp)
        pk = int(pk)
    except ValueError:
        return None
    if timezone.is_naive(received_at):
        return None
    return received_at, pk


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def signal_inbox_page(
    *, user, filters: InboxFilters, cursor: str = "", limit: int = INBOX_PAGE_SIZE
) -> InboxPage:
    """One page of the inbox, newest first, with keyset pagination on (received_at, id).

    A fixed number of queries whatever the page size, and no COUNT(*) over the table:
    the inbox must stay fast when years of signals have piled up.
    """
    signals = inbox_signals_visible_to(user)
    if filters.status:
        signals = signals.filter(status=filters.status)
    if filters.kern == UNKNOWN_KERN:
        signals = signals.filter(kern__isnull=True)
    elif filters.kern:
        signals = signals.filter(kern_id=filters.kern)
    if filters.channel:
        signals = signals.filter(channel=filters.channel)
    if filters.date_from:
        signals = signals.filter(received_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        signals = signals.filter(received_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    position = decode_cursor(cursor)
    if position:
        received_at, pk = position
        signals = signals.filter(
            Q(received_at__lt=received_at) | Q(received_at=received_at, pk__lt=pk)
        )
    # Tuples of what the page shows: building fifty model instances with their kern and
    # challenge cost more than the query itself (so did cutting the text in SQL). The
    # photos are counted by a scalar subquery per row that is returned, never by a join
    # with GROUP BY, which would group every matching signal before the limit applies.
    photos = (
        Attachment.objects.filter(signal=OuterRef("pk"))
        .order_by()
        .values("signal")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = [
        InboxRow(*values)
        for values in signals.order_by("-received_at", "-pk").values_list(
            "pk",
            "text",
            "kern__name",
            "channel",
            "status",
            "received_at",
            "challenge_id",
            Subquery(photos),
        )[: limit + 1]
    ]
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    rows = rows[:limit]
    return InboxPage(signals=rows, next_cursor=next_cursor)


def signal_get_for_staff(*, user, pk: int) -> Signal | None:
    return (
        signals_visible_to(user)
        .select_related("kern", "challenge__owner", "recorded_by", "reporter")
        .prefetch_related("attachments")
        .filter(pk=pk)
        .first()
    )


def user_may_see_personal_data(*, user, signal: Signal) -> bool:
    """AVG: only those who need the contact details to answer the reporter see them."""
    if has_role(user, PERSONAL_DATA_ROLES):
        return True
    challenge = signal.challenge
    return bool(
        challenge is not None
        and challenge.owner is not None
        and challenge.owner.user_id is not None
        and challenge.owner.user_id == user.pk
    )


def signal_exists_with_submission_token(*, token: str) -> bool:
    """Was this form already stored? One index lookup, no row fetched."""
    return bool(token) and Signal.objects.filter(submission_token=token).exists()


def signal_get_by_submission_token(*, token: str) -> Signal | None:
    if not token:
        return None
    return Signal.objects.filter(submission_token=token).first()


def signal_get_for_receipt(*, token: str) -> Signal | None:
    return (
        Signal.objects.filter(submission_token=token, channel=Channel.WEB)
        .select_related("kern", "reporter")
        .first()
    )


def signal_get_by_follow_token(*, token: str) -> Signal | None:
    if not token:
        return None
    return Signal.objects.filter(follow_token=token).select_related("kern", "challenge").first()


def challenge_public_timeline(*, challenge: Challenge) -> list[ChallengeEvent]:
    """What a following resident may read: public updates and public status changes."""
    return list(
        challenge.events.filter(
            is_public=True,
            kind__in=[ChallengeEvent.Kind.PUBLIC_UPDATE, ChallengeEvent.Kind.TRANSITION],
        ).order_by("created_at", "id")
    )


def challenge_get_by_number(number: str) -> Challenge | None:
    """Accept what staff type: "O-000123", "o-123" or "123"."""
    cleaned = (number or "").strip().upper()
    if cleaned.startswith("O-"):
        cleaned = cleaned[2:]
    if not cleaned.isdigit() or len(cleaned) > 12:
        return None
    return Challenge.objects.filter(pk=int(cleaned)).first()
