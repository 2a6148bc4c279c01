"""Who sees the dashboard, and which department's figures."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.organisation.tests.factories import DepartmentFactory

URLS = ("insights:index", "insights:report_pdf", "insights:what_if")


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.DEVELOPMENT_TEAM, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.MANAGER, 200),
        (Role.EMPLOYEE, 403),
        (Role.AREA_DIRECTOR, 403),
    ],
)
def test_dashboard_is_for_the_team_administrators_and_managers(client, users, role, status, name):
    client.force_login(users[role])
    assert client.get(reverse(name)).status_code == status


def test_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("insights:index"))
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_manager_starts_on_their_own_department(client, make_user):
    finance = DepartmentFactory(name="Financien")
    client.force_login(make_user("manager-fin", Role.MANAGER, department=finance))
    response = client.get(reverse("insights:index"))
    assert "Financien" in response.context["filters"].label


def test_manager_cannot_see_another_departments_figures(client, make_user):
    finance, social = DepartmentFactory(name="Financien"), DepartmentFactory(name="Sociaal")
    client.force_login(make_user("manager-fin", Role.MANAGER, department=finance))
    response = client.get(reverse("insights:index"), {"afdeling": social.pk})
    assert response.context["filters"].department == finance
    assert "Sociaal" not in [
        label for _, label in response.context["form"].fields["afdeling"].choices
    ]
    csv = client.get(
        reverse("insights:index"),
        {"afdeling": social.pk, "format": "csv", "measure": "reach_departments"},
    )
    assert "Sociaal" not in csv.content.decode()


def test_manager_may_see_the_organisation_totals(client, make_user):
    finance = DepartmentFactory(name="Financien")
    client.force_login(make_user("manager-fin", Role.MANAGER, department=finance))
    response = client.get(reverse("insights:index"), {"afdeling": "alle"})
    assert response.context["filters"].department is None


def test_team_may_pick_any_department(client, users):
    social = DepartmentFactory(name="Sociaal")
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get(reverse("insights:index"), {"afdeling": social.pk})
    assert response.context["filters"].department == social
