"""The one transition table (workflow.TRANSITIONS), enforced by challenge_transition."""

import pytest
from django.core.exceptions import ValidationError

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.challenges.services import (
    challenge_add_note,
    challenge_link_signals,
    challenge_post_update,
    challenge_transition,
    challenge_update,
)
from samenspel.challenges.workflow import REASON_REQUIRED, TRANSITIONS, Status

from .factories import ChallengeFactory, SignalFactory

ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in targets]
REFUSED = [
    (source, target)
    for source in Status.values
    for target in Status.values
    if target not in TRANSITIONS[source]
]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_transition_in_the_table_is_allowed(users, source, target):
    challenge = ChallengeFactory(status=source)
    if target == Status.EVALUATED:
        # A challenge is only evaluated once a lesson is written (knowledge).
        from samenspel.knowledge.tests.factories import make_lesson

        make_lesson(actor=users[Role.DEVELOPMENT_TEAM], challenge=challenge)
    event = challenge_transition(
        challenge=challenge,
        to=target,
        actor=users[Role.DEVELOPMENT_TEAM],
        reason="Past niet bij wat de kern vraagt." if target in REASON_REQUIRED else "",
    )
    challenge.refresh_from_db()
    assert challenge.status == target
    assert (event.from_status, event.to_status) == (source, target)


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_transition_outside_the_table_is_refused(users, source, target):
    challenge = ChallengeFactory(status=source)
    with pytest.raises(ValidationError):
        challenge_transition(
            challenge=challenge, to=target, actor=users[Role.DEVELOPMENT_TEAM], reason="reden"
        )
    challenge.refresh_from_db()
    assert challenge.status == source
    assert not challenge.events.exists()


def test_unknown_status_is_refused(users):
    challenge = ChallengeFactory(status=Status.NEW)
    with pytest.raises(ValidationError):
        challenge_transition(challenge=challenge, to="gone", actor=users[Role.DEVELOPMENT_TEAM])


@pytest.mark.parametrize("paused_from", [Status.EXPLORING, Status.FORMING, Status.ACTIVE])
def test_on_hold_returns_only_to_where_it_came_from(users, paused_from):
    actor = users[Role.DEVELOPMENT_TEAM]
    challenge = ChallengeFactory(status=paused_from)
    challenge_transition(challenge=challenge, to=Status.ON_HOLD, actor=actor)
    for elsewhere in {Status.EXPLORING, Status.FORMING, Status.ACTIVE} - {paused_from}:
        with pytest.raises(ValidationError):
            challenge_transition(challenge=challenge, to=elsewhere, actor=actor)
    challenge_transition(challenge=challenge, to=paused_from, actor=actor)
    challenge.refresh_from_db()
    assert challenge.status == paused_from
    assert challenge.status_before_hold == ""


def test_decline_needs_a_reason(users):
    challenge = ChallengeFactory(status=Status.NEW)
    with pytest.raises(ValidationError) as raised:
        challenge_transition(
            challenge=challenge, to=Status.DECLINED, actor=users[Role.DEVELOPMENT_TEAM], reason=" "
        )
    assert "reason" in raised.value.message_dict
    challenge.refresh_from_db()
    assert challenge.status == Status.NEW


def test_decline_keeps_the_reason(users):
    challenge = ChallengeFactory(status=Status.EXPLORING)
    challenge_transition(
        challenge=challenge,
        to=Status.DECLINED,
        actor=users[Role.DEVELOPMENT_TEAM],
        reason="Dit is al in handen van het waterschap.",
    )
    challenge.refresh_from_db()
    assert challenge.decline_reason == "Dit is al in handen van het waterschap."


def _change_status(challenge, actor):
    challenge_transition(challenge=challenge, to=Status.EXPLORING, actor=actor)


def _add_note(challenge, actor):
    challenge_add_note(challenge=challenge, actor=actor, text="Gebeld met de dorpsraad.")


def _post_update(challenge, actor):
    challenge_post_update(challenge=challenge, actor=actor, text="We beginnen in maart.")


def _link_signal(challenge, actor):
    challenge_link_signals(challenge=challenge, signals=[SignalFactory()], actor=actor)


def _edit(challenge, actor):
    challenge_update(challenge=challenge, actor=actor, title="Nieuwe titel")


@pytest.mark.parametrize(
    "change",
    [_change_status, _add_note, _post_update, _link_signal, _edit],
    ids=lambda f: f.__name__,
)
def test_every_change_appends_one_event(users, change):
    challenge = ChallengeFactory(status=Status.NEW)
    change(challenge, users[Role.DEVELOPMENT_TEAM])
    assert ChallengeEvent.objects.filter(challenge=challenge).count() == 1


def test_resent_note_is_stored_once(users):
    challenge = ChallengeFactory()
    for _ in range(2):
        challenge_add_note(
            challenge=challenge,
            actor=users[Role.DEVELOPMENT_TEAM],
            text="Eén keer",
            submission_token="token-1",
        )
    assert challenge.events.count() == 1


def test_resent_create_form_makes_one_challenge(users):
    from samenspel.challenges.services import challenge_create

    first = challenge_create(actor=users[Role.DEVELOPMENT_TEAM], title="A", submission_token="t")
    second = challenge_create(actor=users[Role.DEVELOPMENT_TEAM], title="A", submission_token="t")
    assert first == second
    assert Challenge.objects.count() == 1


def test_signal_moved_to_another_challenge_is_counted_only_there(users):
    actor = users[Role.DEVELOPMENT_TEAM]
    first, second = ChallengeFactory(), ChallengeFactory()
    signal = SignalFactory()
    challenge_link_signals(challenge=first, signals=[signal], actor=actor)
    challenge_link_signals(challenge=second, signals=[signal], actor=actor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.signal_count, second.signal_count) == (0, 1)
