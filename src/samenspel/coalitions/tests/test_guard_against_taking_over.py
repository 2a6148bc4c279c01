"""The development team coaches; it never becomes the owner of the work."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenspel.coalitions import services
from samenspel.coalitions.models import Membership


def test_service_refuses_a_development_team_member_as_owner(org):
    try:
        services.membership_add(
            challenge=org.challenge, employee=org.team, role="owner", actor=org.team.user
        )
    except services.ValidationError as error:
        assert "kan geen eigenaar worden" in error.messages[0]
    else:
        raise AssertionError("the development team must not own the work")
    assert not Membership.objects.filter(employee=org.team).exists()


def test_adding_a_development_team_member_as_owner_shows_the_warning(org, client):
    client.force_login(org.team.user)

    page = client.post(
        reverse("coalitions:add", args=[org.challenge.pk]),
        {"employee": org.team.pk, "role": "owner"},
        follow=True,
    )

    assert "kan geen eigenaar worden" in page.content.decode()


def test_swapping_the_owner_for_a_development_team_member_is_refused(org):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    owner = Membership.objects.get(employee=org.owner)

    with pytest.raises(ValidationError, match="kan geen eigenaar worden"):
        services.membership_swap(membership=owner, candidate=org.team, actor=org.team.user)
    owner.refresh_from_db()
    assert owner.status == Membership.Status.PROPOSED
    assert not Membership.objects.filter(employee=org.team).exists()


def test_page_warns_when_the_challenge_owner_is_in_the_development_team(org, client):
    org.challenge.owner = org.team
    org.challenge.save()
    client.force_login(org.team.user)

    page = client.get(reverse("coalitions:detail", args=[org.challenge.pk]))

    assert "Het ontwikkelteam coacht en neemt het werk niet over" in page.content.decode()


def test_page_shows_the_teams_role_on_the_challenge(org, client):
    org.challenge.team_role = "coach"
    org.challenge.save()
    client.force_login(org.team.user)

    coalition_page = client.get(reverse("coalitions:detail", args=[org.challenge.pk]))
    challenge_page = client.get(reverse("challenges:detail", args=[org.challenge.pk]))

    assert "coachen" in coalition_page.content.decode()
    assert "Rol van het ontwikkelteam: coachen" in challenge_page.content.decode()


def test_a_second_development_team_member_is_refused(org, make_user):
    from samenspel.accounts.roles import Role

    other = make_user("team2", Role.DEVELOPMENT_TEAM, weekly_hours_available=8).employee
    services.membership_add(
        challenge=org.challenge, employee=org.team, role="coach", actor=org.team.user
    )

    try:
        services.membership_add(
            challenge=org.challenge, employee=other, role="coach", actor=org.team.user
        )
    except services.ValidationError as error:
        assert "één coach is genoeg" in error.messages[0]
    else:
        raise AssertionError("at most one development-team member per coalition")


def test_adding_someone_without_the_hours_is_refused(org):
    org.planner.weekly_hours_available = 1
    org.planner.save()

    try:
        services.membership_add(
            challenge=org.challenge, employee=org.planner, role="member", actor=org.team.user
        )
    except services.ValidationError as error:
        assert "nog 1 uur per week vrij" in error.messages[0]
    else:
        raise AssertionError("capacity must be respected")
