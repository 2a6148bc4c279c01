"""Writes to the audit log. Entries are only ever added, never changed (AVG art. 5(2))."""

from collections.abc import Iterable

from .models import AuditLogEntry

READ_PERSONAL_DATA = "read_personal_data"
ANONYMISE_PERSONAL_DATA = "anonymise_personal_data"


def audit_personal_data_read(*, actor, object_type: str, object_ids: Iterable, detail: str = ""):
    """Write one audit entry per record of personal data that a staff member was shown."""
    audit_record(
        actor=actor,
        action=READ_PERSONAL_DATA,
        object_type=object_type,
        object_ids=object_ids,
        detail=detail,
    )


def audit_record(
    *, actor, action: str, object_type: str, object_ids: Iterable, detail: str = ""
) -> int:
    """Write one entry per record for any processing of personal data (AVG art. 30).

    `actor` is None for the system itself, for example the retention job.
    """
    entries = AuditLogEntry.objects.bulk_create(
        AuditLogEntry(
            actor=actor,
            action=action[:50],
            object_type=object_type[:50],
            object_id=str(object_id)[:50],
            detail=detail[:255],
        )
        for object_id in object_ids
    )
    return len(entries)
