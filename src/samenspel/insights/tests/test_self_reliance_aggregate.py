"""Self-reliance read from the sync's challenge months equals counting the challenges."""

import datetime as dt

from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.insights import selectors
from samenspel.insights.services import insights_sync_ledger
from samenspel.organisation.tests.factories import DepartmentFactory

from .builders import AMS


def started(when: dt.datetime, role: str, department) -> Challenge:
    challenge = ChallengeFactory(team_role=role, owner_department=department)
    challenge.created_at = when
    challenge.save(update_fields=["created_at"])
    return challenge


def counted_from_challenges(department=None) -> dict[dt.date, float]:
    cells: dict[dt.date, list[int]] = {}
    challenges = Challenge.objects.all()
    if department is not None:
        challenges = challenges.filter(owner_department=department)
    for challenge in challenges:
        day = challenge.created_at.astimezone(AMS).date()
        cell = cells.setdefault(selectors.quarter_of(day), [0, 0])
        cell[0] += 1
        cell[1] += challenge.team_role in ("none", "advise")
    return {quarter: reliant / count for quarter, (count, reliant) in cells.items()}


def shown(department=None) -> dict[dt.date, float]:
    measure = selectors.self_reliance_measure(
        selectors.Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1), department)
    )
    table = selectors.find_table([measure], "self_reliance")
    return {row[0]: row[1] for row in table.chart.rows}


def test_self_reliance_from_challenge_months_matches_counting_the_challenges(db):
    social, finance = DepartmentFactory(name="Sociaal Domein"), DepartmentFactory(name="Financien")
    # Just after local midnight on 1 April is still 31 March in UTC: the local quarter counts.
    started(dt.datetime(2024, 4, 1, 0, 30, tzinfo=AMS), "none", social)
    started(dt.datetime(2024, 3, 31, 23, 30, tzinfo=AMS), "coach", social)
    for month, role in ((2, "advise"), (5, "facilitate"), (8, "none"), (11, "coach")):
        started(dt.datetime(2024, month, 10, 9, tzinfo=AMS), role, finance)
    insights_sync_ledger()

    assert shown() == counted_from_challenges()
    assert shown(social) == counted_from_challenges(social)
    assert shown(social) == {dt.date(2024, 1, 1): 0.0, dt.date(2024, 4, 1): 1.0}


def test_a_changed_team_role_shows_after_the_next_sync(db):
    challenge = started(dt.datetime(2024, 5, 10, 9, tzinfo=AMS), "coach", DepartmentFactory())
    insights_sync_ledger()
    Challenge.objects.filter(pk=challenge.pk).update(team_role="advise")

    insights_sync_ledger()

    assert shown() == {dt.date(2024, 4, 1): 1.0}
