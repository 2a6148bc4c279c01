"""Responsiveness read from the sync's months equals counting the signals themselves."""

import datetime as dt
import statistics

import numpy as np
import pytest

from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.insights import selectors
from samenspel.insights.services import insights_sync_ledger
from samenspel.intake.models import Signal
from samenspel.intake.tests.factories import SignalFactory
from samenspel.organisation.tests.factories import DepartmentFactory

from .builders import AMS

TODAY = dt.date(2024, 12, 20)


def counted_from_signals(norm: int, department=None) -> tuple[int, float, float]:
    """The definition on the rows: count, median calendar days, share within the norm."""
    signals = Signal.objects.filter(
        received_at__gte=dt.datetime(2024, 1, 1, tzinfo=AMS),
        received_at__lt=dt.datetime(2025, 1, 1, tzinfo=AMS),
    )
    if department is not None:
        signals = signals.filter(challenge__owner_department=department)
    days, decided, within = [], 0, 0
    for signal in signals:
        received = signal.received_at.astimezone(AMS).date()
        if signal.first_answered_at is None:
            decided += int(np.busday_count(received, TODAY)) > norm
            continue
        answered = signal.first_answered_at.astimezone(AMS).date()
        days.append((signal.first_answered_at - signal.received_at).total_seconds() / 86400)
        decided += 1
        within += int(np.busday_count(received, answered)) <= norm
    return signals.count(), statistics.median(days), within / decided


def history():
    social, finance = DepartmentFactory(name="Sociaal Domein"), DepartmentFactory(name="Financien")
    ours, theirs = (
        ChallengeFactory(owner_department=social),
        ChallengeFactory(owner_department=finance),
    )
    start = dt.datetime(2024, 3, 1, 23, 30, tzinfo=AMS)  # late evening: the local day counts
    for index in range(24):
        received = start + dt.timedelta(days=13 * index, hours=7 * index)
        answered = received + dt.timedelta(hours=9 + 31 * index) if index % 5 else None
        SignalFactory(
            received_at=received,
            first_answered_at=answered,
            challenge=(ours, theirs, None)[index % 3],
        )
    # Still open and received a few days before today: within the norm, not yet counted.
    SignalFactory(received_at=dt.datetime(2024, 12, 18, 10, tzinfo=AMS), first_answered_at=None)
    return social


def figure(count: int, median: float, share: float) -> str:
    return (
        f"{count} signalen; mediaan tot eerste antwoord {median:.1f} dagen; "
        f"{round(share * 100)}% binnen de norm."
    )


@pytest.mark.parametrize("norm", [3, 10])
def test_responsiveness_from_months_matches_counting_the_signals(db, settings, norm):
    settings.SAMENSPEL_RESPONSE_NORM_DAYS = norm
    history()
    insights_sync_ledger()

    measure = selectors.responsiveness_measure(
        selectors.Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1)), today=TODAY
    )

    assert measure.figures == [figure(*counted_from_signals(norm))]


def test_responsiveness_of_one_department_matches_counting_its_signals(db, settings):
    settings.SAMENSPEL_RESPONSE_NORM_DAYS = 10
    social = history()
    insights_sync_ledger()

    measure = selectors.responsiveness_measure(
        selectors.Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1), social), today=TODAY
    )

    assert measure.figures == [figure(*counted_from_signals(10, social))]


def test_an_answer_given_after_the_last_sync_shows_after_the_next(db, settings):
    settings.SAMENSPEL_RESPONSE_NORM_DAYS = 10
    history()
    insights_sync_ledger()
    Signal.objects.filter(first_answered_at__isnull=True).update(
        first_answered_at=dt.datetime(2024, 12, 19, 9, tzinfo=AMS)
    )

    insights_sync_ledger()

    measure = selectors.responsiveness_measure(
        selectors.Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1)), today=TODAY
    )
    assert measure.figures == [figure(*counted_from_signals(10))]
