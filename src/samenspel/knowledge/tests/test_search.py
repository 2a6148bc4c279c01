"""knowledge_search: one selector over lessons and tools, on SQLite and PostgreSQL alike."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.knowledge import services
from samenspel.knowledge.models import SearchDocument
from samenspel.knowledge.selectors import knowledge_search

from .factories import make_lesson, make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(users):
    return users[Role.DEVELOPMENT_TEAM]


def test_lessons_and_tools_are_found_together(team):
    tool = make_tool(actor=team, title="Buurtgesprek voorbereiden", body="Stappenplan.")
    lesson = make_lesson(actor=team, title="Buurtgesprek in Andel liep goed")
    assert {hit.object for hit in knowledge_search(query="buurtgesprek")} == {tool, lesson}


def test_kinds_limit_the_search_to_lessons_or_tools(team):
    tool = make_tool(actor=team, title="Buurtgesprek voorbereiden", body="Stappenplan.")
    lesson = make_lesson(actor=team, title="Buurtgesprek in Andel liep goed")
    assert [h.object for h in knowledge_search(query="buurtgesprek", kinds=["tool"])] == [tool]
    assert [h.object for h in knowledge_search(query="buurtgesprek", kinds=["lesson"])] == [lesson]


def test_unknown_kind_is_a_programming_error(team):
    with pytest.raises(ValueError, match="unknown knowledge kinds"):
        knowledge_search(query="x", kinds=["signal"])


def test_a_word_in_the_title_outranks_the_same_word_in_the_body(team):
    in_body = make_tool(
        actor=team, title="Checklist bewonersavond", body="Denk ook aan de speeltuin."
    )
    in_title = make_tool(actor=team, title="Speeltuin vernieuwen", body="Stappen en kosten.")
    hits = knowledge_search(query="speeltuin")
    assert [h.object for h in hits] == [in_title, in_body]


def test_a_document_that_matches_more_words_ranks_higher(team):
    one = make_tool(actor=team, title="Subsidie aanvragen", body="Formulier en begroting.")
    both = make_tool(actor=team, title="Subsidie voor een speeltuin", body="Begroting.")
    assert knowledge_search(query="subsidie speeltuin")[0].object == both
    assert one in [h.object for h in knowledge_search(query="subsidie speeltuin")]


def test_tags_are_searchable(team):
    tool = make_tool(
        actor=team, title="Keukentafelgesprek", body="Thuis bij bewoners.", tags=["eenzaamheid"]
    )
    assert [h.object for h in knowledge_search(query="eenzaamheid")] == [tool]


def test_an_edited_tool_is_found_by_its_new_words_only(team):
    tool = make_tool(actor=team, title="Buurtbudget", body="Verdeel het budget samen.")
    services.tool_update(tool=tool, actor=team, title="Wijkbudget", body="Samen verdelen.")
    assert knowledge_search(query="buurtbudget") == []
    assert [h.object for h in knowledge_search(query="wijkbudget")] == [tool]
    assert SearchDocument.objects.filter(kind="tool", object_id=tool.pk).count() == 1


@pytest.mark.parametrize(
    "query",
    ["", "   ", "de het een", '"', 'speeltuin"', "NEAR(a b)", "a OR", "* AND -", "^title:x",
     "'; DROP TABLE knowledge_tool; --", "💡🌳", "x" * 500],
)  # fmt: skip
def test_empty_stop_words_or_search_syntax_never_break_the_search(team, query):
    make_tool(actor=team, title="Speeltuin vernieuwen", body="Stappen.")
    hits = knowledge_search(query=query)
    assert isinstance(hits, list)


def test_search_syntax_characters_are_treated_as_words(team):
    tool = make_tool(actor=team, title="Speeltuin vernieuwen", body="Stappen.")
    assert [h.object for h in knowledge_search(query='"speeltuin" OR NOT')] == [tool]


def test_limit_caps_the_number_of_hits(team):
    for number in range(5):
        make_tool(actor=team, title=f"Speeltuin {number}", body="Stappen.")
    assert len(knowledge_search(query="speeltuin", limit=3)) == 3
    assert knowledge_search(query="speeltuin", limit=0) == []


def test_reindex_rebuilds_the_index_from_lessons_and_tools(team):
    tool = make_tool(actor=team, title="Speeltuin vernieuwen", body="Stappen.")
    lesson = make_lesson(actor=team, title="Speeltuinen in Sleeuwijk")
    SearchDocument.objects.all().delete()
    assert knowledge_search(query="speeltuin") == []
    assert services.knowledge_reindex() == 2
    assert {h.object for h in knowledge_search(query="speeltuin")} == {tool, lesson}
