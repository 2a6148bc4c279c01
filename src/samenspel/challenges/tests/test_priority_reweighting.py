"""Re-weighting the criteria re-ranks every challenge and is itself recorded."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge, CriteriaChange, PriorityRecord
from samenspel.challenges.selectors import challenge_priority
from samenspel.challenges.services import (
    challenge_score,
    criteria_reweight,
    criterion_create,
    criterion_update,
)

from .factories import ChallengeFactory


@pytest.fixture
def scored(users, criteria):
    """Two challenges: A urgent without energy, B not urgent with much energy."""
    team = users[Role.DEVELOPMENT_TEAM]
    urgency, energy = criteria["urgency"], criteria["energy"]
    a, b = ChallengeFactory(title="A"), ChallengeFactory(title="B")
    challenge_score(
        challenge=a, actor=team, scores={urgency.pk: (5, "Acuut."), energy.pk: (0, "Niemand.")}
    )
    challenge_score(
        challenge=b,
        actor=team,
        scores={urgency.pk: (1, "Kan wachten."), energy.pk: (5, "Dorpsraad staat klaar.")},
    )
    return a, b


def _priorities(*challenges):
    return [Challenge.objects.get(pk=c.pk).priority for c in challenges]


def test_reweighting_reranks_every_scored_challenge(users, criteria, scored):
    a, b = scored
    # Energy weighs 0 at first: A (60) above B (12).
    assert _priorities(a, b) == [Decimal("60.00"), Decimal("12.00")]
    change = criteria_reweight(
        actor=users[Role.ADMINISTRATOR],
        weights={criteria["urgency"].pk: Decimal(1), criteria["energy"].pk: Decimal(4)},
        reason="Energie van inwoners gaat voor.",
    )
    # Weights 1, 4, 1, 1 (sum 7): A = 100 × 1/7 = 14.29; B = 100 × (0.2 + 4) / 7 = 60.
    assert _priorities(a, b) == [Decimal("14.29"), Decimal("60.00")]
    assert change.reranked == 2


def test_reweighting_is_recorded_with_old_and_new_weights(users, criteria, scored):
    admin = users[Role.ADMINISTRATOR]
    change = criteria_reweight(
        actor=admin,
        weights={criteria["energy"].pk: Decimal(2)},
        reason="Energie telt mee.",
    )
    stored = CriteriaChange.objects.get()
    assert stored == change
    assert stored.actor == admin
    assert stored.kind == CriteriaChange.Kind.REWEIGHTED
    key = str(criteria["energy"].pk)
    assert (stored.before[key]["weight"], stored.after[key]["weight"]) == ("0.00", "2.00")
    assert "Energie in de gemeenschap: gewicht 0.00 → 2.00" in stored.weight_changes()


def test_the_breakdown_after_reweighting_matches_the_board(users, criteria, scored):
    a, _ = scored
    criteria_reweight(
        actor=users[Role.DEVELOPMENT_TEAM],
        weights={criteria["energy"].pk: Decimal("2.5")},
        reason="Iets meer gewicht.",
    )
    a.refresh_from_db()
    view = challenge_priority(challenge=a)
    assert view.priority == a.priority
    assert sum(line.contribution for line in view.lines) == a.priority


def test_unchanged_weights_record_nothing(users, criteria, scored):
    result = criteria_reweight(
        actor=users[Role.DEVELOPMENT_TEAM],
        weights={criteria["urgency"].pk: Decimal(3)},
        reason="Niets.",
    )
    assert result is None
    assert not CriteriaChange.objects.exists()


def test_a_negative_weight_is_refused_and_nothing_changes(users, criteria, scored):
    with pytest.raises(ValidationError):
        criteria_reweight(
            actor=users[Role.DEVELOPMENT_TEAM],
            weights={criteria["urgency"].pk: Decimal(-1)},
            reason="Fout.",
        )
    assert not CriteriaChange.objects.exists()


def test_reweighting_writes_no_history_row_per_challenge(users, criteria, scored):
    before = PriorityRecord.objects.count()
    criteria_reweight(
        actor=users[Role.DEVELOPMENT_TEAM],
        weights={criteria["energy"].pk: Decimal(1)},
        reason="Herwegen.",
    )
    # One CriteriaChange says why every challenge moved; the challenge page shows it.
    assert PriorityRecord.objects.count() == before


def test_deactivating_a_criterion_reranks_and_is_recorded(users, criteria, scored):
    a, _ = scored
    criterion_update(criterion=criteria["reach"], actor=users[Role.DEVELOPMENT_TEAM], active=False)
    # Weights 3 + 1 (equity) = 4: A = 100 × 3 / 4 = 75.
    assert _priorities(a) == [Decimal("75.00")]
    assert CriteriaChange.objects.get().kind == CriteriaChange.Kind.CHANGED


def test_adding_a_criterion_reranks_and_is_recorded(users, criteria, scored):
    a, _ = scored
    criterion_create(
        actor=users[Role.DEVELOPMENT_TEAM],
        name="Past bij raadsbeleid",
        weight=Decimal(5),
        scale=5,
    )
    # Weights 3 + 0 + 1 + 1 + 5 = 10: A = 100 × 3 / 10 = 30.
    assert _priorities(a) == [Decimal("30.00")]
    assert CriteriaChange.objects.get().kind == CriteriaChange.Kind.CREATED


def test_the_challenge_history_shows_the_reweighting(users, criteria, scored):
    from samenspel.challenges.selectors import priority_history

    a, _ = scored
    criteria_reweight(
        actor=users[Role.DEVELOPMENT_TEAM],
        weights={criteria["energy"].pk: Decimal(1)},
        reason="Energie telt mee.",
    )
    a.refresh_from_db()
    history = priority_history(challenge=a)
    assert history[0].criteria_change is not None
    assert history[1].priority == Decimal("60.00")
