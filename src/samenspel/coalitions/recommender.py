"""The coalition recommender: which colleagues should form the coalition for one challenge.

A pure module: it takes plain data and returns plain data, with no Django inside, so that it
can be tested, benchmarked and called from the command line without a database.

The problem
-----------
Given employees (department, needed-skill levels 1-3, weekly hours available, whether they
are in the development team, whether they were engaged in a coalition before, optionally their
current load) and a challenge (owner department, needs ``{skill: weight}``, hours per member,
size bounds, a maximum per department), choose a team.

Eligible candidates are the employees who have at least ``hours_per_member`` hours available
and who hold at least one needed skill or belong to the owner department. Nobody else is ever
proposed: a colleague without a needed skill is not invited just to add a department.

Hard constraints on the team ``T``:

* ``min_size <= |T| <= max_size``;
* at least one member who is from the owner department and not in the development team:
  that member becomes the owner (the development team coaches, it does not own the work);
* at most one development-team member, whose role is ``coach``;
* at most ``max_per_department`` members from any one department.

The objective (all integers, so CP-SAT optimises exactly what we report)
-----------------------------------------------------------------------
::

    objective(T) =   sum over needed skills s of  P_s * cov_s(T)
                   + DEPARTMENT_POINTS * |departments of T|
                   + NEWCOMER_POINTS   * |members of T not engaged before|
                   - sum over members e of load_cost(load_e)

    cov_s(T)     = the highest level (0-3) of skill s among the members of T, 0 if nobody has it
    P_s          = max(1, round(COVERAGE_POINTS * w_s / sum of all weights))
    load_cost(l) = LOAD_POINTS * l * (l + 1) / 2      (l capped at MAX_LOAD)

With ``COVERAGE_POINTS = 1000`` a need that carries all the weight is worth 1000 points per
level, so full coverage of every need at level 3 is worth about 3000 points, one level of one
need of five equal needs is worth 200, which equals two extra departments or two newcomers.
Coverage therefore dominates, while diversity and the snowball (bringing colleagues in who
have not worked this way before) decide between teams of similar coverage.

The load cost follows the online team-formation literature (Anagnostopoulos et al., "Online
team formation in social networks", WWW 2012): the cost of asking somebody grows with the work
they already carry, each extra commitment costing more than the last, which spreads the work.
``load`` is optional (number of coalitions the employee is already in) and defaults to 0.

Ties: among teams with the same objective, the smaller team wins; then the team whose members
come first in id order (smallest sum of their ranks among the eligible candidates sorted by
id). CP-SAT optimises this tie-break inside the same integer objective (scaled below the
smallest objective step), so a proven optimum is the same on every run and every machine; the
rare teams that tie on the rank sum as well are decided by the fixed seed of one worker.

How it is solved
----------------
1. Eligibility filter (above), then a feasibility check that names the reason when no team can
   exist (``InfeasibleCoalition``, in Dutch and English).
2. Dominance pruning, exact: a candidate is dropped when at least ``min(max_per_department,
   max_size)`` colleagues of the same department and development-team flag have every needed
   skill at a level at least as high, at least the same newcomer/load value, and win the tie.
   Any team with the dropped candidate can swap in one of them without getting worse.
3. The greedy team: owner first, then the largest marginal gain, while the team can still
   reach ``min_size``. It is always valid when a valid team exists.
4. CP-SAT on the remaining candidates with the greedy team as a complete solution hint, the
   redundant constraint "departments used <= members chosen", and ``linearization_level=2``.
   Both the redundant constraint and the full linearization tighten the LP bound; with the
   default linearization the redundant constraint is what lets CP-SAT prove the optimum, with
   full linearization proofs at 2,000 employees take tens of milliseconds (see
   ``benchmarks/recommender.py --ablation``).

The app path uses one worker (``num_workers=1``): servers have few cores, shared by many
requests. A proven optimum answers as ``cp-sat-optimal``; when the wall-clock time limit is hit
CP-SAT's best team answers as ``cp-sat-feasible`` unless the greedy team is better, in which
case, or when CP-SAT found nothing in time, the greedy team answers (``greedy``).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ortools.sat.python import cp_model

COVERAGE_POINTS = 1000
DEPARTMENT_POINTS = 100
NEWCOMER_POINTS = 100
LOAD_POINTS = 20
MAX_LOAD = 10
MAX_LEVEL = 3

DEFAULT_TIME_LIMIT = 0.25  # seconds; the web request that asks for a proposal must stay snappy

SOLVER_OPTIMAL = "cp-sat-optimal"
SOLVER_FEASIBLE = "cp-sat-feasible"
SOLVER_GREEDY = "greedy"

ROLE_OWNER = "owner"
ROLE_MEMBER = "member"
ROLE_COACH = "coach"

EmployeeId = int | str


# --------------------------------------------------------------------------- errors


class RecommenderError(ValueError):
    """A case the recommender cannot answer, explained in Dutch and in English."""

    def __init__(self, code: str, message_nl: str, message_en: str) -> None:
        super().__init__(message_nl)
        self.code = code
        self.message_nl = message_nl
        self.message_en = message_en


class InvalidCase(RecommenderError):
    """The input is malformed: a missing field, a wrong type, a level outside 1-3."""


class InfeasibleCoalition(RecommenderError):
    """The input is well formed, but no team satisfies every hard constraint."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Employee:
    id: EmployeeId
    department: str
    skills: Mapping[str, int]
    available_hours: float
    development_team: bool = False
    engaged_before: bool = False
    load: int = 0


@dataclass(frozen=True)
class Challenge:
    id: EmployeeId
    owner_department: str
    needs: Mapping[str, float]
    hours_per_member: float
    min_size: int
    max_size: int
    max_per_department: int


@dataclass(frozen=True)
class Pick:
    id: EmployeeId
    role: str
    reason: str
    reason_en: str


@dataclass
class Recommendation:
    members: list[Pick]
    objective: int
    solver: str
    uncovered: list[str]
    coverage: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The shape `samenspel recommend-coalition` prints."""
        return {
            "members": [{"id": p.id, "role": p.role, "reason": p.reason} for p in self.members],
            "objective": self.objective,
            "solver": self.solver,
            "uncovered": list(self.uncovered),
        }


# --------------------------------------------------------------------------- parsing


class Where(NamedTuple):
    """Where in the input a problem is, in both languages of the error messages."""

    nl: str
    en: str


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _require(data: Mapping[str, Any], key: str, where: Where) -> Any:
    if key not in data:
        raise InvalidCase(
            "missing_field",
            f"Het veld '{key}' ontbreekt in {where.nl}.",
            f"The field '{key}' is missing in {where.en}.",
        )
    return data[key]


def _number(value: Any, key: str, where: Where, *, minimum: float = 0) -> float:
    if not _is_number(value) or value < minimum:
        raise InvalidCase(
            "bad_number",
            f"Het veld '{key}' in {where.nl} moet een getal van minstens {minimum:g} zijn.",
            f"The field '{key}' in {where.en} must be a number of at least {minimum:g}.",
        )
    return value


def _integer(value: Any, key: str, where: Where, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidCase(
            "bad_integer",
            f"Het veld '{key}' in {where.nl} moet een geheel getal van minstens {minimum} zijn.",
            f"The field '{key}' in {where.en} must be a whole number of at least {minimum}.",
        )
    return value


def _boolean(value: Any, key: str, where: Where) -> bool:
    if not isinstance(value, bool):
        raise InvalidCase(
            "bad_boolean",
            f"Het veld '{key}' in {where.nl} moet true of false zijn.",
            f"The field '{key}' in {where.en} must be true or false.",
        )
    return value


def _identifier(value: Any, where: Where) -> EmployeeId:
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise InvalidCase(
            "bad_id",
            f"Het veld 'id' in {where.nl} moet een geheel getal of een niet-lege tekst zijn.",
            f"The field 'id' in {where.en} must be a whole number or a non-empty text.",
        )
    return value


def _text(value: Any, key: str, where: Where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidCase(
            "bad_text",
            f"Het veld '{key}' in {where.nl} moet een niet-lege tekst zijn.",
            f"The field '{key}' in {where.en} must be a non-empty text.",
        )
    return value


def _mapping(value: Any, key: str, where: Where) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidCase(
            "bad_object",
            f"Het veld '{key}' in {where.nl} moet een object zijn ({{\"naam\": waarde}}).",
            f"The field '{key}' in {where.en} must be an object ({{\"name\": value}}).",
        )
    return value


def parse_employee(data: Any, position: int) -> Employee:
    where = Where(f"medewerker {position + 1}", f"employee {position + 1}")
    if not isinstance(data, Mapping):
        raise InvalidCase(
            "bad_object",
            f"Medewerker {position + 1} moet een object zijn.",
            f"Employee {position + 1} must be an object.",
        )
    skills: dict[str, int] = {}
    for skill, level in _mapping(_require(data, "skills", where), "skills", where).items():
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
            raise InvalidCase(
                "bad_level",
                f"Het niveau van '{skill}' in {where.nl} moet 1, 2 of 3 zijn.",
                f"The level of '{skill}' in {where.en} must be 1, 2 or 3.",
            )
        skills[skill] = level
    load = data.get("load", 0)
    return Employee(
        id=_identifier(_require(data, "id", where), where),
        department=_text(_require(data, "department", where), "department", where),
        skills=skills,
        available_hours=_number(_require(data, "available_hours", where), "available_hours", where),
        development_team=_boolean(
            _require(data, "development_team", where), "development_team", where
        ),
        engaged_before=_boolean(_require(data, "engaged_before", where), "engaged_before", where),
        load=_integer(load, "load", where, minimum=0),
    )


def parse_challenge(data: Any) -> Challenge:
    where = Where("de opgave", "the challenge")
    if not isinstance(data, Mapping):
        raise InvalidCase(
            "bad_object", "De opgave moet een object zijn.", "The challenge must be an object."
        )
    needs: dict[str, float] = {}
    for skill, weight in _mapping(_require(data, "needs", where), "needs", where).items():
        needs[skill] = _number(weight, f"needs.{skill}", where)
    if not needs or sum(needs.values()) <= 0:
        raise InvalidCase(
            "no_needs",
            "De opgave noemt geen vaardigheden met een positief gewicht, dus er valt niets te "
            "dekken. Noem ten minste één vaardigheid in 'needs'.",
            "The challenge names no skills with a positive weight, so there is nothing to "
            "cover. Name at least one skill in 'needs'.",
        )
    challenge = Challenge(
        id=_identifier(_require(data, "id", where), where),
        owner_department=_text(
            _require(data, "owner_department", where), "owner_department", where
        ),
        needs=needs,
        hours_per_member=_number(
            _require(data, "hours_per_member", where), "hours_per_member", where
        ),
        min_size=_integer(_require(data, "min_size", where), "min_size", where, minimum=1),
        max_size=_integer(_require(data, "max_size", where), "max_size", where, minimum=1),
        max_per_department=_integer(
            _require(data, "max_per_department", where), "max_per_department", where, minimum=1
        ),
    )
    if challenge.min_size > challenge.max_size:
        raise InvalidCase(
            "bad_size_bounds",
            f"De minimale omvang ({challenge.min_size}) is groter dan de maximale omvang "
            f"({challenge.max_size}).",
            f"The minimum size ({challenge.min_size}) is larger than the maximum size "
            f"({challenge.max_size}).",
        )
    return challenge


def parse_case(data: Any) -> tuple[list[Employee], Challenge]:
    """Read the JSON case of `samenspel recommend-coalition`; raise InvalidCase if malformed."""
    if not isinstance(data, Mapping):
        raise InvalidCase(
            "bad_object",
            "De invoer moet een object zijn met 'employees' en 'challenge'.",
            "The input must be an object with 'employees' and 'challenge'.",
        )
    raw_employees = _require(data, "employees", Where("de invoer", "the input"))
    if not isinstance(raw_employees, list):
        raise InvalidCase(
            "bad_list",
            "Het veld 'employees' moet een lijst zijn.",
            "The field 'employees' must be a list.",
        )
    employees = [parse_employee(item, i) for i, item in enumerate(raw_employees)]
    seen: set[EmployeeId] = set()
    for employee in employees:
        if employee.id in seen:
            raise InvalidCase(
                "duplicate_id",
                f"Medewerker {employee.id!r} komt meer dan eens voor.",
                f"Employee {employee.id!r} occurs more than once.",
            )
        seen.add(employee.id)
    return employees, parse_challenge(_require(data, "challenge", Where("de invoer", "the input")))


# --------------------------------------------------------------------------- the problem


def id_order(employee_id: EmployeeId) -> tuple[int, int | str]:
    """Sort key for ids that may be numbers or texts: numbers first, in numeric order."""
    return (0, employee_id) if isinstance(employee_id, int) else (1, employee_id)


def load_cost(load: int) -> int:
    capped = min(max(load, 0), MAX_LOAD)
    return LOAD_POINTS * capped * (capped + 1) // 2


def need_points(needs: Mapping[str, float]) -> dict[str, int]:
    """P_s: each need's share of COVERAGE_POINTS, at least 1 so no positive need is ignored."""
    total = sum(needs.values())
    return {
        skill: max(1, round(COVERAGE_POINTS * weight / total))
        for skill, weight in needs.items()
        if weight > 0
    }


class Problem:
    """The eligible candidates of one challenge, indexed for the solvers (rank = id order)."""

    def __init__(
        self,
        employees: Iterable[Employee],
        challenge: Challenge,
        *,
        drop_dominated: bool = True,
    ) -> None:
        self.challenge = challenge
        self.points = need_points(challenge.needs)
        self.skills = list(self.points)
        eligible = [
            e
            for e in employees
            if e.available_hours >= challenge.hours_per_member
            and (
                e.department == challenge.owner_department
                or not self.points.keys().isdisjoint(e.skills)
            )
        ]
        eligible.sort(key=lambda e: id_order(e.id))
        self.cap = challenge.max_per_department
        self._index(eligible, list(range(len(eligible))))
        self.eligible_count = self.n
        self.check_feasible()
        if drop_dominated:
            self._drop_dominated()

    def _index(self, candidates: list[Employee], ranks: list[int]) -> None:
        challenge = self.challenge
        self.candidates = candidates
        self.n = len(candidates)
        # rank: position among all eligible candidates in id order, the tie-break of the docstring.
        self.rank = ranks
        self.departments = sorted({e.department for e in candidates})
        dept_index = {d: i for i, d in enumerate(self.departments)}
        self.dept_of = [dept_index[e.department] for e in candidates]
        self.levels = [
            {s: lvl for s, lvl in e.skills.items() if s in self.points} for e in candidates
        ]
        self.profile = [tuple(levels.get(s, 0) for s in self.skills) for levels in self.levels]
        # What a candidate brings on its own, apart from coverage: fixed for the whole solve.
        self.unary = [
            (0 if e.engaged_before else NEWCOMER_POINTS) - load_cost(e.load) for e in candidates
        ]
        self.is_dev = [e.development_team for e in candidates]
        self.can_own = [
            e.department == challenge.owner_department and not e.development_team
            for e in candidates
        ]

    def _dominates(self, b: int, a: int) -> bool:
        """b can replace a in any team without making it worse, and wins the tie-break."""
        if self.unary[b] < self.unary[a]:
            return False
        if self.unary[b] == self.unary[a] and self.rank[b] > self.rank[a]:
            return False
        return all(map(operator.ge, self.profile[b], self.profile[a]))

    def _drop_dominated(self) -> None:
        """Remove candidates that can never be in the best team; the optimum stays the same.

        If at least k colleagues of the same department (and the same development-team flag)
        dominate a, where k is how many of that department a team can hold besides a, then in
        any team with a one dominator is left out and swapping it in for a gives a team that is
        at least as good and wins the tie-break, so a team with a is never the answer. Keeping
        every candidate with fewer than k dominators is enough, because dominance is
        transitive (a dropped dominator has k dominators of its own, which all dominate a).
        """
        groups: dict[tuple[int, bool], list[int]] = {}
        for i in range(self.n):
            groups.setdefault((self.dept_of[i], self.is_dev[i]), []).append(i)
        keep: list[int] = []
        for (_, dev), members in groups.items():
            needed = 1 if dev else min(self.cap, self.challenge.max_size)
            for a in members:
                found = 0
                for b in members:
                    if b != a and self._dominates(b, a):
                        found += 1
                        if found >= needed:
                            break
                if found < needed:
                    keep.append(a)
        keep.sort()
        self._index([self.candidates[i] for i in keep], [self.rank[i] for i in keep])

    # ----------------------------------------------------------------- feasibility

    def check_feasible(self) -> None:
        c = self.challenge
        if not any(self.can_own):
            in_department = [e for e in self.candidates if e.department == c.owner_department]
            if not in_department:
                raise InfeasibleCoalition(
                    "no_owner",
                    f"Niemand van de eigenaarsafdeling '{c.owner_department}' heeft "
                    f"{c.hours_per_member:g} uur per week beschikbaar, terwijl de eigenaar van "
                    "de coalitie uit die afdeling moet komen. Maak uren vrij bij iemand van die "
                    "afdeling of verlaag de uren per lid.",
                    f"Nobody in the owner department '{c.owner_department}' has "
                    f"{c.hours_per_member:g} hours a week available, while the owner of the "
                    "coalition must come from that department. Free up hours for somebody in "
                    "that department or lower the hours per member.",
                )
            raise InfeasibleCoalition(
                "owner_only_development_team",
                f"In de eigenaarsafdeling '{c.owner_department}' heeft alleen iemand van het "
                "ontwikkelteam de uren, en het ontwikkelteam coacht maar is nooit eigenaar. "
                "Maak uren vrij bij een andere collega van die afdeling.",
                f"In the owner department '{c.owner_department}' only a development-team "
                "member has the hours, and the development team coaches but never owns. Free "
                "up hours for another colleague in that department.",
            )
        largest = self.max_reachable_size([])
        if largest < c.min_size:
            raise InfeasibleCoalition(
                "too_few_candidates",
                f"De coalitie moet minstens {c.min_size} leden hebben, maar er zijn er hoogstens "
                f"{largest} te vinden: {self.n} collega's hebben {c.hours_per_member:g} uur en "
                "een gevraagde vaardigheid (of zijn van de eigenaarsafdeling), met hoogstens "
                f"{self.cap} per afdeling en hoogstens één lid van het ontwikkelteam. Verlaag de "
                "minimale omvang, verhoog het maximum per afdeling of vraag om meer "
                "vaardigheden.",
                f"The coalition needs at least {c.min_size} members, but at most {largest} can "
                f"be found: {self.n} colleagues have {c.hours_per_member:g} hours and a needed "
                "skill (or are in the owner department), with at most "
                f"{self.cap} per department and at most one development-team member. Lower the "
                "minimum size, raise the maximum per department or ask for more skills.",
            )

    def max_reachable_size(self, chosen: Sequence[int]) -> int:
        """The largest team that extends `chosen` within the department and coach limits.

        Exact: the limits are a cap per department plus "one coach overall", so take as many
        non-coaches as each department allows, then one coach where a department has room.
        """
        chosen_set = set(chosen)
        used = [0] * len(self.departments)
        free_regular = [0] * len(self.departments)
        free_dev = [False] * len(self.departments)
        dev_used = False
        for i in range(self.n):
            d = self.dept_of[i]
            if i in chosen_set:
                used[d] += 1
                dev_used = dev_used or self.is_dev[i]
            elif self.is_dev[i]:
                free_dev[d] = True
            else:
                free_regular[d] += 1
        total = len(chosen_set)
        coach_room = False
        for d in range(len(self.departments)):
            add = max(0, min(self.cap - used[d], free_regular[d]))
            total += add
            if free_dev[d] and used[d] + add < self.cap:
                coach_room = True
        if coach_room and not dev_used:
            total += 1
        return total

    # ----------------------------------------------------------------- evaluation

    def coverage(self, team: Iterable[int]) -> dict[str, int]:
        cov = dict.fromkeys(self.skills, 0)
        for i in team:
            for skill, level in self.levels[i].items():
                if level > cov[skill]:
                    cov[skill] = level
        return cov

    def objective(self, team: Sequence[int]) -> int:
        cov = self.coverage(team)
        return (
            sum(self.points[s] * level for s, level in cov.items())
            + DEPARTMENT_POINTS * len({self.dept_of[i] for i in team})
            + sum(self.unary[i] for i in team)
        )

    def is_valid(self, team: Sequence[int]) -> bool:
        c = self.challenge
        if not c.min_size <= len(team) <= c.max_size or len(set(team)) != len(team):
            return False
        if sum(self.is_dev[i] for i in team) > 1 or not any(self.can_own[i] for i in team):
            return False
        per_dept: dict[int, int] = {}
        for i in team:
            per_dept[self.dept_of[i]] = per_dept.get(self.dept_of[i], 0) + 1
        return max(per_dept.values()) <= self.cap

    def tie_key(self, team: Sequence[int]) -> tuple[int, int]:
        """Lower wins among equal objectives: smaller team, then earlier ids (ranks are 0-based)."""
        return (len(team), sum(self.rank[i] for i in team))


# --------------------------------------------------------------------------- greedy


def greedy_team(problem: Problem) -> list[int]:
    """Add the candidate with the largest gain, owner first, until nothing gains or it is full.

    Every step keeps the team completable to min_size, so the result is always valid when the
    problem is feasible (Problem checks that on construction).
    """
    c = problem.challenge
    cov = dict.fromkeys(problem.skills, 0)
    dept_count: dict[int, int] = {}
    team: list[int] = []
    dev_used = False

    def gain(i: int) -> int:
        value = problem.unary[i]
        if problem.dept_of[i] not in dept_count:
            value += DEPARTMENT_POINTS
        for skill, level in problem.levels[i].items():
            if level > cov[skill]:
                value += problem.points[skill] * (level - cov[skill])
        return value

    def allowed(i: int) -> bool:
        if i in chosen or dept_count.get(problem.dept_of[i], 0) >= problem.cap:
            return False
        return not (problem.is_dev[i] and dev_used)

    def take(i: int) -> None:
        nonlocal dev_used
        team.append(i)
        chosen.add(i)
        dept_count[problem.dept_of[i]] = dept_count.get(problem.dept_of[i], 0) + 1
        dev_used = dev_used or problem.is_dev[i]
        for skill, level in problem.levels[i].items():
            cov[skill] = max(cov[skill], level)

    def best(pool: Iterable[int], *, positive_only: bool) -> int | None:
        # Highest gain first; equal gains go to the earlier id (lower index).
        ranked = sorted((i for i in pool if allowed(i)), key=lambda i: (-gain(i), i))
        for i in ranked:
            if positive_only and gain(i) <= 0:
                return None
            if len(team) + 1 >= c.min_size or problem.max_reachable_size([*team, i]) >= c.min_size:
                return i
        return None

    chosen: set[int] = set()
    owner = best((i for i in range(problem.n) if problem.can_own[i]), positive_only=False)
    assert owner is not None  # Problem.check_feasible guarantees an owner that can be completed
    take(owner)
    while len(team) < c.max_size:
        pick = best(range(problem.n), positive_only=True)
        if pick is None:
            break
        take(pick)
    while len(team) < c.min_size:
        pick = best(range(problem.n), positive_only=False)
        assert pick is not None  # completability was kept at every step
        take(pick)
    return sorted(team)


# --------------------------------------------------------------------------- CP-SAT


@dataclass
class ExactResult:
    team: list[int] | None
    optimal: bool
    wall_time: float


def solve_exact(
    problem: Problem,
    *,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    num_workers: int = 1,
    hint: Sequence[int] | None = None,
    redundant: bool = True,
    tie_break: bool = True,
    linearization_level: int = 2,
) -> ExactResult:
    """Solve with CP-SAT; `time_limit=None` means run until the optimum is proven."""
    c = problem.challenge
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(problem.n)]

    # cov_s = y_s1 + y_s2 + y_s3, where y_sl may only be true if a chosen member has level >= l.
    holders: dict[tuple[str, int], list[int]] = {}
    for i, levels in enumerate(problem.levels):
        for skill, level in levels.items():
            for lvl in range(1, level + 1):
                holders.setdefault((skill, lvl), []).append(i)
    coverage_terms = []
    level_vars: dict[tuple[str, int], Any] = {}
    for (skill, lvl), members in holders.items():
        y = model.new_bool_var(f"y_{skill}_{lvl}")
        model.add_bool_or([x[i] for i in members] + [y.Not()])
        level_vars[skill, lvl] = y
        coverage_terms.append(problem.points[skill] * y)
    for (skill, lvl), y in level_vars.items():
        if lvl > 1:
            model.add_implication(y, level_vars[skill, lvl - 1])

    dept_vars = []
    members_of: dict[int, list[int]] = {}
    for i, d in enumerate(problem.dept_of):
        members_of.setdefault(d, []).append(i)
    for d, members in members_of.items():
        z = model.new_bool_var(f"z{d}")
        model.add_bool_or([x[i] for i in members] + [z.Not()])
        dept_vars.append(z)
        if len(members) > problem.cap:
            model.add(sum(x[i] for i in members) <= problem.cap)

    size = sum(x)
    model.add(size >= c.min_size)
    model.add(size <= c.max_size)
    dev = [x[i] for i in range(problem.n) if problem.is_dev[i]]
    if len(dev) > 1:
        model.add_at_most_one(dev)
    model.add_bool_or([x[i] for i in range(problem.n) if problem.can_own[i]])
    if redundant:
        # Implied by the clauses above, but it is what lets CP-SAT close the gap quickly.
        model.add(sum(dept_vars) <= size)

    main = (
        sum(coverage_terms)
        + DEPARTMENT_POINTS * sum(dept_vars)
        + sum(problem.unary[i] * x[i] for i in range(problem.n) if problem.unary[i])
    )
    if tie_break:
        # tie = |T| * B + sum of ranks, always below M, so it only decides between equal mains.
        base = c.max_size * problem.eligible_count + 1
        scale = (c.max_size + 1) * base
        ranks = sum(problem.rank[i] * x[i] for i in range(problem.n) if problem.rank[i])
        model.maximize(scale * main - base * size - ranks)
    else:
        model.maximize(main)

    if hint is not None:
        hinted = set(hint)
        for i, var in enumerate(x):
            model.add_hint(var, i in hinted)
        cov = problem.coverage(hinted)
        for (skill, lvl), y in level_vars.items():
            model.add_hint(y, cov[skill] >= lvl)
        used = {problem.dept_of[i] for i in hinted}
        for d, z in zip(members_of, dept_vars, strict=True):
            model.add_hint(z, d in used)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = 0
    # Adds the LP relaxation of every constraint: on these covering models it closes the gap
    # in tens of milliseconds where the default level needed seconds (see the benchmark).
    solver.parameters.linearization_level = linearization_level
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult(None, False, solver.wall_time)
    team = [i for i in range(problem.n) if solver.boolean_value(x[i])]
    return ExactResult(team, status == cp_model.OPTIMAL, solver.wall_time)


# --------------------------------------------------------------------------- reasons


def _roles(problem: Problem, team: Sequence[int]) -> dict[int, str]:
    """The owner is the owner-department colleague who covers most; the coach is the team member."""
    owners = [i for i in team if problem.can_own[i]]
    owner = min(
        owners,
        key=lambda i: (-sum(problem.points[s] * lvl for s, lvl in problem.levels[i].items()), i),
    )
    return {
        i: ROLE_OWNER if i == owner else ROLE_COACH if problem.is_dev[i] else ROLE_MEMBER
        for i in team
    }


def _reason(problem: Problem, i: int, role: str, cov: Mapping[str, int]) -> tuple[str, str]:
    employee = problem.candidates[i]
    nl: list[str] = []
    en: list[str] = []
    held = sorted(problem.levels[i].items(), key=lambda item: (-problem.points[item[0]], item[0]))
    for skill, level in held:
        if level == cov[skill]:
            nl.append(f"dekt {skill} (niveau {level})")
            en.append(f"covers {skill} (level {level})")
        else:
            nl.append(f"ook {skill} (niveau {level})")
            en.append(f"also {skill} (level {level})")
    if employee.engaged_before:
        nl.append("heeft eerder in een coalitie gewerkt")
        en.append("has worked in a coalition before")
    else:
        nl.append("nog niet eerder in een coalitie")
        en.append("not in a coalition before")
    if employee.load:
        nl.append(f"zit al in {employee.load} coalitie(s)")
        en.append(f"already in {employee.load} coalition(s)")
    nl.append(f"afdeling {employee.department}")
    en.append(f"department {employee.department}")
    if role == ROLE_OWNER:
        nl.append("eigenaar namens de eigenaarsafdeling")
        en.append("owner for the owner department")
    elif role == ROLE_COACH:
        nl.append("coach vanuit het ontwikkelteam, geen eigenaar")
        en.append("coach from the development team, not the owner")
    return "; ".join(nl), "; ".join(en)


def describe(problem: Problem, team: Sequence[int], solver: str) -> Recommendation:
    roles = _roles(problem, team)
    cov = problem.coverage(team)
    order = {ROLE_OWNER: 0, ROLE_MEMBER: 1, ROLE_COACH: 2}
    members = []
    for i in sorted(team, key=lambda i: (order[roles[i]], i)):
        nl, en = _reason(problem, i, roles[i], cov)
        members.append(Pick(problem.candidates[i].id, roles[i], nl, en))
    return Recommendation(
        members=members,
        objective=problem.objective(team),
        solver=solver,
        uncovered=[
            skill
            for skill in problem.challenge.needs
            if not any(skill in problem.candidates[i].skills for i in team)
        ],
        coverage=cov,
    )


# --------------------------------------------------------------------------- entry point


def recommend(
    employees: Iterable[Employee],
    challenge: Challenge,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    num_workers: int = 1,
) -> Recommendation:
    """Propose the coalition for `challenge`; raise InfeasibleCoalition if none is possible."""
    problem = Problem(employees, challenge)
    greedy = greedy_team(problem)
    exact = solve_exact(problem, time_limit=time_limit, num_workers=num_workers, hint=greedy)
    if exact.team is not None and problem.is_valid(exact.team):
        if exact.optimal:
            return describe(problem, exact.team, SOLVER_OPTIMAL)
        if problem.objective(exact.team) >= problem.objective(greedy):
            return describe(problem, exact.team, SOLVER_FEASIBLE)
    return describe(problem, greedy, SOLVER_GREEDY)


def recommend_case(data: Any, **options: Any) -> dict[str, Any]:
    """Parse a JSON case, recommend, and return the JSON answer of the CLI."""
    employees, challenge = parse_case(data)
    return recommend(employees, challenge, **options).as_json()
