"""Every challenge page proposes lessons and tools from its text, kernen and themes."""

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ThemeFactory
from samenspel.knowledge.selectors import knowledge_for_challenge
from samenspel.places.tests.factories import KernFactory

from .factories import make_challenge, make_lesson, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(users):
    return users[Role.DEVELOPMENT_TEAM]


def test_a_tool_about_the_same_subject_is_proposed_first(team):
    relevant = make_tool(actor=team, title="Checklist speeltuin vernieuwen", body="Toestellen.")
    make_tool(actor=team, title="Subsidie aanvragen", body="Formulier.")
    challenge = make_challenge(
        status="active", title="Speeltuinen in Andel opknappen", summary="Oude toestellen."
    )
    hits = knowledge_for_challenge(challenge=challenge)
    assert [h.object for h in hits] == [relevant]


def test_a_lesson_from_the_same_kern_and_theme_is_proposed_without_shared_words(team):
    kern = KernFactory(name="Woudrichem", slug="woudrichem")
    theme = ThemeFactory(name="Leefbaarheid", slug="leefbaarheid")
    earlier = make_challenge(title="Bankjes aan de haven")
    earlier.kernen.set([kern])
    earlier.themes.set([theme])
    lesson = make_lesson(actor=team, challenge=earlier, title="Samen onderhoud regelen")
    other = make_lesson(actor=team, title="Iets heel anders")
    challenge = make_challenge(status="new", title="Verlichting bij de vestingwal", summary="")
    challenge.kernen.set([kern])
    challenge.themes.set([theme])
    proposed = [h.object for h in knowledge_for_challenge(challenge=challenge)]
    assert lesson in proposed and other not in proposed


def test_a_tool_tagged_with_the_challenges_theme_is_proposed(team):
    theme = ThemeFactory(name="Duurzaamheid", slug="duurzaamheid")
    tool = make_tool(actor=team, title="Energieavond", body="Draaiboek.", tags=["duurzaamheid"])
    challenge = make_challenge(status="new", title="Dorpshuis Genderen", summary="")
    challenge.themes.set([theme])
    assert [h.object for h in knowledge_for_challenge(challenge=challenge)] == [tool]


def test_the_challenges_own_lessons_are_not_proposed_to_it(team, done_challenge):
    make_lesson(actor=team, challenge=done_challenge, title="Speeltuin Sleeuwijk: geleerd")
    assert knowledge_for_challenge(challenge=done_challenge) == []


def test_proposals_are_limited(team):
    for number in range(8):
        make_tool(actor=team, title=f"Speeltuin {number}", body="Stappen.")
    challenge = make_challenge(status="new", title="Speeltuin", summary="")
    assert len(knowledge_for_challenge(challenge=challenge, limit=5)) == 5


def test_challenge_page_shows_relevant_lessons_and_tools(client, users, team):
    tool = make_tool(actor=team, title="Checklist speeltuin vernieuwen", body="Toestellen.")
    challenge = make_challenge(status="active", title="Speeltuinen in Andel", summary="")
    client.force_login(users[Role.EMPLOYEE])
    html = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert "Relevante lessen en handvatten" in html
    assert reverse("knowledge:tool_detail", args=[tool.pk]) in html


def test_index_lists_recent_lessons_and_tools_in_few_queries(
    client, users, team, django_assert_max_num_queries
):
    for number in range(6):
        make_tool(actor=team, title=f"Handvat {number}", body="Stappen.", tags=["a", "b"])
        make_lesson(actor=team, title=f"Les {number}")
    client.force_login(users[Role.EMPLOYEE])
    with django_assert_max_num_queries(10):
        html = client.get(reverse("knowledge:index")).content.decode()
    assert "Handvat 5" in html and "Les 5" in html


def test_search_page_answers_an_empty_query_in_dutch(client, users):
    client.force_login(users[Role.EMPLOYEE])
    response = client.get(reverse("knowledge:search"), {"q": "  "})
    assert response.status_code == 400
    assert "Typ een of meer woorden om op te zoeken." in response.content.decode()


def test_search_page_refuses_an_unknown_kind_in_dutch(client, users):
    client.force_login(users[Role.EMPLOYEE])
    response = client.get(reverse("knowledge:search"), {"q": "x", "kind": "signaal"})
    assert response.status_code == 400
    assert "Kies lessen, handvatten of beide." in response.content.decode()


def test_search_page_lists_hits_with_their_kind(client, users, team):
    make_tool(actor=team, title="Coöperatie starten", body="Stappen.")
    client.force_login(users[Role.EMPLOYEE])
    html = client.get(reverse("knowledge:search"), {"q": "cooperaties"}).content.decode()
    assert "1 resultaat voor" in html
    assert "Coöperatie starten" in html
