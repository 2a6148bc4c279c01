"""The advice as a PDF: a valid document whose text (Dutch included) can be read back."""

import pytest
from django.urls import reverse

from samenspel.participation import services

from .pdftext import pdf_text


@pytest.fixture
def pdf_response(client, given_advice, policy_manager):
    client.force_login(policy_manager)
    return client.get(reverse("participation:pdf", args=[given_advice.pk]))


def _text(response) -> str:
    return " ".join(pdf_text(response.content).split())


def test_pdf_download_is_a_valid_pdf_document(pdf_response, given_advice):
    body = pdf_response.content
    assert pdf_response["Content-Type"] == "application/pdf"
    assert (
        f'filename="participatieadvies-{given_advice.reference}.pdf"'
        in pdf_response["Content-Disposition"]
    )
    assert body.startswith(b"%PDF-1.")
    assert body.rstrip().endswith(b"%%EOF")
    assert b"/Type /Page" in body


def test_pdf_holds_the_whole_advice(pdf_response):
    text = _text(pdf_response)
    for expected in [
        "Participatieadvies: Omgevingsvisie Altena 2040",
        "Ruimtelijke Ontwikkeling",
        "gemeenteraad",
        "Hoe betrekken we de kernen bij de omgevingsvisie?",
        "Woudrichem",
        "adviseren",
        "regisseren",
        "Een verslag per avond en een reactienota bij het raadsvoorstel.",
        "Let op: de visie mag geen papieren exercitie worden.",
    ]:
        assert expected in text


def test_pdf_shows_the_checklist_as_a_table(pdf_response):
    text = _text(pdf_response)
    assert "Plicht Van toepassing Toelichting" in text
    assert "Participatieverordening van de gemeente ja Kennisgeving in het Gemeenteblad." in text


def test_pdf_renders_dutch_characters(client, requested_advice, team_member):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    services.advice_update(
        advice=requested_advice,
        actor=team_member,
        affected="De coöperatie, het café ’t Hoekje en de naïeve reeën van Aalst.",
    )
    client.force_login(team_member)
    response = client.get(reverse("participation:pdf", args=[requested_advice.pk]))
    assert "De coöperatie, het café ’t Hoekje en de naïeve reeën van Aalst." in _text(response)


def test_markup_in_the_advice_stays_text(client, requested_advice, team_member):
    services.advice_transition(advice=requested_advice, to="in_progress", actor=team_member)
    services.advice_update(
        advice=requested_advice, actor=team_member, timing="<b>vóór</b> 1 maart & daarna"
    )
    client.force_login(team_member)
    response = client.get(reverse("participation:pdf", args=[requested_advice.pk]))
    assert "<b>vóór</b> 1 maart & daarna" in _text(response)
