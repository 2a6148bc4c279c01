"""Who may see and change a coalition, per role, including another department's manager."""

import pytest
from django.urls import reverse

from samenspel.coalitions import services
from samenspel.coalitions.models import Membership


@pytest.fixture
def proposed(org):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    return org


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("team", 200),
        ("admin", 200),
        ("owner_employee", 200),
        ("manager", 200),
        ("other_manager", 403),
        ("area", 403),
        ("gardener", 403),
    ],
)
def test_coalition_page_per_role(proposed, client, who, status):
    org = proposed
    org.challenge.owner = org.owner
    org.challenge.save()
    users = {
        "team": org.team.user,
        "admin": org.admin,
        "owner_employee": org.owner.user,
        "manager": org.manager,
        "other_manager": org.other_manager,
        "area": org.area,
        "gardener": org.gardener.user,
    }
    client.force_login(users[who])

    response = client.get(reverse("coalitions:detail", args=[org.challenge.pk]))

    assert response.status_code == status


def test_anonymous_visitor_is_sent_to_log_in(org, client):
    response = client.get(reverse("coalitions:detail", args=[org.challenge.pk]))

    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_owner_departments_manager_may_adjust_but_not_propose(proposed, client):
    org = proposed
    client.force_login(org.manager)
    gardener = Membership.objects.get(employee=org.gardener)

    removed = client.post(
        reverse("coalitions:remove", args=[org.challenge.pk]), {"membership": gardener.pk}
    )
    propose = client.post(reverse("coalitions:propose", args=[org.challenge.pk]))

    assert removed.status_code == 302
    assert Membership.objects.get(pk=gardener.pk).status == Membership.Status.REMOVED
    assert propose.status_code == 403


def test_other_departments_manager_cannot_adjust(proposed, client):
    org = proposed
    client.force_login(org.other_manager)
    gardener = Membership.objects.get(employee=org.gardener)

    response = client.post(
        reverse("coalitions:remove", args=[org.challenge.pk]), {"membership": gardener.pk}
    )

    assert response.status_code == 403
    assert Membership.objects.get(pk=gardener.pk).status == Membership.Status.PROPOSED


def test_employee_cannot_send_invitations(proposed, client):
    org = proposed
    client.force_login(org.gardener.user)

    response = client.post(reverse("coalitions:invite", args=[org.challenge.pk]))

    assert response.status_code == 403
    assert not Membership.objects.filter(status=Membership.Status.INVITED).exists()


def test_challenge_page_links_to_the_coalition_only_for_those_who_may_see_it(org, client):
    client.force_login(org.team.user)
    team_page = client.get(reverse("challenges:detail", args=[org.challenge.pk]))
    client.force_login(org.area)
    area_page = client.get(reverse("challenges:detail", args=[org.challenge.pk]))

    link = reverse("coalitions:detail", args=[org.challenge.pk])
    assert link in team_page.content.decode()
    assert link not in area_page.content.decode()


def test_swap_from_a_member_of_another_challenge_is_refused(proposed, client):
    from samenspel.challenges.tests.factories import ChallengeFactory

    org = proposed
    other = ChallengeFactory(owner_department=org.public_space)
    client.force_login(org.team.user)
    gardener = Membership.objects.get(employee=org.gardener)

    page = client.post(
        reverse("coalitions:swap", args=[other.pk]),
        {"membership": gardener.pk, "candidate": org.social_b.pk},
        follow=True,
    )

    assert "Kies een lid van de coalitie" in page.content.decode()
    assert Membership.objects.get(pk=gardener.pk).status == Membership.Status.PROPOSED
