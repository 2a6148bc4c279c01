import pytest
from django.core.management import call_command

from samenspel.notifications.models import OutboxMessage
from samenspel.notifications.services import outbox_send_due

from .factories import queue_message

pytestmark = pytest.mark.django_db


def test_queued_message_arrives_with_recipient_subject_and_dutch_body(smtp_settings):
    queue_message(
        to="jeroen@example.nl",
        subject="Nieuws over de opgave “Brug over de Alm”",
        text="De gemeente heeft uw melding over de brug in Woudrichem bekeken: één idee, "
        "drie reacties. Geëvalueerd en ‘overgedragen’.",
    )

    call_command("send_outbox")

    [received] = smtp_settings.messages
    assert received["To"] == "jeroen@example.nl"
    assert received["Subject"] == "Nieuws over de opgave “Brug over de Alm”"
    body = received.get_content()
    assert "één idee, drie reacties" in body.replace("\n", " ")
    assert "Geëvalueerd en ‘overgedragen’." in body
    assert "Gemeente Altena" in body


def test_sent_message_is_marked_sent_with_its_time(smtp_settings):
    message = queue_message()

    result = outbox_send_due()

    message.refresh_from_db()
    assert result.sent == 1
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert message.attempts == 1


def test_sending_twice_delivers_once(smtp_settings):
    queue_message(to="a@example.nl")
    queue_message(to="b@example.nl")

    call_command("send_outbox")
    call_command("send_outbox")

    assert sorted(m["To"] for m in smtp_settings.messages) == ["a@example.nl", "b@example.nl"]


def test_message_not_yet_due_waits(smtp_settings):
    from datetime import timedelta

    from django.utils import timezone

    message = queue_message()
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )

    call_command("send_outbox")

    assert smtp_settings.messages == []


def test_everything_due_is_sent_across_several_batches(smtp_settings):
    for number in range(7):
        queue_message(to=f"melder{number}@example.nl")

    result = outbox_send_due(batch_size=3)

    assert result.sent == 7
    assert len(smtp_settings.messages) == 7
