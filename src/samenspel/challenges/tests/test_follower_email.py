"""Reporters who follow their signal hear about the challenge by e-mail (via the outbox)."""

from samenspel.accounts.roles import Role
from samenspel.challenges.services import (
    challenge_add_note,
    challenge_link_signals,
    challenge_post_update,
    challenge_transition,
)
from samenspel.challenges.workflow import Status
from samenspel.notifications.models import OutboxMessage

from .factories import FollowedSignalFactory


def _follower(challenge):
    return challenge.signals.get().reporter


def test_declined_challenge_tells_followers_why(users, challenge):
    OutboxMessage.objects.all().delete()
    challenge_transition(
        challenge=challenge,
        to=Status.DECLINED,
        actor=users[Role.DEVELOPMENT_TEAM],
        reason="Het waterschap pakt dit al op.",
    )
    message = OutboxMessage.objects.get()
    assert message.to == _follower(challenge).email
    assert "afgewezen" in message.subject
    assert "Het waterschap pakt dit al op." in message.body
    assert "/volgen/" in message.body


def test_public_update_reaches_a_follower(users, challenge):
    OutboxMessage.objects.all().delete()
    challenge_post_update(
        challenge=challenge,
        actor=users[Role.DEVELOPMENT_TEAM],
        text="Op 4 mei praten we erover in het dorpshuis.",
    )
    message = OutboxMessage.objects.get()
    assert message.to == _follower(challenge).email
    assert "Ontmoetingsplek bij de kerk" in message.subject
    assert "Op 4 mei praten we erover in het dorpshuis." in message.body


def test_internal_note_is_not_mailed(users, challenge):
    OutboxMessage.objects.all().delete()
    challenge_add_note(
        challenge=challenge, actor=users[Role.DEVELOPMENT_TEAM], text="Alleen voor ons."
    )
    assert not OutboxMessage.objects.exists()


def test_reporter_who_does_not_follow_gets_nothing(users, challenge):
    follower = _follower(challenge)
    quiet = FollowedSignalFactory(reporter__wants_updates=False)
    challenge_link_signals(challenge=challenge, signals=[quiet], actor=users[Role.DEVELOPMENT_TEAM])
    OutboxMessage.objects.all().delete()
    challenge_post_update(challenge=challenge, actor=users[Role.DEVELOPMENT_TEAM], text="Nieuws.")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [follower.email]


def test_public_update_posted_twice_by_a_resent_form_is_mailed_once(users, challenge):
    OutboxMessage.objects.all().delete()
    for _ in range(2):
        challenge_post_update(
            challenge=challenge,
            actor=users[Role.DEVELOPMENT_TEAM],
            text="Nieuws.",
            submission_token="form-1",
        )
    assert OutboxMessage.objects.count() == 1
