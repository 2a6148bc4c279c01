"""The recommender finds the same team as enumerating every possible team."""

import random

from samenspel.coalitions.recommender import (
    SOLVER_OPTIMAL,
    InfeasibleCoalition,
    Problem,
    greedy_team,
    recommend,
)

from .bruteforce import best_teams
from .cases import challenge, employee, ids

DEPARTMENTS = ["Openbare Ruimte", "Sociaal Domein", "Communicatie", "Ontwikkelteam"]
SKILLS = ["riolering", "groen", "participatie", "verkeer", "communicatie"]


def random_case(rng: random.Random):
    people = []
    for i in range(rng.randint(3, 9)):
        department = rng.choice(DEPARTMENTS)
        people.append(
            employee(
                i + 1,
                department,
                {s: rng.randint(1, 3) for s in rng.sample(SKILLS, rng.randint(0, 3))},
                hours=rng.choice([0, 1, 2, 4, 8]),
                development_team=department == "Ontwikkelteam",
                engaged_before=rng.random() < 0.4,
                load=rng.choice([0, 0, 1, 3]),
            )
        )
    min_size = rng.randint(1, 3)
    case = challenge(
        {s: rng.randint(1, 5) for s in rng.sample(SKILLS, rng.randint(1, 4))},
        owner_department=rng.choice(DEPARTMENTS[:3]),
        hours_per_member=rng.choice([1, 2, 4]),
        min_size=min_size,
        max_size=min_size + rng.randint(0, 3),
        max_per_department=rng.randint(1, 3),
    )
    return people, case


def test_recommender_matches_brute_force_on_random_small_cases():
    rng = random.Random(4)
    solved = 0
    for _ in range(150):
        people, case = random_case(rng)
        optimum, winners = best_teams(people, case)
        try:
            answer = recommend(people, case, time_limit=5)
        except InfeasibleCoalition:
            assert optimum is None
            continue
        solved += 1
        assert answer.solver == SOLVER_OPTIMAL
        assert answer.objective == optimum
        assert ids(answer) in winners
    assert solved >= 50  # the generator must exercise the solver, not only infeasible cases


def test_greedy_team_is_never_better_than_the_optimum():
    rng = random.Random(11)
    for _ in range(80):
        people, case = random_case(rng)
        optimum, _ = best_teams(people, case)
        if optimum is None:
            continue
        problem = Problem(people, case)
        assert problem.objective(greedy_team(problem)) <= optimum


def test_hand_checked_case_prefers_a_newcomer_from_another_department():
    # Coverage is equal either way (participatie level 2); Carla is new and adds a department.
    people = [
        employee("anne", "Openbare Ruimte", {"riolering": 3}),
        employee("bert", "Openbare Ruimte", {"participatie": 2}, engaged_before=True),
        employee("carla", "Sociaal Domein", {"participatie": 2}),
    ]
    answer = recommend(people, challenge({"riolering": 1, "participatie": 1}, max_size=2))
    assert ids(answer) == {"anne", "carla"}
    # 500 per level per need (2 needs): 3*500 + 2*500, two departments, two newcomers.
    assert answer.objective == 1500 + 1000 + 200 + 200


def test_equal_candidates_are_broken_by_the_lower_id():
    people = [employee(3, skills={"groen": 2}), employee(1, skills={"groen": 2})]
    answer = recommend(people, challenge({"groen": 1}, max_size=1))
    assert ids(answer) == {1}


def test_equal_teams_prefer_the_smaller_team():
    # Dirk adds nothing (already covered, department used, engaged before), so he is left out.
    people = [
        employee(1, skills={"groen": 3}),
        employee(2, skills={"groen": 1}, engaged_before=True),
    ]
    answer = recommend(people, challenge({"groen": 1}, min_size=1, max_size=3))
    assert ids(answer) == {1}


def test_text_ids_tie_break_in_alphabetical_order():
    people = [employee("zoe", skills={"groen": 2}), employee("ahmed", skills={"groen": 2})]
    answer = recommend(people, challenge({"groen": 1}, max_size=1))
    assert ids(answer) == {"ahmed"}


def test_load_makes_a_busy_colleague_give_way_to_an_equal_one():
    people = [
        employee(1, skills={"groen": 2}, engaged_before=True, load=3),
        employee(2, skills={"groen": 2}, engaged_before=True, load=0),
    ]
    answer = recommend(people, challenge({"groen": 1}, max_size=1))
    assert ids(answer) == {2}
