"""An independent, obviously correct reference: enumerate every team and keep the best.

Written from the module docstring of the recommender, not from its code, so a shared mistake
is unlikely. Only usable on small cases (2^n teams).
"""

from itertools import combinations

from samenspel.coalitions.recommender import Challenge, Employee, id_order


def eligible(employees: list[Employee], challenge: Challenge) -> list[Employee]:
    return sorted(
        (
            e
            for e in employees
            if e.available_hours >= challenge.hours_per_member
            and (
                e.department == challenge.owner_department
                or any(challenge.needs.get(s, 0) > 0 for s in e.skills)
            )
        ),
        key=lambda e: id_order(e.id),
    )


def violations(team: list[Employee], challenge: Challenge) -> list[str]:
    """Every hard constraint the team breaks, in words; empty when the team is valid."""
    broken = []
    if not challenge.min_size <= len(team) <= challenge.max_size:
        broken.append("size")
    if len({e.id for e in team}) != len(team):
        broken.append("duplicate member")
    if any(e.available_hours < challenge.hours_per_member for e in team):
        broken.append("hours")
    if not any(e.department == challenge.owner_department and not e.development_team for e in team):
        broken.append("owner department")
    if sum(e.development_team for e in team) > 1:
        broken.append("more than one development-team member")
    for department in {e.department for e in team}:
        if sum(e.department == department for e in team) > challenge.max_per_department:
            broken.append(f"too many from {department}")
    return broken


def objective(team: list[Employee], challenge: Challenge) -> int:
    total_weight = sum(challenge.needs.values())
    value = 0
    for skill, weight in challenge.needs.items():
        if weight <= 0:
            continue
        points = max(1, round(1000 * weight / total_weight))
        value += points * max((e.skills.get(skill, 0) for e in team), default=0)
    value += 100 * len({e.department for e in team})
    value += 100 * sum(not e.engaged_before for e in team)
    for e in team:
        load = min(e.load, 10)
        value -= 20 * load * (load + 1) // 2
    return value


def best_teams(employees: list[Employee], challenge: Challenge) -> tuple[int | None, list[set]]:
    """The optimum and every team that reaches it after the tie-break (smaller, earlier ids)."""
    pool = eligible(employees, challenge)
    rank = {e.id: r for r, e in enumerate(pool)}
    best_key = None
    best: list[set] = []
    for size in range(challenge.min_size, min(challenge.max_size, len(pool)) + 1):
        for team in combinations(pool, size):
            if violations(list(team), challenge):
                continue
            key = (-objective(list(team), challenge), size, sum(rank[e.id] for e in team))
            if best_key is None or key < best_key:
                best_key, best = key, [{e.id for e in team}]
            elif key == best_key:
                best.append({e.id for e in team})
    return (None if best_key is None else -best_key[0]), best
