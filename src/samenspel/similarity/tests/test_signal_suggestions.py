"""'Lijkt op' on the signal page and the inbox: challenges first, only what the user may open."""

import pytest
from django.utils import translation

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory, SignalFactory
from samenspel.challenges.workflow import Status
from samenspel.intake.models import Signal
from samenspel.places.models import Kern
from samenspel.similarity.normalise import CONCEPT_NAMES
from samenspel.similarity.selectors import CONCEPT_LABELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def lights(kernen):
    challenge = ChallengeFactory(
        title="Straatverlichting Kerkstraat",
        summary="Lantaarnpalen in de Kerkstraat doen het niet",
        status=Status.EXPLORING,
        kernen=[kernen["Dussen"]],
    )
    signal = SignalFactory(kern=kernen["Dussen"], text="Lantaarnpaal Kerkstraat doet het niet")
    return challenge, signal


def _page(client, user, signal) -> str:
    client.force_login(user)
    response = client.get(f"/werk/signalen/{signal.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_team_sees_the_similar_challenge_with_a_word_for_its_strength(client, users, lights):
    challenge, signal = lights
    html = _page(client, users[Role.DEVELOPMENT_TEAM], signal)
    assert "Lijkt op" in html
    assert challenge.reference in html
    assert "lijkt sterk" in html or "lijkt mogelijk" in html
    assert "gedeelde woorden" in html


def test_the_team_links_the_signal_with_one_click(client, users, lights):
    challenge, signal = lights
    html = _page(client, users[Role.DEVELOPMENT_TEAM], signal)
    assert "Koppel aan deze opgave" in html
    client.post(
        "/werk/signalen/koppelen/",
        {"signal": signal.pk, "challenge": challenge.reference, "action": "link"},
    )
    signal.refresh_from_db()
    assert signal.challenge == challenge


def test_an_employee_without_triage_sees_no_link_button(client, make_user, lights):
    challenge, signal = lights
    owner = make_user("eigenaar", Role.EMPLOYEE)
    other = ChallengeFactory(title="Iets anders", owner=owner.employee)
    Signal.objects.filter(pk=signal.pk).update(challenge=other, status=Signal.Status.LINKED)
    signal.refresh_from_db()
    html = _page(client, owner, signal)
    assert challenge.reference in html
    assert "Koppel aan deze opgave" not in html


def test_signals_outside_an_area_directors_kernen_are_not_suggested(client, make_user, kernen):
    director = make_user("regisseur", Role.AREA_DIRECTOR)
    Kern.objects.filter(pk=kernen["Dussen"].pk).update(area_director=director.employee)
    own = SignalFactory(kern=kernen["Dussen"], text="Hondenpoep op het grasveld bij de kerk")
    elsewhere = SignalFactory(
        kern=kernen["Almkerk"], text="Hondenpoep op het grasveld bij de kerk, vies"
    )
    html = _page(client, director, own)
    assert elsewhere.reference not in html


def test_the_team_sees_similar_signals_from_every_kern_it_may_open(client, users, kernen):
    own = SignalFactory(kern=None, text="Hondenpoep op het grasveld bij de kerk")
    other = SignalFactory(kern=None, text="Overal hondenpoep op het grasveld bij de kerk")
    html = _page(client, users[Role.DEVELOPMENT_TEAM], own)
    assert other.reference in html


@pytest.mark.parametrize(
    ("own_text", "other_text", "dutch", "english"),
    [
        (
            "Veel te hard gereden in de Kerkstraat",
            "Veel te hard gereden in de Hoofdstraat",
            "andere straat",
            "another street",
        ),
        (
            "Onze huisarts stopt, geen opvolger",
            "Straks geen dokter meer in het dorp?",
            "zelfde onderwerp: huisarts",
            "same topic: GP",
        ),
    ],
)
def test_a_similar_signal_says_why_in_both_languages(
    client, users, kernen, own_text, other_text, dutch, english
):
    own = SignalFactory(kern=kernen["Dussen"], text=own_text)
    other = SignalFactory(kern=kernen["Dussen"], text=other_text)
    html = _page(client, users[Role.DEVELOPMENT_TEAM], own)
    assert other.reference in html
    assert dutch in html
    client.cookies["django_language"] = "en"
    assert english in _page(client, users[Role.DEVELOPMENT_TEAM], own)


def test_every_synonym_concept_has_a_label_in_both_languages():
    with translation.override("en"):
        english = {name: str(CONCEPT_LABELS[name]) for name in CONCEPT_NAMES}
    with translation.override("nl"):
        dutch = {name: str(CONCEPT_LABELS[name]) for name in CONCEPT_NAMES}
    # Dutch and English differ except for a loanword or two ("drugs").
    assert sum(english[n] != dutch[n] for n in CONCEPT_NAMES) >= len(CONCEPT_NAMES) - 2


def test_the_inbox_loads_lijkt_op_with_a_link_button_per_signal(client, users, lights):
    challenge, signal = lights
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    inbox = client.get("/werk/signalen/").content.decode()
    assert f"/werk/groeperen/lijkt-op/?signal={signal.pk}" in inbox
    fragment = client.get(
        "/werk/groeperen/lijkt-op/", {"signal": signal.pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert challenge.reference in fragment
    assert "<h1" not in fragment
    assert 'name="action" value="link"' in fragment


def test_the_inbox_suggestions_work_as_a_page_without_javascript(client, users, lights):
    challenge, signal = lights
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    html = client.get("/werk/groeperen/lijkt-op/", {"signal": signal.pk}).content.decode()
    assert "<h1" in html
    assert challenge.reference in html


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_roles_without_triage_may_not_load_the_inbox_suggestions(client, users, lights, role):
    client.force_login(users[role])
    assert client.get("/werk/groeperen/lijkt-op/", {"signal": "1"}).status_code == 403


def test_the_inbox_suggestions_ignore_malformed_ids(client, users, lights):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.get("/werk/groeperen/lijkt-op/", {"signal": ["abc", "9" * 40]})
    assert response.status_code == 200
