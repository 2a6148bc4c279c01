from samenspel.insights.models import EngagementEvent, MonthlyDepartmentStat
from samenspel.insights.services import insights_sync_ledger
from samenspel.organisation.tests.factories import DepartmentFactory, EmployeeFactory

from .builders import at, coalition, completed, tool_use


def month_stats():
    return {
        (s.month.isoformat(), s.department.name): (s.events, s.first_time)
        for s in MonthlyDepartmentStat.objects.select_related("department")
    }


def test_running_the_sync_twice_records_every_fact_once(db):
    department = DepartmentFactory(name="Sociaal Domein")
    anna, bert = EmployeeFactory(department=department), EmployeeFactory(department=department)
    coalition(anna, bert, when=at(2024, 3))
    tool_use(anna, at(2024, 4))
    tool_use(bert, at(2024, 4), action="opened")  # reading a tool is no engagement

    first = insights_sync_ledger()
    second = insights_sync_ledger()

    assert (first.created, second.created) == (3, 0)
    assert EngagementEvent.objects.count() == 3
    assert month_stats() == {
        ("2024-03-01", "Sociaal Domein"): (2, 2),
        ("2024-04-01", "Sociaal Domein"): (1, 0),
    }


def test_sync_adds_only_the_facts_that_arrived_since_the_last_run(db):
    department = DepartmentFactory(name="Sociaal Domein")
    anna, bert = EmployeeFactory(department=department), EmployeeFactory(department=department)
    coalition(anna, when=at(2024, 3))
    insights_sync_ledger()

    coalition(bert, when=at(2024, 5))
    result = insights_sync_ledger()

    assert result.created == 1
    assert month_stats()[("2024-05-01", "Sociaal Domein")] == (1, 1)


def test_an_older_fact_found_later_moves_the_first_engagement_back(db):
    department = DepartmentFactory(name="Financien")
    anna = EmployeeFactory(department=department)
    tool_use(anna, at(2024, 6))
    insights_sync_ledger()

    completed(anna, at(2024, 2))  # the trainer records a completion after the fact
    insights_sync_ledger()

    assert month_stats() == {
        ("2024-02-01", "Financien"): (1, 1),
        ("2024-06-01", "Financien"): (1, 0),
    }
