"""The receipt and the private follow link: progress in plain Dutch, never personal data."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.services import (
    challenge_add_note,
    challenge_create,
    challenge_link_signals,
    challenge_post_update,
    challenge_transition,
)
from samenspel.challenges.workflow import Status
from samenspel.intake.models import Signal
from samenspel.intake.services import signal_dismiss, signal_submit_public

from .factories import KernFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed_signal():
    kern = KernFactory(name="Werkendam", slug="werkendam")
    signal, _ = signal_submit_public(
        submission_token="volg-mij",
        text="Het fietspad langs de Merwede is gevaarlijk glad.",
        kern=kern,
        name="Marieke Dekker",
        email="marieke@example.nl",
        phone="0183 555111",
        wants_updates=True,
    )
    return signal


def _follow(client, signal: Signal):
    return client.get(f"/volgen/{signal.follow_token}/")


def test_unknown_follow_token_gives_404(client, db):
    response = client.get("/volgen/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_unknown_receipt_gives_404(client, db):
    assert client.get("/melden/ontvangen/bestaat-niet/").status_code == 404


def test_follow_page_shows_reference_date_kern_and_status_without_personal_data(
    client, followed_signal
):
    response = _follow(client, followed_signal)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert followed_signal.reference in html
    assert "Werkendam" in html
    assert "Uw melding is ontvangen. Wij bekijken hem" in html
    assert "Marieke" not in html
    assert "marieke@example.nl" not in html
    assert "555111" not in html


def test_follow_page_shows_challenge_with_public_timeline_only(client, followed_signal, users):
    actor = users[Role.DEVELOPMENT_TEAM]
    challenge = challenge_create(actor=actor, title="Veilig fietsen langs de Merwede")

    challenge_link_signals(challenge=challenge, signals=[followed_signal], actor=actor)
    challenge_add_note(challenge=challenge, actor=actor, text="Intern: budget nog onzeker")
    challenge_post_update(challenge=challenge, actor=actor, text="Wij strooien voortaan eerder.")
    challenge_transition(challenge=challenge, to=Status.EXPLORING, actor=actor)

    html = _follow(client, followed_signal).content.decode()

    assert "Veilig fietsen langs de Merwede" in html
    assert "Uw melding hoort bij een opgave" in html
    assert "Wij strooien voortaan eerder." in html
    assert "Status gewijzigd naar: verkennen" in html
    assert "Intern: budget nog onzeker" not in html
    assert f"/opgaven/{challenge.pk}/" in html


def test_follow_page_of_non_public_challenge_has_no_public_link(client, followed_signal, users):

    actor = users[Role.DEVELOPMENT_TEAM]
    challenge = challenge_create(actor=actor, title="Vertrouwelijk dossier", is_public=False)
    challenge_link_signals(challenge=challenge, signals=[followed_signal], actor=actor)

    html = _follow(client, followed_signal).content.decode()

    assert "Vertrouwelijk dossier" in html
    assert f"/opgaven/{challenge.pk}/" not in html


def test_follow_page_tells_why_a_challenge_was_declined(client, followed_signal, users):

    actor = users[Role.DEVELOPMENT_TEAM]
    challenge = challenge_create(actor=actor, title="Extra parkeerplaatsen")
    challenge_link_signals(challenge=challenge, signals=[followed_signal], actor=actor)
    challenge_transition(
        challenge=challenge,
        to=Status.DECLINED,
        actor=actor,
        reason="De provincie gaat over deze weg.",
    )

    html = _follow(client, followed_signal).content.decode()

    assert "De provincie gaat over deze weg." in html
    assert "afgewezen" in html


def test_follow_page_tells_why_a_signal_was_dismissed(client, followed_signal, users):
    signal_dismiss(
        signal=followed_signal,
        actor=users[Role.DEVELOPMENT_TEAM],
        reason="Het waterschap beheert dit fietspad; wij hebben uw melding doorgestuurd.",
    )

    html = _follow(client, followed_signal).content.decode()

    assert "afgehandeld zonder opgave" in html
    assert "Het waterschap beheert dit fietspad" in html
