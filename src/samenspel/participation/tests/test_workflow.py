"""The status workflow: one table, enforced by one service, every step in the history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from samenspel.notifications.models import OutboxMessage
from samenspel.participation import services
from samenspel.participation.models import AdviceEvent
from samenspel.participation.workflow import TRANSITIONS, Actor, Status

from .conftest import write_complete_advice

ALL_PAIRS = [(a, b) for a in Status.values for b in Status.values if a != b]


def test_the_table_is_requested_in_progress_given_followed_up():
    assert TRANSITIONS == {
        "requested": {"in_progress": Actor.TEAM},
        "in_progress": {"given": Actor.TEAM},
        "given": {"in_progress": Actor.TEAM, "followed_up": Actor.DEPARTMENT},
        "followed_up": {},
    }


def _put_in(advice, status, actor):
    # Rows are placed in a status directly only to test the table from every starting point.
    type(advice).objects.filter(pk=advice.pk).update(status=status)
    advice.refresh_from_db()
    if status == Status.IN_PROGRESS:
        write_complete_advice(advice, actor)


@pytest.mark.parametrize(("start", "to"), ALL_PAIRS)
def test_only_steps_in_the_table_are_allowed(requested_advice, administrator, start, to):
    _put_in(requested_advice, start, administrator)
    allowed = to in TRANSITIONS[start]
    events_before = AdviceEvent.objects.count()
    with freeze_time(requested_advice.decision_date + datetime.timedelta(days=1)):
        if allowed:
            services.advice_transition(
                advice=requested_advice,
                to=to,
                actor=administrator,
                followed="yes",
                result="De raad nam het advies over.",
            )
        else:
            with pytest.raises(ValidationError, match="geen toegestane stap"):
                services.advice_transition(advice=requested_advice, to=to, actor=administrator)
    requested_advice.refresh_from_db()
    assert requested_advice.status == (to if allowed else start)
    assert AdviceEvent.objects.count() == events_before + (1 if allowed else 0)


def test_every_step_is_an_event_with_actor_and_statuses(given_advice, team_member):
    steps = [(e.kind, e.from_status, e.to_status, e.actor) for e in given_advice.events.all()]
    assert steps[0][0] == "requested"
    transitions = [s for s in steps if s[0] == "transition"]
    assert [(s[1], s[2], s[3]) for s in transitions] == [
        ("requested", "in_progress", team_member),
        ("in_progress", "given", team_member),
    ]


def test_editing_the_advice_is_recorded_with_what_changed(given_advice):
    changed = given_advice.events.get(kind="changed")
    assert "wie worden geraakt" in changed.text
    assert "plichten" in changed.text


def test_events_cannot_be_edited_or_deleted(given_advice):
    event = given_advice.events.first()
    event.text = "herschreven"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_the_team_member_who_takes_it_on_becomes_the_advisor(requested_advice, team_member):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    requested_advice.refresh_from_db()
    assert requested_advice.advisor == team_member.employee


def test_department_cannot_take_the_team_steps(requested_advice, policy_manager):
    with pytest.raises(PermissionDenied):
        services.advice_transition(advice=requested_advice, to="in_progress", actor=policy_manager)


def test_incomplete_advice_cannot_be_given_and_says_what_is_missing(requested_advice, team_member):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    services.advice_update(advice=requested_advice, actor=team_member, ladder_level="consult")
    with pytest.raises(ValidationError) as raised:
        services.advice_transition(advice=requested_advice, to="given", actor=team_member)
    message = " ".join(raised.value.messages)
    assert "waarom deze trede" in message
    assert "terugkoppeling aan deelnemers" in message
    assert "Omgevingswet: kennisgeving hoe de participatie plaatsvindt" in message
    requested_advice.refresh_from_db()
    assert requested_advice.status == "in_progress"


def test_given_advice_tells_the_requester_by_email(given_advice, policy_employee):
    message = OutboxMessage.objects.get(to=policy_employee.email)
    assert "Omgevingsvisie Altena 2040" in message.subject
    assert "Leg na het besluit vast of het advies is opgevolgd" in message.body
    assert given_advice.given_at is not None


def test_given_advice_can_no_longer_be_edited(given_advice, team_member):
    with pytest.raises(ValidationError, match="neem het eerst in behandeling"):
        services.advice_update(advice=given_advice, actor=team_member, timing="Later.")


def test_follow_up_records_whether_the_advice_was_followed_and_the_result(
    given_advice, policy_manager
):
    with freeze_time(given_advice.decision_date + datetime.timedelta(days=7)):
        services.advice_transition(
            advice=given_advice,
            to="followed_up",
            actor=policy_manager,
            followed="partly",
            result="Raad koos voor raadplegen in plaats van adviseren.",
        )
    given_advice.refresh_from_db()
    assert (given_advice.status, given_advice.followed) == ("followed_up", "partly")
    assert given_advice.result == "Raad koos voor raadplegen in plaats van adviseren."
    last = given_advice.events.last()
    assert last.text == "gedeeltelijk: Raad koos voor raadplegen in plaats van adviseren."


def test_follow_up_before_the_decision_is_refused(given_advice, policy_manager):
    with pytest.raises(ValidationError, match="Leg de opvolging vast als het besluit is genomen"):
        services.advice_transition(
            advice=given_advice,
            to="followed_up",
            actor=policy_manager,
            followed="yes",
            result="Nog niet besloten.",
        )


def test_follow_up_needs_an_answer_and_a_result(given_advice, policy_manager):
    with freeze_time(given_advice.decision_date), pytest.raises(ValidationError) as raised:
        services.advice_transition(
            advice=given_advice, to="followed_up", actor=policy_manager, result="  "
        )
    assert set(raised.value.message_dict) == {"followed", "result"}


def test_another_department_cannot_record_the_follow_up(given_advice, other_manager):
    with freeze_time(given_advice.decision_date), pytest.raises(PermissionDenied):
        services.advice_transition(
            advice=given_advice,
            to="followed_up",
            actor=other_manager,
            followed="yes",
            result="Overgenomen.",
        )


def test_replayed_step_is_stored_once(requested_advice, team_member):
    first = services.advice_transition(
        advice=requested_advice, to="in_progress", actor=team_member, submission_token="stap-1"
    )
    again = services.advice_transition(
        advice=requested_advice, to="in_progress", actor=team_member, submission_token="stap-1"
    )
    assert first == again
    assert requested_advice.events.filter(kind="transition").count() == 1
