"""Who may do what in the knowledge base, per role, including another department's manager."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.knowledge.models import Lesson, Tool
from samenspel.organisation.models import Employee
from samenspel.organisation.tests.factories import DepartmentFactory

from .factories import make_lesson, make_tool

pytestmark = pytest.mark.django_db

READ_ROLES = list(Role)
LESSON = {"title": "Les", "what_worked": "a", "what_did_not": "b", "next_time": "c"}
TOOL = {"title": "Handvat", "body": "Inhoud", "tags": "", "summary": "", "owner": ""}


@pytest.fixture
def tool(users):
    return make_tool(actor=users[Role.DEVELOPMENT_TEAM])


@pytest.mark.parametrize("role", READ_ROLES)
def test_every_staff_role_reads_the_knowledge_base(client, users, role, tool, done_challenge):
    lesson = make_lesson(actor=users[Role.DEVELOPMENT_TEAM], challenge=done_challenge)
    client.force_login(users[role])
    for url in (
        reverse("knowledge:index"),
        reverse("knowledge:search") + "?q=handvat",
        reverse("knowledge:tool_detail", args=[tool.pk]),
        reverse("knowledge:lesson_detail", args=[lesson.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in(client, tool):
    response = client.get(reverse("knowledge:index"))
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]
    response = client.get(reverse("knowledge:tool_detail", args=[tool.pk]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.DEVELOPMENT_TEAM, 302),
        (Role.ADMINISTRATOR, 302),
        (Role.EMPLOYEE, 403),
        (Role.MANAGER, 403),
        (Role.AREA_DIRECTOR, 403),
    ],
)
def test_lessons_are_written_by_the_team_and_administrator(
    client, users, role, status, done_challenge
):
    client.force_login(users[role])
    url = reverse("knowledge:lesson_create", args=[done_challenge.pk])
    assert client.post(url, {**LESSON, "token": f"t-{role}"}).status_code == status
    assert Lesson.objects.count() == (1 if status == 302 else 0)


def test_the_challenge_owner_writes_its_lesson(client, owner, done_challenge):
    client.force_login(owner)
    url = reverse("knowledge:lesson_create", args=[done_challenge.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, LESSON).status_code == 302


def test_manager_of_the_owning_department_does_not_write_the_lesson(
    client, make_user, owner, done_challenge
):
    # The owner writes the lesson; the manager steers the work but did not do it.
    manager = make_user("manager_or", Role.MANAGER, department=done_challenge.owner_department)
    client.force_login(manager)
    url = reverse("knowledge:lesson_create", args=[done_challenge.pk])
    assert client.post(url, LESSON).status_code == 403


def test_another_departments_manager_cannot_write_the_lesson(client, make_user, done_challenge):
    other = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    manager = make_user("manager_sd", Role.MANAGER, department=other)
    client.force_login(manager)
    url = reverse("knowledge:lesson_create", args=[done_challenge.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.DEVELOPMENT_TEAM, 302),
        (Role.ADMINISTRATOR, 302),
        (Role.EMPLOYEE, 403),
        (Role.MANAGER, 403),
        (Role.AREA_DIRECTOR, 403),
    ],
)
def test_tools_are_written_by_the_team_and_administrator(client, users, role, status):
    client.force_login(users[role])
    assert client.post(reverse("knowledge:tool_create"), TOOL).status_code == status
    assert Tool.objects.count() == (1 if status == 302 else 0)


def test_tool_owner_edits_and_reviews_their_tool(client, users, make_user):
    owner = make_user("eigenaar_tool", Role.EMPLOYEE)
    tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM], owner=Employee.objects.get(user=owner))
    client.force_login(owner)
    edit = reverse("knowledge:tool_edit", args=[tool.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**TOOL, "title": "Nieuwe titel"}).status_code == 302
    assert client.post(reverse("knowledge:tool_review", args=[tool.pk])).status_code == 302
    tool.refresh_from_db()
    assert tool.title == "Nieuwe titel"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.AREA_DIRECTOR])
def test_other_staff_cannot_edit_or_review_someone_elses_tool(client, users, role, tool):
    client.force_login(users[role])
    assert client.get(reverse("knowledge:tool_edit", args=[tool.pk])).status_code == 403
    assert client.post(reverse("knowledge:tool_review", args=[tool.pk])).status_code == 403


def test_another_departments_manager_cannot_edit_a_tool(client, make_user, users):
    owner = make_user("eigenaar_or", Role.EMPLOYEE)
    tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM], owner=Employee.objects.get(user=owner))
    other = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    manager = make_user("manager_sd", Role.MANAGER, department=other)
    client.force_login(manager)
    assert client.get(reverse("knowledge:tool_edit", args=[tool.pk])).status_code == 403


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.AREA_DIRECTOR])
def test_edit_and_review_are_not_offered_to_those_who_may_not(client, users, role, tool):
    client.force_login(users[role])
    html = client.get(reverse("knowledge:tool_detail", args=[tool.pk])).content.decode()
    assert "Markeer als beoordeeld" not in html
    assert "Handvat bewerken" not in html
