from decimal import Decimal

from django.test import override_settings
from django.urls import reverse

from samenspel.coalitions import services
from samenspel.coalitions.models import Membership, MembershipEvent
from samenspel.notifications.models import OutboxMessage


def _accepting(org, employee, *, hours="2"):
    org.needs.hours_per_member = Decimal(hours)
    org.needs.save()
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    services.coalition_send_invitations(challenge=org.challenge, actor=org.team.user)
    membership = Membership.objects.get(employee=employee)
    return services.membership_respond(membership=membership, accept=True)


def test_accepted_hours_count_against_capacity_on_the_profile(org, client):
    _accepting(org, org.planner)
    client.force_login(org.team.user)

    page = client.get(reverse("organisation:employee_detail", args=[org.planner.pk]))

    text = page.content.decode()
    assert page.context["employee"].committed_hours == Decimal("2")
    assert page.context["remaining"] == Decimal("6")
    assert "Wateroverlast in de Dorpsstraat" in text


def test_commitment_above_the_threshold_waits_for_the_manager(org):
    membership = _accepting(org, org.owner, hours="6")

    assert membership.status == Membership.Status.AWAITING_APPROVAL
    mail = OutboxMessage.objects.get(to=org.manager.email)
    assert "Eigenaar" in mail.subject
    assert "/werk/organisatie/capaciteit/" in mail.body


@override_settings(SAMENSPEL_COMMITMENT_APPROVAL_HOURS=8)
def test_threshold_comes_from_the_settings(org):
    membership = _accepting(org, org.owner, hours="6")

    assert membership.status == Membership.Status.ACCEPTED


def test_own_manager_approves_and_the_decision_is_recorded(org, client):
    membership = _accepting(org, org.owner, hours="6")
    client.force_login(org.manager)

    client.post(reverse("coalitions:approval", args=[membership.pk]), {"decision": "approve"})

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACCEPTED
    assert membership.approval == Membership.Approval.APPROVED
    assert membership.approval_by == org.manager
    assert membership.approval_at is not None
    assert MembershipEvent.objects.filter(
        membership=membership, kind=MembershipEvent.Kind.APPROVED, actor=org.manager
    ).exists()


def test_own_manager_refuses_and_the_place_counts_as_declined(org, client):
    membership = _accepting(org, org.owner, hours="6")
    client.force_login(org.manager)

    client.post(reverse("coalitions:approval", args=[membership.pk]), {"decision": "refuse"})

    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    assert membership.approval == Membership.Approval.REFUSED
    assert MembershipEvent.objects.filter(
        membership=membership, kind=MembershipEvent.Kind.REFUSED
    ).exists()


def test_another_departments_manager_cannot_approve(org, client):
    membership = _accepting(org, org.owner, hours="6")
    client.force_login(org.other_manager)

    response = client.post(
        reverse("coalitions:approval", args=[membership.pk]), {"decision": "approve"}
    )

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.AWAITING_APPROVAL


def test_manager_sees_the_capacity_of_their_department(org, client):
    _accepting(org, org.owner, hours="6")
    client.force_login(org.manager)

    page = client.get(reverse("organisation:capacity"), follow=True)

    rows = {row.name: row for row in page.context["rows"]}
    assert rows["Eigenaar"].pending_hours == Decimal("6")
    assert "Goedkeuren" in page.content.decode()
    assert "Wijkcoach" not in rows


def test_manager_cannot_see_another_departments_capacity(org, client):
    client.force_login(org.other_manager)

    response = client.get(reverse("organisation:capacity_department", args=[org.public_space.pk]))

    assert response.status_code == 403


def test_approving_twice_is_refused_with_a_message(org, client):
    membership = _accepting(org, org.owner, hours="6")
    client.force_login(org.manager)
    url = reverse("coalitions:approval", args=[membership.pk])
    client.post(url, {"decision": "approve"})

    page = client.post(url, {"decision": "refuse"}, follow=True)

    assert "al beslist" in page.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACCEPTED
