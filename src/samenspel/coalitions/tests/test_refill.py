from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.coalitions import services
from samenspel.coalitions.models import Membership

from .conftest import give_skills


def _invite_and_decline(org, employee):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    services.coalition_send_invitations(challenge=org.challenge, actor=org.team.user)
    membership = Membership.objects.get(employee=employee)
    services.membership_respond(membership=membership, accept=False)


def test_declined_place_is_refilled_by_the_next_best_candidate(org):
    _invite_and_decline(org, org.social_a)

    refill = services.coalition_refill(challenge=org.challenge, actor=org.team.user)

    # Without the wijkcoach, participatie is best covered by the coach (level 2) from the
    # development team, who joins as coach, not as member.
    assert refill.employee == org.team
    assert refill.role == Membership.Role.COACH
    assert refill.status == Membership.Status.PROPOSED
    assert "dekt participatie (niveau 2)" in refill.reason


def test_refill_never_proposes_someone_who_declined(org):
    _invite_and_decline(org, org.social_a)

    first = services.coalition_refill(challenge=org.challenge, actor=org.team.user)
    services.membership_remove(membership=first, actor=org.team.user)
    second = services.coalition_refill(challenge=org.challenge, actor=org.team.user)

    assert second.employee == org.social_b
    assert Membership.objects.get(employee=org.social_a).status == Membership.Status.DECLINED


def test_refill_when_the_owner_declined_proposes_a_new_owner_from_the_owner_department(
    org, make_user
):
    sewer_expert = give_skills(
        make_user("rioolbeheerder", Role.EMPLOYEE, weekly_hours_available=4).employee,
        riolering=2,
    )
    _invite_and_decline(org, org.owner)
    services.membership_remove(
        membership=Membership.objects.get(employee=org.gardener), actor=org.team.user
    )

    refill = services.coalition_refill(challenge=org.challenge, actor=org.team.user)

    assert refill.employee == sewer_expert
    assert refill.role == Membership.Role.OWNER


def test_refill_of_a_full_coalition_is_refused(org):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)

    try:
        services.coalition_refill(challenge=org.challenge, actor=org.team.user)
    except services.ValidationError as error:
        assert "vol" in error.messages[0]
    else:
        raise AssertionError("a full coalition cannot take another member")


def test_refill_button_shows_the_new_candidate_on_the_page(org, client):
    _invite_and_decline(org, org.social_a)
    client.force_login(org.team.user)

    page = client.post(reverse("coalitions:refill", args=[org.challenge.pk]), follow=True)

    assert "Team is voorgesteld voor de open plaats" in page.content.decode()
