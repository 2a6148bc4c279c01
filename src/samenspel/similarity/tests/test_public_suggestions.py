"""While a resident types, public challenges that look alike; nothing that is not public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenspel.challenges.tests.factories import (
    ChallengeFactory,
    FollowedSignalFactory,
)
from samenspel.challenges.workflow import Status

pytestmark = pytest.mark.django_db

URL = "/melden/vergelijkbaar/"
TYPED = "De lantaarnpalen in de Kerkstraat doen het niet meer"


def _public(kernen, **fields):
    defaults = {
        "title": "Straatverlichting Kerkstraat",
        "summary": "Lantaarnpalen in de Kerkstraat doen het niet",
        "status": Status.EXPLORING,
        "is_public": True,
        "kernen": [kernen["Dussen"]],
    }
    return ChallengeFactory(**{**defaults, **fields})


def test_a_public_challenge_that_looks_alike_is_shown_with_its_public_page(client, kernen):
    challenge = _public(kernen)
    html = client.get(URL, {"text": TYPED, "kern": kernen["Dussen"].pk}).content.decode()
    assert "Straatverlichting Kerkstraat" in html
    assert f"/opgaven/{challenge.pk}/" in html
    assert "Dussen" in html


def test_a_non_public_challenge_is_never_shown(client, kernen):
    _public(kernen, is_public=False, title="Geheime verlichting Kerkstraat")
    html = client.get(URL, {"text": TYPED}).content.decode()
    assert "Geheime verlichting" not in html


def test_a_challenge_not_yet_triaged_is_never_shown(client, kernen):
    _public(kernen, status=Status.NEW, title="Nieuwe verlichting Kerkstraat")
    html = client.get(URL, {"text": TYPED}).content.decode()
    assert "Nieuwe verlichting" not in html


def test_other_residents_reports_and_personal_data_are_never_shown(client, kernen):
    _public(kernen)
    signal = FollowedSignalFactory(
        kern=kernen["Dussen"], text="Lantaarnpalen Kerkstraat kapot, groet van Jannie"
    )
    html = client.get(URL, {"text": TYPED}).content.decode()
    assert "Straatverlichting Kerkstraat" in html
    assert "Jannie" not in html
    assert signal.reporter.email not in html
    assert signal.reference not in html
    assert "groet van" not in html


def test_short_input_answers_an_empty_fragment(client, kernen):
    _public(kernen)
    response = client.get(URL, {"text": "lamp"})
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_the_suggestion_writes_nothing_to_the_database(client, kernen):
    _public(kernen)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, {"text": TYPED, "kern": kernen["Dussen"].pk})
    writing = ("INSERT", "UPDATE", "DELETE", "REPLACE")
    writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(writing)]
    assert writes == []


def test_malformed_input_is_answered_without_an_error(client, kernen):
    response = client.get(URL, {"text": "x" * 50_000, "kern": "'; drop table"})
    assert response.status_code == 200


def test_the_report_form_asks_for_suggestions_while_typing_into_a_live_region(client, db):
    html = client.get("/melden/").content.decode()
    assert f'hx-get="{URL}"' in html
    assert 'hx-trigger="keyup changed delay:600ms"' in html
    assert '<div id="report-suggestions" aria-live="polite"></div>' in html
