import os
import signal
import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samenspel.intake.models import Reporter

from .factories import queue_message

pytestmark = pytest.mark.django_db


def send_signal_once_handled(signum: int) -> threading.Thread:
    """Send `signum` to this process as soon as a command has installed its handler.

    Waiting for the handler keeps pytest itself from receiving the signal.
    """
    default = signal.getsignal(signum)

    def wait_and_send() -> None:
        deadline = time.monotonic() + 20
        while signal.getsignal(signum) is default and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        os.kill(os.getpid(), signum)

    sender = threading.Thread(target=wait_and_send, daemon=True)
    sender.start()
    return sender


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_send_outbox_loop_sends_and_stops_cleanly_on_a_stop_signal(smtp_settings, signum):
    queue_message(subject="In de lus")
    handler_before = signal.getsignal(signum)
    sender = send_signal_once_handled(signum)
    out = StringIO()

    call_command("send_outbox", "--loop", "--interval", "1", stdout=out)
    sender.join()

    assert [m["Subject"] for m in smtp_settings.messages] == ["In de lus"]
    assert "Verzonden: 1" in out.getvalue()
    assert signal.getsignal(signum) is handler_before


def test_worker_sends_the_outbox_and_runs_retention(smtp_settings, settings):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    old = Reporter.objects.create(name="Oud", email="oud@example.nl")
    Reporter.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    queue_message(subject="Via de worker")
    sender = send_signal_once_handled(signal.SIGTERM)
    out = StringIO()

    call_command("worker", "--interval", "1", stdout=out)
    sender.join()

    old.refresh_from_db()
    assert [m["Subject"] for m in smtp_settings.messages] == ["Via de worker"]
    assert old.email == "" and old.anonymised_at is not None
    assert "Worker gestopt." in out.getvalue()


def test_send_outbox_refuses_an_interval_that_is_not_a_positive_number(db):
    with pytest.raises(CommandError):
        call_command("send_outbox", "--loop", "--interval", "nul")
