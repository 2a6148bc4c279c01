"""Reads of the audit log, for the administrator who answers an AVG request or an audit."""

from datetime import datetime

from django.db.models import QuerySet

from .models import AuditLogEntry


def audit_log_for_administrator(
    *,
    actor=None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditLogEntry]:
    """The log, newest first, with the actor joined in (one query for a whole page).

    Every filter is optional; together they answer "who saw reporter 12?" (AVG art. 15:
    the data subject may ask who received their data) or "what did user X look at?".
    """
    entries = AuditLogEntry.objects.select_related("actor").order_by("-created_at", "-id")
    if actor is not None:
        entries = entries.filter(actor=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id is not None:
        entries = entries.filter(object_id=str(object_id))
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    if until is not None:
        entries = entries.filter(created_at__lt=until)
    return entries
