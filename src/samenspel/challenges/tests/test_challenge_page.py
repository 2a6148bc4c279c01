"""The staff page of one challenge: its data, signals, forms and timeline."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditLogEntry
from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.challenges.services import challenge_transition
from samenspel.challenges.workflow import Status
from samenspel.organisation.tests.factories import EmployeeFactory

from .factories import SignalFactory, ThemeFactory


def _page(client, challenge) -> str:
    response = client.get(reverse("challenges:detail", args=[challenge.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_page_shows_the_approach(client, users, challenge):
    owner = EmployeeFactory(name="Piet de Graaf", department=challenge.owner_department)
    Challenge.objects.filter(pk=challenge.pk).update(
        owner=owner,
        government_role=Challenge.GovernmentRole.FACILITATING,
        team_role=Challenge.TeamRole.ADVISE,
    )
    challenge.themes.add(ThemeFactory(name="Leefbaarheid"))
    client.force_login(users[Role.EMPLOYEE])
    html = _page(client, challenge)
    for text in (
        "Ontmoetingsplek bij de kerk",
        "Een plek waar jong en oud elkaar treffen.",
        "vraagstuk",
        "Leefbaarheid",
        "Openbare Ruimte",
        "Piet de Graaf",
        "faciliteren",
        "adviseren",
        "ja, zonder persoonsgegevens",
        "Het bankje bij de kerk is vernield.",
    ):
        assert text in html


@pytest.mark.parametrize("role", [Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR])
def test_personal_data_roles_see_the_reporter_and_are_audited(client, users, challenge, role):
    reporter = challenge.signals.get().reporter
    client.force_login(users[role])
    html = _page(client, challenge)
    assert "Jannie van Wijk" in html
    assert reporter.email in html
    entry = AuditLogEntry.objects.get(actor=users[role])
    assert (entry.action, entry.object_type, entry.object_id) == (
        "read_personal_data",
        "reporter",
        str(reporter.pk),
    )


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.ADMINISTRATOR])
def test_other_roles_do_not_see_the_reporter(client, users, challenge, role):
    reporter = challenge.signals.get().reporter
    client.force_login(users[role])
    html = _page(client, challenge)
    assert "Jannie van Wijk" not in html
    assert reporter.email not in html
    assert not AuditLogEntry.objects.exists()


def test_owner_sees_the_reporter_and_is_audited(client, make_user, challenge):
    owner = make_user("eigenaar", Role.EMPLOYEE)
    challenge.owner = owner.employee
    challenge.save(update_fields=["owner"])
    client.force_login(owner)
    assert "Jannie van Wijk" in _page(client, challenge)
    assert AuditLogEntry.objects.filter(actor=owner).count() == 1


def test_status_form_offers_only_the_allowed_steps(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get(reverse("challenges:detail", args=[challenge.pk]))
    choices = dict(response.context["transition_form"].fields["to"].choices)
    assert set(choices) == {Status.EXPLORING, Status.DECLINED}


def test_declining_without_reason_is_refused_with_a_message(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        reverse("challenges:transition", args=[challenge.pk]), {"status-to": Status.DECLINED}
    )
    assert response.status_code == 200
    assert "Geef een reden voor het afwijzen" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == Status.NEW


def test_step_that_is_no_longer_possible_is_explained(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        reverse("challenges:transition", args=[challenge.pk]), {"status-to": Status.DONE}
    )
    assert "Deze stap kan niet vanuit de huidige status" in response.content.decode()


def test_resent_status_form_changes_the_status_once(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    url = reverse("challenges:transition", args=[challenge.pk])
    data = {"status-to": Status.EXPLORING, "status-token": "eenmalig"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert challenge.events.filter(kind=ChallengeEvent.Kind.TRANSITION).count() == 1


def test_note_without_javascript_appears_in_the_timeline(client, users, challenge):
    client.force_login(users[Role.AREA_DIRECTOR])
    response = client.post(
        reverse("challenges:note", args=[challenge.pk]),
        {"note-text": "Dorpsraad wil meedenken."},
        follow=True,
    )
    html = response.content.decode()
    assert "De notitie is toegevoegd." in html
    assert "Dorpsraad wil meedenken." in html


def test_note_through_htmx_returns_only_the_new_timeline(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        reverse("challenges:note", args=[challenge.pk]),
        {"note-text": "Dorpsraad wil meedenken."},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="tijdlijn"')
    assert "Dorpsraad wil meedenken." in html
    assert "<html" not in html


def test_empty_note_is_refused_with_a_message(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(reverse("challenges:note", args=[challenge.pk]), {"note-text": "  "})
    assert "Schrijf eerst een notitie." in response.content.decode()
    assert not challenge.events.filter(kind=ChallengeEvent.Kind.NOTE).exists()


@pytest.mark.parametrize("style", ["reference", "number"])
def test_signals_are_linked_by_reference_or_number(client, users, challenge, style):
    signal = SignalFactory(text="Ook bij de school is het onveilig.")
    value = signal.reference if style == "reference" else str(signal.pk)
    client.force_login(users[Role.AREA_DIRECTOR])
    response = client.post(
        reverse("challenges:link_signals", args=[challenge.pk]),
        {"link-references": value},
        follow=True,
    )
    assert "1 signaal gekoppeld." in response.content.decode()
    signal.refresh_from_db()
    assert signal.challenge == challenge
    challenge.refresh_from_db()
    assert challenge.signal_count == 2


def test_unknown_signal_reference_is_explained(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        reverse("challenges:link_signals", args=[challenge.pk]),
        {"link-references": "M-9999999, hallo"},
    )
    html = response.content.decode()
    assert "Dit is geen signaalnummer: hallo" in html
    assert challenge.signals.count() == 1


def test_development_team_member_cannot_become_owner(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    coach = users[Role.DEVELOPMENT_TEAM].employee
    response = client.post(
        reverse("challenges:edit", args=[challenge.pk]),
        {"title": challenge.title, "kind": "issue", "team_role": "coach", "owner": coach.pk},
    )
    assert response.status_code == 200
    assert "Het team coacht en neemt het werk niet over" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.owner is None


def test_edit_saves_the_approach(client, users, challenge):
    owner = EmployeeFactory(name="Piet de Graaf", department=challenge.owner_department)
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        reverse("challenges:edit", args=[challenge.pk]),
        {
            "title": "Ontmoetingsplek",
            "kind": "initiative",
            "owner_department": challenge.owner_department.pk,
            "owner": owner.pk,
            "government_role": "facilitating",
            "team_role": "coach",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.title, challenge.owner, challenge.team_role) == (
        "Ontmoetingsplek",
        owner,
        "coach",
    )
    assert challenge.events.filter(kind=ChallengeEvent.Kind.CHANGED).count() == 1


def test_closed_challenge_offers_no_status_form(client, users, challenge):
    challenge_transition(
        challenge=challenge, to=Status.DECLINED, actor=users[Role.DEVELOPMENT_TEAM], reason="Nee."
    )
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    html = _page(client, challenge)
    assert "er zijn geen vervolgstappen" in html
    assert 'name="status-to"' not in html
