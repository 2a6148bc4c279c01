"""`samenspel demo`: migrate, load the Altena demo, print the log-ins and serve.

This is where `make run` ends. `--no-serve` stops after the set-up, for tests and CI.
"""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from samenspel.accounts.roles import ROLE_LABELS, Role
from samenspel.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from samenspel.demo.services import DemoDataConflict, demo_load


class Command(BaseCommand):
    help = _("Zet de demo van Altena klaar en start de server op 127.0.0.1.")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help=_("Alleen klaarzetten (migreren en demogegevens laden), niet serveren."),
        )
        parser.add_argument(
            "--port",
            default=os.environ.get("PORT") or "8000",
            help=_("Poort van de server (standaard $PORT of 8000)."),
        )

    def handle(self, *args, **options) -> None:
        port = str(options["port"])
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise CommandError(_("Ongeldige poort: %(port)s") % {"port": port})
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=max(verbosity - 1, 0))
        try:
            result = demo_load()
        except DemoDataConflict:
            self.stderr.write(
                _(
                    "Let op: de database bevat al andere gegevens, de demo is niet geladen. "
                    "Gebruik een lege database (zie DATABASE_URL) voor de demo."
                )
            )
        else:
            if result.created:
                self.stdout.write(
                    _("Demogegevens geladen in %(seconds).1f s.") % {"seconds": result.seconds}
                )
            else:
                self.stdout.write(_("Demogegevens waren al geladen."))

        url = f"http://127.0.0.1:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Samenspel draait op %(url)s") % {"url": url}))
        login_url = url.rstrip("/") + reverse("accounts:login")
        self.stdout.write(_("Inloggen: %(url)s") % {"url": login_url})
        self.stdout.write(_("Wachtwoord voor alle demo-accounts: %(pw)s") % {"pw": DEMO_PASSWORD})
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} {ROLE_LABELS[Role(role)]}")
        self.stdout.write("")
        if options["no_serve"]:
            return
        # No autoreloader: it would start a second process that sets everything up again.
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
