from datetime import timedelta

import pytest
from django.db.models import Max, Min
from django.urls import reverse

from samenspel.accounts.models import User
from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.challenges.workflow import Status
from samenspel.demo.knowledge_demo import knowledge_demo_load
from samenspel.knowledge.models import Lesson, SearchDocument, Tool, ToolUsage
from samenspel.knowledge.rendering import render_markdown
from samenspel.knowledge.selectors import knowledge_search

pytestmark = pytest.mark.django_db

CLOSED = (Status.HANDED_OVER, Status.DONE, Status.EVALUATED)


def test_every_closed_challenge_has_a_lesson_by_its_owner(demo):
    closed = Challenge.objects.filter(status__in=CLOSED).prefetch_related("lessons")
    assert closed.count() >= 15
    for challenge in closed:
        lessons = list(challenge.lessons.all())
        assert len(lessons) == 1, challenge
        if challenge.owner_id:
            assert lessons[0].author_id == challenge.owner_id, challenge
        else:
            assert lessons[0].author.is_development_team, challenge


def test_no_evaluated_challenge_is_without_a_lesson_written_before_its_evaluation(demo):
    evaluated = Challenge.objects.filter(status=Status.EVALUATED)
    assert evaluated.exists()
    for challenge in evaluated:
        lesson = challenge.lessons.get()
        evaluation = challenge.events.get(
            kind=ChallengeEvent.Kind.TRANSITION, to_status=Status.EVALUATED
        )
        assert lesson.created_at < evaluation.created_at, challenge


def test_open_challenges_have_no_lesson_yet(demo):
    assert not Lesson.objects.exclude(challenge__status__in=CLOSED).exists()


def test_lessons_carry_the_kernen_and_themes_of_their_challenge(demo):
    for lesson in Lesson.objects.select_related("challenge").prefetch_related(
        "kernen", "themes", "challenge__kernen", "challenge__themes"
    ):
        assert set(lesson.kernen.all()) == set(lesson.challenge.kernen.all())
        assert set(lesson.themes.all()) == set(lesson.challenge.themes.all())


def test_every_lesson_says_what_worked_what_did_not_next_time_and_whom_to_ask(demo):
    lessons = list(Lesson.objects.all())
    for lesson in lessons:
        assert lesson.what_worked and lesson.what_did_not and lesson.next_time, lesson
        assert lesson.who_to_ask and "{" not in lesson.who_to_ask + lesson.what_worked
    # A topic that came back in another kern did not get the same lesson twice.
    assert len({(lesson.title, lesson.what_worked) for lesson in lessons}) == len(lessons)


def test_a_lesson_about_water_trouble_talks_about_the_water_board(demo):
    lesson = Lesson.objects.filter(title__startswith="Wateroverlast").first()
    assert lesson is not None
    assert "waterschap" in lesson.what_worked


def test_demo_has_ten_to_fifteen_tools_owned_by_the_development_team(demo):
    tools = Tool.objects.select_related("owner").prefetch_related("tags")
    assert 10 <= tools.count() <= 15
    for tool in tools:
        assert tool.owner.is_development_team, tool
        assert tool.summary and tool.tags.exists(), tool


def test_tool_bodies_render_headings_and_lists_and_some_link_out(demo):
    rendered = [render_markdown(tool.body) for tool in Tool.objects.all()]
    assert all("<h3" in html and ("<ul>" in html or "<ol>" in html) for html in rendered)
    assert sum('<a href="https://' in html for html in rendered) >= 4


def test_some_tools_are_due_for_review_and_most_are_not(demo):
    stale = [tool for tool in Tool.objects.all() if tool.is_stale]
    assert 2 <= len(stale) < Tool.objects.count() / 2


def test_tools_page_flags_the_stale_tools(demo, client):
    client.force_login(User.objects.get(username="team"))
    page = client.get(reverse("knowledge:index")).content.decode()
    assert "Draaiboek dorpsavond" in page
    assert page.count("samenspel-stale") == sum(tool.is_stale for tool in Tool.objects.all())


def test_tool_usage_spreads_over_two_years_and_grows_with_many_colleagues(demo, demo_anchor):
    usage = ToolUsage.objects.all()
    span = usage.aggregate(first=Min("at"), last=Max("at"))
    assert span["last"] < demo_anchor
    assert demo_anchor - span["first"] > timedelta(days=500)
    assert usage.values("employee").distinct().count() >= 40
    last_year = usage.filter(at__gte=demo_anchor - timedelta(days=365)).count()
    assert last_year > usage.count() - last_year
    for tool in Tool.objects.all():
        assert not tool.usages.filter(at__lt=tool.created_at).exists(), tool


def test_knowledge_history_lies_before_the_anchor(demo, demo_anchor):
    assert Lesson.objects.aggregate(m=Max("created_at"))["m"] < demo_anchor
    assert Tool.objects.aggregate(m=Max("created_at"))["m"] < demo_anchor


def test_search_finds_a_demo_tool_by_another_word_form(demo):
    hits = knowledge_search(query="dorpsavonden")
    assert hits[0].object.title == "Draaiboek dorpsavond"
    hits = knowledge_search(query="keukentafelgesprekken", kinds=[SearchDocument.Kind.TOOL])
    assert hits[0].object.title == "Checklist keukentafelgesprek"


def test_search_finds_the_lessons_of_the_demo(demo):
    assert SearchDocument.objects.filter(kind=SearchDocument.Kind.LESSON).count() == (
        Lesson.objects.count()
    )
    lesson = Lesson.objects.filter(title__startswith="Wateroverlast").first()
    hits = knowledge_search(query="wateroverlast waterschap", kinds=[SearchDocument.Kind.LESSON])
    assert lesson in [hit.object for hit in hits]


def test_loading_the_knowledge_again_creates_nothing(demo, demo_anchor):
    before = (Lesson.objects.count(), Tool.objects.count(), ToolUsage.objects.count())
    created = knowledge_demo_load(anchor=demo_anchor)
    assert set(created.values()) == {0}
    assert (Lesson.objects.count(), Tool.objects.count(), ToolUsage.objects.count()) == before
