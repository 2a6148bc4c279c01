"""Scoring a challenge: one service computes the priority, stores it and keeps its history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samenspel.challenges.models import Challenge, PriorityRecord, PriorityScore
from samenspel.challenges.services import challenge_score

from .factories import ChallengeFactory


def test_scoring_stores_the_priority_on_the_challenge(team, criteria):
    challenge = ChallengeFactory(signal_count=0)
    challenge_score(
        challenge=challenge,
        actor=team,
        scores={criteria["urgency"].pk: (4, "Gevaarlijke oversteek bij de school.")},
    )
    challenge.refresh_from_db()
    # No signals, no kernen: reach and equity are 0; (3 × 4/5) / 5 × 100 = 48.
    assert challenge.priority == Decimal("48.00")
    assert challenge.prioritised_at is not None


def test_every_scoring_is_recorded_with_who_why_and_breakdown(team, criteria):
    challenge = ChallengeFactory()
    record = challenge_score(
        challenge=challenge,
        actor=team,
        scores={criteria["urgency"].pk: (5, "Acuut onveilig.")},
    )
    assert record.actor == team
    assert "Urgentie: 5/5 (Acuut onveilig.)" in record.reason
    line = next(x for x in record.breakdown["lines"] if x["criterion"] == criteria["urgency"].pk)
    assert line == {
        "criterion": criteria["urgency"].pk,
        "name": "Urgentie",
        "weight": "3.00",
        "scale": 5,
        "score": "5.00",
        "contribution": "60.00",
        "rationale": "Acuut onveilig.",
        "scored_by": "development_team",
    }


def test_rescoring_appends_history_and_keeps_the_old_record(team, criteria):
    challenge = ChallengeFactory()
    first = challenge_score(
        challenge=challenge, actor=team, scores={criteria["urgency"].pk: (1, "Kan wachten.")}
    )
    challenge_score(
        challenge=challenge, actor=team, scores={criteria["urgency"].pk: (5, "Nu acuut.")}
    )
    records = list(PriorityRecord.objects.filter(challenge=challenge).order_by("id"))
    assert [r.priority for r in records] == [Decimal("12.00"), Decimal("60.00")]
    first.refresh_from_db()
    assert first.priority == Decimal("12.00")


def test_history_rows_cannot_be_changed_or_deleted(team, criteria):
    record = challenge_score(
        challenge=ChallengeFactory(),
        actor=team,
        scores={criteria["urgency"].pk: (3, "Redelijk dringend.")},
    )
    record.reason = "anders"
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(ValidationError):
        record.delete()
    assert PriorityRecord.objects.get(pk=record.pk).reason != "anders"


def test_the_same_scores_again_store_nothing(team, criteria):
    challenge = ChallengeFactory()
    scores = {criteria["urgency"].pk: (3, "Redelijk dringend.")}
    challenge_score(challenge=challenge, actor=team, scores=scores)
    assert challenge_score(challenge=challenge, actor=team, scores=scores) is None
    assert PriorityRecord.objects.filter(challenge=challenge).count() == 1


def test_a_resent_form_is_stored_once(team, criteria):
    challenge = ChallengeFactory()
    for score in (3, 4):
        challenge_score(
            challenge=challenge,
            actor=team,
            scores={criteria["urgency"].pk: (score, "Dringend.")},
            submission_token="formulier-1",
        )
    assert PriorityRecord.objects.filter(challenge=challenge).count() == 1
    assert PriorityScore.objects.get(challenge=challenge, criterion=criteria["urgency"]).score == 3


def test_a_score_without_rationale_is_refused_and_nothing_is_stored(team, criteria):
    challenge = ChallengeFactory()
    with pytest.raises(ValidationError) as error:
        challenge_score(challenge=challenge, actor=team, scores={criteria["urgency"].pk: (4, " ")})
    assert "Licht de score kort toe." in str(error.value)
    assert not PriorityScore.objects.filter(challenge=challenge).exists()
    assert Challenge.objects.get(pk=challenge.pk).prioritised_at is None


def test_a_score_outside_the_scale_is_refused(team, criteria):
    with pytest.raises(ValidationError) as error:
        challenge_score(
            challenge=ChallengeFactory(),
            actor=team,
            scores={criteria["urgency"].pk: (6, "Heel dringend.")},
        )
    assert "0 tot en met 5" in str(error.value)


def test_a_computed_criterion_cannot_be_scored_by_hand(team, criteria):
    with pytest.raises(ValidationError):
        challenge_score(
            challenge=ChallengeFactory(),
            actor=team,
            scores={criteria["reach"].pk: (5, "Veel mensen.")},
        )


def test_reach_is_computed_from_signals_and_distinct_reporters(team, criteria):
    from .factories import FollowedSignalFactory, SignalFactory

    challenge = ChallengeFactory()
    for email in ("a@example.nl", "A@example.nl", "b@example.nl"):
        FollowedSignalFactory(challenge=challenge, reporter__email=email)
    SignalFactory(challenge=challenge)  # anonymous: a signal, no reporter
    Challenge.objects.filter(pk=challenge.pk).update(signal_count=4)
    challenge.refresh_from_db()
    challenge_score(
        challenge=challenge, actor=team, scores={criteria["urgency"].pk: (0, "Niet dringend.")}
    )
    reach = PriorityScore.objects.get(challenge=challenge, criterion=criteria["reach"])
    # 4 signals + 2 distinct addresses = 6 of 20 → 0.3 × 5 = 1.5.
    assert reach.score == Decimal("1.50")
    assert "4 signalen en 2 verschillende melders" in reach.rationale
