"""Bad input on the public form: a clear Dutch message, and nothing stored."""

import pytest

from samenspel.intake.models import Reporter, Signal
from samenspel.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _nothing_stored() -> bool:
    return (
        Signal.objects.count() == 0
        and Reporter.objects.count() == 0
        and OutboxMessage.objects.count() == 0
    )


def test_empty_description_is_refused(client, report_data):
    response = client.post("/melden/", report_data(text=""))

    assert response.status_code == 400
    assert "Beschrijf wat u wilt melden." in response.content.decode()
    assert _nothing_stored()


def test_whitespace_only_description_is_refused(client, report_data):
    response = client.post("/melden/", report_data(text="   \n  "))

    assert response.status_code == 400
    assert "Beschrijf wat u wilt melden." in response.content.decode()
    assert _nothing_stored()


def test_description_over_5000_characters_is_refused(client, report_data):
    response = client.post("/melden/", report_data(text="a" * 5001))

    html = response.content.decode()
    assert response.status_code == 400
    assert "De omschrijving is te lang: hoogstens 5000 tekens" in html
    assert _nothing_stored()


def test_description_of_exactly_5000_characters_is_accepted(client, report_data):
    response = client.post("/melden/", report_data(text="a" * 5000))

    assert response.status_code == 302
    assert Signal.objects.count() == 1


@pytest.mark.parametrize("kern", ["999999", "abc", "-1", "9" * 40, ""])
def test_wrong_kern_is_refused(client, report_data, kern):
    response = client.post("/melden/", report_data(kern=kern))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies een kern" in html
    assert _nothing_stored()


def test_following_without_email_is_refused_with_explanation(client, report_data):
    response = client.post("/melden/", report_data(name="Piet", wants_updates="on"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul uw e-mailadres in als u de melding wilt volgen" in html
    assert _nothing_stored()


def test_invalid_email_is_refused(client, report_data):
    response = client.post("/melden/", report_data(email="niet-een-adres"))

    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert _nothing_stored()


def test_error_is_linked_to_its_field_for_screen_readers(client, report_data):
    response = client.post("/melden/", report_data(text=""))

    html = response.content.decode()
    assert 'id="id_text-error"' in html
    assert 'aria-describedby="id_text-help id_text-error"' in html
    assert 'aria-invalid="true"' in html


def test_invalid_form_keeps_what_the_resident_typed(client, report_data):
    response = client.post("/melden/", report_data(email="fout", text="Kapotte bank in het park"))

    assert "Kapotte bank in het park" in response.content.decode()
