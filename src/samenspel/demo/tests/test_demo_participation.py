from collections import Counter

import pytest
from django.db.models import Max
from django.urls import reverse

from samenspel.accounts.models import User
from samenspel.challenges.models import Challenge
from samenspel.demo.participation_demo import participation_demo_load
from samenspel.demo.services import demo_load
from samenspel.knowledge.models import Lesson, Tool, ToolUsage
from samenspel.notifications.models import OutboxMessage
from samenspel.participation.models import AdviceEvent, ParticipationAdvice
from samenspel.participation.services import missing_for_given
from samenspel.participation.workflow import Status, allowed_transitions

pytestmark = pytest.mark.django_db


def test_demo_has_advice_in_every_status_on_policy_challenges(demo):
    advices = ParticipationAdvice.objects.select_related("challenge")
    assert set(advices.values_list("status", flat=True)) == set(Status.values)
    assert 4 <= advices.count() <= 6
    assert all(advice.challenge.kind == Challenge.Kind.POLICY for advice in advices)


def test_given_advice_is_complete_with_every_duty_judged_and_remarks(demo):
    given = ParticipationAdvice.objects.filter(status__in=[Status.GIVEN, Status.FOLLOWED_UP])
    for advice in given:
        assert missing_for_given(advice) == [], advice
        assert advice.critical_remarks and advice.kernen.exists()
        assert all(check.note for check in advice.duties.all())
        assert advice.given_at and advice.advisor.is_development_team


def test_advice_in_progress_is_half_written(demo):
    advice = ParticipationAdvice.objects.get(status=Status.IN_PROGRESS)
    assert advice.affected and advice.ladder_level and advice.ladder_rationale
    assert missing_for_given(advice)


def test_followed_up_advice_records_what_came_of_it_after_the_decision(demo, demo_anchor):
    advice = ParticipationAdvice.objects.get(status=Status.FOLLOWED_UP)
    assert advice.followed and advice.result
    assert advice.decision_date < demo_anchor.date()
    assert advice.followed_up_at.date() >= advice.decision_date
    assert advice.given_at < advice.followed_up_at


def test_open_advice_waits_for_a_decision_in_the_future(demo, demo_anchor):
    open_statuses = [Status.REQUESTED, Status.IN_PROGRESS, Status.GIVEN]
    for advice in ParticipationAdvice.objects.filter(status__in=open_statuses):
        assert advice.decision_date > demo_anchor.date(), advice


def test_every_advice_history_follows_the_workflow_to_its_status(demo):
    for advice in ParticipationAdvice.objects.prefetch_related("events"):
        events = list(advice.events.all())
        assert events[0].kind == AdviceEvent.Kind.REQUESTED
        status = Status.REQUESTED
        for event in events[1:]:
            if event.kind == AdviceEvent.Kind.TRANSITION:
                assert event.from_status == status, advice
                assert event.to_status in allowed_transitions(status), advice
                status = event.to_status
        assert status == advice.status, advice


def test_the_history_shows_a_revision_and_written_parts(demo):
    kinds = Counter(AdviceEvent.objects.values_list("kind", flat=True))
    assert kinds[AdviceEvent.Kind.CHANGED] >= 4
    assert AdviceEvent.objects.filter(
        from_status=Status.GIVEN, to_status=Status.IN_PROGRESS
    ).exists()


def test_advice_history_lies_before_the_anchor_and_after_the_challenge_began(demo, demo_anchor):
    assert AdviceEvent.objects.aggregate(m=Max("created_at"))["m"] < demo_anchor
    for advice in ParticipationAdvice.objects.select_related("challenge"):
        assert advice.created_at > advice.challenge.created_at, advice


def test_no_demo_advice_mail_waits_to_be_sent(demo):
    mails = OutboxMessage.objects.filter(dedupe_key__startswith="advice-")
    assert mails.exists()
    assert not mails.exclude(status=OutboxMessage.Status.SENT).exists()


def test_team_opens_every_demo_advice(demo, client):
    client.force_login(User.objects.get(username="team"))
    for advice in ParticipationAdvice.objects.select_related("challenge"):
        response = client.get(reverse("participation:detail", args=[advice.pk]))
        assert response.status_code == 200
        assert advice.challenge.title in response.content.decode()


def test_loading_again_creates_no_advice_lesson_or_tool(demo, demo_anchor):
    counts = [
        m.objects.count() for m in (ParticipationAdvice, AdviceEvent, Lesson, Tool, ToolUsage)
    ]
    assert demo_load().created is False
    assert participation_demo_load(anchor=demo_anchor) == {"participatieadviezen": 0}
    assert counts == [
        m.objects.count() for m in (ParticipationAdvice, AdviceEvent, Lesson, Tool, ToolUsage)
    ]


def test_the_demo_still_loads_in_reasonable_time(demo):
    # Measured about 5 s on SQLite; generous for a busy shared machine.
    assert demo.created
    assert demo.seconds < 60
