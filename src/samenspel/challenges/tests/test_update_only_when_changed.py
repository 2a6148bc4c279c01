"""Saving the edit form without changes leaves the challenge as it was."""

from datetime import datetime

from django.utils import timezone
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.challenges.services import challenge_update
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory

CREATED = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))


def _challenge():
    with freeze_time(CREATED):
        return ChallengeFactory(title="Bankje Almkerk", kernen=[KernFactory(slug="almkerk")])


def test_unchanged_form_does_not_move_the_challenge_up_the_board(users):
    challenge = _challenge()
    with freeze_time("2026-03-03 10:00"):
        challenge_update(
            challenge=challenge,
            actor=users[Role.DEVELOPMENT_TEAM],
            title="Bankje Almkerk",
            kernen=list(challenge.kernen.all()),
        )
    assert Challenge.objects.get(pk=challenge.pk).updated_at == CREATED
    assert not ChallengeEvent.objects.filter(challenge=challenge).exists()


def test_a_real_change_is_saved_and_moves_the_challenge_up(users):
    challenge = _challenge()
    with freeze_time("2026-03-03 10:00"):
        challenge_update(
            challenge=challenge, actor=users[Role.DEVELOPMENT_TEAM], title="Bankje bij de kerk"
        )
    stored = Challenge.objects.get(pk=challenge.pk)
    assert stored.title == "Bankje bij de kerk"
    assert stored.updated_at > CREATED
    assert ChallengeEvent.objects.get(challenge=challenge).kind == ChallengeEvent.Kind.CHANGED


def test_changing_only_the_kernen_also_counts_as_a_change(users):
    challenge = _challenge()
    with freeze_time("2026-03-03 10:00"):
        challenge_update(
            challenge=challenge,
            actor=users[Role.DEVELOPMENT_TEAM],
            kernen=[KernFactory(slug="uitwijk")],
        )
    assert Challenge.objects.get(pk=challenge.pk).updated_at > CREATED
