"""The database → recommender adapter: what the solver is told about each colleague."""

from decimal import Decimal

from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.challenges.workflow import Status
from samenspel.coalitions import selectors
from samenspel.coalitions.models import Coalition, Membership


def _membership(employee, *, status, hours="3", challenge_status=Status.ACTIVE):
    challenge = ChallengeFactory(status=challenge_status)
    coalition = Coalition.objects.create(challenge=challenge)
    return Membership.objects.create(
        coalition=coalition,
        employee=employee,
        role=Membership.Role.MEMBER,
        status=status,
        hours_per_week=Decimal(hours),
    )


def _seen(employee):
    return next(e for e in selectors.recommender_employees() if e.id == employee.pk)


def test_available_hours_are_weekly_hours_minus_accepted_commitments(org):
    _membership(org.planner, status=Membership.Status.ACCEPTED, hours="3")
    _membership(org.planner, status=Membership.Status.INVITED, hours="2")

    assert _seen(org.planner).available_hours == 5.0


def test_commitments_on_closed_challenges_no_longer_count(org):
    _membership(org.planner, status=Membership.Status.ACCEPTED, challenge_status=Status.DONE)

    assert _seen(org.planner).available_hours == 8.0


def test_engaged_before_means_accepted_in_another_coalition(org):
    _membership(org.planner, status=Membership.Status.ACCEPTED)
    _membership(org.gardener, status=Membership.Status.DECLINED)

    assert _seen(org.planner).engaged_before is True
    assert _seen(org.gardener).engaged_before is False


def test_being_accepted_in_this_coalition_is_not_engaged_before(org):
    accepted = _membership(org.planner, status=Membership.Status.ACCEPTED)

    seen = selectors.recommender_employees(coalition=accepted.coalition)

    assert next(e for e in seen if e.id == org.planner.pk).engaged_before is False


def test_load_counts_memberships_that_still_ask_something(org):
    _membership(org.planner, status=Membership.Status.ACCEPTED)
    _membership(org.planner, status=Membership.Status.INVITED)
    _membership(org.planner, status=Membership.Status.DECLINED)
    _membership(org.planner, status=Membership.Status.PROPOSED)

    assert _seen(org.planner).load == 2


def test_skills_departments_and_development_team_come_through(org):
    seen = _seen(org.team)

    assert seen.skills == {"participatie": 2}
    assert seen.department == "Ruimtelijke Ordening"
    assert seen.development_team is True


def test_inactive_employees_are_never_candidates(org):
    org.planner.active = False
    org.planner.save()

    assert org.planner.pk not in {e.id for e in selectors.recommender_employees()}


def test_challenge_needs_become_the_recommenders_case(org):
    case = selectors.recommender_challenge(
        challenge=org.challenge, needs=selectors.needs_for_challenge(challenge=org.challenge)
    )

    assert case.owner_department == "Openbare Ruimte"
    assert case.needs == {"riolering": 3.0, "participatie": 2.0, "groen": 1.0}
    assert (case.hours_per_member, case.min_size, case.max_size) == (2.0, 2, 4)
    assert case.max_per_department == 2
