"""The learning effect read from coalition months equals counting the ledger itself."""

import datetime as dt

from samenspel.insights import selectors
from samenspel.insights.models import COALITION_KINDS, CoalitionMonth, EngagementEvent
from samenspel.insights.services import insights_rebuild_coalition_months, insights_sync_ledger
from samenspel.learning.models import Enrolment
from samenspel.organisation.models import Employee
from samenspel.organisation.tests.factories import DepartmentFactory, EmployeeFactory

from .builders import at, coalition, completed

# In UTC: the window is 182 days of elapsed time, as the ledger is compared in the database.
DONE = dt.datetime(2024, 2, 15, 11, tzinfo=dt.UTC)
UNTIL = DONE + dt.timedelta(days=selectors.ALUMNI_WINDOW_DAYS)


def learning_rows():
    measure = selectors.learning_measure(
        selectors.Filters(dt.date(2024, 1, 1), dt.date(2024, 12, 1))
    )
    return {row[0]: row[1] for row in selectors.find_table([measure], "learning").chart.rows}


def counted_from_ledger() -> dict[str, float]:
    """The definition, straight from the ledger: distinct employees in a coalition in the window."""
    alumni = set(Enrolment.objects.values_list("employee_id", flat=True))
    colleagues = set(
        Employee.objects.filter(active=True, is_development_team=False)
        .exclude(id__in=alumni)
        .values_list("id", flat=True)
    )
    joined = set(
        EngagementEvent.objects.filter(
            kind__in=COALITION_KINDS, at__gte=DONE, at__lt=UNTIL
        ).values_list("employee_id", flat=True)
    )
    return {
        "Groep 1: alumni": len(joined & alumni) / len(alumni),
        "Groep 1: overige collega's": len(joined & colleagues) / len(colleagues),
    }


def history_around_the_window_edges():
    social = DepartmentFactory(name="Sociaal Domein")
    people = [EmployeeFactory(department=social) for _ in range(10)]
    for person in people[:4]:
        completed(person, DONE)
    # Same month as the completion, an hour before and an hour after it.
    coalition(people[0], people[4], when=DONE - dt.timedelta(hours=1))
    coalition(people[1], people[5], when=DONE + dt.timedelta(hours=1))
    # The last month of the window: just inside and just outside its end.
    coalition(people[2], people[6], when=UNTIL - dt.timedelta(minutes=1))
    coalition(people[7], people[8], when=UNTIL)
    # Long before and long after the window.
    coalition(people[3], people[9], when=at(2023, 6))
    coalition(people[3], people[9], when=at(2025, 1))
    return people


def test_learning_effect_from_coalition_months_matches_counting_the_ledger(db):
    history_around_the_window_edges()
    insights_sync_ledger()

    assert learning_rows() == counted_from_ledger()
    assert learning_rows() == {"Groep 1: alumni": 0.5, "Groep 1: overige collega's": 1 / 3}


def test_a_fact_synced_late_moves_the_month_edge_and_still_counts(db):
    people = history_around_the_window_edges()
    insights_sync_ledger()
    # A membership accepted within the window but recorded after the first sync.
    coalition(people[3], when=DONE + dt.timedelta(days=40))
    insights_sync_ledger()

    assert learning_rows() == counted_from_ledger()
    assert learning_rows()["Groep 1: alumni"] == 0.75


def test_rebuilding_coalition_months_from_the_ledger_gives_the_rows_the_sync_kept(db):
    people = history_around_the_window_edges()
    insights_sync_ledger()
    coalition(people[3], when=DONE + dt.timedelta(days=40))
    insights_sync_ledger()
    kept = set(CoalitionMonth.objects.values_list("employee_id", "month", "first_at", "last_at"))

    insights_rebuild_coalition_months()

    rebuilt = set(CoalitionMonth.objects.values_list("employee_id", "month", "first_at", "last_at"))
    assert rebuilt == kept
