"""Web benchmark (issue 2): throughput and latency of the busiest pages at municipal scale.

    python benchmarks/web.py                       # 100,000 challenges, 1,000,000 signals, both DBs
    python benchmarks/web.py --signals 100000 --challenges 10000 --db sqlite --duration 5

With a seeded synthetic data set loaded, gunicorn (sync workers) serves the product together
with a bare Django view; a bounded set of client threads on 127.0.0.1 measures requests per
second and latency of the board, the inbox, a challenge page and the public form POST. The
figure that matters is the ratio to the bare view measured by the same server in the same run:
absolute numbers drift with whatever else these shared machines are doing.

The script prints one JSON object on stdout; progress goes to stderr. It runs in three kinds
of process so that each has exactly one Django configuration:

* the orchestrator (no Django): caches, gunicorn, load generation, the report;
* ``--phase generate``: migrates an empty database and bulk-loads the synthetic data;
* ``--phase inspect``: counts queries per page in-process and hands over a logged-in session.

Generated data are cached (SQLite file / PostgreSQL template database) keyed by scale, seed,
generator version and the migrations on disk; every run works on a fresh copy, so the reports
the POST benchmark creates never leak into the next run.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html.parser
import http.client
import itertools
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# Bump when the generated data change shape, so cached databases are rebuilt.
GENERATOR_VERSION = 1

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# Two runs at once (say, on two branches) need their own files and databases: set both.
CACHE_DIR = Path(os.environ.get("SAMENSPEL_BENCH_DIR") or ROOT / "var" / "bench")
SETTINGS_MODULE = "web_settings"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_CACHE_PREFIX = os.environ.get("SAMENSPEL_BENCH_PG_PREFIX") or "bench_web_"
PG_RUN_DB = f"{PG_CACHE_PREFIX}run"

HTML_PAGES = ("board", "inbox", "challenge")
GOAL_RATIO = 0.15
GOAL_P95_MS = 150.0

BENCH_USER = "bench-ontwikkelteam"
# Pre-minted submission tokens for the POST benchmark: more than a run can use at 1,000/s.
FORM_TOKENS = 40_000


def log(message: str) -> None:
    print(f"[web-bench {datetime.now(UTC):%H:%M:%S}Z] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Synthetic data (pure Python, seeded): Dutch-looking signals about the 19 kernen of Altena.
# --------------------------------------------------------------------------------------------

KERNEN = [
    ("Almkerk", 4150),
    ("Andel", 1800),
    ("Babyloniënbroek", 420),
    ("Dussen", 2700),
    ("Eethen", 1300),
    ("Genderen", 1900),
    ("Giessen", 2200),
    ("Hank", 3600),
    ("Meeuwen", 700),
    ("Nieuwendijk", 2600),
    ("Op Hodenpijl", 150),
    ("Rijswijk", 1100),
    ("Sleeuwijk", 4800),
    ("Uitwijk", 400),
    ("Uppel", 300),
    ("Veen", 1700),
    ("Werkendam", 9600),
    ("Wijk en Aalburg", 3000),
    ("Woudrichem", 4600),
]
DEPARTMENTS = [
    "Openbare Ruimte",
    "Sociaal Domein",
    "Ruimtelijke Ontwikkeling",
    "Economie en Recreatie",
    "Wonen",
    "Veiligheid en Handhaving",
    "Publiekszaken",
    "Communicatie",
    "Financiën",
    "Bedrijfsvoering",
    "Sport en Cultuur",
    "Duurzaamheid",
]
THEMES = [
    "Verkeer",
    "Groen",
    "Spelen",
    "Eenzaamheid",
    "Jongeren",
    "Ouderen",
    "Wonen",
    "Veiligheid",
    "Energie",
    "Water",
    "Ondernemen",
    "Cultuur",
]
SUBJECTS = [
    "de speeltuin",
    "het trapveldje",
    "de stoep",
    "de bushalte",
    "het fietspad",
    "de dijk",
    "de haven",
    "het dorpshuis",
    "de sporthal",
    "de bibliotheek",
    "de school",
    "het kerkplein",
    "de parkeerplaats",
    "de vijver",
    "de bomen",
    "de straatverlichting",
    "de rotonde",
    "het bankje",
    "de ijsbaan",
    "de jeugdsoos",
    "het zwembad",
    "de markt",
    "de brug",
    "het hondenveld",
]
PROBLEMS = [
    "is al weken kapot",
    "is 's avonds onveilig",
    "wordt te weinig gebruikt",
    "verdient een opknapbeurt",
    "ligt vol zwerfafval",
    "staat regelmatig onder water",
    "is slecht bereikbaar voor ouderen",
    "zou een ontmoetingsplek kunnen worden",
    "heeft te weinig verlichting",
    "is een gevaarlijke plek voor fietsers",
    "mist een bankje om even uit te rusten",
    "wordt gebruikt door hangjongeren",
    "kan groener",
    "wordt door auto's te hard gepasseerd",
]
STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Hoofdstraat",
    "Molenweg",
    "Dijkweg",
    "Havenstraat",
    "Schoolstraat",
    "Julianastraat",
    "Beatrixlaan",
    "Sportlaan",
    "Polderweg",
    "Kade",
    "Nieuweweg",
    "Meidoornstraat",
]
CLOSINGS = [
    "Kan de gemeente hier iets aan doen?",
    "Wij willen graag meedenken.",
    "Met een paar buren willen we dit zelf oppakken.",
    "Dit speelt al langer, graag aandacht.",
    "Wie kan ons hierbij helpen?",
    "De dorpsraad weet ervan.",
    "Graag een reactie.",
    "",
]
FIRST_NAMES = ["Anna", "Bram", "Cor", "Daan", "Els", "Femke", "Gert", "Hanneke", "Jan", "Kees"]
LAST_NAMES = ["de Jong", "van Dijk", "Bakker", "Visser", "Smit", "de Bruijn", "van Andel", "Hak"]
CHANNELS = [
    ("web", 40),
    ("phone", 18),
    ("email", 15),
    ("conversation", 10),
    ("council", 4),
    ("partner", 5),
    ("department", 4),
    ("social_media", 3),
    ("other", 1),
]
CHALLENGE_STATUSES = [
    ("new", 6),
    ("exploring", 8),
    ("forming", 6),
    ("active", 14),
    ("on_hold", 4),
    ("handed_over", 12),
    ("done", 30),
    ("evaluated", 15),
    ("declined", 5),
]
# Main path through the workflow, to write plausible transition events.
STATUS_PATH = ["new", "exploring", "forming", "active"]
HISTORY = {
    "new": [],
    "exploring": ["exploring"],
    "forming": ["exploring", "forming"],
    "active": ["exploring", "forming", "active"],
    "on_hold": ["exploring", "forming", "on_hold"],
    "handed_over": ["exploring", "forming", "active", "handed_over"],
    "done": ["exploring", "forming", "active", "done"],
    "evaluated": ["exploring", "forming", "active", "done", "evaluated"],
    "declined": ["declined"],
}
DATA_SPAN = timedelta(days=3 * 365)


def signal_text(rng: random.Random, kern: str | None) -> str:
    place = f" aan de {rng.choice(STREETS)}" + (f" in {kern}" if kern else "")
    text = f"{rng.choice(SUBJECTS).capitalize()}{place} {rng.choice(PROBLEMS)}."
    closing = rng.choice(CLOSINGS)
    return f"{text} {closing}".strip()


def weighted(rng: random.Random, choices: list[tuple[str, int]], k: int) -> list[str]:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights, k=k)


# --------------------------------------------------------------------------------------------
# Phase "generate": runs with Django configured against an empty database.
# --------------------------------------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(BENCH_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    import django

    django.setup()


class BulkWriter:
    """Fast inserts of generated rows: executemany on SQLite, COPY on PostgreSQL.

    Columns not given are filled with the model field's default, so a new field with a
    default does not break the generator.
    """

    def __init__(self, connection) -> None:
        self.connection = connection
        self.vendor = connection.vendor
        connection.ensure_connection()
        self.raw = connection.connection

    def insert(self, model, fields: list[str], rows, batch: int = 50_000) -> int:
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        given_columns = {field.column for field in given}
        # Django fills blank text fields with "" when no default is declared; do the same.
        with self.connection.cursor() as cursor:
            table_columns = {
                column.name
                for column in self.connection.introspection.get_table_description(
                    cursor, meta.db_table
                )
            }
        # A model field without its migration yet (work in progress) is left out.
        extra_fields = [
            field
            for field in meta.concrete_fields
            if field.column not in given_columns
            and field.column in table_columns
            and not field.primary_key
            and not field.null
        ]
        missing = [field.name for field in extra_fields if field.get_default() is None]
        if missing:
            raise RuntimeError(f"{meta.label}: no value for NOT NULL fields {missing}")
        extra_values = tuple(field.get_default() for field in extra_fields)
        columns = [field.column for field in given + extra_fields]
        datetime_positions = [
            index
            for index, field in enumerate(given + extra_fields)
            if field.get_internal_type() == "DateTimeField"
        ]
        column_sql = ", ".join(f'"{column}"' for column in columns)
        table = meta.db_table
        count = 0
        if self.vendor == "postgresql":
            with (
                self.raw.cursor() as cursor,
                cursor.copy(f'COPY "{table}" ({column_sql}) FROM STDIN') as copy,
            ):
                for row in rows:
                    copy.write_row(row + extra_values)
                    count += 1
            return count
        # Building an index once over sorted keys is far cheaper than keeping it up to date
        # row by row, so secondary indexes are dropped for the load and recreated after it.
        cursor = self.raw.cursor()
        indexes = cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')

        def adapt(value: datetime) -> str:
            # What Django's SQLite backend stores for an aware datetime (naive UTC text),
            # without its per-value time-zone machinery.
            if value.tzinfo is not UTC:
                return self.connection.ops.adapt_datetimefield_value(value)
            return str(value.replace(tzinfo=None))

        placeholders = ", ".join("?" for _ in columns)
        # Table and column names come from the models, never from input.
        sql = f'INSERT INTO "{table}" ({column_sql}) VALUES ({placeholders})'  # noqa: S608
        chunk: list[tuple] = []
        for row in rows:
            values = list(row + extra_values)
            for index in datetime_positions:
                if values[index] is not None:
                    values[index] = adapt(values[index])
            chunk.append(tuple(values))
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
        for _, index_sql in indexes:
            cursor.execute(index_sql)
        cursor.close()
        return count


def generate(*, challenges: int, signals: int, seed: int) -> dict[str, Any]:
    """Load the synthetic municipality into the (freshly migrated) database."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import DatabaseError, connection, transaction
    from django.utils.text import slugify

    from samenspel.accounts.models import User
    from samenspel.accounts.roles import Role
    from samenspel.challenges.models import Challenge, ChallengeEvent, Theme
    from samenspel.intake.models import Reporter, Signal
    from samenspel.organisation.models import Department, Employee
    from samenspel.places.models import Kern

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if Signal.objects.exists() or Challenge.objects.exists():
        raise RuntimeError("generate needs an empty database")
    rng = random.Random(seed)
    now = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    start = now - DATA_SPAN

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A throw-away load: no journal, no fsync. Restored to WAL by every connection.
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")

    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The generator writes consistent keys itself; skipping the foreign-key
            # triggers during COPY saves millions of deferred checks. Only a superuser may;
            # anyone else loads a little slower with the checks on.
            with (
                contextlib.suppress(DatabaseError),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute("SET LOCAL session_replication_role = replica")

        departments = Department.objects.bulk_create(
            [Department(name=name, slug=slugify(name)) for name in DEPARTMENTS]
        )
        groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
        employees: list[Employee] = []
        for index in range(600):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {index}"
            employees.append(
                Employee(
                    name=name,
                    email=f"medewerker{index}@altena.test",
                    department=departments[index % len(departments)],
                    is_development_team=index < 6,
                    is_manager=index % 40 == 0,
                    weekly_hours_available=rng.choice([0, 2, 4, 8]),
                )
            )
        employees = Employee.objects.bulk_create(employees)
        bench_users = [
            (BENCH_USER, Role.DEVELOPMENT_TEAM, employees[0]),
            ("bench-gebiedsregisseur", Role.AREA_DIRECTOR, employees[6]),
            ("bench-medewerker", Role.EMPLOYEE, employees[7]),
        ]
        for username, role, employee in bench_users:
            # The harness logs in with a session it creates itself: no password needed.
            user = User.objects.create_user(
                username=username, password=None, email=f"{username}@altena.test"
            )
            user.groups.add(groups[role])
            employee.user = user
            employee.save(update_fields=["user"])
        kernen = Kern.objects.bulk_create(
            [
                Kern(
                    name=name,
                    slug=slugify(name),
                    population=population,
                    area_director=employees[6 + index % 4],
                )
                for index, (name, population) in enumerate(KERNEN)
            ]
        )
        kern_ids = [kern.pk for kern in kernen]
        kern_names = {kern.pk: kern.name for kern in kernen}
        # Cumulative weights once: random.choices would otherwise rebuild them per draw.
        kern_cum = list(itertools.accumulate(population for _, population in KERNEN))
        themes = Theme.objects.bulk_create(
            [Theme(name=name, slug=slugify(name)) for name in THEMES]
        )
        writer = BulkWriter(connection)

        # Signals first in memory-light form: who belongs to which challenge decides the
        # challenges' signal_count, which must match the linked signals exactly.
        # Challenge popularity is skewed (u**2): a few challenges gather thousands of signals.
        permutation = list(range(1, challenges + 1))
        rng.shuffle(permutation)
        received_offsets = sorted(rng.random() for _ in range(signals))
        signal_challenge: list[int | None] = [None] * signals
        signal_status: list[str] = ["linked"] * signals
        counts = [0] * (challenges + 1)
        new_share, dismissed_share = 0.05, 0.02
        for index in range(signals):
            draw = rng.random()
            recent = index >= signals * 0.9
            # Untriaged signals are mostly recent; a few forgotten ones linger in the backlog.
            if draw < (new_share * 8 if recent else new_share * 0.11):
                signal_status[index] = "new"
                continue
            if draw > 1 - dismissed_share:
                signal_status[index] = "dismissed"
                continue
            challenge_id = permutation[int(rng.random() ** 2 * challenges)]
            signal_challenge[index] = challenge_id
            counts[challenge_id] += 1

        # Challenges.
        statuses = weighted(rng, CHALLENGE_STATUSES, challenges)
        kinds = rng.choices(["issue", "initiative", "policy"], weights=[80, 12, 8], k=challenges)
        gov_roles = ["letting_go", "facilitating", "stimulating", "directing", "regulating"]
        team_roles = ["none", "advise", "coach", "facilitate"]
        event_rows: list[tuple] = []

        owners = employees[6:]

        def challenge_rows():
            for challenge_id in range(1, challenges + 1):
                status = statuses[challenge_id - 1]
                kern = rng.choices(kern_ids, cum_weights=kern_cum)[0]
                subject = rng.choice(SUBJECTS)
                created = start + DATA_SPAN * (challenge_id / (challenges + 1))
                updated = min(now, created + timedelta(days=rng.expovariate(1 / 40)))
                owned = status not in ("new", "exploring", "declined")
                owner = rng.choice(owners) if owned else None
                yield (
                    challenge_id,
                    f"{subject.capitalize()} in {kern_names[kern]}",
                    signal_text(rng, kern_names[kern]),
                    kinds[challenge_id - 1],
                    status,
                    "active" if status == "on_hold" else "",
                    owner.department_id if owner else None,
                    owner.pk if owner else None,
                    rng.choice(gov_roles) if owned else "",
                    rng.choice(team_roles),
                    rng.random() < 0.9,
                    "Valt buiten de rol van de gemeente." if status == "declined" else "",
                    counts[challenge_id],
                    created,
                    updated,
                )
                moment = created
                event_rows.append((challenge_id, "created", "", "new", "", False, moment))
                previous = "new"
                for target in HISTORY[status]:
                    moment = moment + (updated - created) / 6
                    event_rows.append(
                        (challenge_id, "transition", previous, target, "", False, moment)
                    )
                    previous = target
                if rng.random() < 0.2:
                    event_rows.append(
                        (
                            challenge_id,
                            "note",
                            "",
                            "",
                            "Gesprek met de dorpsraad gehad.",
                            False,
                            updated,
                        )
                    )

        n_challenges = writer.insert(
            Challenge,
            [
                "id",
                "title",
                "summary",
                "kind",
                "status",
                "status_before_hold",
                "owner_department",
                "owner",
                "government_role",
                "team_role",
                "is_public",
                "decline_reason",
                "signal_count",
                "created_at",
                "updated_at",
            ],
            challenge_rows(),
        )
        log(f"  {n_challenges} challenges")
        n_events = writer.insert(
            ChallengeEvent,
            ["challenge", "kind", "from_status", "to_status", "text", "is_public", "created_at"],
            iter(event_rows),
        )
        event_rows.clear()
        log(f"  {n_events} challenge events")

        kern_links: list[tuple[int, int]] = []
        theme_links: list[tuple[int, int]] = []
        theme_ids = [theme.pk for theme in themes]
        for challenge_id in range(1, challenges + 1):
            chosen = {rng.choices(kern_ids, cum_weights=kern_cum)[0]}
            if rng.random() < 0.15:
                chosen.add(rng.choice(kern_ids))
            kern_links.extend((challenge_id, kern_id) for kern_id in sorted(chosen))
            if rng.random() < 0.7:
                theme_links.append((challenge_id, rng.choice(theme_ids)))
        writer.insert(Challenge.kernen.through, ["challenge", "kern"], iter(kern_links))
        writer.insert(Challenge.themes.through, ["challenge", "theme"], iter(theme_links))

        # Reporters: one in ten signals has somebody behind it who left contact details.
        reporter_every = 10
        n_reporters = signals // reporter_every

        def reporter_rows():
            for reporter_id in range(1, n_reporters + 1):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                received = start + DATA_SPAN * received_offsets[reporter_id * reporter_every - 1]
                yield (
                    reporter_id,
                    f"{first} {last}",
                    f"melder{reporter_id}@example.org",
                    "" if reporter_id % 3 else "0183-000000",
                    reporter_id % 2 == 0,
                    received,
                )

        writer.insert(
            Reporter,
            ["id", "name", "email", "phone", "wants_updates", "created_at"],
            reporter_rows(),
        )
        log(f"  {n_reporters} reporters")

        channels = weighted(rng, CHANNELS, signals)
        staff_id = User.objects.get(username=BENCH_USER).pk

        def signal_rows():
            for index in range(signals):
                signal_id = index + 1
                kern = (
                    rng.choices(kern_ids, cum_weights=kern_cum)[0] if rng.random() < 0.93 else None
                )
                received = start + DATA_SPAN * received_offsets[index]
                channel = channels[index]
                has_reporter = signal_id % reporter_every == 0
                status = signal_status[index]
                yield (
                    signal_id,
                    signal_text(rng, kern_names.get(kern)),
                    kern,
                    channel,
                    received,
                    received,
                    status,
                    signal_challenge[index],
                    signal_id // reporter_every if has_reporter else None,
                    None if channel == "web" else staff_id,
                    None if status == "new" else received + timedelta(days=rng.randint(0, 10)),
                )

        n_signals = writer.insert(
            Signal,
            [
                "id",
                "text",
                "kern",
                "channel",
                "received_at",
                "created_at",
                "status",
                "challenge",
                "reporter",
                "recorded_by",
                "first_answered_at",
            ],
            signal_rows(),
        )
        log(f"  {n_signals} signals")

        if connection.vendor == "postgresql":
            models = [
                Challenge,
                ChallengeEvent,
                Reporter,
                Signal,
                Challenge.kernen.through,
                Challenge.themes.through,
            ]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum would do shortly after a bulk load in production.
            cursor.execute("VACUUM ANALYZE")
        else:
            # Leave a self-contained file (no -wal) that can be copied for each run.
            cursor.execute("PRAGMA journal_mode=DELETE")
    return {
        "load_seconds": round(time.perf_counter() - started, 1),
        "rows": {
            "challenges": n_challenges,
            "signals": n_signals,
            "reporters": n_reporters,
            "challenge_events": n_events,
            "kernen": len(kernen),
            "employees": len(employees),
        },
    }


# --------------------------------------------------------------------------------------------
# Phase "inspect": query counts per page, in-process, and a session for the load clients.
# --------------------------------------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """Collects the fields of every <form> on a page (enough to submit it like a browser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {
                "action": attributes.get("action", ""),
                "method": attributes.get("method", "get").lower(),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._form["fields"].append(
                {
                    "tag": "input",
                    "type": attributes.get("type", "text").lower(),
                    "name": attributes.get("name", ""),
                    "value": attributes.get("value", ""),
                    "required": "required" in attributes,
                    "checked": "checked" in attributes,
                }
            )
        elif tag == "textarea":
            self._textarea = {
                "tag": "textarea",
                "name": attributes.get("name", ""),
                "value": "",
                "required": "required" in attributes,
            }
            self._form["fields"].append(self._textarea)
        elif tag == "select":
            self._select = {
                "tag": "select",
                "name": attributes.get("name", ""),
                "options": [],
                "required": "required" in attributes,
            }
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attributes.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea["value"] += data


def report_form_data(page: str, rng: random.Random) -> list[tuple[str, str]] | None:
    """Fill the public report form like a resident would: required fields and the text.

    Fields that are neither required nor the description stay as the page gave them, so a
    honeypot field remains empty.
    """
    parser = FormParser()
    parser.feed(page)
    candidates = [
        form
        for form in parser.forms
        if form["method"] == "post" and any(f["tag"] == "textarea" for f in form["fields"])
    ]
    if not candidates:
        return None
    data: list[tuple[str, str]] = []
    seen_radio: set[str] = set()
    for field in candidates[0]["fields"]:
        name = field["name"]
        if not name:
            continue
        if field["tag"] == "textarea":
            data.append((name, signal_text(rng, rng.choice(KERNEN)[0])))
        elif field["tag"] == "select":
            options = [option for option in field["options"] if option]
            if options:
                data.append((name, rng.choice(options)))
        else:
            kind = field["type"]
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if (field["required"] or field["checked"]) and name not in seen_radio:
                    data.append((name, field["value"] or "on"))
                    seen_radio.add(name)
            elif field["required"] and not field["value"]:
                if kind == "email" or "mail" in name:
                    data.append((name, "bench@example.org"))
                elif kind == "tel" or "phone" in name or "telefoon" in name:
                    data.append((name, "0183000000"))
                else:
                    data.append((name, "Benchmark"))
            else:
                data.append((name, field["value"]))
    return data


def inspect(*, sample: int, seed: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from samenspel.accounts.models import User
    from samenspel.challenges import page_cache
    from samenspel.challenges.models import Challenge
    from samenspel.intake.forms import new_form_token
    from samenspel.intake.models import Signal

    rng = random.Random(seed + 1)
    user = User.objects.get(username=BENCH_USER)
    staff = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    staff.force_login(user)
    anonymous = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")

    max_id = Challenge.objects.order_by("-id").values_list("id", flat=True).first() or 0
    busiest = Challenge.objects.order_by("-signal_count").values_list("id", "signal_count").first()
    challenge_ids = sorted({rng.randint(1, max_id) for _ in range(sample)}) if max_id else []
    if busiest:
        challenge_ids.append(busiest[0])
    typical = challenge_ids[0] if challenge_ids else 1

    def measure(client: Client, path: str, form=None, before=None) -> dict[str, Any]:
        """Time one request after a warm-up; `form()` gives fresh POST data each call, and
        `before()` runs between the warm-up and the timed request."""

        def call():
            return client.post(path, form()) if form else client.get(path)

        call()  # warm caches and templates
        if before:
            before()
        data = form() if form else None
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(path, data) if form else client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        timed = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        return {
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "inprocess_ms": round(elapsed, 1),
            "db_ms": round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
            "bytes": len(response.content),
            "slowest_queries": [
                {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:400]} for q in timed[:3]
            ],
            "slowest_plan": explain(timed[0]["sql"]) if timed else None,
        }

    def explain(sql: str) -> list[str] | None:
        """The plan of the page's slowest query: where a missing index would show."""
        if not sql.lstrip().upper().startswith("SELECT"):
            return None
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        try:
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql.replace("%", "%%"))
                return [" ".join(str(part) for part in row) for row in cursor.fetchall()]
        except Exception as exc:  # a plan is a diagnostic; never fail the run for it
            return [f"no plan: {exc}"]

    pages = {
        "board": measure(staff, "/werk/"),
        "inbox": measure(staff, "/werk/signalen/"),
        # Filters that need other indexes than the default "new" view (measured in-process).
        "inbox_all_statuses": measure(staff, "/werk/signalen/?status="),
        "inbox_one_kern_all_statuses": measure(staff, "/werk/signalen/?status=&kern=1"),
        "challenge": measure(staff, f"/werk/opgaven/{typical}/"),
    }
    if busiest:
        pages["challenge_busiest"] = measure(staff, f"/werk/opgaven/{busiest[0]}/")
        pages["challenge_busiest"]["signal_count"] = busiest[1]
    # The load phase serves challenge pages mostly from the per-viewer cache (each worker
    # builds a page once per token); this is the cost of building one after a change.
    pages["challenge_uncached"] = measure(
        staff, f"/werk/opgaven/{typical}/", before=page_cache.page_changed
    )

    def fresh_report() -> dict[str, str]:
        page = anonymous.get("/melden/").content.decode("utf-8", "replace")
        return dict(report_form_data(page, rng) or [])

    form_page = anonymous.get("/melden/")
    if report_form_data(form_page.content.decode("utf-8", "replace"), rng) is None:
        pages["report_post"] = {"status": form_page.status_code, "error": "no report form found"}
    else:
        pages["report_post"] = measure(anonymous, "/melden/", fresh_report)

    counts = {"challenges": Challenge.objects.count(), "signals": Signal.objects.count()}
    return {
        "session_cookie": staff.cookies["sessionid"].value,
        "challenge_ids": challenge_ids,
        "pages": pages,
        "counts": counts,
        # The submission tokens the form would hand out, signed with this run's key: the POST
        # benchmark times the POST alone instead of a GET of the form, its parsing and a POST.
        "form_tokens": [new_form_token() for _ in range(FORM_TOKENS)],
    }


# --------------------------------------------------------------------------------------------
# Orchestrator: caches, gunicorn, load.
# --------------------------------------------------------------------------------------------


def migrations_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "samenspel").glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(args: argparse.Namespace) -> str:
    material = f"{args.challenges}:{args.signals}:{args.seed}:{GENERATOR_VERSION}:"
    material += migrations_fingerprint()
    return hashlib.sha256(material.encode()).hexdigest()[:12]


def run_phase(phase: str, database_url: str, secret_key: str, args: argparse.Namespace) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": secret_key}
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--challenges",
        str(args.challenges),
        "--signals",
        str(args.signals),
        "--seed",
        str(args.seed),
    ]
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"phase {phase} failed with exit code {result.returncode}")
    return json.loads(result.stdout)


def prepare_sqlite(args: argparse.Namespace, secret_key: str) -> tuple[str, dict]:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    stem = f"web-{args.challenges}-{args.signals}-{args.seed}"
    cached = CACHE_DIR / f"{stem}-{cache_key(args)}.sqlite3"
    meta_path = cached.with_suffix(".json")
    if args.regenerate:
        cached.unlink(missing_ok=True)
    if not cached.exists() or not meta_path.exists():
        for stale in CACHE_DIR.glob(f"{stem}-*.sqlite3"):
            stale.unlink()
            stale.with_suffix(".json").unlink(missing_ok=True)
        building = CACHE_DIR / f"{stem}.building.sqlite3"
        building.unlink(missing_ok=True)
        log(f"sqlite: generating {args.challenges} challenges / {args.signals} signals")
        meta = run_phase("generate", f"sqlite:///{building}", secret_key, args)
        building.rename(cached)
        meta_path.write_text(json.dumps(meta))
        meta["cached"] = False
    else:
        meta = json.loads(meta_path.read_text())
        meta["cached"] = True
    working = CACHE_DIR / "web-run.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{working}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cached, working)
    meta["database_bytes"] = cached.stat().st_size
    return f"sqlite:///{working}", meta


def prepare_postgres(args: argparse.Namespace, secret_key: str) -> tuple[str, dict]:
    import psycopg
    from psycopg import sql

    admin_url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    parts = urllib.parse.urlsplit(admin_url)

    def url_for(name: str) -> str:
        return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))

    stem = f"{PG_CACHE_PREFIX}{args.challenges}_{args.signals}_{args.seed}"
    cached = f"{stem}_{cache_key(args)}"
    building = f"{stem}_building"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        existing = {
            row[0]
            for row in admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{stem}_%",)
            )
        }
        comment = None
        if cached in existing and not args.regenerate:
            comment = admin.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                (cached,),
            ).fetchone()[0]
        if comment:
            meta = json.loads(comment)
            meta["cached"] = True
        else:
            for name in existing:
                admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{building}"')
            log(f"postgres: generating {args.challenges} challenges / {args.signals} signals")
            meta = run_phase("generate", url_for(building), secret_key, args)
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{cached}"')
            admin.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(cached), sql.Literal(json.dumps(meta))
                )
            )
            meta["cached"] = False
        admin.execute(f'DROP DATABASE IF EXISTS "{PG_RUN_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_RUN_DB}" TEMPLATE "{cached}"')
        meta["database_bytes"] = admin.execute(
            "SELECT pg_database_size(%s)", (PG_RUN_DB,)
        ).fetchone()[0]
    return url_for(PG_RUN_DB), meta


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, list[str]], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        payload = response.read()
        grouped: dict[str, list[str]] = {}
        for key, value in response.getheaders():
            grouped.setdefault(key.lower(), []).append(value)
        return response.status, grouped, payload
    finally:
        connection.close()


def cookies_from(headers: dict[str, list[str]]) -> dict[str, str]:
    jar = {}
    for value in headers.get("set-cookie", []):
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


class Gunicorn:
    """gunicorn as a child process in its own process group; always stopped on exit."""

    def __init__(self, database_url: str, secret_key: str, workers: int, log_path: Path) -> None:
        self.port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": secret_key,
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        }
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--pythonpath",
            str(BENCH_DIR),
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "samenspel.wsgi:application",
        ]
        self.log_file = log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            with contextlib.suppress(OSError):
                status, _, _ = request(self.port, "GET", "/_bare/", timeout=5)
                if status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not become ready")

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log_file.close()


def percentile(sorted_values: list[float], share: float) -> float | None:
    if not sorted_values:
        return None
    rank = max(0, min(len(sorted_values) - 1, int(round(share * len(sorted_values) + 0.5)) - 1))
    return sorted_values[rank]


def drive(
    port: int,
    step,
    *,
    threads: int,
    duration: float,
    warmup: float,
) -> dict[str, Any]:
    """Run `step(rng) -> (latency_s, ok, status)` on `threads` client threads for `duration`."""

    def loop(seconds: float, sink: list, seed: int) -> None:
        rng = random.Random(seed)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            try:
                sink.append(step(rng))
            except (OSError, http.client.HTTPException) as exc:
                sink.append((0.0, False, type(exc).__name__))

    def run(seconds: float) -> tuple[list, float]:
        sinks: list[list] = [[] for _ in range(threads)]
        workers = [
            threading.Thread(target=loop, args=(seconds, sinks[i], i)) for i in range(threads)
        ]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return [item for sink in sinks for item in sink], time.perf_counter() - started

    if warmup > 0:
        run(warmup)
    results, elapsed = run(duration)
    latencies = sorted(latency * 1000 for latency, ok, _ in results if ok)
    statuses = Counter(str(status) for _, _, status in results)
    errors = sum(1 for _, ok, _ in results if not ok)
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "requests": len(results),
        "errors": errors,
        "statuses": dict(statuses),
    }


def make_get_step(port: int, paths: list[str], cookie: str | None):
    headers = {"Cookie": cookie} if cookie else {}

    def step(rng: random.Random):
        path = rng.choice(paths)
        started = time.perf_counter()
        status, _, _ = request(port, "GET", path, headers=headers)
        return time.perf_counter() - started, status == 200, status

    return step


def make_post_step(port: int, tokens: list[str]):
    """One submission of the public form, timed alone.

    A resident's browser fetches the form once and posts it; what the goal is about is the
    POST. Each client thread fetches the form once (untimed) for its CSRF cookie and fields;
    every step then posts it with its own fresh submission token, minted beforehand with the
    run's key exactly as the form hands them out, and a new description. When the tokens run
    out, a step fetches a fresh form first, untimed, as before.
    """
    next_token = itertools.count()
    forms: dict[int, tuple[list[tuple[str, str]], dict[str, str], set[str]]] = {}

    def fetch_form(rng: random.Random):
        status, headers, page = request(port, "GET", "/melden/")
        if status != 200:
            return None, f"form-{status}"
        text = page.decode("utf-8", "replace")
        data = report_form_data(text, rng)
        if data is None:
            return None, "no-form"
        parser = FormParser()
        parser.feed(text)
        text_fields = {
            field["name"]
            for form in parser.forms
            for field in form["fields"]
            if field["tag"] == "textarea"
        }
        return (data, cookies_from(headers), text_fields), None

    def step(rng: random.Random):
        thread = threading.get_ident()
        index = next(next_token)
        if thread not in forms or index >= len(tokens):
            form, problem = fetch_form(rng)
            if form is None:
                return 0.0, False, problem
            forms[thread] = form
        data, jar, text_fields = forms[thread]
        if index < len(tokens):
            kern = rng.choice(KERNEN)[0]
            data = [
                (
                    name,
                    tokens[index]
                    if name == "form_token"
                    else signal_text(rng, kern)
                    if name in text_fields
                    else value,
                )
                for name, value in data
            ]
        body = urllib.parse.urlencode(data).encode()
        post_headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{key}={value}" for key, value in jar.items()),
        }
        started = time.perf_counter()
        status, _, _ = request(port, "POST", "/melden/", headers=post_headers, body=body)
        # A stored report answers with a redirect to its receipt; 200 means the form came
        # back with an error message, which is a refusal, not a submission.
        return time.perf_counter() - started, status in (302, 303), status

    return step


def bench_database(name: str, args: argparse.Namespace) -> dict[str, Any]:
    secret_key = secrets.token_urlsafe(50)
    prepare = prepare_sqlite if name == "sqlite" else prepare_postgres
    database_url, meta = prepare(args, secret_key)
    log(f"{name}: data ready ({'cached' if meta['cached'] else 'generated'}); inspecting pages")
    inspected = run_phase("inspect", database_url, secret_key, args)
    cookie = f"sessionid={inspected['session_cookie']}"
    challenge_paths = [f"/werk/opgaven/{pk}/" for pk in inspected["challenge_ids"]]
    server = Gunicorn(database_url, secret_key, args.workers, CACHE_DIR / f"gunicorn-{name}.log")
    endpoints: dict[str, Any] = {}
    try:
        server.wait_ready()
        port = server.port
        plan = [
            ("bare_before", make_get_step(port, ["/_bare/"], None)),
            ("board", make_get_step(port, ["/werk/"], cookie)),
            ("inbox", make_get_step(port, ["/werk/signalen/"], cookie)),
            ("challenge", make_get_step(port, challenge_paths, cookie)),
            ("report_post", make_post_step(port, inspected["form_tokens"])),
            ("bare_after", make_get_step(port, ["/_bare/"], None)),
        ]
        for label, step in plan:
            log(f"{name}: {label} for {args.duration:g} s × {args.concurrency} threads")
            endpoints[label] = drive(
                port,
                step,
                threads=args.concurrency,
                duration=args.duration,
                warmup=min(2.0, args.duration / 5),
            )
    finally:
        server.stop()
    before, after = endpoints.pop("bare_before"), endpoints.pop("bare_after")
    bare_rps = (before["rps"] + after["rps"]) / 2
    bare = {
        "rps": round(bare_rps, 1),
        "rps_before": before["rps"],
        "rps_after": after["rps"],
        "p50_ms": before["p50_ms"],
        "p95_ms": max(filter(None, [before["p95_ms"], after["p95_ms"]]), default=None),
        "errors": before["errors"] + after["errors"],
    }
    for label, figures in endpoints.items():
        figures["ratio_to_bare"] = round(figures["rps"] / bare_rps, 3) if bare_rps else None
        figures["meets_ratio"] = (figures["ratio_to_bare"] or 0) >= GOAL_RATIO
        figures["meets_p95"] = figures["p95_ms"] is not None and figures["p95_ms"] <= GOAL_P95_MS
        figures["queries"] = inspected["pages"].get(label, {}).get("queries")
    html_ok = all(
        endpoints[page]["meets_ratio"]
        and endpoints[page]["meets_p95"]
        and not endpoints[page]["errors"]
        for page in HTML_PAGES
    )
    return {
        "data": {**meta, "counts": inspected["counts"]},
        "bare": bare,
        "endpoints": endpoints,
        "inprocess": inspected["pages"],
        "goal": {
            "html_pages_met": html_ok,
            "report_post_p95_met": endpoints["report_post"]["meets_p95"],
        },
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--challenges", type=int, default=100_000)
    parser.add_argument("--signals", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--sample", type=int, default=50, help="challenge pages to rotate")
    parser.add_argument("--regenerate", action="store_true", help="ignore cached data")
    parser.add_argument("--phase", choices=["generate", "inspect"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.phase:
        setup_django()
        if args.phase == "generate":
            result = generate(challenges=args.challenges, signals=args.signals, seed=args.seed)
        else:
            result = inspect(sample=args.sample, seed=args.seed)
        print(json.dumps(result))
        return
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    report: dict[str, Any] = {
        "benchmark": "web",
        "scale": {"challenges": args.challenges, "signals": args.signals, "seed": args.seed},
        "server": {"gunicorn_workers": args.workers, "worker_class": "sync"},
        "load": {"client_threads": args.concurrency, "seconds_per_endpoint": args.duration},
        "goal": {"ratio_to_bare_at_least": GOAL_RATIO, "p95_ms_at_most": GOAL_P95_MS},
        "databases": {},
    }
    for name in databases:
        try:
            report["databases"][name] = bench_database(name, args)
        except Exception as exc:  # one database failing must not hide the other's figures
            log(f"{name}: failed: {exc}")
            report["databases"][name] = {"error": str(exc)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
