"""What people see and do on the participation pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.participation import services
from samenspel.participation.models import Duty

from .conftest import COMPLETE_ADVICE, decision_in

INDEX = reverse("participation:index")


def _advice_for(title, department, requester, *, body="college", days=30):
    challenge = ChallengeFactory(
        title=title, kind=Challenge.Kind.POLICY, owner_department=department
    )
    return services.advice_request(
        actor=requester,
        challenge=challenge,
        question="Hoe betrekken we inwoners?",
        decision_date=decision_in(days),
        deciding_body=body,
    )


def test_index_lists_advice_by_status_soonest_decision_first(
    client, team_member, given_advice, department, policy_employee
):
    _advice_for("Speelbeleid", department, policy_employee, days=10)
    _advice_for("Parkeerbeleid", department, policy_employee, days=5)
    client.force_login(team_member)
    html = client.get(INDEX).content.decode()
    assert html.index("Aangevraagd (2)") < html.index("Advies gegeven (1)")
    assert html.index("Parkeerbeleid") < html.index("Speelbeleid")
    assert html.index("Speelbeleid") < html.index("Omgevingsvisie Altena 2040")


def test_index_filters_by_status_and_deciding_body(
    client, team_member, given_advice, department, policy_employee
):
    _advice_for("Speelbeleid", department, policy_employee)
    client.force_login(team_member)
    html = client.get(INDEX, {"status": "given"}).content.decode()
    assert "Omgevingsvisie Altena 2040" in html
    assert "Speelbeleid" not in html
    html = client.get(INDEX, {"deciding_body": "college"}).content.decode()
    assert "Speelbeleid" in html
    assert "Omgevingsvisie Altena 2040" not in html


def test_unknown_filter_value_is_explained_and_ignored(client, team_member, given_advice):
    client.force_login(team_member)
    response = client.get(INDEX, {"status": "verzonnen", "kern": "atlantis"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze status kennen we niet: het filter is niet toegepast." in html
    assert "Deze kern kennen we niet" in html
    assert "Omgevingsvisie Altena 2040" in html


def test_index_costs_the_same_queries_for_one_or_many_advices(
    client, team_member, department, policy_employee
):
    client.force_login(team_member)
    _advice_for("Beleid 0", department, policy_employee)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as one:
        client.get(INDEX)
    for number in range(1, 8):
        _advice_for(f"Beleid {number}", department, policy_employee)
    with CaptureQueriesContext(connection) as many:
        client.get(INDEX)
    assert len(many) == len(one)


def test_challenge_page_offers_to_request_advice_for_a_policy(
    client, policy_employee, policy_challenge
):
    client.force_login(policy_employee)
    html = client.get(reverse("challenges:detail", args=[policy_challenge.pk])).content.decode()
    request_url = f"{reverse('participation:request')}?opgave={policy_challenge.pk}"
    assert "Vraag participatieadvies aan" in html
    assert request_url in html


def test_challenge_page_shows_the_advice_status_and_link(
    client, policy_manager, requested_advice, policy_challenge
):
    client.force_login(policy_manager)
    html = client.get(reverse("challenges:detail", args=[policy_challenge.pk])).content.decode()
    assert "Status: aangevraagd" in html
    assert reverse("participation:detail", args=[requested_advice.pk]) in html


def test_challenge_page_of_another_kind_has_no_advice_block(client, team_member, department):
    issue = ChallengeFactory(title="Kapot bankje", owner_department=department)
    client.force_login(team_member)
    html = client.get(reverse("challenges:detail", args=[issue.pk])).content.decode()
    assert "Participatieadvies" not in html.split("<main", 1)[1]


def test_team_writes_the_advice_with_its_checklist(client, team_member, requested_advice):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    client.force_login(team_member)
    data = {**COMPLETE_ADVICE, "kernen": [k.pk for k in requested_advice.kernen.all()]}
    for duty in Duty.values:
        data[f"duty_{duty}_applies"] = "no" if duty == "ordinance" else "yes"
        data[f"duty_{duty}_note"] = f"Toelichting bij {duty}"
    response = client.post(
        reverse("participation:edit", args=[requested_advice.pk]), data, follow=True
    )
    html = response.content.decode()
    assert "Het advies is opgeslagen." in html
    checks = {c.duty: (c.applies, c.note) for c in requested_advice.duties.all()}
    assert checks["ordinance"] == (False, "Toelichting bij ordinance")
    assert checks["announce"] == (True, "Toelichting bij announce")
    assert "Advies uitbrengen" in html


def test_wrong_checklist_value_is_answered_in_dutch(client, team_member, requested_advice):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    client.force_login(team_member)
    response = client.post(
        reverse("participation:edit", args=[requested_advice.pk]),
        {"duty_announce_applies": "misschien", "ladder_level": "alles"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies ja, nee of nog niet beoordeeld." in html
    assert "Er is nog niets opgeslagen." in html


def test_giving_an_incomplete_advice_says_what_is_missing(client, team_member, requested_advice):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    client.force_login(team_member)
    response = client.post(
        reverse("participation:transition", args=[requested_advice.pk]), {"status-to": "given"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het advies is nog niet compleet" in html
    requested_advice.refresh_from_db()
    assert requested_advice.status == "in_progress"


def test_unknown_step_changes_nothing(client, team_member, requested_advice):
    client.force_login(team_member)
    response = client.post(
        reverse("participation:transition", args=[requested_advice.pk]), {"status-to": "klaar"}
    )
    assert "Deze stap bestaat niet. Er is niets gewijzigd." in response.content.decode()


def test_department_records_the_follow_up_on_the_advice_page(client, given_advice, policy_manager):
    with freeze_time(given_advice.decision_date + datetime.timedelta(days=2)):
        client.force_login(policy_manager)
        page = client.get(reverse("participation:detail", args=[given_advice.pk]))
        assert "Is het advies opgevolgd?" in page.content.decode()
        response = client.post(
            reverse("participation:follow_up", args=[given_advice.pk]),
            {
                "followup-followed": "partly",
                "followup-result": "De raad koos voor raadplegen.",
                "followup-token": "opvolging-1",
            },
            follow=True,
        )
    html = response.content.decode()
    assert "De opvolging van het advies is vastgelegd." in html
    assert "De raad koos voor raadplegen." in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"followup-result": "Besloten."}, "Geef aan of het advies is opgevolgd"),
        ({"followup-followed": "yes"}, "Beschrijf wat het resultaat was"),
    ],
)
def test_incomplete_follow_up_is_answered_in_dutch(
    client, given_advice, policy_manager, data, message
):
    with freeze_time(given_advice.decision_date):
        client.force_login(policy_manager)
        response = client.post(reverse("participation:follow_up", args=[given_advice.pk]), data)
    assert message in response.content.decode()
    given_advice.refresh_from_db()
    assert given_advice.status == "given"


def test_printable_view_has_print_css_and_no_scripts(client, given_advice, team_member):
    client.force_login(team_member)
    response = client.get(reverse("participation:print", args=[given_advice.pk]))
    html = response.content.decode()
    assert "participation/print.css" in html
    assert "<script" not in html
    assert "Kritische kanttekeningen van het team" in html
    assert "Let op: de visie mag geen papieren exercitie worden." in html
