"""Opening a challenge, possibly from signals in the inbox (?signal=<id>)."""

from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.places.tests.factories import KernFactory

from .factories import SignalFactory

CREATE = reverse("challenges:create")


def test_signals_in_the_address_are_shown_and_their_kernen_chosen(client, users):
    almkerk = KernFactory(name="Almkerk", slug="almkerk")
    first = SignalFactory(text="Hangjongeren bij de sporthal.", kern=almkerk)
    second = SignalFactory(text="Geen plek voor jongeren.", kern=almkerk)
    client.force_login(users[Role.AREA_DIRECTOR])
    response = client.get(CREATE, {"signal": [first.pk, second.pk, "onzin"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hangjongeren bij de sporthal." in html
    assert "Geen plek voor jongeren." in html
    assert set(response.context["form"].initial["kernen"]) == {almkerk.pk}
    assert set(response.context["form"].initial["signals"]) == {first.pk, second.pk}


def test_creating_links_the_signals_and_opens_the_challenge(client, users):
    signal = SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        CREATE,
        {"title": "Jongeren Almkerk", "kind": "issue", "signals": [signal.pk], "token": "x1"},
    )
    challenge = Challenge.objects.get()
    assert response["Location"] == reverse("challenges:detail", args=[challenge.pk])
    assert list(challenge.signals.all()) == [signal]
    assert list(challenge.kernen.all()) == [signal.kern]
    assert challenge.created_by == users[Role.DEVELOPMENT_TEAM]


def test_resent_create_form_makes_one_challenge(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    data = {"title": "Jongeren Almkerk", "kind": "issue", "token": "same"}
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert Challenge.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_missing_title_is_explained_and_nothing_is_stored(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(CREATE, {"title": "", "kind": "issue", "signals": ["abc"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is nog niets opgeslagen" in html
    assert 'aria-describedby="id_title_error"' in html
    assert not Challenge.objects.exists()
