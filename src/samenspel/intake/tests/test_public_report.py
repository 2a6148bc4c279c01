"""A resident reports something through the public form, without an account."""

import pytest
from django.core.management import call_command

from samenspel.intake.models import Channel, Reporter, Signal
from samenspel.notifications.models import OutboxMessage

from .factories import KernFactory

pytestmark = pytest.mark.django_db


def test_report_form_offers_every_kern_and_weet_ik_niet(client):
    KernFactory(name="Woudrichem", slug="woudrichem")
    KernFactory(name="Almkerk", slug="almkerk")

    response = client.get("/melden/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Weet ik niet" in html
    assert "Woudrichem" in html and "Almkerk" in html
    assert 'class="samenspel-honeypot"' in html
    assert 'name="form_token"' in html
    assert "style=" not in html and "<script>" not in html


def test_anonymous_report_is_stored_as_web_signal_without_reporter(client, report_data):
    kern = KernFactory(name="Giessen", slug="giessen")

    response = client.post("/melden/", report_data(kern=str(kern.pk)))

    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/melden/ontvangen/{signal.submission_token}/"
    assert signal.channel == Channel.WEB
    assert signal.kern == kern
    assert signal.reporter is None
    assert Reporter.objects.count() == 0
    assert signal.follow_token is None


def test_unknown_kern_is_stored_as_no_kern(client, report_data):
    client.post("/melden/", report_data(kern="onbekend"))

    assert Signal.objects.get().kern is None


def test_receipt_shows_reference_and_what_happens_next(client, report_data):
    response = client.post("/melden/", report_data(), follow=True)

    signal = Signal.objects.get()
    html = response.content.decode()
    assert signal.reference in html
    assert "Wat gebeurt er nu?" in html
    assert '<meta name="robots" content="noindex' in html
    assert "/volgen/" not in html


def test_follower_gets_follow_link_on_receipt_and_in_confirmation_mail(client, report_data):
    response = client.post(
        "/melden/",
        report_data(name="Kees Verhoeven", email="kees@example.nl", wants_updates="on"),
        follow=True,
    )

    signal = Signal.objects.select_related("reporter").get()
    follow_path = f"/volgen/{signal.follow_token}/"
    assert signal.reporter.name == "Kees Verhoeven"
    assert signal.reporter.wants_updates is True
    assert follow_path in response.content.decode()
    message = OutboxMessage.objects.get()
    assert message.to == "kees@example.nl"
    assert signal.reference in message.subject
    assert signal.reference in message.body
    assert follow_path in message.body


def test_reporter_with_email_who_does_not_follow_gets_confirmation_without_link(
    client, report_data
):
    client.post("/melden/", report_data(email="ria@example.nl", phone="06 12345678"))

    signal = Signal.objects.select_related("reporter").get()
    assert signal.reporter.phone == "06 12345678"
    assert signal.follow_token is None
    message = OutboxMessage.objects.get()
    assert "/volgen/" not in message.body


def test_confirmation_mail_reaches_the_resident_over_smtp(client, report_data, smtp_settings):
    client.post("/melden/", report_data(email="henk@example.nl", wants_updates="on"))

    call_command("send_outbox")

    [received] = smtp_settings.messages
    signal = Signal.objects.get()
    assert received["To"] == "henk@example.nl"
    assert signal.reference in received["Subject"]
    assert f"/volgen/{signal.follow_token}/" in received.get_content()


def test_phone_only_reporter_is_stored_without_mail(client, report_data):
    client.post("/melden/", report_data(phone="0416 123456"))

    assert Reporter.objects.get().phone == "0416 123456"
    assert OutboxMessage.objects.count() == 0


def test_report_form_is_available_in_english(client, db):
    client.cookies["django_language"] = "en"
    response = client.get("/melden/")

    html = response.content.decode()
    assert "Send report" in html
    assert "I don&#x27;t know" in html or "I don't know" in html
