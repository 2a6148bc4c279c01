"""`samenspel recommend-coalition --input CASE.json`: propose a coalition without a database.

A thin shell around the pure recommender, so a case can be checked or reproduced on any machine,
even one where the database does not exist: the command never opens a connection.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samenspel.coalitions.recommender import RecommenderError, recommend_case


def _explain(message_nl: str, message_en: str) -> CommandError:
    # Dutch first for our users, English for anybody else who runs the case.
    return CommandError(f"{message_nl}\n{message_en}")


class Command(BaseCommand):
    help = "Stel een gelegenheidscoalitie voor uit een JSON-casus (geen database nodig)."

    # No system checks and no migration checks: both could touch the database.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--input",
            required=True,
            help="JSON-bestand met 'employees' en 'challenge'; '-' leest van standaardinvoer.",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="Rekentijd voor CP-SAT in seconden (standaard die van de app).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data = self._read(options["input"])
        extra = {}
        if options["time_limit"] is not None:
            if not options["time_limit"] > 0:
                raise _explain(
                    "--time-limit moet groter dan 0 zijn.", "--time-limit must be above 0."
                )
            extra["time_limit"] = options["time_limit"]
        try:
            answer = recommend_case(data, **extra)
        except RecommenderError as error:
            raise _explain(error.message_nl, error.message_en) from None
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))

    def _read(self, path: str) -> Any:
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except FileNotFoundError:
            raise _explain(
                f"Het bestand '{path}' bestaat niet.", f"The file '{path}' does not exist."
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise _explain(
                f"Het bestand '{path}' kan niet worden gelezen: {error}.",
                f"The file '{path}' cannot be read: {error}.",
            ) from None
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise _explain(
                f"Het bestand '{path}' is geen geldige JSON (regel {error.lineno}, "
                f"kolom {error.colno}: {error.msg}).",
                f"The file '{path}' is not valid JSON (line {error.lineno}, "
                f"column {error.colno}: {error.msg}).",
            ) from None
