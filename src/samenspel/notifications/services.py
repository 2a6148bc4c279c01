"""Writes of the e-mail outbox: queueing in the caller's transaction, and sending afterwards.

Sending is at-least-once per row and, between workers, exactly once: a worker claims a
batch by pushing `next_attempt_at` into the future (a lease) in one short transaction,
and before each message it renews that lease with a conditional UPDATE that only the
current holder can win. The SMTP conversation itself happens outside any transaction, so
a slow mail server never holds database locks.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMessage, get_connection
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage

logger = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_BATCH_SIZE = 20
DEFAULT_LEASE_SECONDS = 600
DEFAULT_BACKOFF_SECONDS = 60
MAX_BACKOFF_SECONDS = 6 * 3600


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


def outbox_max_attempts() -> int:
    return int(getattr(settings, "SAMENSPEL_OUTBOX_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS))


def _lease_seconds() -> int:
    return int(getattr(settings, "SAMENSPEL_OUTBOX_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))


def outbox_retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: 1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd ... failure."""
    base = int(getattr(settings, "SAMENSPEL_OUTBOX_BACKOFF_SECONDS", DEFAULT_BACKOFF_SECONDS))
    seconds = base * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def outbox_claim_due(
    *, now: datetime | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[OutboxMessage]:
    """Lease up to `batch_size` due messages to this worker; other workers skip them.

    PostgreSQL: SKIP LOCKED lets concurrent workers take different rows without waiting.
    SQLite has no row locks, but its writers are serialised (BEGIN IMMEDIATE), which gives
    the same guarantee: no two workers lease the same row.
    """
    now = now or timezone.now()
    lease_until = now + timedelta(seconds=_lease_seconds())
    with transaction.atomic():
        due = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:batch_size])
        if not ids:
            return []
        OutboxMessage.objects.filter(
            id__in=ids, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=lease_until)
        return list(
            OutboxMessage.objects.filter(id__in=ids, next_attempt_at=lease_until).order_by("id")
        )


def _renew_lease(message: OutboxMessage) -> bool:
    """Take the message for this send only if our lease is still the current one.

    A worker that was too slow (its lease expired and another worker took the row) loses
    this race and skips the message, so it is never sent by both.
    """
    renewed_until = max(
        timezone.now() + timedelta(seconds=_lease_seconds()),
        message.next_attempt_at + timedelta(microseconds=1),
    )
    won = OutboxMessage.objects.filter(
        pk=message.pk,
        status=OutboxMessage.Status.PENDING,
        next_attempt_at=message.next_attempt_at,
    ).update(next_attempt_at=renewed_until)
    if won:
        message.next_attempt_at = renewed_until
    return bool(won)


def _mark_sent(message: OutboxMessage) -> None:
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk, next_attempt_at=message.next_attempt_at).update(
        status=OutboxMessage.Status.SENT,
        sent_at=now,
        attempts=message.attempts + 1,
        last_error="",
        next_attempt_at=now,
    )


def _mark_failed_attempt(message: OutboxMessage, error: str, *, permanent: bool = False) -> bool:
    """Record one failed attempt. Returns True when the message gave up (status failed)."""
    attempts = message.attempts + 1
    gave_up = permanent or attempts >= outbox_max_attempts()
    OutboxMessage.objects.filter(pk=message.pk, next_attempt_at=message.next_attempt_at).update(
        status=OutboxMessage.Status.FAILED if gave_up else OutboxMessage.Status.PENDING,
        attempts=attempts,
        last_error=error[:2000],
        next_attempt_at=timezone.now() + outbox_retry_delay(attempts),
    )
    return gave_up


@dataclass
class SendResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "SendResult") -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.skipped += other.skipped
        self.errors.extend(other.errors)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()


def outbox_send_claimed(messages: list[OutboxMessage]) -> SendResult:
    """Send messages this worker has leased, over one SMTP connection, outside a transaction."""
    result = SendResult()
    if not messages:
        return result
    mail = get_connection(fail_silently=False)
    try:
        mail.open()
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server is retried
        # The server is unreachable: every message in the batch counts one failed attempt,
        # instead of waiting for the same time-out once per message.
        error = _describe(exc)
        logger.warning("Outbox: mail server unreachable: %s", error)
        for message in messages:
            if not _renew_lease(message):
                result.skipped += 1
                continue
            if _mark_failed_attempt(message, error):
                result.failed += 1
            else:
                result.retrying += 1
        result.errors.append(error)
        return result
    try:
        for message in messages:
            if not _renew_lease(message):
                result.skipped += 1
                continue
            email = EmailMessage(
                subject=message.subject,
                body=message.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[message.to],
                connection=mail,
                headers={"Auto-Submitted": "auto-generated"},
            )
            try:
                email.send()
            except (BadHeaderError, ValueError, UnicodeError) as exc:
                # The message itself is malformed; retrying would fail the same way.
                _mark_failed_attempt(message, _describe(exc), permanent=True)
                result.failed += 1
                result.errors.append(_describe(exc))
            except (smtplib.SMTPException, OSError) as exc:
                error = _describe(exc)
                logger.warning("Outbox: sending message %s failed: %s", message.pk, error)
                if _mark_failed_attempt(message, error):
                    result.failed += 1
                else:
                    result.retrying += 1
                result.errors.append(error)
                if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
                    mail.close()
            else:
                _mark_sent(message)
                result.sent += 1
    finally:
        try:
            mail.close()
        except (smtplib.SMTPException, OSError):
            logger.debug("Outbox: closing the SMTP connection failed", exc_info=True)
    return result


def outbox_send_due(
    *, batch_size: int = DEFAULT_BATCH_SIZE, max_batches: int | None = None
) -> SendResult:
    """Send every message that is due, batch by batch, until none is left."""
    total = SendResult()
    batches = 0
    while max_batches is None or batches < max_batches:
        claimed = outbox_claim_due(batch_size=batch_size)
        if not claimed:
            break
        total.add(outbox_send_claimed(claimed))
        batches += 1
    return total


@transaction.atomic
def outbox_requeue(*, ids: list[int] | None = None) -> int:
    """Give failed messages a fresh set of attempts (after the mail problem is fixed).

    Without `ids`, every failed message is requeued. Sent messages are never requeued, so a
    requeue cannot cause a second delivery.
    """
    failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED)
    if ids is not None:
        failed = failed.filter(pk__in=ids)
    return failed.update(
        status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
