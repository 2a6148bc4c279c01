"""The what-if form runs the simulation on the real network: seeded and fast."""

import time

from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.organisation.tests.factories import DepartmentFactory, EmployeeFactory

from .builders import at, coalition, completed


def small_organisation(users):
    social = DepartmentFactory(name="Sociaal")
    staff = [EmployeeFactory(department=social) for _ in range(12)]
    coach = users[Role.DEVELOPMENT_TEAM].employee
    for month in range(1, 12):
        coalition(coach, staff[month], staff[month - 1], when=at(2024, month), team_role="coach")
    completed(staff[0], at(2024, 2))
    return social


def test_same_seed_gives_the_same_answer_within_seconds(client, users):
    social = small_organisation(users)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    query = {
        "extra_cohort": "on",
        "min_newcomers": "2",
        "stop_coaching": social.pk,
        "horizon": "12",
        "seed": "7",
    }
    started = time.monotonic()
    first = client.get(reverse("insights:what_if"), query)
    seconds = time.monotonic() - started
    second = client.get(reverse("insights:what_if"), query)
    assert first.status_code == 200
    assert seconds < 5
    rows = [t.chart.rows for t in first.context["tables"]]
    assert rows == [t.chart.rows for t in second.context["tables"]]
    assert len(first.context["answer"].results) == 4  # baseline and three scenarios


def test_invalid_what_if_input_is_explained_not_crashed(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get(reverse("insights:what_if"), {"seed": "-1", "horizon": "99"})
    assert response.status_code == 200
    assert response.context["answer"] is None
    assert response.context["form"].errors
