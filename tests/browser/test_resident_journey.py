"""Issue 2's path end to end, as the people involved do it in a real browser.

A resident reports and follows; an area director logs a phone call; a team member links
both to one challenge, moves it through its statuses and posts a public update; the
follower receives the e-mail over SMTP and sees the update on the follow link.
"""

import re

import pytest
from django.core.management import call_command

from samenspel.accounts.roles import Role
from samenspel.intake.models import Signal
from samenspel.places.tests.factories import KernFactory

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "samenspel-test"


def log_out(checked) -> None:
    checked.page.get_by_role("button", name="Uitloggen").click()
    checked.check()


def test_resident_signal_travels_to_the_board_and_news_comes_back(
    checked_page, make_user, smtp_settings, settings, tmp_path
):
    settings.SAMENSPEL_PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    settings.SAMENSPEL_BASE_URL = checked_page.base_url
    make_user("team", Role.DEVELOPMENT_TEAM)
    director = make_user("regisseur", Role.AREA_DIRECTOR)
    KernFactory(name="Dussen", slug="dussen", area_director=director.employee)
    page = checked_page.page

    # A resident reports a dark street and chooses to follow it.
    checked_page.goto("/melden/")
    page.get_by_label("Wat wilt u melden?").fill(
        "In de Kerkstraat in Dussen doen drie lantaarnpalen het al een week niet. "
        "Het is 's avonds pikkedonker."
    )
    page.get_by_label("In welke kern?").select_option(label="Dussen")
    page.get_by_label("Uw e-mailadres").fill("inwoner@example.nl")
    page.get_by_label("Ik wil deze melding volgen").check()
    page.get_by_role("button", name="Melding versturen").click()
    checked_page.check()
    assert page.get_by_role("heading", name="Dank u wel, uw melding is ontvangen").is_visible()
    follow_link = page.locator("a[href*='/volgen/']").first.get_attribute("href")
    follow_path = re.sub(r"^https?://[^/]+", "", follow_link)

    # The area director logs a phone call about the same street.
    log_in(checked_page, "regisseur", PASSWORD)
    checked_page.goto("/werk/signalen/nieuw/")
    page.get_by_label("Signaal", exact=True).fill(
        "Mevrouw belt: straatverlichting Kerkstraat uitgevallen, ze durft 's avonds niet "
        "meer over straat."
    )
    page.get_by_label("Kern", exact=True).select_option(label="Dussen")
    page.get_by_label("Kanaal", exact=True).select_option("phone")
    page.get_by_role("button", name="Signaal opslaan").click()
    checked_page.check()
    assert Signal.objects.count() == 2
    log_out(checked_page)

    # A team member links both signals to one new challenge from the inbox.
    log_in(checked_page, "team", PASSWORD)
    checked_page.goto("/werk/signalen/")
    for signal in Signal.objects.all():
        page.locator(f"#signal-{signal.pk}").check()
    page.get_by_role("button", name="Nieuwe opgave van selectie").click()
    checked_page.check()
    page.get_by_label("Titel", exact=True).fill("Straatverlichting Kerkstraat Dussen")
    page.get_by_role("button", name="Opgave aanmaken").click()
    checked_page.check()
    assert page.get_by_role("heading", name="Straatverlichting Kerkstraat Dussen").is_visible()
    assert set(Signal.objects.values_list("status", flat=True)) == {"linked"}

    # ... moves it through its statuses ...
    for status in ("exploring", "forming", "active"):
        page.get_by_label("Nieuwe status").select_option(status)
        page.get_by_role("button", name="Status wijzigen").click()
        checked_page.check()
    assert page.get_by_text("Status: coalitie vormen → actief").first.is_visible()

    # ... and posts a public update.
    page.get_by_label("Openbaar bericht").fill(
        "De aannemer vervangt de lampen in de Kerkstraat op dinsdag 8 december."
    )
    page.get_by_role("button", name="Bericht plaatsen").click()
    page.get_by_text("De aannemer vervangt de lampen").first.wait_for()
    checked_page.check()

    # The worker sends the outbox through a real SMTP server.
    call_command("send_outbox")
    to_resident = [m for m in smtp_settings.messages if m["To"] == "inwoner@example.nl"]
    bodies = [m.get_body(preferencelist=("plain",)).get_content() for m in to_resident]
    assert any("De aannemer vervangt de lampen" in body for body in bodies)
    assert any(follow_path in body for body in bodies)

    # The resident opens the follow link without logging in and sees the news.
    log_out(checked_page)
    checked_page.goto(follow_path)
    assert page.get_by_text("De aannemer vervangt de lampen in de Kerkstraat").is_visible()
    assert "inwoner@example.nl" not in page.content()
