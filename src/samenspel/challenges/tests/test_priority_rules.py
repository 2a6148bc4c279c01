"""The pure priority rules, checked against numbers worked out by hand."""

from datetime import date
from decimal import Decimal

from samenspel.challenges.priority import (
    Criterion,
    compute_priority,
    equity_share,
    kern_shortfalls,
    reach_share,
    share_to_score,
)
from samenspel.challenges.workdays import easter_sunday, working_days_between

URGENCY = Criterion(id=1, name="Urgentie", weight=Decimal(3), scale=5)
IMPACT = Criterion(id=2, name="Impact", weight=Decimal(2), scale=5)
POLICY = Criterion(id=3, name="Beleid", weight=Decimal(1), scale=10)


def test_priority_is_the_weighted_mean_of_normalised_scores_on_0_to_100():
    # (3 × 4/5 + 2 × 2/5 + 1 × 5/10) / 6 × 100 = (2.4 + 0.8 + 0.5) / 6 × 100 = 61.67
    breakdown = compute_priority([URGENCY, IMPACT, POLICY], {1: 4, 2: 2, 3: 5})
    assert breakdown.priority == Decimal("61.67")


def test_contributions_show_each_criterions_share_of_the_priority():
    breakdown = compute_priority([URGENCY, IMPACT, POLICY], {1: 4, 2: 2, 3: 5})
    assert [line.contribution for line in breakdown.lines] == [
        Decimal("40.00"),  # 100 × 3 × 0.8 / 6
        Decimal("13.33"),  # 100 × 2 × 0.4 / 6
        Decimal("8.33"),  # 100 × 1 × 0.5 / 6
    ]


def test_an_unscored_criterion_counts_as_zero_and_says_so():
    breakdown = compute_priority([URGENCY, IMPACT], {1: 5})
    # 100 × 3 × 1 / 5 = 60: leaving out impact does not lift the challenge to 100.
    assert breakdown.priority == Decimal("60.00")
    assert breakdown.lines[1].score is None


def test_a_criterion_weighted_zero_does_not_count():
    zero = Criterion(id=4, name="Nul", weight=Decimal(0), scale=5)
    assert compute_priority([URGENCY, zero], {1: 5, 4: 0}).priority == Decimal("100.00")


def test_no_criteria_give_priority_zero():
    assert compute_priority([], {1: 5}).priority == Decimal("0.00")


def test_reach_is_full_at_twenty_signals_and_reporters():
    assert reach_share(signal_count=4, distinct_reporters=3) == 0.35
    assert reach_share(signal_count=30, distinct_reporters=25) == 1.0
    assert share_to_score(0.35, 5) == Decimal("1.75")


def test_kernen_heard_below_the_median_get_a_shortfall():
    # Rates per 1,000 inhabitants: A 10, B 2, C 6 → median 6; B is (6 − 2) / 6 short.
    shortfalls = kern_shortfalls(
        signals_per_kern={1: 10, 2: 4, 3: 3}, population={1: 1000, 2: 2000, 3: 500}
    )
    assert shortfalls[1] == 0.0
    assert round(shortfalls[2], 4) == 0.6667
    assert shortfalls[3] == 0.0


def test_kern_without_inhabitants_has_no_rate():
    assert kern_shortfalls(signals_per_kern={1: 1}, population={1: 0}) == {}


def test_equity_of_a_challenge_is_the_mean_shortfall_of_its_kernen():
    assert equity_share([2, 3], {2: 0.5, 3: 0.0}) == 0.25
    assert equity_share([], {2: 0.5}) == 0.0


def test_easter_falls_on_the_known_dates():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2026) == date(2026, 4, 5)


def test_weekends_do_not_count_as_working_days():
    # Friday 6 March 2026 to Monday 9 March: only the Monday counts.
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 16)) == 10


def test_dutch_public_holidays_do_not_count_as_working_days():
    # Thursday 2 April 2026 to Tuesday 7 April: Friday 3 and Tuesday 7 count; Monday 6 is
    # tweede Paasdag.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 2
    # Christmas week 2026: 25 (Friday) is a holiday, so 21–25 December has four.
    assert working_days_between(date(2026, 12, 20), date(2026, 12, 25)) == 4


def test_the_ranker_gives_the_same_cents_as_the_breakdown():
    import random

    from samenspel.challenges.priority import Ranker

    rng = random.Random(7)
    for _ in range(500):
        criteria = [
            Criterion(id=n, name=str(n), weight=Decimal(rng.randint(0, 400)) / 100, scale=5)
            for n in range(rng.randint(1, 7))
        ]
        scores = {c.id: Decimal(rng.randint(0, 500)) / 100 for c in criteria if rng.random() < 0.8}
        ranker = Ranker(criteria)
        assert ranker.priority(scores) == compute_priority(criteria, scores).priority
