"""Equity between kernen is computed from the signals of the last twelve months."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.challenges.models import PriorityScore
from samenspel.challenges.services import challenge_score, kern_shortfalls
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory, SignalFactory

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(0))


def _signals(kern, count, *, days_ago):
    for _ in range(count):
        SignalFactory(kern=kern, received_at=NOW - timezone.timedelta(days=days_ago))


def _three_kernen():
    # Last twelve months per 1,000 inhabitants: Almkerk 10, Uitwijk 2, Eethen 6 → median 6.
    almkerk = KernFactory(name="Almkerk", slug="almkerk", population=1000)
    uitwijk = KernFactory(name="Uitwijk", slug="uitwijk", population=2000)
    eethen = KernFactory(name="Eethen", slug="eethen", population=500)
    _signals(almkerk, 10, days_ago=30)
    _signals(uitwijk, 4, days_ago=200)
    _signals(eethen, 3, days_ago=364)
    # Older than twelve months: does not count, or Uitwijk would be heard most.
    _signals(uitwijk, 50, days_ago=400)
    return almkerk, uitwijk, eethen


@freeze_time(NOW)
def test_kernen_heard_less_in_the_last_twelve_months_have_a_shortfall(db):
    almkerk, uitwijk, eethen = _three_kernen()
    shortfalls = kern_shortfalls()
    assert shortfalls[almkerk.pk] == 0.0
    assert round(shortfalls[uitwijk.pk], 4) == round(4 / 6, 4)
    assert shortfalls[eethen.pk] == 0.0


@freeze_time(NOW)
def test_a_challenge_in_a_less_heard_kern_ranks_up(users, criteria):
    almkerk, uitwijk, _ = _three_kernen()
    team = users[Role.DEVELOPMENT_TEAM]
    quiet = ChallengeFactory(kernen=[uitwijk])
    loud = ChallengeFactory(kernen=[almkerk])
    for challenge in (quiet, loud):
        challenge_score(
            challenge=challenge,
            actor=team,
            scores={criteria["urgency"].pk: (2, "Even dringend.")},
        )
        challenge.refresh_from_db()
    equity = PriorityScore.objects.get(challenge=quiet, criterion=criteria["equity"])
    # Uitwijk is 2/3 below the median: 0.6667 × 5 = 3.33.
    assert equity.score == Decimal("3.33")
    assert "Uitwijk" in equity.rationale
    assert quiet.priority > loud.priority
    # (3 × 2/5 + 1 × 3.33/5) / 5 × 100 = 37.32 against (3 × 2/5) / 5 × 100 = 24.
    assert quiet.priority == Decimal("37.32")
    assert loud.priority == Decimal("24.00")
