"""Retention of reporters' personal data (AVG art. 5(1)(e), storage limitation).

A reporter's name, e-mail address and phone number are kept only while we may still need
them to answer or inform that person: for `SAMENSPEL_RETENTION_DAYS` after the report, and
beyond that only while the signal belongs to a challenge that is still open. After that
they are blanked. What the person told us (the signal) stays: it is no personal data once
the contact details are gone, and the municipality needs it for its work and its archive.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from samenspel.audit.services import ANONYMISE_PERSONAL_DATA, audit_record
from samenspel.challenges.workflow import OPEN_STATUSES

from .models import Reporter, Signal


def reporters_expired(*, now: datetime | None = None) -> QuerySet[Reporter]:
    """Reporters whose contact details have passed the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SAMENSPEL_RETENTION_DAYS)
    still_needed = Signal.objects.filter(
        reporter__isnull=False, challenge__status__in=OPEN_STATUSES
    ).values("reporter_id")
    return Reporter.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True).exclude(
        pk__in=still_needed
    )


@transaction.atomic
def reporters_anonymise_expired(*, now: datetime | None = None) -> int:
    """Blank the contact details of every expired reporter; returns how many. Idempotent."""
    now = now or timezone.now()
    ids = list(reporters_expired(now=now).select_for_update().values_list("pk", flat=True))
    if not ids:
        return 0
    count = Reporter.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
        name="", email="", phone="", wants_updates=False, anonymised_at=now
    )
    # AVG art. 30: the erasure itself is processing and is logged, without personal data.
    audit_record(
        actor=None,
        action=ANONYMISE_PERSONAL_DATA,
        object_type="reporter",
        object_ids=ids,
        detail="retention",
    )
    return count
