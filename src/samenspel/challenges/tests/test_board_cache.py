"""The cached board: served from the cache, yet every change shows on the next visit."""

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.challenges.models import Challenge
from samenspel.challenges.services import (
    challenge_link_signals,
    challenge_post_update,
    challenge_score,
    challenge_transition,
    challenge_update,
    criteria_reweight,
)
from samenspel.challenges.workflow import Status
from samenspel.organisation.tests.factories import DepartmentFactory
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory, SignalFactory

BOARD = reverse("challenges:board")


def _board(client, **params) -> str:
    response = client.get(BOARD, params)
    assert response.status_code == 200
    return response.content.decode()


def _column(html: str, status: str) -> str:
    start = html.index(f'id="kolom-{status}"')
    end = html.find("</section>", start)
    return html[start:end]


def _card(html: str, challenge: Challenge) -> str:
    start = html.index(f'id="opgave-{challenge.pk}"')
    return html[start : html.index("</article>", start)]


def test_second_visit_is_served_without_querying_challenges(staff_client, db):
    ChallengeFactory(title="Dorpshuis Eethen", status=Status.ACTIVE)
    _board(staff_client)
    with CaptureQueriesContext(connection) as queries:
        html = _board(staff_client)
    assert "Dorpshuis Eethen" in html
    assert not [q for q in queries if "challenges_challenge" in q["sql"]]


def test_changed_title_shows_at_once(staff_client, team):
    challenge = ChallengeFactory(title="Bankje bij de kerk", status=Status.ACTIVE)
    assert "Bankje bij de kerk" in _board(staff_client)
    challenge_update(challenge=challenge, actor=team, title="Ontmoetingsplek bij de kerk")
    html = _board(staff_client)
    assert "Ontmoetingsplek bij de kerk" in html
    assert "Bankje bij de kerk" not in html


def test_transition_moves_the_card_to_its_new_column_at_once(staff_client, team):
    challenge = ChallengeFactory(title="Glasvezel Uitwijk", status=Status.NEW)
    assert "Glasvezel Uitwijk" in _column(_board(staff_client), Status.NEW)
    challenge_transition(challenge=challenge, to=Status.EXPLORING, actor=team)
    html = _board(staff_client)
    assert "Glasvezel Uitwijk" in _column(html, Status.EXPLORING)
    assert "Glasvezel Uitwijk" not in _column(html, Status.NEW)


def test_new_score_shows_at_once(staff_client, team, criteria):
    challenge = ChallengeFactory(title="Speeltuin Andel", status=Status.ACTIVE)
    assert "nog niet gescoord" in _card(_board(staff_client, sort="priority"), challenge)
    challenge_score(
        challenge=challenge, actor=team, scores={criteria["urgency"].pk: (5, "Gevaarlijk.")}
    )
    challenge.refresh_from_db()
    card = _card(_board(staff_client, sort="priority"), challenge)
    assert "nog niet gescoord" not in card
    assert re.search(r"<dt>Prioriteit</dt><dd>[0-9]", card)


def test_reweighting_shows_the_new_ranking_at_once(staff_client, team, criteria):
    challenge = ChallengeFactory(title="Wandelroute Giessen", status=Status.ACTIVE)
    challenge_score(challenge=challenge, actor=team, scores={criteria["urgency"].pk: (4, "Snel.")})
    challenge.refresh_from_db()
    before = _card(_board(staff_client, sort="priority"), challenge)
    criteria_reweight(actor=team, weights={criteria["urgency"].pk: Decimal(0)}, reason="Test")
    challenge.refresh_from_db()
    after = _card(_board(staff_client, sort="priority"), challenge)
    assert after != before
    assert f"<dd>{str(challenge.priority).replace('.', ',')}</dd>" in after


def test_public_update_moves_the_challenge_to_the_top_at_once(staff_client, team):
    older = ChallengeFactory(title="Haven Woudrichem", status=Status.ACTIVE)
    ChallengeFactory(title="Kerkpad Wijk", status=Status.ACTIVE)
    column = _column(_board(staff_client), Status.ACTIVE)
    assert column.index("Kerkpad Wijk") < column.index("Haven Woudrichem")
    challenge_post_update(challenge=older, actor=team, text="We beginnen in maart.")
    column = _column(_board(staff_client), Status.ACTIVE)
    assert column.index("Haven Woudrichem") < column.index("Kerkpad Wijk")


def test_linked_signal_count_shows_at_once(staff_client, team):
    challenge = ChallengeFactory(title="Verkeer Almkerk", status=Status.ACTIVE)
    assert "<dt>Signalen</dt><dd>0</dd>" in _card(_board(staff_client), challenge)
    challenge_link_signals(challenge=challenge, signals=SignalFactory.create_batch(2), actor=team)
    assert "<dt>Signalen</dt><dd>2</dd>" in _card(_board(staff_client), challenge)


def test_changed_kernen_and_renamed_kern_show_at_once(staff_client, team):
    almkerk = KernFactory(name="Almkerk", slug="almkerk")
    challenge = ChallengeFactory(title="Dorpsfeest", status=Status.ACTIVE)
    assert "geen kern" in _card(_board(staff_client), challenge)
    challenge_update(challenge=challenge, actor=team, kernen=[almkerk])
    assert "<dd>Almkerk</dd>" in _card(_board(staff_client), challenge)
    almkerk.name = "Almkerk-Centrum"
    almkerk.save()
    assert "<dd>Almkerk-Centrum</dd>" in _card(_board(staff_client), challenge)


def test_renamed_department_shows_on_cards_and_in_the_filter_at_once(staff_client, db):
    department = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    challenge = ChallengeFactory(status=Status.ACTIVE, owner_department=department)
    assert "Sociaal Domein" in _card(_board(staff_client), challenge)
    department.name = "Samenleving"
    department.save()
    html = _board(staff_client)
    assert "Samenleving" in _card(html, challenge)
    assert '<option value="sociaal-domein">Samenleving</option>' in html


def test_filtered_boards_are_cached_apart(staff_client, db):
    almkerk = KernFactory(name="Almkerk", slug="almkerk")
    ChallengeFactory(title="Bankje Almkerk", kernen=[almkerk])
    ChallengeFactory(title="Haven Woudrichem")
    assert "Haven Woudrichem" in _board(staff_client)
    html = _board(staff_client, kern="almkerk")
    assert "Bankje Almkerk" in html
    assert "Haven Woudrichem" not in html


def test_english_board_is_cached_apart_from_the_dutch_one(staff_client, db):
    ChallengeFactory(title="Dorpshuis", status=Status.ACTIVE)
    assert "Kenmerk" in _board(staff_client)
    staff_client.post(reverse("set_language"), {"language": "en", "next": BOARD})
    html = _board(staff_client)
    assert "Reference" in html
    assert "Kenmerk" not in html
