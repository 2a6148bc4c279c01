"""Feed the pure what-if simulation with the real collaboration history (issue 6).

Reads the accepted coalition memberships, the first engagements and the programme's alumni,
turns them into month indexes, and runs ``simulation.compare`` with one seed, so the same
question always gets the same answer. Departments travel as their ids (strings).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.utils import timezone

from samenspel.challenges.models import Challenge
from samenspel.coalitions.models import Membership
from samenspel.learning.models import Enrolment
from samenspel.organisation.models import Employee

from . import simulation
from .models import FirstEngagement
from .services import month_of

RUNS = 200


@dataclass(frozen=True)
class WhatIfAnswer:
    results: list[simulation.SimulationResult]
    start: dt.date
    seconds: float


def _index(origin: dt.date, moment: dt.datetime | dt.date) -> int:
    month = month_of(moment)
    return (month.year - origin.year) * 12 + month.month - origin.month


def history_from_database(*, today: dt.date | None = None) -> tuple[simulation.History, dt.date]:
    """The organisation's history as the simulation sees it, and the month it starts from."""
    today = today or timezone.localdate()
    rows = list(
        Membership.objects.filter(status=Membership.Status.ACCEPTED, employee__isnull=False)
        .values_list(
            "coalition_id",
            "employee_id",
            "coalition__challenge__created_at",
            "coalition__challenge__owner_department_id",
            "coalition__challenge__team_role",
        )
        .order_by("coalition_id")
    )
    firsts = dict(FirstEngagement.objects.values_list("employee_id", "at"))
    starts = [r[2] for r in rows] + list(firsts.values())
    origin = month_of(min(starts)) if starts else month_of(today)
    months = max(_index(origin, today) + 1, 1)
    employees = [
        simulation.SimEmployee(
            id=pk,
            department=str(department),
            engaged_month=_index(origin, firsts[pk]) if pk in firsts else None,
            development_team=is_team,
        )
        for pk, department, is_team in Employee.objects.filter(active=True).values_list(
            "id", "department_id", "is_development_team"
        )
    ]
    known = {e.id: e for e in employees}
    coalitions: dict[int, dict] = {}
    for coalition, employee, created, department, role in rows:
        if employee not in known:
            continue
        entry = coalitions.setdefault(
            coalition,
            {
                "month": _index(origin, created),
                "department": str(department) if department else known[employee].department,
                "members": [],
                "role": role or Challenge.TeamRole.NONE,
            },
        )
        entry["members"].append(employee)
    departments = {e.department for e in employees}
    sim_coalitions = [
        simulation.SimCoalition(
            month=entry["month"],
            department=entry["department"],
            members=tuple(entry["members"]),
            team_role=entry["role"],
        )
        for entry in coalitions.values()
        if entry["department"] in departments
    ]
    alumni = {
        employee: _index(origin, at)
        for employee, at in Enrolment.objects.filter(
            completed_at__isnull=False, employee_id__in=list(known)
        ).values_list("employee_id", "completed_at")
    }
    history = simulation.History(
        employees=employees, coalitions=sim_coalitions, months=months, alumni=alumni
    )
    return history, origin


def run_what_if(
    *,
    extra_cohort: bool,
    min_newcomers: int,
    stop_coaching: str | None,
    horizon: int,
    seed: int,
    scenario_names: dict[str, str],
) -> WhatIfAnswer:
    """The baseline and the chosen scenario(s), each with the same seed and rates."""
    started = time.monotonic()
    history, origin = history_from_database()
    scenarios = []
    if extra_cohort:
        scenarios.append(simulation.Scenario(name=scenario_names["cohort"], extra_cohort=25))
    if min_newcomers:
        scenarios.append(
            simulation.Scenario(name=scenario_names["newcomers"], min_newcomers=min_newcomers)
        )
    if stop_coaching:
        scenarios.append(
            simulation.Scenario(
                name=scenario_names["stop"], stop_coaching=frozenset({str(stop_coaching)})
            )
        )
    results = simulation.compare(history, scenarios, horizon_months=horizon, runs=RUNS, seed=seed)
    start = month_of(timezone.localdate())
    return WhatIfAnswer(results=results, start=start, seconds=time.monotonic() - started)
