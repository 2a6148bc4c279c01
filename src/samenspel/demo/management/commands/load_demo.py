"""`samenspel load-demo`: fill an empty database with the Altena demo (once)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samenspel.demo.services import DemoDataConflict, demo_load


class Command(BaseCommand):
    help = _("Laad de demogegevens van Altena (slaat over als ze er al zijn).")

    def handle(self, *args, **options) -> None:
        try:
            result = demo_load()
        except DemoDataConflict as exc:
            raise CommandError(
                _(
                    "De database bevat al kernen of gebruikers die niet uit de demo komen. "
                    "De demo wordt alleen in een lege database geladen, zodat verzonnen "
                    "melders nooit tussen echte gegevens komen."
                )
            ) from exc
        if not result.created:
            self.stdout.write(_("De demogegevens zijn al geladen; er is niets toegevoegd."))
            return
        summary = ", ".join(f"{count} {name}" for name, count in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                _("Demogegevens geladen in %(seconds).1f s: %(summary)s.")
                % {"seconds": result.seconds, "summary": summary}
            )
        )
