"""Cases without any valid coalition get a specific, bilingual explanation instead of a team."""

import pytest

from samenspel.coalitions.recommender import InfeasibleCoalition, InvalidCase, parse_case, recommend

from .cases import challenge, employee


def test_owner_department_without_hours_is_explained():
    people = [
        employee(1, "Openbare Ruimte", {"riolering": 3}, hours=1),
        employee(2, "Sociaal Domein", {"riolering": 2}, hours=8),
    ]
    with pytest.raises(InfeasibleCoalition) as raised:
        recommend(people, challenge({"riolering": 1}, hours_per_member=2))
    assert raised.value.code == "no_owner"
    assert "Niemand van de eigenaarsafdeling 'Openbare Ruimte'" in raised.value.message_nl
    assert "Nobody in the owner department 'Openbare Ruimte'" in raised.value.message_en


def test_development_team_member_cannot_be_the_only_owner_candidate():
    people = [
        employee(1, "Openbare Ruimte", {"riolering": 3}, development_team=True),
        employee(2, "Sociaal Domein", {"riolering": 2}),
    ]
    with pytest.raises(InfeasibleCoalition) as raised:
        recommend(people, challenge({"riolering": 1}))
    assert raised.value.code == "owner_only_development_team"
    assert "nooit eigenaar" in raised.value.message_nl


def test_minimum_size_above_the_candidates_is_explained():
    people = [employee(1, skills={"groen": 1}), employee(2, "Sociaal Domein", {"groen": 2})]
    with pytest.raises(InfeasibleCoalition) as raised:
        recommend(people, challenge({"groen": 1}, min_size=3, max_size=5))
    assert raised.value.code == "too_few_candidates"
    assert "minstens 3 leden" in raised.value.message_nl
    assert "hoogstens 2" in raised.value.message_nl


def test_department_limit_that_makes_the_minimum_unreachable_is_explained():
    people = [employee(i, skills={"groen": 1}) for i in range(1, 6)]
    with pytest.raises(InfeasibleCoalition) as raised:
        recommend(people, challenge({"groen": 1}, min_size=2, max_per_department=1))
    assert raised.value.code == "too_few_candidates"


def test_second_development_team_member_does_not_count_towards_the_minimum():
    people = [
        employee(1, skills={"groen": 1}),
        employee(2, "Ontwikkelteam", {"groen": 2}, development_team=True),
        employee(3, "Ontwikkelteam", {"groen": 3}, development_team=True),
    ]
    with pytest.raises(InfeasibleCoalition):
        recommend(people, challenge({"groen": 1}, min_size=3, max_per_department=3))


def test_colleagues_without_a_needed_skill_are_not_counted_as_candidates():
    people = [employee(1, skills={"groen": 1}), employee(2, "Sociaal Domein", {"zorg": 3})]
    with pytest.raises(InfeasibleCoalition):
        recommend(people, challenge({"groen": 1}, min_size=2))


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ([], "bad_object"),
        ({"employees": {}, "challenge": {}}, "bad_list"),
        ({"employees": [{"id": 1}], "challenge": {}}, "missing_field"),
        ({"employees": [], "challenge": {"needs": {"groen": "veel"}}}, "bad_number"),
        ({"employees": [], "challenge": {"needs": {}}}, "no_needs"),
    ],
)
def test_malformed_case_names_what_is_wrong(case, code):
    with pytest.raises(InvalidCase) as raised:
        parse_case(case)
    assert raised.value.code == code


def test_skill_level_outside_one_to_three_is_refused():
    person = {
        "id": 1,
        "department": "Openbare Ruimte",
        "skills": {"groen": 4},
        "available_hours": 4,
        "development_team": False,
        "engaged_before": False,
    }
    with pytest.raises(InvalidCase) as raised:
        parse_case({"employees": [person], "challenge": {}})
    assert "moet 1, 2 of 3 zijn" in raised.value.message_nl
    assert "must be 1, 2 or 3" in raised.value.message_en


def test_minimum_above_maximum_is_refused():
    with pytest.raises(InvalidCase) as raised:
        parse_case(
            {
                "employees": [],
                "challenge": {
                    "id": 1,
                    "owner_department": "Openbare Ruimte",
                    "needs": {"groen": 1},
                    "hours_per_member": 2,
                    "min_size": 4,
                    "max_size": 3,
                    "max_per_department": 2,
                },
            }
        )
    assert raised.value.code == "bad_size_bounds"


def test_duplicate_employee_ids_are_refused():
    person = {
        "id": 1,
        "department": "Openbare Ruimte",
        "skills": {},
        "available_hours": 4,
        "development_team": False,
        "engaged_before": False,
    }
    with pytest.raises(InvalidCase) as raised:
        parse_case({"employees": [person, person], "challenge": {}})
    assert raised.value.code == "duplicate_id"
