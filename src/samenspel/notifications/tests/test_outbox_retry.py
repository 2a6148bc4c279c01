from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from samenspel.notifications.models import OutboxMessage
from samenspel.notifications.services import outbox_send_due

from .factories import closed_port, queue_message

pytestmark = pytest.mark.django_db

# The SMTP server runs an asyncio loop in a thread; it must keep the real clock.
REAL_CLOCK = ["asyncio", "aiosmtpd", "selectors"]


def later(minutes: int):
    return freeze_time(timezone.now() + timedelta(minutes=minutes), ignore=REAL_CLOCK)


@pytest.fixture
def server_down(settings, smtp_settings):
    """Mail goes to a port where no server listens; `server_back` points it at a real one."""
    settings.EMAIL_PORT = closed_port()
    return smtp_settings


def server_back(settings, server) -> None:
    settings.EMAIL_PORT = server.port


def test_unreachable_server_leaves_message_pending_for_a_later_attempt(server_down):
    message = queue_message()
    before = timezone.now()

    result = outbox_send_due()

    message.refresh_from_db()
    assert result.sent == 0
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.next_attempt_at > before + timedelta(seconds=30)
    assert "Connection" in message.last_error or "refused" in message.last_error.lower()


def test_message_is_delivered_once_the_server_is_back(settings, server_down):
    queue_message(subject="Na de storing")
    outbox_send_due()
    server_back(settings, server_down)

    outbox_send_due()  # not due yet: the back-off is respected
    assert server_down.messages == []
    with later(minutes=5):
        outbox_send_due()

    assert [m["Subject"] for m in server_down.messages] == ["Na de storing"]
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT


def test_each_failure_waits_longer_than_the_one_before(server_down):
    message = queue_message()
    waits = []
    for _attempt in range(3):
        message.refresh_from_db()
        with freeze_time(message.next_attempt_at, ignore=REAL_CLOCK):
            outbox_send_due()
            message.refresh_from_db()
            waits.append(message.next_attempt_at - timezone.now())

    assert waits[0] < waits[1] < waits[2]


def test_message_fails_after_the_maximum_number_of_attempts(settings, server_down):
    settings.SAMENSPEL_OUTBOX_MAX_ATTEMPTS = 3
    message = queue_message()

    for _attempt in range(5):
        message.refresh_from_db()
        with freeze_time(message.next_attempt_at, ignore=REAL_CLOCK):
            outbox_send_due()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 3
    assert message.last_error


def test_default_maximum_is_eight_attempts(server_down):
    message = queue_message()

    for _attempt in range(7):
        message.refresh_from_db()
        with freeze_time(message.next_attempt_at, ignore=REAL_CLOCK):
            outbox_send_due()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    with freeze_time(message.next_attempt_at, ignore=REAL_CLOCK):
        outbox_send_due()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 8)


@pytest.fixture
def failed_message(db):
    message = queue_message(subject="Eerder mislukt")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=8, last_error="SMTP weg"
    )
    return message


def test_failed_message_stays_failed_on_an_ordinary_run(smtp_settings, failed_message):
    call_command("send_outbox")

    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.FAILED
    assert smtp_settings.messages == []


def test_retry_failed_requeues_and_delivers_failed_messages(smtp_settings, failed_message):
    call_command("send_outbox", "--retry-failed")

    failed_message.refresh_from_db()
    assert failed_message.status == OutboxMessage.Status.SENT
    assert [m["Subject"] for m in smtp_settings.messages] == ["Eerder mislukt"]


def test_malformed_address_fails_at_once_without_retries(smtp_settings):
    message = queue_message(to="melder@example.nl")
    OutboxMessage.objects.filter(pk=message.pk).update(to="melder@example.nl\nBcc: x@y.nl")

    outbox_send_due()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert smtp_settings.messages == []
