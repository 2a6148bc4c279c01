"""What-if: how do reach and self-reliance develop under a scenario? (issue 6)

A pure module (numpy, no Django). A seeded Monte Carlo simulation of the snowball on the
organisation's collaboration history, vectorised over the runs so that it answers while the
user waits. Scenarios: another learning cohort, a minimum number of newcomers in every
coalition, or the development team no longer coaching in some departments.

The model, with every rate estimated from the history (``estimate_rates``)
--------------------------------------------------------------------------
Each month every department starts ``Poisson(lambda_d)`` challenges (its past rate). Each
challenge gets a coalition whose size (colleagues outside the team) is drawn from the past
sizes. The team coaches it with probability ``P(coach) = logistic(a + b * reach_d)``, fitted on
the past coalitions against the department's reach at the time: the team steps back where
the way of working has spread. Every seat goes to a newcomer (a colleague never in a coalition)
with probability ``kappa * u``, ``u`` the share of colleagues not yet in a coalition and
``kappa`` the past ratio of newcomers to ``seats * u``, separately for coached and uncoached
coalitions (coaching is how the team brings people in). Newcomers are drawn from the
colleagues not yet in a coalition with weight ``rho`` for the owner department against 1 for
the others (``rho``: the past over-representation of the owner department among newcomers),
times ``alpha`` for alumni of the learning programme (their past rate of joining a first
coalition relative to other colleagues). Completing the programme is itself an engagement
(design §5), so a cohort raises reach when it completes and recruitment after that.

Outputs per month: reach (share of all employees with at least one engagement) and
self-reliance (share of challenges started in the last three months without the team coaching,
role ``none``/``advise``; three months because single months hold too few challenges), each as
median and 10-90% band over the runs. Same seed, same answer.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from samenspel.insights.forecast import fit_logistic_regression

COACHING_ROLES = frozenset({"coach", "facilitate"})


@dataclass(frozen=True)
class SimEmployee:
    """An employee; ``engaged_month`` is the month of their first engagement (None: none yet)."""

    id: Hashable
    department: str
    engaged_month: int | None = None
    development_team: bool = False


@dataclass(frozen=True)
class SimCoalition:
    """A past coalition: the month it started, the owner department, members, the team's role."""

    month: int
    department: str
    members: tuple[Hashable, ...]
    team_role: str = "none"


@dataclass(frozen=True)
class History:
    """What happened in ``months`` months (months 0 .. months-1); the simulation starts after.

    ``alumni`` maps programme alumni to the month they completed it. ``coached_departments``
    are the departments where the team coaches today (None: all).
    """

    employees: Sequence[SimEmployee]
    coalitions: Sequence[SimCoalition]
    months: int
    alumni: Mapping[Hashable, int] = field(default_factory=dict)
    coached_departments: frozenset[str] | None = None


@dataclass(frozen=True)
class Scenario:
    """A what-if. The default is the baseline: carry on as in the history."""

    name: str = "baseline"
    extra_cohort: int = 0
    cohort_month: int = 3
    min_newcomers: int = 0
    stop_coaching: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rates:
    """Everything the simulation uses, estimated from the history."""

    departments: tuple[str, ...]
    challenges_per_month: dict[str, float]
    seat_counts: tuple[int, ...]
    kappa_coached: float
    kappa_uncoached: float
    own_department_weight: float
    alumni_weight: float
    coach_intercept: float
    coach_slope: float


@dataclass(frozen=True)
class Band:
    """Median and 10-90% band per month."""

    median: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


@dataclass(frozen=True)
class SimulationResult:
    scenario: Scenario
    months: tuple[int, ...]
    reach: Band
    self_reliance: Band
    final_reach_by_department: dict[str, float]
    runs: int
    seed: int
    rates: Rates


def _first_coalition_month(history: History) -> dict[Hashable, int]:
    first: dict[Hashable, int] = {}
    for coalition in sorted(history.coalitions, key=lambda c: c.month):
        for member in coalition.members:
            first.setdefault(member, coalition.month)
    return first


def estimate_rates(history: History) -> Rates:
    """Estimate the simulation's rates from the history (see the module docstring)."""
    employees = list(history.employees)
    ids = {e.id: e for e in employees}
    departments = tuple(sorted({e.department for e in employees}))
    months = max(history.months, 1)
    per_department = dict.fromkeys(departments, 0)
    for coalition in history.coalitions:
        if coalition.department in per_department:
            per_department[coalition.department] += 1
    rates_per_month = {d: count / months for d, count in per_department.items()}

    team = {e.id for e in employees if e.development_team}
    n = max(len(employees), 1)
    department_size = {d: sum(1 for e in employees if e.department == d) for d in departments}
    seen: set[Hashable] = set(team)
    engaged_by_month: dict[Hashable, int] = {
        e.id: e.engaged_month for e in employees if e.engaged_month is not None
    }
    newcomers = {True: 0.0, False: 0.0}
    exposure = {True: 0.0, False: 0.0}
    seats: list[int] = []
    own_new, other_new, own_pool, other_pool = 0.0, 0.0, 0.0, 0.0
    coach_x: list[float] = []
    coach_y: list[float] = []
    for coalition in sorted(history.coalitions, key=lambda c: c.month):
        members = [m for m in dict.fromkeys(coalition.members) if m in ids and m not in team]
        coached = coalition.team_role in COACHING_ROLES
        free_share = 1 - len(seen) / n
        seats.append(len(members))
        fresh = [m for m in members if m not in seen]
        newcomers[coached] += len(fresh)
        exposure[coached] += len(members) * free_share
        size = department_size.get(coalition.department, 0)
        own = sum(1 for m in fresh if ids[m].department == coalition.department)
        own_new += own
        other_new += len(fresh) - own
        own_pool += size
        other_pool += n - size
        in_department = [e for e in employees if e.department == coalition.department]
        reach = (
            sum(
                1
                for e in in_department
                if e.id in seen or engaged_by_month.get(e.id, months) < coalition.month
            )
            / len(in_department)
            if in_department
            else 0.0
        )
        coach_x.append(reach)
        coach_y.append(1.0 if coached else 0.0)
        seen.update(fresh)

    pooled = (newcomers[True] + newcomers[False] + 1) / (exposure[True] + exposure[False] + 1)
    kappa = {
        coached: (newcomers[coached] + 2 * pooled) / (exposure[coached] + 2)
        for coached in (True, False)
    }
    # Over-representation of the owner department among newcomers, smoothed toward 1.
    own_rate = (own_new + 1) / (own_pool + 1)
    other_rate = (other_new + 1) / (other_pool + 1)
    own_weight = float(np.clip(own_rate / other_rate, 0.2, 20.0))

    alumni_weight = _alumni_weight(history, _first_coalition_month(history), team)
    if coach_y:
        beta, _ = fit_logistic_regression(
            np.array(coach_x), np.array([coach_y]), np.ones(len(coach_y))
        )
        intercept, slope = float(beta[0, 0]), float(beta[0, 1])
    else:
        intercept, slope = 0.0, 0.0
    return Rates(
        departments=departments,
        challenges_per_month=rates_per_month,
        seat_counts=tuple(seats) or (4,),
        kappa_coached=float(kappa[True]),
        kappa_uncoached=float(kappa[False]),
        own_department_weight=own_weight,
        alumni_weight=alumni_weight,
        coach_intercept=intercept,
        coach_slope=slope,
    )


def _alumni_weight(history: History, first: Mapping[Hashable, int], team: set[Hashable]) -> float:
    """Rate of joining a first coalition for alumni relative to other colleagues, per month."""
    events = {True: 0.5, False: 0.5}
    exposure = {True: 1.0, False: 1.0}
    for employee in history.employees:
        if employee.id in team:
            continue
        joined = first.get(employee.id)
        completed = history.alumni.get(employee.id)
        end = joined if joined is not None else history.months
        if completed is None or completed >= end:
            exposure[False] += end
        else:
            exposure[False] += completed
            exposure[True] += end - completed
        if joined is not None:
            is_alumnus = completed is not None and completed < joined
            events[is_alumnus] += 1
    ratio = (events[True] / exposure[True]) / (events[False] / exposure[False])
    return float(np.clip(ratio, 0.2, 20.0))


def _top_k_mask(keys: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Per row, True for the ``counts[row]`` largest keys (weighted sampling via Gumbel keys).

    Partitions out the largest ``max(counts)`` keys first: coalitions are small, so this avoids
    sorting every colleague in every run.
    """
    rows, width = keys.shape
    mask = np.zeros((rows, width), dtype=bool)
    most = int(counts.max(initial=0))
    if most <= 0:
        return mask
    if most >= width:
        top = np.argsort(-keys, axis=1)
    else:
        part = np.argpartition(-keys, most - 1, axis=1)[:, :most]
        order = np.argsort(-np.take_along_axis(keys, part, axis=1), axis=1)
        top = np.take_along_axis(part, order, axis=1)
    take = np.arange(top.shape[1])[None, :] < counts[:, None]
    row_index = np.broadcast_to(np.arange(rows)[:, None], top.shape)
    mask[row_index[take], top[take]] = True
    return mask


def simulate(
    history: History,
    scenario: Scenario = Scenario(),
    *,
    horizon_months: int = 24,
    runs: int = 200,
    seed: int = 0,
    rates: Rates | None = None,
) -> SimulationResult:
    """Run ``runs`` seeded simulations of ``horizon_months`` months under ``scenario``."""
    if horizon_months < 1 or runs < 1:
        raise ValueError("horizon_months and runs must be at least 1")
    rates = rates or estimate_rates(history)
    rng = np.random.default_rng(seed)
    employees = list(history.employees)
    n = len(employees)
    if n == 0:
        raise ValueError("the simulation needs employees")
    department_index = {d: i for i, d in enumerate(rates.departments)}
    dept = np.array([department_index[e.department] for e in employees])
    first = _first_coalition_month(history)
    team = np.array([e.development_team for e in employees])
    start_engaged = np.array(
        [
            e.development_team
            or (e.engaged_month is not None and e.engaged_month < history.months)
            or e.id in first
            or e.id in history.alumni
            for e in employees
        ]
    )
    start_in_coalition = np.array([e.development_team or e.id in first for e in employees])
    start_alumni = np.array([e.id in history.alumni for e in employees])
    engaged = np.tile(start_engaged, (runs, 1))
    in_coalition = np.tile(start_in_coalition, (runs, 1))
    alumni = np.tile(start_alumni, (runs, 1))
    log_alumni = np.log(rates.alumni_weight)
    log_own = np.log(rates.own_department_weight)
    seat_counts = np.array(rates.seat_counts)
    coached_today = (
        set(rates.departments)
        if history.coached_departments is None
        else set(history.coached_departments)
    ) - set(scenario.stop_coaching)
    department_masks = [dept == i for i in range(len(rates.departments))]
    department_sizes = np.array([mask.sum() for mask in department_masks])

    reach = np.empty((runs, horizon_months))
    started = np.zeros((runs, horizon_months))
    independent = np.zeros((runs, horizon_months))
    rows = np.arange(runs)
    for month in range(horizon_months):
        if scenario.extra_cohort and month == scenario.cohort_month - 1:
            # The cohort is drawn among colleagues not yet engaged, uniformly (Gumbel keys).
            keys = rng.gumbel(size=(runs, n))
            keys[engaged | team[None, :]] = -np.inf
            available = (~engaged & ~team[None, :]).sum(axis=1)
            chosen = _top_k_mask(keys, np.minimum(scenario.extra_cohort, available))
            engaged |= chosen
            alumni |= chosen
        for d_index, department in enumerate(rates.departments):
            rate = rates.challenges_per_month.get(department, 0.0)
            if rate <= 0:
                continue
            counts = rng.poisson(rate, size=runs)
            for slot in range(int(counts.max(initial=0))):
                active = counts > slot
                mask = department_masks[d_index]
                department_reach = engaged[:, mask].sum(axis=1) / max(department_sizes[d_index], 1)
                if department in coached_today:
                    p_coach = 1 / (
                        1 + np.exp(-(rates.coach_intercept + rates.coach_slope * department_reach))
                    )
                    coached = rng.random(runs) < p_coach
                else:
                    coached = np.zeros(runs, dtype=bool)
                seats = rng.choice(seat_counts, size=runs)
                free = ~in_coalition
                free_share = free.sum(axis=1) / n
                kappa = np.where(coached, rates.kappa_coached, rates.kappa_uncoached)
                newcomers = rng.binomial(seats, np.clip(kappa * free_share, 0.0, 1.0))
                newcomers = np.maximum(newcomers, scenario.min_newcomers)
                newcomers = np.minimum(newcomers, free.sum(axis=1))
                newcomers = np.where(active, newcomers, 0)
                # Only the runs that recruit anybody need keys (most runs have no second
                # challenge in a department in a month).
                recruiting = np.flatnonzero(newcomers > 0)
                if recruiting.size:
                    keys = (
                        rng.gumbel(size=(recruiting.size, n))
                        + np.where(mask, log_own, 0.0)[None, :]
                        + np.where(alumni[recruiting], log_alumni, 0.0)
                    )
                    keys[~free[recruiting]] = -np.inf
                    chosen = _top_k_mask(keys, newcomers[recruiting])
                    in_coalition[recruiting] |= chosen
                    engaged[recruiting] |= chosen
                started[rows, month] += active
                independent[rows, month] += active & ~coached
        reach[:, month] = engaged.sum(axis=1) / n

    window_started = _trailing_sum(started, 3)
    window_independent = _trailing_sum(independent, 3)
    with np.errstate(invalid="ignore", divide="ignore"):
        self_reliance = np.where(window_started > 0, window_independent / window_started, np.nan)
    final_by_department = {
        department: float(np.median(engaged[:, department_masks[i]].mean(axis=1)))
        if department_sizes[i]
        else 0.0
        for i, department in enumerate(rates.departments)
    }
    return SimulationResult(
        scenario=scenario,
        months=tuple(range(1, horizon_months + 1)),
        reach=_band(reach),
        self_reliance=_band(self_reliance),
        final_reach_by_department=final_by_department,
        runs=runs,
        seed=seed,
        rates=rates,
    )


def _trailing_sum(values: np.ndarray, window: int) -> np.ndarray:
    cumulative = np.cumsum(values, axis=1)
    shifted = np.zeros_like(cumulative)
    shifted[:, window:] = cumulative[:, :-window]
    return cumulative - shifted


def _band(values: np.ndarray) -> Band:
    # Months without any challenge in the window have no self-reliance (NaN) in some runs;
    # nanquantile skips them and warns about all-NaN months, which stay NaN on purpose.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low, median, high = np.nanquantile(values, [0.1, 0.5, 0.9], axis=0)
    return Band(
        tuple(float(v) for v in median), tuple(float(v) for v in low), tuple(float(v) for v in high)
    )


def compare(
    history: History,
    scenarios: Sequence[Scenario],
    *,
    horizon_months: int = 24,
    runs: int = 200,
    seed: int = 0,
) -> list[SimulationResult]:
    """The baseline and each scenario with the same seed and rates, so differences are theirs."""
    rates = estimate_rates(history)
    return [
        simulate(
            history, scenario, horizon_months=horizon_months, runs=runs, seed=seed, rates=rates
        )
        for scenario in (Scenario(), *scenarios)
    ]
