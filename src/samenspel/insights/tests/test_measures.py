"""Each measure on a small history whose figures are worked out by hand."""

import datetime as dt

from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.insights import selectors
from samenspel.insights.services import insights_snapshot_network, insights_sync_ledger
from samenspel.intake.tests.factories import SignalFactory
from samenspel.organisation.tests.factories import DepartmentFactory, EmployeeFactory
from samenspel.places.tests.factories import KernFactory

from .builders import at, coalition, completed


def filters(start=(2024, 1), end=(2024, 12), department=None):
    return selectors.Filters(dt.date(*start, 1), dt.date(*end, 1), department)


def rows(measure, key):
    return {row[0]: row[1:] for row in selectors.find_table([measure], key).chart.rows}


def test_reach_is_the_share_of_employees_with_an_engagement_by_month(db):
    social = DepartmentFactory(name="Sociaal Domein")
    a, b, c, d = (EmployeeFactory(department=social) for _ in range(4))
    coalition(a, b, when=at(2024, 3))
    coalition(b, c, when=at(2024, 6))
    insights_sync_ledger()

    measure = selectors.reach_measure(filters())

    reach = rows(measure, "reach")
    assert reach[dt.date(2024, 2, 1)] == (0.0,)
    assert reach[dt.date(2024, 3, 1)] == (0.5,)
    assert reach[dt.date(2024, 12, 1)] == (0.75,)
    assert "75% (3 van 4)" in measure.figures[0]


def test_reach_per_department_counts_each_department_against_its_own_headcount(db):
    social, finance = DepartmentFactory(name="Sociaal Domein"), DepartmentFactory(name="Financien")
    a, _b = EmployeeFactory(department=social), EmployeeFactory(department=social)
    f = EmployeeFactory(department=finance)
    coalition(a, f, when=at(2024, 3))
    insights_sync_ledger()

    measure = selectors.reach_measure(filters())

    assert rows(measure, "reach_departments") == {"Financien": (1.0,), "Sociaal Domein": (0.5,)}
    only_social = selectors.reach_measure(filters(department=social))
    assert rows(only_social, "reach")[dt.date(2024, 12, 1)] == (0.5,)


def test_self_reliance_is_the_share_of_started_challenges_without_coaching(db):
    for role in ("none", "advise", "advise", "coach"):
        challenge = ChallengeFactory(team_role=role)
        challenge.created_at = at(2024, 2)
        challenge.save(update_fields=["created_at"])
    insights_sync_ledger()

    measure = selectors.self_reliance_measure(filters())

    assert rows(measure, "self_reliance") == {dt.date(2024, 1, 1): (0.75,)}


def test_responsiveness_counts_working_days_against_the_norm(db, settings):
    settings.SAMENSPEL_RESPONSE_NORM_DAYS = 10
    # Monday 4 March 2024: answered the next day (1 working day) and after three weeks (15).
    monday = dt.datetime(2024, 3, 4, 9, tzinfo=at(2024, 3).tzinfo)
    SignalFactory(received_at=monday, first_answered_at=monday + dt.timedelta(days=1))
    SignalFactory(received_at=monday, first_answered_at=monday + dt.timedelta(days=21))
    insights_sync_ledger()

    measure = selectors.responsiveness_measure(filters(), today=dt.date(2024, 12, 31))

    assert "mediaan tot eerste antwoord 11.0 dagen; 50% binnen de norm" in measure.figures[0]
    assert rows(measure, "responsiveness")[dt.date(2024, 3, 1)][0] == 0.5


def test_kern_coverage_is_per_thousand_inhabitants_and_flags_quiet_kernen(db):
    busy = KernFactory(name="Almkerk", population=2000, latitude=51.77, longitude=4.96)
    KernFactory(name="Uppel", population=500, latitude=51.74, longitude=4.98)
    for _ in range(3):
        SignalFactory(kern=busy, received_at=at(2024, 11))

    measure = selectors.kern_coverage_measure(filters())

    assert rows(measure, "kernen") == {"Almkerk": (1.5, False), "Uppel": (0.0, True)}
    assert "Uppel" in measure.figures[0]
    assert "<svg" in selectors.find_table([measure], "kernen").chart.svg


def test_learning_effect_compares_alumni_with_colleagues_who_did_not_attend(db):
    social = DepartmentFactory(name="Sociaal Domein")
    alumna, alumnus, colleague, other = (EmployeeFactory(department=social) for _ in range(4))
    completed(alumna, at(2024, 2))
    completed(alumnus, at(2024, 2))
    coalition(alumna, colleague, when=at(2024, 5))
    insights_sync_ledger()

    measure = selectors.learning_measure(filters())

    assert rows(measure, "learning") == {
        "Groep 1: alumni": (0.5,),
        "Groep 1: overige collega's": (0.5,),
    }
    assert other  # in the denominator of the colleagues who did not attend


def test_network_snapshot_counts_links_across_departments_and_generations(db):
    social, finance = DepartmentFactory(name="Sociaal Domein"), DepartmentFactory(name="Financien")
    coach = EmployeeFactory(department=social, is_development_team=True)
    a, b = EmployeeFactory(department=social), EmployeeFactory(department=finance)
    c = EmployeeFactory(department=finance)
    coalition(coach, a, b, when=at(2024, 2))
    coalition(b, c, when=at(2024, 5))

    insights_snapshot_network(today=dt.date(2024, 6, 30))

    measure = selectors.dashboard(filters(end=(2024, 6)), only="network")[0]
    network = rows(measure, "network")
    # Q2: links coach-a, coach-b, a-b, b-c; across departments: coach-b, a-b.
    assert network[dt.date(2024, 4, 1)][0] == 0.5
    generations = selectors.dashboard(filters(end=(2024, 6)), only="generations")[0]
    assert rows(generations, "generations") == {
        "generatie 0": (1,),
        "generatie 1": (2,),
        "generatie 2": (1,),
    }
