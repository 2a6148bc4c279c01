from collections.abc import Iterable

from .models import AuditLogEntry


def audit_personal_data_read(*, actor, object_type: str, object_ids: Iterable, detail: str = ""):
    """Write one audit entry per record of personal data that a staff member was shown."""
    AuditLogEntry.objects.bulk_create(
        AuditLogEntry(
            actor=actor,
            action="read_personal_data",
            object_type=object_type,
            object_id=str(object_id),
            detail=detail[:255],
        )
        for object_id in object_ids
    )
