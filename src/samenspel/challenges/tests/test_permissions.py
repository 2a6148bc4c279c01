"""Authorisation matrix: every URL of the app × every role, including another department."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.services import challenge_transition
from samenspel.challenges.workflow import Status
from samenspel.organisation.tests.factories import DepartmentFactory

from .factories import SignalFactory

ANONYMOUS = "anonymous"
OWNER = "owner"
OTHER_MANAGER = "other_department_manager"
ACTORS = [ANONYMOUS, *Role, OWNER, OTHER_MANAGER]

CHANGERS = {Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR, Role.MANAGER, OWNER}
NOTERS = CHANGERS | {Role.AREA_DIRECTOR}
CREATORS = {Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR, Role.ADMINISTRATOR}
STAFF = set(ACTORS) - {ANONYMOUS}


def _login(client, users, make_user, challenge, actor):
    if actor == ANONYMOUS:
        return
    if actor == OWNER:
        user = make_user("eigenaar", Role.EMPLOYEE)
        challenge.owner = user.employee
        challenge.save(update_fields=["owner"])
    elif actor == OTHER_MANAGER:
        user = make_user("manager_elders", Role.MANAGER, department=DepartmentFactory())
    else:
        user = users[actor]
    client.force_login(user)


def _expect(actor, allowed: set, success: int) -> int:
    if actor == ANONYMOUS:
        return 302
    return success if actor in allowed else 403


GETS = [
    ("challenges:board", False, STAFF),
    ("challenges:create", False, CREATORS),
    ("challenges:detail", True, STAFF),
    ("challenges:edit", True, CHANGERS),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("name", "with_pk", "allowed"), GETS, ids=[g[0] for g in GETS])
def test_staff_pages_per_role(client, users, make_user, challenge, actor, name, with_pk, allowed):
    _login(client, users, make_user, challenge, actor)
    url = reverse(name, args=[challenge.pk] if with_pk else [])
    response = client.get(url)
    assert response.status_code == _expect(actor, allowed, 200)
    if actor == ANONYMOUS:
        assert reverse("accounts:login") in response["Location"]


def _posts(challenge):
    signal = SignalFactory()
    return [
        ("challenges:transition", {"status-to": Status.EXPLORING}, CHANGERS),
        ("challenges:note", {"note-text": "Gebeld met de dorpsraad."}, NOTERS),
        ("challenges:public_update", {"update-text": "We starten in maart."}, CHANGERS),
        ("challenges:link_signals", {"link-references": signal.reference}, NOTERS),
        ("challenges:edit", {"title": "Nieuw", "kind": "issue", "team_role": "none"}, CHANGERS),
    ]


POST_NAMES = [
    "challenges:transition",
    "challenges:note",
    "challenges:public_update",
    "challenges:link_signals",
    "challenges:edit",
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", POST_NAMES)
def test_challenge_changes_per_role(client, users, make_user, challenge, actor, name):
    _login(client, users, make_user, challenge, actor)
    _, data, allowed = next(p for p in _posts(challenge) if p[0] == name)
    events_before = challenge.events.count()
    response = client.post(reverse(name, args=[challenge.pk]), data)
    assert response.status_code == _expect(actor, allowed, 302)
    if response.status_code == 302 and actor != ANONYMOUS:
        assert challenge.events.count() == events_before + 1
    else:
        assert challenge.events.count() == events_before


@pytest.mark.parametrize("actor", ACTORS)
def test_create_per_role(client, users, make_user, challenge, actor):
    _login(client, users, make_user, challenge, actor)
    response = client.post(reverse("challenges:create"), {"title": "Nieuw", "kind": "issue"})
    assert response.status_code == _expect(actor, CREATORS, 302)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", ["challenges:public_list", "challenges:public_detail"])
def test_public_pages_are_open_to_everyone(client, users, make_user, challenge, actor, name):
    challenge_transition(
        challenge=challenge, to=Status.EXPLORING, actor=users[Role.DEVELOPMENT_TEAM]
    )
    _login(client, users, make_user, challenge, actor)
    url = reverse(name, args=[challenge.pk] if name.endswith("detail") else [])
    assert client.get(url).status_code == 200


def test_get_on_an_action_url_goes_back_to_the_challenge(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get(reverse("challenges:note", args=[challenge.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("challenges:detail", args=[challenge.pk])


def test_unknown_challenge_is_not_found(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    assert client.get(reverse("challenges:detail", args=[999999])).status_code == 404
    assert client.post(reverse("challenges:note", args=[999999]), {}).status_code == 404


def test_every_url_of_the_app_is_in_the_matrix():
    from samenspel.challenges.urls import urlpatterns

    covered = (
        {g[0] for g in GETS}
        | set(POST_NAMES)
        | {
            "challenges:public_list",
            "challenges:public_detail",
        }
        # Per role in test_priority_pages.py.
        | {
            "challenges:score",
            "challenges:criteria",
            "challenges:criterion_create",
            "challenges:criterion_edit",
        }
    )
    assert {f"challenges:{p.name}" for p in urlpatterns} == covered
