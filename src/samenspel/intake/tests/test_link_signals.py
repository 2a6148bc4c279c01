"""From the inbox: link the selection to a challenge, or start a new challenge with it."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.services import challenge_create
from samenspel.intake.models import Signal

from .factories import KernFactory, SignalFactory

pytestmark = pytest.mark.django_db

URL = "/werk/signalen/koppelen/"


@pytest.fixture
def challenge(users):
    return challenge_create(actor=users[Role.DEVELOPMENT_TEAM], title="Groen in de kern")


@pytest.mark.parametrize("number", ["O-{pk:06d}", "{pk}", " o-{pk} "])
def test_selection_is_linked_by_challenge_number(client, users, challenge, number):
    signals = [SignalFactory(), SignalFactory()]
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        URL,
        {
            "signal": [s.pk for s in signals],
            "challenge": number.format(pk=challenge.pk),
            "action": "link",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/werk/opgaven/{challenge.pk}/"
    assert set(Signal.objects.values_list("challenge_id", "status")) == {
        (challenge.pk, Signal.Status.LINKED)
    }
    challenge.refresh_from_db()
    assert challenge.signal_count == 2


def test_new_challenge_from_selection_goes_to_the_create_page_with_every_signal(client, users):
    first, second = SignalFactory(), SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, {"signal": [first.pk, second.pk], "action": "create"})

    assert response.status_code == 302
    assert response["Location"] == (f"/werk/opgaven/nieuw/?signal={first.pk}&signal={second.pk}")
    assert Signal.objects.filter(challenge__isnull=True).count() == 2


def test_unknown_challenge_number_is_refused_with_dutch_message(client, users):
    signal = SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        URL, {"signal": [signal.pk], "challenge": "O-999999", "action": "link"}, follow=True
    )

    assert "Opgave “O-999999” bestaat niet" in response.content.decode()
    signal.refresh_from_db()
    assert signal.challenge is None


@pytest.mark.parametrize("number", ["", "abc", "O-", "9" * 40])
def test_malformed_challenge_number_is_refused(client, users, number):
    signal = SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        URL, {"signal": [signal.pk], "challenge": number, "action": "link"}, follow=True
    )

    assert response.status_code == 200
    assert "Vul" in response.content.decode()
    assert Signal.objects.filter(challenge__isnull=False).count() == 0


def test_empty_selection_is_refused(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, {"challenge": str(challenge.pk), "action": "link"}, follow=True)

    assert "Kies eerst een of meer signalen." in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "-3", "9" * 40])
def test_malformed_selection_is_refused(client, users, challenge, value):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        URL, {"signal": [value], "challenge": str(challenge.pk), "action": "link"}, follow=True
    )

    assert response.status_code == 200
    assert "De selectie van signalen is ongeldig" in response.content.decode()


def test_area_director_cannot_link_another_kerns_signal(client, users, challenge):
    director = users[Role.AREA_DIRECTOR]
    own = SignalFactory(kern=KernFactory(area_director=director.employee))
    theirs = SignalFactory()
    client.force_login(director)

    response = client.post(
        URL,
        {"signal": [own.pk, theirs.pk], "challenge": str(challenge.pk), "action": "link"},
        follow=True,
    )

    assert "vallen buiten uw kernen" in response.content.decode()
    assert Signal.objects.filter(challenge__isnull=False).count() == 0


def test_link_from_the_signal_page_returns_there_on_error(client, users):
    signal = SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        URL,
        {
            "signal": [signal.pk],
            "challenge": "O-123456",
            "action": "link",
            "next": f"/werk/signalen/{signal.pk}/",
        },
    )

    assert response["Location"] == f"/werk/signalen/{signal.pk}/"


def test_next_pointing_elsewhere_is_ignored(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(URL, {"action": "link", "next": "https://evil.example/"})

    assert response["Location"] == "/werk/signalen/"


def test_employee_cannot_link(client, users, challenge):
    signal = SignalFactory()
    client.force_login(users[Role.EMPLOYEE])

    response = client.post(
        URL, {"signal": [signal.pk], "challenge": str(challenge.pk), "action": "link"}
    )

    assert response.status_code == 403
    signal.refresh_from_db()
    assert signal.challenge is None


def test_get_is_not_allowed(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    assert client.get(URL).status_code == 405
