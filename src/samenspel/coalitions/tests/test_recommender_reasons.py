"""Every pick is explained in plain Dutch, roles follow the rules, gaps are reported."""

from samenspel.coalitions.recommender import recommend

from .cases import challenge, employee


def test_each_pick_says_what_it_covers_whether_it_is_new_and_its_department():
    people = [employee(1, "Openbare Ruimte", {"riolering": 3})]
    answer = recommend(people, challenge({"riolering": 1}))
    assert answer.members[0].reason.startswith(
        "dekt riolering (niveau 3); nog niet eerder in een coalitie; afdeling Openbare Ruimte"
    )
    assert answer.members[0].reason_en.startswith(
        "covers riolering (level 3); not in a coalition before; department Openbare Ruimte"
    )


def test_owner_comes_from_the_owner_department_and_is_listed_first():
    people = [
        employee(1, "Sociaal Domein", {"participatie": 3}),
        employee(2, "Openbare Ruimte", {"riolering": 2}),
    ]
    answer = recommend(people, challenge({"riolering": 1, "participatie": 1}))
    assert [(p.id, p.role) for p in answer.members] == [(2, "owner"), (1, "member")]
    assert "eigenaar namens de eigenaarsafdeling" in answer.members[0].reason


def test_development_team_member_joins_as_coach_never_as_owner():
    people = [
        employee(1, "Openbare Ruimte", {"groen": 1}, engaged_before=True),
        employee(2, "Openbare Ruimte", {"riolering": 3}, development_team=True),
    ]
    answer = recommend(people, challenge({"riolering": 2, "groen": 1}))
    roles = {p.id: p.role for p in answer.members}
    assert roles == {1: "owner", 2: "coach"}
    assert "coach vanuit het ontwikkelteam" in answer.members[1].reason


def test_member_who_is_not_the_best_on_a_skill_is_marked_as_also_having_it():
    people = [
        employee(1, "Openbare Ruimte", {"groen": 3}),
        employee(2, "Sociaal Domein", {"groen": 1}),
    ]
    answer = recommend(people, challenge({"groen": 1}))
    reasons = {p.id: p.reason for p in answer.members}
    assert reasons[2].startswith("ook groen (niveau 1)")


def test_skills_nobody_can_cover_are_returned_as_uncovered():
    people = [employee(1, skills={"riolering": 2})]
    answer = recommend(people, challenge({"riolering": 2, "asbest": 1, "groen": 1}))
    assert answer.uncovered == ["asbest", "groen"]


def test_answer_has_the_json_shape_of_the_command():
    answer = recommend([employee(1, skills={"groen": 1})], challenge({"groen": 1}))
    assert answer.as_json() == {
        "members": [{"id": 1, "role": "owner", "reason": answer.members[0].reason}],
        "objective": answer.objective,
        "solver": "cp-sat-optimal",
        "uncovered": [],
    }
