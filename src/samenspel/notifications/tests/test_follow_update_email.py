import pytest
from django.conf import settings
from django.core.management import call_command

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.services import challenge_post_update
from samenspel.intake.models import Channel, Reporter, Signal


@pytest.fixture
def followed_challenge(db):
    challenge = Challenge.objects.create(title="Speeltuin Sleeuwijk opknappen")
    reporter = Reporter.objects.create(
        name="Anouk de Groot", email="anouk@example.nl", wants_updates=True
    )
    signal = Signal.objects.create(
        text="De schommel in de speeltuin is kapot.",
        channel=Channel.WEB,
        challenge=challenge,
        reporter=reporter,
        follow_token="volg-mij-token-123",
    )
    return challenge, signal


def test_public_update_reaches_the_following_reporter_with_the_follow_link(
    smtp_settings, make_user, followed_challenge
):
    challenge, signal = followed_challenge
    author = make_user("coach", Role.DEVELOPMENT_TEAM)

    challenge_post_update(
        challenge=challenge, actor=author, text="De nieuwe schommel komt in maart."
    )
    call_command("send_outbox")

    [received] = smtp_settings.messages
    assert received["To"] == "anouk@example.nl"
    assert "Speeltuin Sleeuwijk opknappen" in received["Subject"]
    body = received.get_content()
    assert "De nieuwe schommel komt in maart." in body
    assert f"{settings.SAMENSPEL_BASE_URL}/volgen/volg-mij-token-123/" in body


def test_public_update_is_delivered_once_however_often_the_worker_runs(
    smtp_settings, make_user, followed_challenge
):
    challenge, _signal = followed_challenge
    author = make_user("coach", Role.DEVELOPMENT_TEAM)
    challenge_post_update(challenge=challenge, actor=author, text="Er is budget.")

    call_command("send_outbox")
    call_command("send_outbox")

    assert len(smtp_settings.messages) == 1
