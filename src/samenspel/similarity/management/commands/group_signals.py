"""`samenspel group-signals`: propose groups of related signals (design §6).

With --input it reads JSON lines and writes one {"id", "group"} line per input line, without
touching the database (system checks are skipped and no model is imported), so it runs
anywhere the package is installed. Without --input it proposes groups for the database's
unlinked signals.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from samenspel.similarity.engine import SignalRecord, SimilarityIndex
from samenspel.similarity.grouping import group_signals


def parse_line(number: int, line: str) -> SignalRecord:
    """One input line → a record, or a CommandError that names the line."""
    try:
        item: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise CommandError(
            _("regel %(line)d: geen geldige JSON (%(error)s)")
            % {"line": number, "error": error.msg}
        ) from None
    if not isinstance(item, dict):
        raise CommandError(_("regel %(line)d: verwacht een JSON-object") % {"line": number})
    signal_id, text = item.get("id"), item.get("text")
    if not isinstance(signal_id, str) or not signal_id:
        raise CommandError(
            _('regel %(line)d: "id" moet een niet-lege tekst zijn') % {"line": number}
        )
    if not isinstance(text, str):
        raise CommandError(_('regel %(line)d: "text" moet een tekst zijn') % {"line": number})
    for name in ("kern", "channel", "received_at"):
        if item.get(name) is not None and not isinstance(item[name], str):
            raise CommandError(
                _('regel %(line)d: "%(field)s" moet een tekst of null zijn')
                % {"line": number, "field": name}
            )
    moment = None
    if item.get("received_at"):
        try:
            moment = datetime.fromisoformat(item["received_at"])
        except ValueError:
            raise CommandError(
                _('regel %(line)d: "received_at" is geen ISO 8601-tijdstip') % {"line": number}
            ) from None
    return SignalRecord(
        id=signal_id,
        text=text,
        kern=item.get("kern") or None,
        channel=item.get("channel") or None,
        received_at=moment,
    )


def read_records(stream: TextIO) -> list[SignalRecord]:
    records: list[SignalRecord] = []
    seen: set[str] = set()
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        record = parse_line(number, line)
        if record.id in seen:
            raise CommandError(
                _("regel %(line)d: id %(id)s komt al eerder voor")
                % {"line": number, "id": record.id}
            )
        seen.add(record.id)
        records.append(record)
    return records


class Command(BaseCommand):
    help = "Stelt groepen van samenhangende signalen voor (JSON lines in, JSON lines uit)."
    # The file mode needs no database: skip the checks, which would otherwise inspect it.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", help="JSON-lines bestand met signalen (- voor stdin)")
        parser.add_argument("--output", default="-", help="JSON-lines uitvoer (standaard stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["input"]:
            self.group_file(options["input"], options["output"])
        else:
            self.group_database()

    def group_file(self, source: str, target: str) -> None:
        try:
            if source == "-":
                records = read_records(sys.stdin)
            else:
                with open(source, encoding="utf-8") as stream:
                    records = read_records(stream)
        except OSError as error:
            raise CommandError(
                _("kan %(path)s niet lezen: %(error)s") % {"path": source, "error": error.strerror}
            ) from None
        except UnicodeDecodeError:
            raise CommandError(_("%(path)s is geen UTF-8-tekst") % {"path": source}) from None
        index = SimilarityIndex()
        index.add_many(records)
        groups = group_signals(index, [r.id for r in records])
        lines = "".join(
            json.dumps({"id": r.id, "group": groups[r.id]}, ensure_ascii=False) + "\n"
            for r in records
        )
        if target == "-":
            self.stdout.write(lines, ending="")
            return
        try:
            with open(target, "w", encoding="utf-8") as stream:
                stream.write(lines)
        except OSError as error:
            raise CommandError(
                _("kan %(path)s niet schrijven: %(error)s")
                % {"path": target, "error": error.strerror}
            ) from None

    def group_database(self) -> None:
        # Imported here so that the file mode never loads a model.
        from samenspel.similarity.services import proposals_refresh

        proposal_set = proposals_refresh(actor=None)
        proposals = list(proposal_set.proposals.prefetch_related("signals").order_by("id"))
        if not proposals:
            self.stdout.write(
                _("Geen groepen voorgesteld (%(count)d losse signalen).")
                % {"count": proposal_set.signal_count}
            )
            return
        for number, proposal in enumerate(proposals, start=1):
            references = sorted(s.reference for s in proposal.signals.all())
            self.stdout.write(
                _("Voorstel %(number)d: %(references)s")
                % {"number": number, "references": ", ".join(references)}
            )
        self.stdout.write(
            _("De voorstellen staan klaar voor het ontwikkelteam op /werk/groeperen/.")
        )
