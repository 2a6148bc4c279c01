"""A department asks the development team for participation advice on its policy."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.notifications.models import OutboxMessage
from samenspel.participation.models import AdviceEvent, Duty, ParticipationAdvice

from .conftest import decision_in

URL = reverse("participation:request")


def _form(target, **overrides):
    data = {
        "challenge": str(target.pk),
        "question": "Hoe betrekken we de kernen bij de omgevingsvisie?",
        "decision_date": decision_in(60).isoformat(),
        "deciding_body": "council",
        "token": "aanvraag-1",
    }
    data.update(overrides)
    return data


def test_department_employee_requests_advice_for_their_policy(
    client, policy_employee, policy_challenge, department
):
    client.force_login(policy_employee)
    response = client.post(URL, _form(policy_challenge), follow=True)
    advice = ParticipationAdvice.objects.get()
    assert response.redirect_chain[-1][0] == reverse("participation:detail", args=[advice.pk])
    assert "Uw aanvraag is verstuurd" in response.content.decode()
    assert advice.status == "requested"
    assert advice.requesting_department == department
    assert advice.requested_by == policy_employee


def test_request_starts_with_the_challenge_kernen_role_and_an_unjudged_checklist(
    requested_advice, policy_challenge
):
    assert list(requested_advice.kernen.all()) == list(policy_challenge.kernen.all())
    assert requested_advice.government_role == "directing"
    assert {c.duty: c.applies for c in requested_advice.duties.all()} == dict.fromkeys(Duty.values)


def test_request_is_recorded_in_the_history(requested_advice, policy_employee):
    event = requested_advice.events.get()
    assert (event.kind, event.actor, event.to_status) == ("requested", policy_employee, "requested")


def test_request_for_a_challenge_that_is_not_policy_gets_a_clear_error(
    client, policy_employee, department
):
    issue = ChallengeFactory(
        title="Kapotte speeltuin", kind=Challenge.Kind.ISSUE, owner_department=department
    )
    client.force_login(policy_employee)
    response = client.post(URL, _form(issue))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Participatieadvies is er voor opgaven van de soort" in html
    assert "“Kapotte speeltuin” is een vraagstuk" in html
    assert ParticipationAdvice.objects.count() == 0


def test_sent_twice_the_request_is_stored_once(client, policy_employee, policy_challenge):
    client.force_login(policy_employee)
    client.post(URL, _form(policy_challenge))
    response = client.post(URL, _form(policy_challenge))
    assert response.status_code == 302
    assert ParticipationAdvice.objects.count() == 1
    assert AdviceEvent.objects.count() == 1


def test_second_request_for_the_same_challenge_points_to_the_first(
    client, policy_employee, requested_advice, policy_challenge
):
    client.force_login(policy_employee)
    response = client.post(URL, _form(policy_challenge, token="aanvraag-2"))
    assert f"al participatieadvies aangevraagd ({requested_advice.reference})" in (
        response.content.decode()
    )
    assert ParticipationAdvice.objects.count() == 1


def test_another_department_cannot_request_advice_on_a_policy_it_does_not_own(
    client, other_employee, policy_challenge
):
    client.force_login(other_employee)
    response = client.post(URL, _form(policy_challenge))
    assert "Deze opgave is van de afdeling Ruimtelijke Ontwikkeling" in response.content.decode()
    assert ParticipationAdvice.objects.count() == 0


def test_team_requests_on_behalf_of_the_owning_department(
    client, team_member, policy_challenge, department
):
    client.force_login(team_member)
    client.post(URL, _form(policy_challenge))
    assert ParticipationAdvice.objects.get().requesting_department == department


def test_decision_date_in_the_past_is_refused(client, policy_employee, policy_challenge):
    client.force_login(policy_employee)
    response = client.post(URL, _form(policy_challenge, decision_date=decision_in(-1).isoformat()))
    assert "Deze datum ligt in het verleden" in response.content.decode()
    assert ParticipationAdvice.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("challenge", "abc", "Deze opgave bestaat niet."),
        ("challenge", "99999999", "Deze opgave bestaat niet."),
        ("decision_date", "31-02-2026x", "Vul een geldige datum in"),
        ("deciding_body", "koning", "Kies het college of de gemeenteraad."),
        ("question", "   ", "Schrijf de vraag aan het ontwikkelteam."),
    ],
)
def test_malformed_request_is_answered_in_dutch_and_stores_nothing(
    client, policy_employee, policy_challenge, field, value, message
):
    client.force_login(policy_employee)
    response = client.post(URL, _form(policy_challenge, **{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    assert ParticipationAdvice.objects.count() == 0


def test_form_offers_only_policy_challenges_without_advice(
    client, policy_employee, policy_challenge, department
):
    ChallengeFactory(title="Losliggende stoeptegels", owner_department=department)
    client.force_login(policy_employee)
    html = client.get(URL, {"opgave": policy_challenge.pk}).content.decode()
    assert "Omgevingsvisie Altena 2040" in html
    assert "Losliggende stoeptegels" not in html
    assert f'<option value="{policy_challenge.pk}" selected>' in html


def test_development_team_is_told_by_email(make_user, requested_advice):
    message = OutboxMessage.objects.get(to="teamlid_mail@altena.test")
    assert message.subject == "Participatieadvies gevraagd: Omgevingsvisie Altena 2040"
    assert "De afdeling Ruimtelijke Ontwikkeling vraagt participatieadvies" in message.body
    assert f"/werk/participatie/{requested_advice.pk}/" in message.body


@pytest.fixture(autouse=True)
def _team_with_email(make_user):
    make_user("teamlid_mail", Role.DEVELOPMENT_TEAM)
