import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from samenspel.notifications.models import OutboxMessage
from samenspel.notifications.services import (
    outbox_claim_due,
    outbox_send_claimed,
    outbox_send_due,
)

from .factories import queue_message

pytestmark = pytest.mark.django_db

REAL_CLOCK = ["asyncio", "aiosmtpd", "selectors"]


def test_second_worker_skips_messages_the_first_has_claimed(smtp_settings):
    for number in range(3):
        queue_message(to=f"melder{number}@example.nl")

    claimed_by_first = outbox_claim_due()
    second = outbox_send_due()
    first = outbox_send_claimed(claimed_by_first)

    assert (first.sent, second.sent) == (3, 0)
    assert len(smtp_settings.messages) == 3


def test_workers_with_small_batches_share_the_queue_without_overlap(smtp_settings):
    for number in range(4):
        queue_message(to=f"melder{number}@example.nl")

    first_batch = outbox_claim_due(batch_size=2)
    second_batch = outbox_claim_due(batch_size=2)
    outbox_send_claimed(second_batch)
    outbox_send_claimed(first_batch)

    assert {m.pk for m in first_batch}.isdisjoint({m.pk for m in second_batch})
    assert sorted(m["To"] for m in smtp_settings.messages) == [
        f"melder{number}@example.nl" for number in range(4)
    ]


def test_worker_whose_lease_ran_out_does_not_send_what_another_worker_sent(smtp_settings):
    queue_message(subject="Eén keer")
    stale_claim = outbox_claim_due()

    # The first worker stalls past its lease; a second worker takes over and sends.
    with freeze_time(timezone.now() + timedelta(hours=1), ignore=REAL_CLOCK):
        outbox_send_due()
    late = outbox_send_claimed(stale_claim)

    assert late.skipped == 1
    assert [m["Subject"] for m in smtp_settings.messages] == ["Eén keer"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_deliver_each_message_exactly_once(smtp_settings):
    # SQLite's in-memory test database cannot be shared between threads; the interleaving
    # tests above cover SQLite, whose writers are serialised anyway.
    workers = 1 if connection.vendor == "sqlite" else 3
    for number in range(30):
        queue_message(to=f"melder{number}@example.nl")
    results = []

    def work() -> None:
        try:
            results.append(outbox_send_due(batch_size=4))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    received = sorted(m["To"] for m in smtp_settings.messages)
    assert received == sorted(f"melder{number}@example.nl" for number in range(30))
    assert sum(result.sent for result in results) == 30
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 30
