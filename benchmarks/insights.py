"""Insights benchmark (issue 6): the dashboard on ten years of a 5,000-employee organisation.

    python benchmarks/insights.py                    # SQLite and PostgreSQL, 1,000,000 events
    python benchmarks/insights.py --events 100000 --repeat 10 --db sqlite

A seeded generator writes ten years of synthetic history: 5,000 employees in 25 departments,
one million engagement events (adoption follows a Bass curve), their monthly aggregates and
first engagements, 6,000 challenges, 30,000 signals, 19 kernen, cohorts of the learning
programme, and one network snapshot per quarter. Events, aggregates and snapshots are
bulk-loaded as the sync and the worker would leave them (the snapshots carry synthetic
values: computing 40 quarters of betweenness is the worker's job, not the page's).

Then, in one process per database, the full dashboard and each measure are timed in-process
through Django (request to rendered HTML for the dashboard), p50/p95 over ``--repeat`` runs
after one warm-up (which also fills the forecast cache, as the first visitor of the day does),
plus peak memory (ru_maxrss). The generated databases are cached under var/bench/ (SQLite
file, PostgreSQL database ``bench_insights_v1``) keyed by scale and generator version.
Prints one JSON object; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

GENERATOR_VERSION = 1
ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "bench"
PG_BASE = "postgres://postgres@127.0.0.1:5432/"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspel.conf.test")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def generate(events: int, seed: int) -> None:
    """Migrate and bulk-load the synthetic organisation (inside the configured database)."""
    import datetime as dt
    from collections import defaultdict
    from zoneinfo import ZoneInfo

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from samenspel.insights.services import (
        insights_rebuild_challenge_months,
        insights_rebuild_responsiveness,
    )

    # The sync rebuilds these from the signals; the generator loads signals directly.
    started = time.perf_counter()
    insights_rebuild_responsiveness()
    insights_rebuild_challenge_months()
    log(f"responsiveness and challenge months rebuilt in {time.perf_counter() - started:.1f} s")
    call_command("createcachetable", verbosity=0)
    from samenspel.challenges.models import Challenge
    from samenspel.insights.models import (
        EngagementEvent,
        EngagementKind,
        FirstEngagement,
        MonthlyDepartmentStat,
        NetworkSnapshot,
    )
    from samenspel.intake.models import Channel, Signal
    from samenspel.learning.models import Cohort, Enrolment, Programme
    from samenspel.organisation.models import Department, Employee
    from samenspel.places.models import Kern

    rng = random.Random(seed)
    zone = ZoneInfo("Europe/Amsterdam")
    today = dt.date.today().replace(day=1)
    start = dt.date(today.year - 10, today.month, 1)

    def month_start(index: int) -> dt.datetime:
        year, month = divmod(start.month - 1 + index, 12)
        return dt.datetime(start.year + year, month + 1, 1, tzinfo=zone)

    departments = Department.objects.bulk_create(
        Department(name=f"Afdeling {i:02d}", slug=f"afdeling-{i:02d}") for i in range(25)
    )
    employees = Employee.objects.bulk_create(
        (
            Employee(
                name=f"Medewerker {i:05d}",
                department=departments[i % 25],
                is_development_team=i < 8,
            )
            for i in range(5000)
        ),
        batch_size=2000,
    )
    kernen = Kern.objects.bulk_create(
        Kern(
            name=f"Kern {i}",
            slug=f"kern-{i}",
            population=rng.randint(300, 9000),
            latitude=51.7 + rng.random() * 0.1,
            longitude=4.9 + rng.random() * 0.2,
        )
        for i in range(19)
    )
    log("organisation loaded")
    # Adoption month per employee from a Bass curve (p=0.01, q=0.06 per month).
    months = 120
    adoption = {}
    for employee in employees:
        if employee.is_development_team:
            adoption[employee.pk] = 0
            continue
        u = rng.random()
        p, q = 0.01, 0.06
        t = -1 / (p + q) * __import__("math").log((1 - u) / (1 + q / p * u))
        if t < months:
            adoption[employee.pk] = int(t)
    engaged = list(adoption)
    kinds = [k.value for k in EngagementKind]
    weights = [30, 5, 5, 2, 3, 55]
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    first: dict[int, dt.datetime] = {}
    by_id = {e.pk: e for e in employees}
    batch = []
    for n in range(events):
        employee_id = engaged[n % len(engaged)] if n < len(engaged) else rng.choice(engaged)
        month = (
            rng.randint(adoption[employee_id], months - 1)
            if n >= len(engaged)
            else (adoption[employee_id])
        )
        at = month_start(month) + dt.timedelta(minutes=rng.randint(0, 27 * 24 * 60))
        kind = rng.choices(kinds, weights)[0]
        department_id = by_id[employee_id].department_id
        batch.append(
            EngagementEvent(
                employee_id=employee_id,
                department_id=department_id,
                kind=kind,
                at=at,
                source=f"bench:{n}",
            )
        )
        cell = cells[(at.date().replace(day=1), department_id)]
        cell[0] += 1
        cell[1] += kind in ("joined_coalition", "led_challenge", "coached")
        if employee_id not in first or at < first[employee_id]:
            first[employee_id] = at
        if len(batch) == 20000:
            EngagementEvent.objects.bulk_create(batch)
            batch = []
            log(f"events {n + 1}")
    EngagementEvent.objects.bulk_create(batch)
    for employee_id, at in first.items():
        cells[(at.date().replace(day=1), by_id[employee_id].department_id)][2] += 1
    FirstEngagement.objects.bulk_create(
        (
            FirstEngagement(employee_id=e, department_id=by_id[e].department_id, at=at)
            for e, at in first.items()
        ),
        batch_size=5000,
    )
    MonthlyDepartmentStat.objects.bulk_create(
        MonthlyDepartmentStat(
            month=month, department_id=d, events=c[0], coalition_events=c[1], first_time=c[2]
        )
        for (month, d), c in cells.items()
    )
    log("aggregates loaded")
    roles = ["coach", "facilitate", "advise", "none"]
    challenges = []
    for i in range(6000):
        month = rng.randint(0, months - 1)
        late = month / months
        role = rng.choices(roles, [1 - late, 0.5 * (1 - late), 0.5 + late, 2 * late])[0]
        challenges.append(
            Challenge(
                title=f"Opgave {i}",
                owner_department=departments[i % 25],
                team_role=role,
            )
        )
    challenges = Challenge.objects.bulk_create(challenges, batch_size=2000)
    for challenge in challenges:
        challenge.created_at = month_start(rng.randint(0, months - 1))
    Challenge.objects.bulk_update(challenges, ["created_at"], batch_size=2000)
    Challenge.kernen.through.objects.bulk_create(
        Challenge.kernen.through(challenge_id=c.pk, kern_id=rng.choice(kernen).pk)
        for c in challenges
    )
    signals = []
    for i in range(30000):
        received = month_start(rng.randint(0, months - 1)) + dt.timedelta(hours=rng.randint(0, 600))
        answered = (
            received + dt.timedelta(hours=rng.expovariate(1 / 150)) if rng.random() < 0.9 else None
        )
        signals.append(
            Signal(
                text=f"Signaal {i}",
                kern=rng.choice(kernen),
                channel=Channel.WEB,
                received_at=received,
                first_answered_at=answered,
                challenge=rng.choice(challenges),
            )
        )
    Signal.objects.bulk_create(signals, batch_size=5000)
    programme = Programme.objects.create(name="Leergang")
    enrolments = []
    for year in range(10):
        end = month_start(12 * year + 9).date()
        cohort = Cohort.objects.create(
            programme=programme, name=f"Groep {year + 1}", start_date=end, end_date=end
        )
        for employee in rng.sample(employees, 25):
            enrolments.append(
                Enrolment(
                    employee=employee,
                    cohort=cohort,
                    status=Enrolment.Status.COMPLETED,
                    enrolled_by=Enrolment.EnrolledBy.SELF,
                    completed_at=month_start(12 * year + 9),
                )
            )
    Enrolment.objects.bulk_create(enrolments, ignore_conflicts=True)
    snapshots = []
    for q in range(40):
        quarter = month_start(3 * q).date()
        share = min(1.0, (q + 1) / 40)
        snapshots.append(
            NetworkSnapshot(
                quarter=quarter,
                computed_at=month_start(3 * q + 3),
                employees=5000,
                engaged=int(5000 * share),
                links=int(40000 * share),
                cross_department_share=0.3 + 0.3 * share,
                largest_connected_share=0.8 * share,
                team_betweenness=0.2 * (1 - share),
                reproduction=1.5 - share,
                generations={"all": {"0": 8, "1": int(800 * share), "2": int(2000 * share)}},
                by_department={str(d.pk): {"links": 1000, "cross_share": 0.4} for d in departments},
            )
        )
    NetworkSnapshot.objects.bulk_create(snapshots)
    log("history loaded")


def measure_run(repeat: int) -> dict:
    """Time the dashboard and each measure in-process; this process's database is loaded."""
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.utils import timezone

    from samenspel.accounts.models import User
    from samenspel.insights import selectors
    from samenspel.insights.models import SyncState

    # Databases generated before a schema change get it here; data migrations fill new
    # aggregates from the ledger, as they would on a running installation.
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    user, created = User.objects.get_or_create(username="bench-team")
    if created:
        group, _ = Group.objects.get_or_create(name="development_team")
        user.groups.add(group)
    # The worker keeps the ledger current; the page must not start a sync mid-measurement.
    SyncState.objects.update_or_create(source="ledger", defaults={"synced_at": timezone.now()})
    client = Client()
    client.force_login(user)
    filters = selectors.default_filters()

    def timed(fn) -> dict:
        fn()  # warm-up: caches the bootstrapped forecasts as the first visitor would
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
        return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(p95, 1)}

    def page() -> None:
        response = client.get("/werk/inzicht/")
        assert response.status_code == 200, response.status_code

    result = {"dashboard": timed(page), "measures": {}}
    for key in selectors.MEASURE_KEYS:
        result["measures"][key] = timed(lambda key=key: selectors.dashboard(filters, only=key))
    settings.DEBUG = True
    reset_queries()
    page()
    result["dashboard_queries"] = len(connection.queries)
    settings.DEBUG = False
    from samenspel.insights.models import EngagementEvent

    result["engagement_events"] = EngagementEvent.objects.count()
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def phase(args) -> None:
    key = f"insights_v{GENERATOR_VERSION}_{args.events}_{args.seed}"
    if args.phase == "generate":
        cached = CACHE_DIR / f"{key}.sqlite3"
        temporary = cached.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        setup_django(f"sqlite:///{temporary}")
        generate(args.events, args.seed)
        from django.db import connection

        connection.close()
        temporary.rename(cached)
        return
    if args.db == "sqlite":
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        cached = CACHE_DIR / f"{key}.sqlite3"
        run = CACHE_DIR / f"{key}-run.sqlite3"
        if not cached.exists():
            # Generate in a process of its own: Django reads DATABASE_URL once per process.
            started = time.monotonic()
            subprocess.run(
                [sys.executable, __file__, "--phase", "generate", "--db", "sqlite"]
                + ["--events", str(args.events), "--seed", str(args.seed)],
                check=True,
            )
            log(f"generated SQLite in {time.monotonic() - started:.0f} s")
        shutil.copyfile(cached, run)
        setup_django(f"sqlite:///{run}")
    else:
        import psycopg

        name = f"bench_{key}"
        with psycopg.connect(PG_BASE + "postgres", autocommit=True) as conn:
            exists = conn.execute("select 1 from pg_database where datname=%s", [name]).fetchone()
            if not exists:
                conn.execute(f'create database "{name}"')
        setup_django(PG_BASE + name)
        from samenspel.insights.models import NetworkSnapshot

        try:
            loaded = NetworkSnapshot.objects.exists()
        except Exception:
            loaded = False
        if not loaded:
            started = time.monotonic()
            generate(args.events, args.seed)
            log(f"generated PostgreSQL in {time.monotonic() - started:.0f} s")
    print(json.dumps(measure_run(args.repeat)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--phase", choices=["run", "generate"], default=None)
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return
    report = {
        "benchmark": "insights",
        "employees": 5000,
        "events": args.events,
        "years": 10,
        "repeat": args.repeat,
        "goal": {"postgres_dashboard_p95_ms": 500, "sqlite_dashboard_p95_ms": 1000},
    }
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        log(f"running on {db}")
        output = subprocess.run(
            [sys.executable, __file__, "--phase", "run", "--db", db]
            + [
                "--events",
                str(args.events),
                "--repeat",
                str(args.repeat),
                "--seed",
                str(args.seed),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        sys.stderr.write(output.stderr[-2000:])
        report[db] = json.loads(output.stdout.strip().splitlines()[-1])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
