"""Abuse protection without a captcha, and idempotent submission."""

import time

import pytest
from django.core import signing
from django.test import Client

from samenspel.intake.forms import FORM_TOKEN_SALT
from samenspel.intake.models import Signal
from samenspel.intake.services import signal_submit_public
from samenspel.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_missing_csrf_token_is_refused_with_dutch_page(report_data):
    client = Client(enforce_csrf_checks=True)
    client.get("/melden/")

    response = client.post("/melden/", report_data())

    assert response.status_code == 403
    assert "Uw formulier kon niet veilig worden verstuurd" in response.content.decode()
    assert Signal.objects.count() == 0


def test_forged_csrf_token_is_refused_with_dutch_page(report_data):
    client = Client(enforce_csrf_checks=True)
    client.get("/melden/")

    response = client.post("/melden/", {**report_data(), "csrfmiddlewaretoken": "x" * 64})

    assert response.status_code == 403
    assert "Er is niets opgeslagen" in response.content.decode()
    assert Signal.objects.count() == 0


def test_valid_csrf_token_from_the_form_is_accepted(report_data):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/melden/")
    csrf = page.context["csrf_token"]

    response = client.post("/melden/", {**report_data(), "csrfmiddlewaretoken": str(csrf)})

    assert response.status_code == 302
    assert Signal.objects.count() == 1


def test_replayed_submission_stores_one_signal_and_shows_the_same_receipt(client, report_data):
    data = report_data(email="dubbel@example.nl")

    first = client.post("/melden/", data)
    second = client.post("/melden/", data)
    third = client.post("/melden/", data)

    assert first.status_code == second.status_code == third.status_code == 302
    assert first["Location"] == second["Location"] == third["Location"]
    assert Signal.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_replay_is_answered_even_when_the_rate_limit_is_reached(client, report_data, settings):
    settings.SAMENSPEL_REPORT_RATE_LIMIT = 1
    data = report_data()
    first = client.post("/melden/", data)

    again = client.post("/melden/", data)

    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Signal.objects.count() == 1


def test_service_called_twice_with_one_token_returns_the_first_signal(db):
    first, created_first = signal_submit_public(submission_token="tok-1", text="Gat in de weg")
    second, created_second = signal_submit_public(submission_token="tok-1", text="Gat in de weg")

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Signal.objects.count() == 1


def test_filled_honeypot_is_refused(client, report_data):
    response = client.post("/melden/", report_data(website="https://spam.example"))

    assert response.status_code == 400
    assert "Uw melding is niet verstuurd" in response.content.decode()
    assert Signal.objects.count() == 0


def test_too_fast_submission_is_refused(client, report_data, settings):
    settings.SAMENSPEL_REPORT_MIN_SECONDS = 3

    response = client.post("/melden/", report_data())

    assert response.status_code == 400
    assert "Uw melding is erg snel verstuurd" in response.content.decode()
    assert Signal.objects.count() == 0


def test_submission_after_the_minimum_time_is_accepted(client, report_data, settings):
    settings.SAMENSPEL_REPORT_MIN_SECONDS = 3
    token = signing.dumps(
        {"token": "rustig-ingevuld", "started": time.time() - 10}, salt=FORM_TOKEN_SALT
    )

    response = client.post("/melden/", report_data(form_token=token))

    assert response.status_code == 302
    assert Signal.objects.get().submission_token == "rustig-ingevuld"


@pytest.mark.parametrize("token", ["", "verzonnen", "abc:def:ghi"])
def test_missing_or_forged_form_token_is_refused_and_a_fresh_form_offered(
    client, report_data, token
):
    response = client.post("/melden/", report_data(form_token=token))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Het formulier was verlopen of onvolledig. Er is niets opgeslagen." in html
    assert 'name="form_token"' in html
    assert Signal.objects.count() == 0


def test_200_posts_from_one_client_store_at_most_the_limit(client, report_data, settings):
    settings.SAMENSPEL_REPORT_RATE_LIMIT = 10

    statuses = [client.post("/melden/", report_data()).status_code for _ in range(200)]

    assert Signal.objects.count() == 10
    assert statuses.count(302) == 10
    assert statuses.count(429) == 190
    assert 500 not in statuses


def test_rate_limited_client_gets_a_dutch_page(client, report_data, settings):
    settings.SAMENSPEL_REPORT_RATE_LIMIT = 1
    client.post("/melden/", report_data())

    response = client.post("/melden/", report_data())

    assert response.status_code == 429
    assert "Te veel meldingen" in response.content.decode()
    assert response["Retry-After"] == str(settings.SAMENSPEL_REPORT_RATE_WINDOW)
    assert Signal.objects.count() == 1


def test_bot_refusals_count_towards_the_limit(client, report_data, settings):
    settings.SAMENSPEL_REPORT_RATE_LIMIT = 3
    for _ in range(3):
        client.post("/melden/", report_data(website="spam"))

    response = client.post("/melden/", report_data())

    assert response.status_code == 429
    assert Signal.objects.count() == 0


def test_typing_errors_do_not_count_towards_the_limit(client, report_data, settings):
    settings.SAMENSPEL_REPORT_RATE_LIMIT = 2
    for _ in range(5):
        client.post("/melden/", report_data(text=""))

    response = client.post("/melden/", report_data())

    assert response.status_code == 302
    assert Signal.objects.count() == 1


def test_limit_is_per_client_address(report_data, settings):
    settings.SAMENSPEL_REPORT_RATE_LIMIT = 1
    first = Client(REMOTE_ADDR="192.0.2.1")
    second = Client(REMOTE_ADDR="192.0.2.2")
    first.post("/melden/", report_data())

    assert first.post("/melden/", report_data()).status_code == 429
    assert second.post("/melden/", report_data()).status_code == 302
    assert Signal.objects.count() == 2
