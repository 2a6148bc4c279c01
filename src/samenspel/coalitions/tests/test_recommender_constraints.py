"""Property tests: whatever the input, a returned coalition satisfies every hard constraint."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.coalitions.recommender import (
    SOLVER_GREEDY,
    Employee,
    InfeasibleCoalition,
    Problem,
    greedy_team,
    recommend,
)

from .bruteforce import best_teams, violations
from .cases import challenge, employee

DEPARTMENTS = ["Openbare Ruimte", "Sociaal Domein", "Communicatie", "Ontwikkelteam"]
SKILLS = ["riolering", "groen", "participatie", "verkeer"]


PERSON = st.tuples(
    st.sampled_from(DEPARTMENTS),
    st.tuples(*[st.integers(0, 3)] * len(SKILLS)),  # level per skill, 0 = does not have it
    st.sampled_from([0, 1, 2, 3.5, 8]),
    st.booleans(),
    st.booleans(),
    st.integers(0, 4),
)


@st.composite
def employees(draw) -> list[Employee]:
    people = []
    for i, (department, levels, hours, dev, engaged, load) in enumerate(
        draw(st.lists(PERSON, max_size=10))
    ):
        people.append(
            employee(
                i + 1,
                department,
                {s: level for s, level in zip(SKILLS, levels, strict=True) if level},
                hours=hours,
                # Mostly in Ontwikkelteam, but the rule must hold wherever they sit.
                development_team=dev or department == "Ontwikkelteam",
                engaged_before=engaged,
                load=load,
            )
        )
    return people


@st.composite
def challenges(draw):
    min_size = draw(st.integers(1, 4))
    weights = draw(st.tuples(*[st.integers(0, 5)] * len(SKILLS)).filter(any))
    return challenge(
        {s: w for s, w in zip(SKILLS, weights, strict=True) if w},
        owner_department=draw(st.sampled_from(DEPARTMENTS[:3])),
        hours_per_member=draw(st.sampled_from([0, 1, 2, 4])),
        min_size=min_size,
        max_size=min_size + draw(st.integers(0, 3)),
        max_per_department=draw(st.integers(1, 3)),
    )


def by_id(people: list[Employee], picked_ids) -> list[Employee]:
    index = {e.id: e for e in people}
    return [index[i] for i in picked_ids]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=employees(), case=challenges())
def test_every_returned_coalition_satisfies_every_hard_constraint(people, case):
    try:
        answer = recommend(people, case, time_limit=2)
    except InfeasibleCoalition:
        # Refusing is only right when no valid team exists at all.
        assert best_teams(people, case)[0] is None
        return
    team = by_id(people, [p.id for p in answer.members])
    assert violations(team, case) == []
    roles = {p.id: p.role for p in answer.members}
    assert list(roles.values()).count("owner") == 1
    for member in team:
        if member.development_team:
            assert roles[member.id] == "coach"
        if roles[member.id] == "owner":
            assert member.department == case.owner_department


@settings(max_examples=100, deadline=None)
@given(people=employees(), case=challenges())
def test_greedy_team_alone_satisfies_every_hard_constraint(people, case):
    try:
        problem = Problem(people, case)
    except InfeasibleCoalition:
        return
    team = by_id(people, [problem.candidates[i].id for i in greedy_team(problem)])
    assert violations(team, case) == []


def test_greedy_answers_when_cp_sat_has_no_time_at_all():
    rng = random.Random(7)
    people = [
        employee(
            i,
            rng.choice(DEPARTMENTS[:3]),
            {s: rng.randint(1, 3) for s in rng.sample(SKILLS, 2)},
            engaged_before=rng.random() < 0.5,
        )
        for i in range(60)
    ]
    case = challenge(dict.fromkeys(SKILLS, 1), min_size=3, max_size=6, max_per_department=2)
    answer = recommend(people, case, time_limit=1e-9)
    assert answer.solver == SOLVER_GREEDY
    assert violations(by_id(people, [p.id for p in answer.members]), case) == []
