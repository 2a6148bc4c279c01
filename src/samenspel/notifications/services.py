from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutboxMessage


def outbox_enqueue(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    dedupe_key: str | None = None,
    language: str = "nl",
) -> OutboxMessage | None:
    """Queue one e-mail in the caller's transaction. Returns None when it was queued before."""
    if not to:
        return None
    with translation.override(language):
        body = render_to_string(
            template, {"municipality": settings.SAMENSPEL_MUNICIPALITY, **context}
        )
        subject = str(subject)
    if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(
                to=to, subject=subject[:255], body=body, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return None
