"""`samenspel anonymise-reporters`: blank reporters' contact details after the retention period.

AVG art. 5(1)(e). The worker (`samenspel worker`) runs this daily; run it by hand with
`--dry-run` to see how many reporters are due without changing anything.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samenspel.intake.retention import reporters_anonymise_expired, reporters_expired


class Command(BaseCommand):
    help = "Anonimiseer melders van wie de bewaartermijn verstreken is (AVG art. 5 lid 1 e)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon alleen hoeveel melders geanonimiseerd zouden worden.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        if dry_run:
            count = reporters_expired().count()
            self.stdout.write(
                _("%(count)d melder(s) zou(den) geanonimiseerd worden.") % {"count": count}
            )
            return
        count = reporters_anonymise_expired()
        self.stdout.write(
            self.style.SUCCESS(_("%(count)d melder(s) geanonimiseerd.") % {"count": count})
        )
