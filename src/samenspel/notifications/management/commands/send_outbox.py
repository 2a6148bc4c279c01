"""`samenspel send-outbox`: send the queued e-mails that are due.

Once by default; with `--loop --interval N` every N seconds until SIGTERM or SIGINT.
`--retry-failed` first gives the messages that ran out of attempts a new set of attempts.
Several of these may run at once (see notifications.services): each message goes out once.
"""

import threading

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samenspel.notifications.loop import run_every
from samenspel.notifications.services import (
    DEFAULT_BATCH_SIZE,
    SendResult,
    outbox_requeue,
    outbox_send_due,
)


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Verstuur de e-mails uit de wachtrij (outbox) die aan de beurt zijn."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Zet mislukte berichten eerst opnieuw in de wachtrij.",
        )
        parser.add_argument(
            "--loop", action="store_true", help="Blijf draaien tot SIGTERM of SIGINT."
        )
        parser.add_argument(
            "--interval",
            type=positive_int,
            default=30,
            help="Seconden tussen twee rondes met --loop (standaard 30).",
        )
        parser.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, **options) -> None:
        self.stop = threading.Event()
        if options["retry_failed"]:
            count = outbox_requeue()
            self.stdout.write(
                _("%(count)d mislukt(e) bericht(en) opnieuw in de wachtrij.") % {"count": count}
            )
        if not options["loop"]:
            self.report(outbox_send_due(batch_size=options["batch_size"]))
            return

        def step() -> None:
            result = outbox_send_due(batch_size=options["batch_size"])
            if result.sent or result.retrying or result.failed:
                self.report(result)

        run_every(step, interval=options["interval"], stop=self.stop)

    def report(self, result: SendResult) -> None:
        self.stdout.write(
            _("Verzonden: %(sent)d, later opnieuw: %(retrying)d, mislukt: %(failed)d.")
            % {"sent": result.sent, "retrying": result.retrying, "failed": result.failed}
        )
        for error in dict.fromkeys(result.errors):
            self.stderr.write(error)
