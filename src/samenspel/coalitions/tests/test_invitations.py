import re

from django.urls import reverse

from samenspel.coalitions import services
from samenspel.coalitions.models import Membership, MembershipEvent
from samenspel.notifications.models import OutboxMessage


def _invite(org):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    return services.coalition_send_invitations(challenge=org.challenge, actor=org.team.user)


def _link_in(body: str) -> str:
    return re.search(r"http://\S+/werk/coalities/uitnodiging/\S+/", body).group(0)


def test_sending_invitations_queues_one_email_per_colleague_with_a_personal_link(org):
    invited = _invite(org)

    messages = list(OutboxMessage.objects.order_by("id"))
    assert len(messages) == len(invited) == 4
    owner_mail = next(m for m in messages if m.to == org.owner.email)
    assert "Wateroverlast in de Dorpsstraat" in owner_mail.subject
    owner = Membership.objects.get(employee=org.owner)
    assert owner.status == Membership.Status.INVITED
    assert owner.invited_at is not None
    assert _link_in(owner_mail.body).endswith(f"/uitnodiging/{owner.response_token}/")


def test_sending_again_invites_nobody_twice(org):
    _invite(org)

    try:
        services.coalition_send_invitations(challenge=org.challenge, actor=org.team.user)
    except services.ValidationError as error:
        assert "niemand meer om uit te nodigen" in error.messages[0]
    assert OutboxMessage.objects.count() == 4


def test_invitee_accepts_from_the_email_link_without_logging_in(org, client):
    _invite(org)
    body = OutboxMessage.objects.get(to=org.social_a.email).body
    link = _link_in(body).split("127.0.0.1:8000", 1)[1]

    page = client.get(link)
    assert page.status_code == 200
    assert "Wateroverlast in de Dorpsstraat" in page.content.decode()
    answered = client.post(link, {"answer": "accept"})

    assert answered.status_code == 200
    assert "u doet mee" in answered.content.decode()
    membership = Membership.objects.get(employee=org.social_a)
    assert membership.status == Membership.Status.ACCEPTED
    assert membership.responded_at is not None
    assert MembershipEvent.objects.filter(
        membership=membership, kind=MembershipEvent.Kind.ACCEPTED, employee=org.social_a
    ).exists()


def test_invitation_link_shows_only_that_invitation(org, client):
    _invite(org)
    membership = Membership.objects.get(employee=org.social_a)

    page = client.get(reverse("coalitions:invitation", args=[membership.response_token]))

    text = page.content.decode()
    assert "Wijkcoach" in text
    for other in (org.owner, org.planner, org.gardener):
        assert other.name not in text


def test_answering_twice_with_the_same_answer_stores_it_once(org, client):
    _invite(org)
    membership = Membership.objects.get(employee=org.planner)
    url = reverse("coalitions:invitation", args=[membership.response_token])

    client.post(url, {"answer": "decline"})
    client.post(url, {"answer": "decline"})

    assert (
        MembershipEvent.objects.filter(
            membership=membership, kind=MembershipEvent.Kind.DECLINED
        ).count()
        == 1
    )


def test_changing_an_answer_after_it_was_given_is_refused_with_a_message(org, client):
    _invite(org)
    membership = Membership.objects.get(employee=org.planner)
    url = reverse("coalitions:invitation", args=[membership.response_token])
    client.post(url, {"answer": "decline"})

    response = client.post(url, {"answer": "accept"})

    assert response.status_code == 400
    assert "al beantwoord" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.DECLINED


def test_malformed_answer_is_a_clear_400_not_a_500(org, client):
    _invite(org)
    membership = Membership.objects.get(employee=org.planner)

    response = client.post(
        reverse("coalitions:invitation", args=[membership.response_token]), {"answer": "misschien"}
    )

    assert response.status_code == 400
    assert "Kies ja of nee" in response.content.decode()


def test_unknown_token_is_not_found(client, db):
    response = client.get(reverse("coalitions:invitation", args=["bestaat-niet"]))

    assert response.status_code == 404


def test_invitee_answers_in_the_app(org, client):
    _invite(org)
    membership = Membership.objects.get(employee=org.owner)
    client.force_login(org.owner.user)

    client.post(reverse("coalitions:respond", args=[membership.pk]), {"answer": "accept"})

    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.ACCEPTED


def test_colleague_cannot_answer_someone_elses_invitation(org, client):
    _invite(org)
    membership = Membership.objects.get(employee=org.owner)
    client.force_login(org.gardener.user)

    response = client.post(
        reverse("coalitions:respond", args=[membership.pk]), {"answer": "decline"}
    )

    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.INVITED
