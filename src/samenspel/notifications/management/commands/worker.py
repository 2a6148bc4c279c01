"""`samenspel worker`: the one background process a production deployment runs.

It sends the e-mail outbox every `--interval` seconds (default 30) and runs the scheduled
jobs once a day: the retention job that anonymises reporters after the retention period
(AVG art. 5(1)(e), see intake.retention), and the learning programme's reminders
for tomorrow's sessions. It stops cleanly on SIGTERM and SIGINT.

Several workers may run side by side: the outbox hands each message to one worker only,
and the retention job is idempotent. The daily schedule counts from the worker's start, so
a restarted worker runs the retention job straight away; that is harmless.
"""

import logging
import threading
import time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.insights.services import insights_snapshot_network, insights_sync_ledger
from samenspel.intake.retention import reporters_anonymise_expired
from samenspel.learning.services import learning_queue_reminders
from samenspel.notifications.loop import run_every
from samenspel.notifications.services import outbox_send_due
from samenspel.similarity.services import similarity_index_refresh

logger = logging.getLogger(__name__)

DAY_SECONDS = 24 * 3600


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Verstuur de outbox doorlopend en draai dagelijks de bewaartermijn-taak."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=positive_int,
            default=30,
            help="Seconden tussen twee rondes van de outbox (standaard 30).",
        )
        parser.add_argument(
            "--daily-every",
            type=positive_int,
            default=DAY_SECONDS,
            help="Seconden tussen twee rondes van de dagelijkse taken (standaard 86400).",
        )

    def handle(self, *args, interval: int, daily_every: int, **options) -> None:
        self.stop = threading.Event()
        next_daily = time.monotonic()

        def step() -> None:
            nonlocal next_daily
            # Each job is guarded on its own: a failing outbox must not stop retention.
            try:
                result = outbox_send_due()
            except Exception:
                logger.exception("Worker: sending the outbox failed")
            else:
                if result.sent or result.retrying or result.failed:
                    self.stdout.write(
                        _("Verzonden: %(sent)d, later opnieuw: %(retrying)d, mislukt: %(failed)d.")
                        % {
                            "sent": result.sent,
                            "retrying": result.retrying,
                            "failed": result.failed,
                        }
                    )
            # The insights ledger only reads what is new since the last round: cheap.
            try:
                insights_sync_ledger()
            except Exception:
                logger.exception("Worker: syncing the insights ledger failed")
            # The shared similarity index: new signals every round, a full rebuild daily (it
            # also drops deleted rows and picks up edited challenge titles).
            try:
                similarity_index_refresh(rebuild=time.monotonic() >= next_daily)
            except Exception:
                logger.exception("Worker: refreshing the similarity index failed")
            if time.monotonic() >= next_daily:
                # Betweenness is too costly per request: one network snapshot per quarter.
                try:
                    insights_snapshot_network()
                except Exception:
                    logger.exception("Worker: the insights network snapshot failed")
                count = reporters_anonymise_expired()
                # Reminders for tomorrow's sessions; dedupe keys make a rerun harmless.
                learning_queue_reminders(now=timezone.now())
                # Only after success: a failed run is tried again next round, not next day.
                next_daily = time.monotonic() + daily_every
                self.stdout.write(_("%(count)d melder(s) geanonimiseerd.") % {"count": count})

        self.stdout.write(_("Worker gestart (interval %(interval)d s).") % {"interval": interval})
        run_every(step, interval=interval, stop=self.stop)
        self.stdout.write(_("Worker gestopt."))
