"""The what-if simulation: seeded, fast, and moving reach and self-reliance the right way."""

import random
import time

import pytest

from samenspel.insights.simulation import (
    History,
    Scenario,
    SimCoalition,
    SimEmployee,
    compare,
    estimate_rates,
    simulate,
)

DEPARTMENTS = [f"afdeling-{index}" for index in range(8)]


def _demo_history(seed: int = 1) -> History:
    """The demo's size: 150 employees in 8 departments, 5 in the team, 60 coalitions in 36
    months, coached less as the way of working spreads, 25 alumni after a year."""
    rnd = random.Random(seed)
    employees = [
        SimEmployee(id=i, department=DEPARTMENTS[i % 8], development_team=i < 5) for i in range(150)
    ]
    engaged = [e.id for e in employees if e.development_team]
    outside = [e.id for e in employees if not e.development_team]
    coalitions = []
    for index in range(60):
        month = index * 36 // 60
        department = rnd.choice(DEPARTMENTS)
        veterans = [m for m in engaged if m >= 5]
        newcomers = rnd.sample([m for m in outside if m not in engaged], 1)
        members = newcomers + rnd.sample(veterans, min(3, len(veterans)))
        coached = rnd.random() < 0.9 - 0.7 * index / 60
        role = "coach" if coached else rnd.choice(["none", "advise"])
        if coached:
            members.append(rnd.randrange(5))
        engaged.extend(newcomers)
        coalitions.append(SimCoalition(month, department, tuple(members), role))
    alumni = dict.fromkeys(range(5, 150, 6), 12)
    return History(employees=employees, coalitions=coalitions, months=36, alumni=alumni)


HISTORY = _demo_history()


def test_the_same_seed_gives_the_same_projection():
    scenario = Scenario("cohort", extra_cohort=25)
    first = simulate(HISTORY, scenario, runs=50, seed=9)
    second = simulate(HISTORY, scenario, runs=50, seed=9)
    assert first.reach == second.reach and first.self_reliance == second.self_reliance


def test_the_band_holds_the_median_and_reach_never_falls():
    result = simulate(HISTORY, runs=100, seed=2)
    assert len(result.reach.median) == 24
    for low, median, high in zip(
        result.reach.low, result.reach.median, result.reach.high, strict=True
    ):
        assert low <= median <= high
    assert list(result.reach.median) == sorted(result.reach.median)
    assert result.reach.high[-1] > result.reach.low[-1]


def test_another_cohort_adds_its_colleagues_to_reach_when_it_completes():
    baseline, cohort = compare(
        HISTORY, [Scenario("cohort", extra_cohort=25, cohort_month=3)], runs=100, seed=4
    )
    assert cohort.reach.median[1] == pytest.approx(baseline.reach.median[1], abs=0.02)
    assert cohort.reach.median[2] - baseline.reach.median[2] >= 0.15  # 25 of 150 is 0.17
    assert cohort.reach.median[-1] > baseline.reach.median[-1]


def test_requiring_newcomers_in_every_coalition_spreads_reach_faster():
    baseline, one, two = compare(
        HISTORY,
        [Scenario("één nieuwkomer", min_newcomers=1), Scenario("twee", min_newcomers=2)],
        runs=100,
        seed=4,
    )
    assert baseline.reach.median[11] < one.reach.median[11] < two.reach.median[11]


def test_when_the_team_stops_coaching_everywhere_every_challenge_is_self_reliant():
    stopped = simulate(HISTORY, Scenario("stop", stop_coaching=frozenset(DEPARTMENTS)), seed=1)
    baseline = simulate(HISTORY, seed=1)
    assert set(stopped.self_reliance.median) == {1.0}
    assert min(baseline.self_reliance.median) < 1.0


def test_stopping_coaching_in_one_department_raises_self_reliance_a_little():
    baseline, stopped = compare(
        HISTORY, [Scenario("stop", stop_coaching=frozenset(DEPARTMENTS[:1]))], runs=200, seed=6
    )
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    assert mean(stopped.self_reliance.median) > mean(baseline.self_reliance.median)


def test_rates_come_from_the_history():
    rates = estimate_rates(HISTORY)
    counts = {d: sum(1 for c in HISTORY.coalitions if c.department == d) for d in DEPARTMENTS}
    assert rates.challenges_per_month == {d: counts[d] / 36 for d in DEPARTMENTS}
    assert sorted(rates.seat_counts) == sorted(
        len([m for m in c.members if m >= 5]) for c in HISTORY.coalitions
    )
    # The history coaches less where more colleagues are engaged.
    assert rates.coach_slope < 0


def test_four_scenarios_answer_while_the_user_waits():
    scenarios = [
        Scenario("cohort", extra_cohort=25),
        Scenario("nieuwkomers", min_newcomers=2),
        Scenario("stop", stop_coaching=frozenset(DEPARTMENTS[:2])),
    ]
    began = time.perf_counter()
    results = compare(HISTORY, scenarios, runs=200, seed=0)
    assert time.perf_counter() - began < 8.0  # a few seconds on a busy two-core machine
    assert [r.scenario.name for r in results] == ["baseline", "cohort", "nieuwkomers", "stop"]


def test_nonsense_arguments_are_refused():
    with pytest.raises(ValueError):
        simulate(HISTORY, runs=0)
    with pytest.raises(ValueError):
        simulate(History(employees=[], coalitions=[], months=12))
