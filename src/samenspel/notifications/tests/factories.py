"""Helpers that queue e-mails the way the application does, through outbox_enqueue."""

from samenspel.notifications.models import OutboxMessage
from samenspel.notifications.services import outbox_enqueue


def queue_message(
    *, to: str = "melder@example.nl", subject: str = "Bericht", text: str = "Hallo", key=None
) -> OutboxMessage:
    message = outbox_enqueue(
        to=to,
        subject=subject,
        template="notifications/email/message.txt",
        context={"text": text},
        dedupe_key=key,
    )
    assert message is not None
    return message


def closed_port() -> int:
    """A local port on which nothing listens, so a connection is refused."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
