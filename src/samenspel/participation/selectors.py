"""Named reads of participation advice. Lists cost a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from samenspel.accounts.roles import STAFF_ROLES, has_role
from samenspel.challenges.models import Challenge
from samenspel.places.models import Kern

from . import permissions
from .models import AdviceEvent, DutyCheck, ParticipationAdvice
from .workflow import INDEX_ORDER, SHARED_STATUSES, Status

INDEX_LIMIT_PER_STATUS = 200


@dataclass
class StatusGroup:
    status: str
    label: str
    items: list[ParticipationAdvice] = field(default_factory=list)


def visible_advices(*, user) -> QuerySet[ParticipationAdvice]:
    """The advices this user may read: see `permissions.can_view` for the rule."""
    queryset = ParticipationAdvice.objects.all()
    if not has_role(user, STAFF_ROLES):
        return queryset.none()
    if permissions.can_write(user):
        return queryset
    visible = Q(status__in=SHARED_STATUSES)
    department_id = permissions.department_id_of(user)
    if department_id is not None:
        visible |= Q(requesting_department_id=department_id)
    return queryset.filter(visible)


def advice_index(
    *,
    user,
    status: str | None = None,
    department=None,
    deciding_body: str | None = None,
    kern: Kern | None = None,
) -> list[StatusGroup]:
    """The index grouped by status, soonest decision first, in one query."""
    queryset = visible_advices(user=user).select_related("challenge", "requesting_department")
    if status:
        queryset = queryset.filter(status=status)
    if department is not None:
        queryset = queryset.filter(requesting_department=department)
    if deciding_body:
        queryset = queryset.filter(deciding_body=deciding_body)
    if kern is not None:
        queryset = queryset.filter(kernen=kern)
    groups = {s: StatusGroup(status=s, label=Status(s).label) for s in INDEX_ORDER}
    for advice in queryset.order_by("decision_date", "id")[: INDEX_LIMIT_PER_STATUS * 4]:
        group = groups[advice.status]
        if len(group.items) < INDEX_LIMIT_PER_STATUS:
            group.items.append(advice)
    return [groups[s] for s in INDEX_ORDER if not status or s == status]


def advice_for_staff(*, pk: int) -> ParticipationAdvice | None:
    return (
        ParticipationAdvice.objects.select_related(
            "challenge", "requesting_department", "requested_by", "advisor"
        )
        .prefetch_related(
            Prefetch("kernen", queryset=Kern.objects.only("id", "name", "slug")),
            Prefetch("duties", queryset=DutyCheck.objects.all()),
        )
        .filter(pk=pk)
        .first()
    )


def sorted_duties(advice: ParticipationAdvice) -> list[DutyCheck]:
    return sorted(advice.duties.all(), key=lambda check: check.position)


def advice_events(*, advice: ParticipationAdvice) -> QuerySet[AdviceEvent]:
    return advice.events.select_related("actor").order_by("-created_at", "-id")


def advice_for_challenge(*, challenge: Challenge) -> ParticipationAdvice | None:
    if Challenge.participation_advice.is_cached(challenge):
        # Loaded with the challenge (`select_related`): no query of its own.
        try:
            return challenge.participation_advice
        except ParticipationAdvice.DoesNotExist:
            return None
    return ParticipationAdvice.objects.filter(challenge=challenge).first()


def requestable_challenges() -> QuerySet[Challenge]:
    """Policy challenges that have no advice yet, for the request form's list."""
    return (
        Challenge.objects.filter(kind=Challenge.Kind.POLICY, participation_advice__isnull=True)
        .only("id", "title")
        .order_by("title", "id")[:500]
    )
