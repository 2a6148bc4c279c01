"""Staff record signals that reached them by phone, e-mail, council or in the kern."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.intake.forms import new_form_token
from samenspel.intake.models import Channel, Reporter, Signal
from samenspel.notifications.models import OutboxMessage

from .factories import KernFactory

pytestmark = pytest.mark.django_db

URL = "/werk/signalen/nieuw/"


def _data(**overrides) -> dict:
    data = {
        "form_token": new_form_token(),
        "text": "Dorpsraad meldt: de bibliotheekbus stopt niet meer in Uitwijk.",
        "kern": "onbekend",
        "channel": Channel.PHONE,
        "received_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/account/" in response["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_every_staff_role_can_open_the_form(client, users, role):
    client.force_login(users[role])

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="datetime-local"' in html
    assert 'value="web"' not in html
    assert "samenspel-form--touch" in html


def test_area_director_records_a_signal_from_the_field(client, users):
    kern = KernFactory(name="Uitwijk", slug="uitwijk")
    director = users[Role.AREA_DIRECTOR]
    client.force_login(director)

    response = client.post(
        URL,
        _data(
            kern=str(kern.pk),
            channel=Channel.CONVERSATION,
            name="Jan Roos",
            email="jan@example.nl",
            wants_updates="on",
        ),
    )

    signal = Signal.objects.select_related("reporter").get()
    assert response.status_code == 302
    assert response["Location"] == f"/werk/signalen/{signal.pk}/"
    assert signal.channel == Channel.CONVERSATION
    assert signal.recorded_by == director
    assert signal.kern == kern
    assert signal.reporter.name == "Jan Roos"
    assert signal.follow_token
    assert OutboxMessage.objects.get().to == "jan@example.nl"


def test_received_at_is_kept_as_entered(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    client.post(URL, _data(received_at="2026-11-02T09:15"))

    received = timezone.localtime(Signal.objects.get().received_at)
    assert (received.year, received.month, received.day) == (2026, 11, 2)
    assert (received.hour, received.minute) == (9, 15)


def test_employee_without_triage_role_returns_to_an_empty_form(client, users):
    client.force_login(users[Role.EMPLOYEE])

    response = client.post(URL, _data(), follow=True)

    signal = Signal.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == URL
    assert f"Signaal {signal.reference} is vastgelegd." in html
    assert "bibliotheekbus" not in html


def test_received_at_in_the_future_is_refused(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(URL, _data(received_at=tomorrow))

    assert response.status_code == 400
    assert "kan niet in de toekomst liggen" in response.content.decode()
    assert Signal.objects.count() == 0


def test_malformed_received_at_is_refused(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, _data(received_at="gisteren"))

    assert response.status_code == 400
    assert "Vul een geldige datum en tijd in" in response.content.decode()
    assert Signal.objects.count() == 0


@pytest.mark.parametrize("channel", [Channel.WEB, "", "fax"])
def test_web_or_unknown_channel_is_refused(client, users, channel):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, _data(channel=channel))

    assert response.status_code == 400
    assert "Kies" in response.content.decode()
    assert Signal.objects.count() == 0


def test_follow_choice_without_email_is_refused(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, _data(name="Ans", wants_updates="on"))

    assert response.status_code == 400
    assert "Vul het e-mailadres van de melder in" in response.content.decode()
    assert Reporter.objects.count() == 0


def test_saving_twice_stores_one_signal(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    data = _data()

    first = client.post(URL, data)
    second = client.post(URL, data, follow=True)

    signal = Signal.objects.get()
    assert first["Location"] == f"/werk/signalen/{signal.pk}/"
    assert second.redirect_chain[-1][0] == f"/werk/signalen/{signal.pk}/"
    assert f"Signaal {signal.reference} was al vastgelegd." in second.content.decode()


def test_forged_form_token_stores_nothing(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, _data(form_token="nep"))

    assert response.status_code == 400
    assert "Het formulier was verlopen of onvolledig" in response.content.decode()
    assert Signal.objects.count() == 0
