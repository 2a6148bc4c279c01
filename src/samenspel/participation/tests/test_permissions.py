"""Who may see and do what, per role, including another department's people.

Rule: drafts (requested, in progress) are for the development team, administrators and the
requesting department; a given advice is read by all staff. Only the team (and
administrators) write the advice; the requesting department records the follow-up.
"""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.participation import services

ANONYMOUS = "anonymous"
DEPT_EMPLOYEE = "requesting_department_employee"
DEPT_MANAGER = "requesting_department_manager"
OTHER_MANAGER = "other_department_manager"
ACTORS = [ANONYMOUS, *Role, DEPT_EMPLOYEE, DEPT_MANAGER, OTHER_MANAGER]
STAFF = set(ACTORS) - {ANONYMOUS}

TEAM = {Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR}
DEPARTMENT = {DEPT_EMPLOYEE, DEPT_MANAGER}
DRAFT_READERS = TEAM | DEPARTMENT
REQUESTERS = STAFF - {Role.AREA_DIRECTOR}
FOLLOW_UP = DEPARTMENT | {Role.ADMINISTRATOR}


@pytest.fixture
def actor_user(request, users, policy_employee, policy_manager, other_manager):
    actor = request.param
    return {
        ANONYMOUS: None,
        DEPT_EMPLOYEE: policy_employee,
        DEPT_MANAGER: policy_manager,
        OTHER_MANAGER: other_manager,
    }.get(actor, users.get(actor))


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _expect(actor, allowed, success=200):
    if actor == ANONYMOUS:
        return 302
    return success if actor in allowed else 403


def _case(actor):
    return pytest.param(actor, actor, id=str(actor))


PARAMS = [_case(a) for a in ACTORS]


@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_index_is_for_all_staff(client, actor, actor_user):
    _login(client, actor_user)
    response = client.get(reverse("participation:index"))
    assert response.status_code == _expect(actor, STAFF)


@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_request_form_is_for_departments_and_the_team(client, actor, actor_user):
    _login(client, actor_user)
    response = client.get(reverse("participation:request"))
    assert response.status_code == _expect(actor, REQUESTERS)


@pytest.mark.parametrize("page", ["detail", "print", "pdf"])
@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_draft_advice_is_only_for_team_and_requesting_department(
    client, requested_advice, actor, actor_user, page
):
    _login(client, actor_user)
    response = client.get(reverse(f"participation:{page}", args=[requested_advice.pk]))
    assert response.status_code == _expect(actor, DRAFT_READERS)


@pytest.mark.parametrize("page", ["detail", "print", "pdf"])
@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_given_advice_is_read_by_all_staff(client, given_advice, actor, actor_user, page):
    _login(client, actor_user)
    response = client.get(reverse(f"participation:{page}", args=[given_advice.pk]))
    assert response.status_code == _expect(actor, STAFF)


@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_only_the_team_edits_the_advice(client, requested_advice, team_member, actor, actor_user):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    _login(client, actor_user)
    response = client.get(reverse("participation:edit", args=[requested_advice.pk]))
    assert response.status_code == _expect(actor, TEAM)


@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_only_the_team_takes_an_advice_in_behandeling(client, requested_advice, actor, actor_user):
    _login(client, actor_user)
    response = client.post(
        reverse("participation:transition", args=[requested_advice.pk]),
        {"status-to": "in_progress"},
    )
    assert response.status_code == _expect(actor, TEAM, success=302)
    requested_advice.refresh_from_db()
    assert requested_advice.status == ("in_progress" if actor in TEAM else "requested")


@pytest.mark.parametrize(("actor", "actor_user"), PARAMS, indirect=["actor_user"])
def test_only_the_requesting_department_records_the_follow_up(
    client, given_advice, actor, actor_user
):
    # The session is made after the decision too, so it has not expired by then.
    with freeze_time(given_advice.decision_date + datetime.timedelta(days=1)):
        _login(client, actor_user)
        response = client.post(
            reverse("participation:follow_up", args=[given_advice.pk]),
            {"followup-followed": "yes", "followup-result": "De raad nam het advies over."},
        )
    assert response.status_code == _expect(actor, FOLLOW_UP, success=302)
    given_advice.refresh_from_db()
    assert given_advice.status == ("followed_up" if actor in FOLLOW_UP else "given")


def test_index_hides_other_departments_drafts(client, requested_advice, other_manager):
    client.force_login(other_manager)
    html = client.get(reverse("participation:index")).content.decode()
    assert "Omgevingsvisie Altena 2040" not in html


def test_index_shows_the_requesting_department_its_draft(client, requested_advice, policy_manager):
    client.force_login(policy_manager)
    html = client.get(reverse("participation:index")).content.decode()
    assert "Omgevingsvisie Altena 2040" in html


def test_unknown_advice_is_not_found(client, team_member):
    client.force_login(team_member)
    assert client.get(reverse("participation:detail", args=[424242])).status_code == 404
