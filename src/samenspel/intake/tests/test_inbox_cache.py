"""The inbox is cached per page; every change it shows must appear on the very next visit."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.intake.models import Signal
from samenspel.intake.selectors import signal_inbox_page

from .factories import AttachmentFactory, KernFactory, SignalFactory

pytestmark = pytest.mark.django_db

URL = "/werk/signalen/"
ALL = f"{URL}?status="


def _rows(response) -> dict[str, str]:
    """Reference -> the row's HTML, as the visitor gets it."""
    html = response.content.decode()
    rows = {}
    for part in html.split('<tr class="utrecht-table__row">')[2:]:
        reference = part.split('">M-', 1)[1].split("<", 1)[0]
        rows[f"M-{reference}"] = part.split("</tr>", 1)[0]
    return rows


@pytest.fixture
def team_client(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    return client


def test_a_new_signal_shows_on_the_next_visit(team_client):
    first = SignalFactory()
    assert list(_rows(team_client.get(URL))) == [first.reference]

    second = SignalFactory()

    assert set(_rows(team_client.get(URL))) == {first.reference, second.reference}


def test_linking_a_signal_shows_on_the_next_visit(team_client, users):
    signal = SignalFactory()
    assert signal.reference in _rows(team_client.get(URL))
    challenge = ChallengeFactory()

    signal.challenge, signal.status = challenge, Signal.Status.LINKED
    signal.save(update_fields=["challenge", "status"])

    assert signal.reference not in _rows(team_client.get(URL))
    assert challenge.reference in _rows(team_client.get(ALL))[signal.reference]


def test_a_new_photo_and_a_renamed_kern_show_on_the_next_visit(team_client):
    kern = KernFactory(name="Uitwijk")
    signal = SignalFactory(kern=kern)
    row = _rows(team_client.get(URL))[signal.reference]
    assert "Uitwijk" in row and '<td class="utrecht-table__cell">0</td>' in row

    AttachmentFactory(signal=signal)
    kern.name = "Uitwijk (Altena)"
    kern.save()

    response = team_client.get(URL)
    row = _rows(response)[signal.reference]
    assert "Uitwijk (Altena)" in row and '<td class="utrecht-table__cell">1</td>' in row
    # The kern filter offers the new name too.
    assert f'<option value="{kern.pk}">Uitwijk (Altena)</option>' in response.content.decode()


def test_deleting_a_challenge_clears_the_link_on_the_next_visit(team_client):
    challenge = ChallengeFactory()
    signal = SignalFactory(challenge=challenge, status=Signal.Status.LINKED)
    assert challenge.reference in _rows(team_client.get(ALL))[signal.reference]

    challenge.delete()

    assert challenge.reference not in _rows(team_client.get(ALL))[signal.reference]


def test_an_area_director_never_gets_the_page_cached_for_the_team(client, users):
    director = users[Role.AREA_DIRECTOR]
    own, other = KernFactory(name="Dussen"), KernFactory(name="Andel")
    own.area_director = director.employee
    own.save()
    mine, not_mine = SignalFactory(kern=own), SignalFactory(kern=other)

    client.force_login(users[Role.DEVELOPMENT_TEAM])
    assert set(_rows(client.get(URL))) == {mine.reference, not_mine.reference}
    client.force_login(director)
    assert set(_rows(client.get(URL))) == {mine.reference}


def test_the_cached_page_matches_the_selector(team_client, users):
    signals = [SignalFactory() for _ in range(3)]
    team_client.get(URL)  # fill the cache
    page = signal_inbox_page(user=users[Role.DEVELOPMENT_TEAM], filters=_default_filters())

    assert list(_rows(team_client.get(URL))) == [s.reference for s in page.signals]
    assert {s.pk for s in page.signals} == {s.pk for s in signals}


def _default_filters():
    from samenspel.intake.selectors import InboxFilters

    return InboxFilters()


def test_residents_words_and_kern_names_are_escaped_in_the_rows(team_client):
    kern = KernFactory(name='Hank <b onmouseover="x">')
    signal = SignalFactory(kern=kern, text='Lamp kapot <script>alert("x")</script> & donker')

    row = _rows(team_client.get(URL))[signal.reference]

    assert "<script>" not in row and "<b " not in row
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; donker" in row
    assert "Hank &lt;b onmouseover=&quot;x&quot;&gt;" in row
