"""The challenge page's knowledge block is cached, yet every change shows on the next visit."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.challenges.services import challenge_update
from samenspel.challenges.tests.factories import ThemeFactory
from samenspel.knowledge import services
from samenspel.knowledge.models import Lesson, Tag
from samenspel.organisation.models import Employee
from samenspel.places.tests.factories import KernFactory

from .factories import make_challenge, make_lesson, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(users):
    return users[Role.DEVELOPMENT_TEAM]


@pytest.fixture
def staff_client(client, users):
    client.force_login(users[Role.EMPLOYEE])
    return client


def _block(client, challenge) -> str:
    response = client.get(reverse("challenges:detail", args=[challenge.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="geleerde-lessen"')
    return html[start : html.index("</section>", html.index('id="relevante-kennis"'))]


def test_second_visit_does_not_search_the_knowledge_base(staff_client, team):
    make_tool(actor=team, title="Checklist speeltuin vernieuwen", body="Toestellen.")
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    assert "Checklist speeltuin vernieuwen" in _block(staff_client, challenge)
    with CaptureQueriesContext(connection) as queries:
        assert "Checklist speeltuin vernieuwen" in _block(staff_client, challenge)
    assert not [q for q in queries if "knowledge_lesson" in q["sql"] or "search" in q["sql"]]


def test_new_tool_shows_at_once(staff_client, team):
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    assert "Nog niets gevonden" in _block(staff_client, challenge)
    make_tool(actor=team, title="Checklist speeltuin vernieuwen", body="Toestellen.")
    assert "Checklist speeltuin vernieuwen" in _block(staff_client, challenge)


def test_renamed_and_deleted_tool_show_at_once(staff_client, team):
    tool = make_tool(actor=team, title="Checklist speeltuin vernieuwen", body="Toestellen.")
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    _block(staff_client, challenge)
    services.tool_update(tool=tool, actor=team, title="Speeltuin: de checklist", body="Toestellen.")
    html = _block(staff_client, challenge)
    assert "Speeltuin: de checklist" in html and "Checklist speeltuin vernieuwen" not in html
    tool.delete()
    assert "Speeltuin: de checklist" not in _block(staff_client, challenge)


def test_reviewed_tool_loses_its_stale_flag_at_once(staff_client, team):
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    with freeze_time(timezone.now() - timedelta(days=400)):
        tool = make_tool(actor=team, title="Checklist speeltuin vernieuwen", body="Toestellen.")
        assert "verouderd" not in _block(staff_client, challenge)
    # Today is another key: the tool turned stale since.
    assert "verouderd" in _block(staff_client, challenge)
    services.tool_mark_reviewed(tool=tool, actor=team)
    assert "verouderd" not in _block(staff_client, challenge)


def test_changed_challenge_text_shows_new_proposals_at_once(staff_client, team):
    make_tool(actor=team, title="Subsidie voor energieavonden", body="Formulier.")
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    assert "Subsidie voor energieavonden" not in _block(staff_client, challenge)
    challenge_update(challenge=challenge, actor=team, summary="Een energieavond met subsidie.")
    assert "Subsidie voor energieavonden" in _block(staff_client, challenge)


def test_changed_themes_and_kernen_show_at_once(staff_client, team):
    kern = KernFactory(name="Woudrichem", slug="woudrichem")
    theme = ThemeFactory(name="Leefbaarheid", slug="leefbaarheid")
    earlier = make_challenge(title="Bankjes aan de haven")
    lesson = make_lesson(actor=team, challenge=earlier, title="Samen onderhoud regelen")
    challenge = make_challenge(status="new", title="Verlichting bij de vestingwal", summary="")
    challenge.kernen.set([kern])
    assert "Samen onderhoud regelen" not in _block(staff_client, challenge)
    lesson.kernen.set([kern])  # the lesson now shares the challenge's kern
    assert "Samen onderhoud regelen" in _block(staff_client, challenge)
    lesson.kernen.set([])
    assert "Samen onderhoud regelen" not in _block(staff_client, challenge)
    lesson.themes.set([theme])
    challenge_update(challenge=challenge, actor=team, themes=[theme])
    assert "Samen onderhoud regelen" in _block(staff_client, challenge)


def test_tool_tagged_with_the_theme_shows_at_once(staff_client, team):
    tool = make_tool(actor=team, title="Energieavond", body="Draaiboek.")
    challenge = make_challenge(status="new", title="Dorpshuis Genderen", summary="")
    challenge.themes.set([ThemeFactory(name="Duurzaamheid", slug="duurzaamheid")])
    assert "Energieavond" not in _block(staff_client, challenge)
    tool.tags.add(Tag.objects.create(name="duurzaamheid", slug="duurzaamheid"))
    assert "Energieavond" in _block(staff_client, challenge)


def test_own_lesson_and_its_renamed_author_show_at_once(staff_client, team, done_challenge):
    assert "Nog geen geleerde les" not in _block(staff_client, done_challenge)
    lesson = make_lesson(actor=team, challenge=done_challenge, title="Speeltuin: geleerd")
    html = _block(staff_client, done_challenge)
    assert "Speeltuin: geleerd" in html
    author = Employee.objects.get(pk=lesson.author_id)
    author.name = "Anna de Vries-Jansen"
    author.save()
    assert "Anna de Vries-Jansen" in _block(staff_client, done_challenge)
    Lesson.objects.get(pk=lesson.pk).delete()
    assert "Speeltuin: geleerd" not in _block(staff_client, done_challenge)


def test_lesson_offer_follows_the_status_at_once(staff_client, team):
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    assert "Een geleerde les schrijf je als" in _block(staff_client, challenge)
    challenge.status = "done"
    challenge.save()
    assert "Er is nog geen geleerde les" in _block(staff_client, challenge)


def test_the_write_link_is_not_shared_between_viewers(client, users, done_challenge):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    assert "Geleerde les schrijven" in _block(client, done_challenge)
    client.force_login(users[Role.EMPLOYEE])
    assert "Geleerde les schrijven" not in _block(client, done_challenge)
