"""A busy challenge page shows its newest signals and pages through the rest."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.challenges.selectors import DETAIL_SIGNAL_LIMIT
from samenspel.challenges.services import challenge_link_signals

from .factories import FollowedSignalFactory, SignalFactory


def _link(challenge, actor, count: int, start: int = 0) -> None:
    now = timezone.now()
    signals = [SignalFactory(received_at=now - timedelta(hours=start + n)) for n in range(count)]
    challenge_link_signals(challenge=challenge, signals=signals, actor=actor)


def _rows(html: str) -> list[str]:
    body = html[html.index('id="signalen-kop"') : html.index("</table>")]
    return re.findall(r'<td class="utrecht-table__cell">([^:<]+):', body)


def test_busy_challenge_shows_the_newest_signals_and_links_to_older_ones(client, users, challenge):
    team = users[Role.DEVELOPMENT_TEAM]
    _link(challenge, team, DETAIL_SIGNAL_LIMIT + 4)
    client.force_login(team)
    url = reverse("challenges:detail", args=[challenge.pk])
    html = client.get(url).content.decode()
    first = _rows(html)
    assert len(first) == DETAIL_SIGNAL_LIMIT
    cursor = re.search(r'href="\?signalen_na=([0-9.]+)#signalen"', html)[1]
    html = client.get(url, {"signalen_na": cursor}).content.decode()
    rest = _rows(html)
    assert "Nieuwste signalen" in html
    assert 'href="?signalen_na=' not in html
    assert not set(first) & set(rest)
    assert len(rest) == 5  # 24 linked plus the fixture's own signal, minus the first page


def test_unknown_signal_cursor_shows_the_newest_signals(client, users, challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    url = reverse("challenges:detail", args=[challenge.pk])
    response = client.get(url, {"signalen_na": "junk"})
    assert response.status_code == 200
    assert "Het bankje bij de kerk is vernield." in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_challenge_page_needs_the_same_queries_for_few_and_many_signals(
    client, users, challenge, django_assert_num_queries
):
    team = users[Role.DEVELOPMENT_TEAM]
    client.force_login(team)
    url = reverse("challenges:detail", args=[challenge.pk])
    client.get(url)  # the first page of a fresh database creates the token rows
    _link(challenge, team, 2)
    few = _queries(client, url)
    challenge_link_signals(
        challenge=challenge,
        signals=[FollowedSignalFactory() for _ in range(DETAIL_SIGNAL_LIMIT * 2)],
        actor=team,
    )
    with django_assert_num_queries(few):
        client.get(url)
