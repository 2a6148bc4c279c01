import pytest
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from samenspel.accounts.models import User
from samenspel.challenges.models import Challenge, PriorityRecord, PriorityScore
from samenspel.challenges.selectors import (
    SORT_PRIORITY,
    awaits_priority,
    board_columns,
    unscored_working_days,
)
from samenspel.challenges.workflow import OPEN_STATUSES, Status
from samenspel.demo.priorities_demo import priorities_demo_load

pytestmark = pytest.mark.django_db

PAST_NEW = (Status.EXPLORING, Status.FORMING, Status.ACTIVE, Status.ON_HOLD)


def test_every_open_challenge_past_the_new_stage_is_scored(demo):
    open_past_new = Challenge.objects.filter(status__in=PAST_NEW)
    assert open_past_new.count() >= 25
    assert not open_past_new.filter(prioritised_at__isnull=True).exists()
    assert not open_past_new.filter(priority=0).exists()


def test_most_new_challenges_are_scored_and_a_few_are_not(demo):
    new = Challenge.objects.filter(status=Status.NEW)
    unscored = new.filter(prioritised_at__isnull=True).count()
    assert 1 <= unscored <= 2
    assert new.count() - unscored > unscored


def test_closed_challenges_are_not_scored_by_the_demo(demo):
    assert not PriorityRecord.objects.exclude(challenge__status__in=OPEN_STATUSES).exists()


# The demo's oldest unscored challenge is about ten calendar days old: with two public
# holidays in that window it has only four working days, so these tests use a norm of three
# to stay true on every day of the year.
ROBUST_NORM = 3


def test_at_least_one_open_challenge_waits_for_prioritisation(demo, settings):
    settings.SAMENSPEL_UNSCORED_WORKING_DAYS = ROBUST_NORM
    today, limit = timezone.localdate(), unscored_working_days()
    waiting = [
        c
        for c in Challenge.objects.filter(status__in=OPEN_STATUSES)
        if awaits_priority(c, today=today, limit=limit)
    ]
    assert waiting


def test_board_shows_the_waiting_flag(demo, client, settings):
    settings.SAMENSPEL_UNSCORED_WORKING_DAYS = ROBUST_NORM
    client.force_login(User.objects.get(username="team"))
    page = client.get(reverse("challenges:board")).content.decode()
    assert "wacht op prioritering" in page


def test_board_sorted_by_priority_shows_scored_challenges_first(demo):
    columns = {c.status: c for c in board_columns(sort=SORT_PRIORITY, size=50)}
    new = columns[Status.NEW].items
    scored = [c.prioritised_at is not None for c in new]
    assert any(scored) and not all(scored)
    # Once the unscored ones start, no scored one follows.
    assert scored == sorted(scored, reverse=True)
    for status in PAST_NEW:
        priorities = [c.priority for c in columns[status].items]
        assert priorities == sorted(priorities, reverse=True)
        assert priorities[-1] > 0


def test_scores_are_given_by_development_team_members_with_a_rationale(demo):
    scored = PriorityScore.objects.filter(scored_by__isnull=False).select_related(
        "scored_by__employee"
    )
    assert scored.count() >= 4 * 25
    for row in scored:
        assert row.scored_by.employee.is_development_team
        assert row.scored_by.groups.filter(name="development_team").exists()
        assert 5 <= len(row.rationale) <= 200 and "{" not in row.rationale


def test_rationales_fit_the_criterion_and_the_challenge(demo):
    urgency = PriorityScore.objects.filter(
        challenge__title__startswith="Eikenprocessierups", criterion__name="Urgentie"
    )
    assert urgency.exists()
    assert all("brandharen" in row.rationale for row in urgency)
    policy = PriorityScore.objects.filter(
        challenge__title__startswith="Te hard rijden", criterion__name="Past bij raadsbeleid"
    )
    assert policy.exists()
    assert all("verkeersveiligheid" in row.rationale for row in policy)


def test_scores_lie_in_the_past_and_after_the_challenge_was_created(demo, demo_anchor):
    assert PriorityRecord.objects.aggregate(m=Max("created_at"))["m"] < demo_anchor
    assert PriorityScore.objects.aggregate(m=Max("scored_at"))["m"] < demo_anchor
    for challenge in Challenge.objects.filter(prioritised_at__isnull=False):
        first = challenge.priority_records.order_by("created_at").first()
        assert challenge.created_at < first.created_at == challenge.prioritised_at, challenge


def test_some_challenges_were_scored_twice_and_their_history_shows_the_change(demo, client):
    twice = list(Challenge.objects.annotate(n=Count("priority_records")).filter(n=2).order_by("id"))
    assert len(twice) >= 5
    challenge = twice[0]
    newest, oldest = challenge.priority_records.all()[:2]
    assert newest.created_at > oldest.created_at
    assert newest.reason and newest.reason != oldest.reason
    assert newest.priority != oldest.priority
    assert newest.actor != oldest.actor
    client.force_login(User.objects.get(username="team"))
    page = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert newest.reason.split(" (")[0] in page


def test_loading_the_priorities_again_creates_nothing(demo, demo_anchor):
    before = (PriorityRecord.objects.count(), PriorityScore.objects.count())
    assert priorities_demo_load(anchor=demo_anchor) == {"prioriteringen": 0}
    assert (PriorityRecord.objects.count(), PriorityScore.objects.count()) == before
