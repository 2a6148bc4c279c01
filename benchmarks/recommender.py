"""Benchmark the coalition recommender on synthetic organisations; prints one JSON object.

For each organisation size (200, 2,000 and 20,000 employees, 150 skills) it draws random
challenges (seeded) and measures, per challenge:

* the latency of `recommend()` exactly as the app calls it (eligibility filter, greedy hint,
  CP-SAT with one worker under the default time limit, reasons), and which solver answered;
* the objective of that answer against CP-SAT solved to proven optimality without a time limit
  (same model, one worker), and against the greedy heuristic alone.

Quick run:  .venv/bin/python benchmarks/recommender.py --sizes 200,2000 --challenges 50
Full run:   .venv/bin/python benchmarks/recommender.py
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from samenspel.coalitions import recommender as rec  # noqa: E402

SKILLS = 150


def build_organisation(size: int, rng: random.Random) -> list[rec.Employee]:
    skills = [f"vaardigheid-{k:03d}" for k in range(SKILLS)]
    # Some skills are common (communicatie), most are rare (riolering): a mild Zipf skew.
    popularity = [1 / (k + 10) ** 0.8 for k in range(SKILLS)]
    n_departments = max(6, round(0.6 * math.sqrt(size)))
    departments = [f"Afdeling {d:02d}" for d in range(n_departments)]
    n_dev = max(3, size // 200)
    employees = []
    for i in range(size):
        dev = i < n_dev
        engaged = dev or rng.random() < 0.25
        held = set(rng.choices(skills, weights=popularity, k=rng.randint(1, 6)))
        employees.append(
            rec.Employee(
                id=i + 1,
                department="Ontwikkelteam" if dev else rng.choice(departments),
                skills={s: rng.choices((1, 2, 3), weights=(50, 35, 15))[0] for s in held},
                available_hours=0 if rng.random() < 0.3 else rng.randint(1, 8),
                development_team=dev,
                engaged_before=engaged,
                load=rng.choice((0, 0, 1, 1, 2, 3)) if engaged else 0,
            )
        )
    rng.shuffle(employees)
    return employees


def build_challenges(
    employees: list[rec.Employee], count: int, rng: random.Random
) -> list[rec.Challenge]:
    skills = [f"vaardigheid-{k:03d}" for k in range(SKILLS)]
    popularity = [1 / (k + 10) ** 0.8 for k in range(SKILLS)]
    departments = sorted({e.department for e in employees} - {"Ontwikkelteam"})
    challenges = []
    for c in range(count):
        needs: dict[str, float] = {}
        while len(needs) < rng.randint(3, 7):
            needs[rng.choices(skills, weights=popularity)[0]] = rng.randint(1, 5)
        min_size = rng.randint(2, 4)
        challenges.append(
            rec.Challenge(
                id=c + 1,
                owner_department=rng.choice(departments),
                needs=needs,
                hours_per_member=rng.choice((2, 3, 4)),
                min_size=min_size,
                max_size=min_size + rng.randint(2, 5),
                max_per_department=rng.randint(1, 3),
            )
        )
    return challenges


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = math.floor(k), math.ceil(k)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def parts(problem: rec.Problem, team: list[int]) -> dict[str, int]:
    cov = problem.coverage(team)
    return {
        "coverage": sum(problem.points[s] * level for s, level in cov.items()),
        "departments": len({problem.dept_of[i] for i in team}),
        "newcomers": sum(not problem.candidates[i].engaged_before for i in team),
    }


def run_size(size: int, count: int, seed: int, time_limit: float) -> dict:
    rng = random.Random(seed * 1_000_003 + size)
    employees = build_organisation(size, rng)
    challenges = build_challenges(employees, count, rng)
    # One untimed call first: the app process has done its imports and warm-up long before.
    for challenge in challenges[:3]:
        with contextlib.suppress(rec.InfeasibleCoalition):
            rec.recommend(employees, challenge, time_limit=time_limit)
    latencies, cpu_latencies, proof_times, candidates, kept = [], [], [], [], []
    solvers: dict[str, int] = {}
    infeasible = 0
    app_within = greedy_within = app_exact = 0
    gaps_app, gaps_greedy = [], []
    sums = {who: {"coverage": 0, "departments": 0, "newcomers": 0} for who in ("optimum", "greedy")}
    compared = 0
    for challenge in challenges:
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            answer = rec.recommend(employees, challenge, time_limit=time_limit)
        except rec.InfeasibleCoalition:
            infeasible += 1
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        cpu_latencies.append((time.process_time() - started_cpu) * 1000)
        solvers[answer.solver] = solvers.get(answer.solver, 0) + 1

        # The reference keeps every eligible candidate (no dominance pruning), so it also checks
        # that pruning never loses the optimum.
        problem = rec.Problem(employees, challenge, drop_dominated=False)
        candidates.append(problem.n)
        kept.append(rec.Problem(employees, challenge).n)
        greedy = rec.greedy_team(problem)
        started = time.perf_counter()
        exact = rec.solve_exact(problem, time_limit=None, hint=greedy)
        proof_times.append((time.perf_counter() - started) * 1000)
        assert exact.team is not None and problem.is_valid(exact.team)
        assert exact.optimal and exact.team is not None
        optimum = problem.objective(exact.team)
        greedy_value = problem.objective(greedy)
        compared += 1
        app_exact += answer.objective == optimum
        app_within += answer.objective >= 0.99 * optimum
        greedy_within += greedy_value >= 0.99 * optimum
        gaps_app.append(100 * (optimum - answer.objective) / optimum)
        gaps_greedy.append(100 * (optimum - greedy_value) / optimum)
        for who, team in (("optimum", exact.team), ("greedy", greedy)):
            for key, value in parts(problem, team).items():
                sums[who][key] += value

    def shortfall(key: str) -> float | None:
        best = sums["optimum"][key]
        return round(100 * (best - sums["greedy"][key]) / best, 2) if best else None

    return {
        "employees": size,
        "skills": SKILLS,
        "challenges": count,
        "infeasible": infeasible,
        "eligible_candidates_median": statistics.median(candidates) if candidates else None,
        "after_dominance_median": statistics.median(kept) if kept else None,
        "app_latency_ms": {
            "p50": round(percentile(latencies, 0.5), 1),
            "p95": round(percentile(latencies, 0.95), 1),
            "max": round(max(latencies), 1) if latencies else None,
        },
        # CPU time of the same calls: what the latency would be on an idle core.
        "app_cpu_ms": {
            "p50": round(percentile(cpu_latencies, 0.5), 1),
            "p95": round(percentile(cpu_latencies, 0.95), 1),
            "max": round(max(cpu_latencies), 1) if cpu_latencies else None,
        },
        "app_solver": solvers,
        "app_equal_to_optimum_share": round(app_exact / compared, 4) if compared else None,
        "app_within_1pct_share": round(app_within / compared, 4) if compared else None,
        "app_gap_pct_max": round(max(gaps_app), 3) if gaps_app else None,
        "optimal_proof_ms": {
            "p50": round(percentile(proof_times, 0.5), 1),
            "p95": round(percentile(proof_times, 0.95), 1),
            "max": round(max(proof_times), 1) if proof_times else None,
        },
        "greedy_within_1pct_share": round(greedy_within / compared, 4) if compared else None,
        "greedy_gap_pct_mean": round(statistics.mean(gaps_greedy), 3) if gaps_greedy else None,
        "greedy_gap_pct_max": round(max(gaps_greedy), 3) if gaps_greedy else None,
        "greedy_shortfall_pct_vs_optimum": {
            key: shortfall(key) for key in ("coverage", "departments", "newcomers")
        },
    }


def run_ablation(size: int, count: int, seed: int, limit: float) -> dict:
    """Which parts of the model make CP-SAT prove the optimum fast (10 s cap per solve)."""
    rng = random.Random(seed * 1_000_003 + size)
    employees = build_organisation(size, rng)
    challenges = build_challenges(employees, count, rng)
    variants = {
        "app_model": {},
        "without_redundant_constraint": {"redundant": False},
        "without_hint": {"use_hint": False},
        "default_linearization": {"linearization_level": 1},
        "default_linearization_without_redundant": {"linearization_level": 1, "redundant": False},
        "without_dominance_pruning": {"drop_dominated": False},
    }
    report = {}
    for name, variant in variants.items():
        options = dict(variant)
        use_hint = options.pop("use_hint", True)
        drop = options.pop("drop_dominated", True)
        times, proven = [], 0
        for challenge in challenges:
            try:
                problem = rec.Problem(employees, challenge, drop_dominated=drop)
            except rec.InfeasibleCoalition:
                continue
            hint = rec.greedy_team(problem) if use_hint else None
            started = time.process_time()
            result = rec.solve_exact(problem, time_limit=limit, hint=hint, **options)
            times.append((time.process_time() - started) * 1000)
            proven += result.optimal
        report[name] = {
            "solved": len(times),
            "proven_optimal": proven,
            "cpu_ms_p50": round(percentile(times, 0.5), 1),
            "cpu_ms_p95": round(percentile(times, 0.95), 1),
        }
    return {"employees": size, "challenges": count, "limit_s": limit, "variants": report}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,20000", help="organisation sizes")
    parser.add_argument("--challenges", type=int, default=500, help="challenges per size")
    parser.add_argument(
        "--challenges-largest",
        type=int,
        default=None,
        help="challenges for the largest size (default: same as --challenges)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--time-limit", type=float, default=rec.DEFAULT_TIME_LIMIT)
    parser.add_argument(
        "--ablation",
        type=int,
        default=0,
        help="also solve this many challenges at 2,000 employees with parts of the model removed",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for size in sizes:
        count = args.challenges
        if size == max(sizes) and args.challenges_largest is not None:
            count = args.challenges_largest
        results.append(run_size(size, count, args.seed, args.time_limit))
    ablation = run_ablation(2000, args.ablation, args.seed, 10.0) if args.ablation else None
    print(
        json.dumps(
            {
                "benchmark": "coalition recommender",
                "seed": args.seed,
                "time_limit_s": args.time_limit,
                "num_workers": 1,
                "python": platform.python_version(),
                "cores": os.cpu_count(),
                # The machine is shared: wall-clock latency depends on what else runs.
                "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
                "results": results,
                "ablation": ablation,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
