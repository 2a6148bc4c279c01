"""Reads of the knowledge base: Dutch full-text search, proposals per challenge, lists."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.utils.text import slugify

from samenspel.challenges.models import Challenge

from .models import Lesson, SearchDocument, Tool
from .text import fold, fts5_match, stems, unique, words

KINDS = frozenset(SearchDocument.Kind.values)
# A challenge's own text can be long; its first distinct words say what it is about.
MAX_QUERY_TERMS = 30
# How much a shared theme or kern counts next to the best text match (which counts 1).
THEME_WEIGHT = 0.35
# What may go into a PostgreSQL text-search query unquoted: a word of `text.words`.
_QUERY_WORD = re.compile(r"[0-9a-z]+")
KERN_WEIGHT = 0.2


@dataclass(frozen=True)
class KnowledgeHit:
    kind: str
    object: Lesson | Tool
    score: float

    @property
    def is_lesson(self) -> bool:
        return self.kind == SearchDocument.Kind.LESSON


def _kinds(kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return sorted(KINDS)
    chosen = sorted(set(kinds))
    unknown = set(chosen) - KINDS
    if unknown:
        raise ValueError(f"unknown knowledge kinds: {sorted(unknown)}")
    return chosen


def _ranked_sqlite(text: str, kinds: list[str], limit: int) -> list[tuple[str, int, float]]:
    terms = unique(stems(text), MAX_QUERY_TERMS)
    if not terms:
        return []
    # bm25() is lower for better matches; a word in the title counts four times. There are
    # only two kinds, so "IN (%s, %s)" with the one kind twice covers a single-kind search.
    sql = (
        "SELECT d.kind, d.object_id, -bm25(knowledge_fts, 4.0, 1.0) AS score "
        "FROM knowledge_fts JOIN knowledge_searchdocument d ON d.id = knowledge_fts.rowid "
        "WHERE knowledge_fts MATCH %s AND d.kind IN (%s, %s) "
        "ORDER BY score DESC, d.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_match(terms), kinds[0], kinds[-1], limit])
        return [(kind, object_id, float(score)) for kind, object_id, score in cursor.fetchall()]


# The document vector, written exactly as the GIN index `knowledge_search_dutch` (migration
# 0002) so that PostgreSQL can use the index.
_PG_VECTOR = (
    "(setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')), 'A')"
    " || setweight(to_tsvector('dutch'::regconfig, COALESCE(body, '')), 'B')"
    " || setweight(to_tsvector('simple'::regconfig, COALESCE(title_stems, '')), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, COALESCE(body_stems, '')), 'B'))"
)
# Only constants are formatted in; the words are parameters.
_PG_RANKED = (
    f"SELECT d.kind, d.object_id, ts_rank({_PG_VECTOR}, q.query) AS rank "  # noqa: S608
    "FROM knowledge_searchdocument d, (SELECT to_tsquery('dutch'::regconfig, %s)"
    " || to_tsquery('simple'::regconfig, %s) AS query) q "
    f"WHERE {_PG_VECTOR} @@ q.query AND d.kind IN (%s, %s) "
    "ORDER BY rank DESC, d.id DESC LIMIT %s"
)


def _ranked_postgresql(text: str, kinds: list[str], limit: int) -> list[tuple[str, int, float]]:
    """Rank with PostgreSQL's "dutch" configuration, plus the same stems SQLite uses.

    PostgreSQL bundles the older Dutch snowball stemmer, which keeps "vrijwilligers" and
    "vrijwilliger" or "dorpshuizen" and "dorpshuis" apart. So the document vector holds both
    the "dutch" lexemes of the folded text and PyStemmer's stems (as "simple" lexemes), and
    a query matches either: the two databases then find the same word forms.

    Any of the words may match; documents that match more of them rank higher. The query is
    one `to_tsquery` per configuration with the words joined by "|": the words are runs of
    [0-9a-z] (see `text.words`), so they carry no query syntax. Built as Django expressions
    (one `SearchQuery` per word) the same query cost some 30 ms of Python per challenge page.
    """
    terms = unique(words(text), MAX_QUERY_TERMS)
    stemmed = [stem for stem in unique(stems(text), MAX_QUERY_TERMS) if _QUERY_WORD.fullmatch(stem)]
    if not terms:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            _PG_RANKED,
            [" | ".join(terms), " | ".join(stemmed), kinds[0], kinds[-1], limit],
        )
        return [(kind, object_id, float(rank)) for kind, object_id, rank in cursor.fetchall()]


def _ranked(text: str, kinds: list[str], limit: int) -> list[tuple[str, int, float]]:
    if connection.vendor == "postgresql":
        return _ranked_postgresql(text, kinds, limit)
    return _ranked_sqlite(text, kinds, limit)


def _hits(scored: list[tuple[str, int, float]]) -> list[KnowledgeHit]:
    """Load the lessons and tools behind scored ids (two queries), keeping the order."""
    ids = defaultdict(list)
    for kind, object_id, _score in scored:
        ids[kind].append(object_id)
    objects = {}
    if ids[SearchDocument.Kind.LESSON]:
        lessons = Lesson.objects.filter(pk__in=ids[SearchDocument.Kind.LESSON]).select_related(
            "challenge", "author"
        )
        objects.update({(SearchDocument.Kind.LESSON, lesson.pk): lesson for lesson in lessons})
    if ids[SearchDocument.Kind.TOOL]:
        tools = Tool.objects.filter(pk__in=ids[SearchDocument.Kind.TOOL]).select_related("owner")
        objects.update({(SearchDocument.Kind.TOOL, tool.pk): tool for tool in tools})
    return [
        KnowledgeHit(kind=kind, object=objects[(kind, object_id)], score=score)
        for kind, object_id, score in scored
        if (kind, object_id) in objects
    ]


def knowledge_search(
    *, query: str, kinds: Iterable[str] | None = None, limit: int = 20
) -> list[KnowledgeHit]:
    """Lessons and tools that match a Dutch query, most relevant first.

    Stemming and accent folding make "speeltuinen" find "speeltuin" and "coöperatie" find
    "cooperatie". SQLite ranks with FTS5's bm25, PostgreSQL with ts_rank over a "dutch"
    configuration; both weigh the title above the body.
    """
    if limit <= 0:
        return []
    return _hits(_ranked(query or "", _kinds(kinds), limit))


def knowledge_for_challenge(*, challenge: Challenge, limit: int = 5) -> list[KnowledgeHit]:
    """Lessons and tools worth reading for this challenge: its text, kernen and themes.

    Text relevance (scaled so the best match counts 1) plus a bonus per shared theme and
    shared kern; a tool shares a theme when one of its tags has the theme's name. Lessons of
    the challenge itself are left out: they are listed on their own.
    """
    # `.all()` reads the relations the challenge page prefetched instead of two queries.
    kernen = [(kern.pk, kern.name) for kern in challenge.kernen.all()]
    themes = [(theme.pk, theme.name) for theme in challenge.themes.all()]
    text = " ".join([challenge.title, challenge.summary, *(name for _id, name in themes)])
    scores: dict[tuple[str, int], float] = defaultdict(float)
    own = set(Lesson.objects.filter(challenge=challenge).values_list("id", flat=True))
    ranked = [
        row
        for row in _ranked(text, sorted(KINDS), limit * 4 + len(own))
        if not (row[0] == SearchDocument.Kind.LESSON and row[1] in own)
    ]
    best = max((score for _k, _i, score in ranked), default=0.0)
    for kind, object_id, score in ranked:
        if best > 0:
            scores[(kind, object_id)] += score / best
    lesson = SearchDocument.Kind.LESSON
    if themes:
        theme_ids = [theme_id for theme_id, _name in themes]
        shared = Lesson.themes.through.objects.filter(theme_id__in=theme_ids).exclude(
            lesson__challenge=challenge
        )
        for lesson_id in shared.values_list("lesson_id", flat=True):
            scores[(lesson, lesson_id)] += THEME_WEIGHT
        slugs = {slugify(fold(name)) for _id, name in themes}
        tagged = Tool.tags.through.objects.filter(tag__slug__in=slugs)
        for tool_id in tagged.values_list("tool_id", flat=True):
            scores[(SearchDocument.Kind.TOOL, tool_id)] += THEME_WEIGHT
    if kernen:
        shared = Lesson.kernen.through.objects.filter(
            kern_id__in=[kern_id for kern_id, _name in kernen]
        ).exclude(lesson__challenge=challenge)
        for lesson_id in shared.values_list("lesson_id", flat=True):
            scores[(lesson, lesson_id)] += KERN_WEIGHT
    best_first = sorted(scores.items(), key=lambda item: (-item[1], item[0][0], -item[0][1]))
    return _hits([(kind, object_id, score) for (kind, object_id), score in best_first[:limit]])


def challenge_lessons(*, challenge: Challenge):
    return Lesson.objects.filter(challenge=challenge).select_related("author")


def recent_lessons(*, limit: int = 10):
    return Lesson.objects.select_related("challenge", "author").order_by("-created_at", "-id")[
        :limit
    ]


def tools_overview():
    """All tools, by title, with owner and tags: the stale ones are flagged on the page."""
    return Tool.objects.select_related("owner").prefetch_related("tags").order_by("title", "id")


def lesson_detail(*, pk: int) -> Lesson | None:
    return (
        Lesson.objects.select_related("challenge", "author")
        .prefetch_related("kernen", "themes", "coalition_members")
        .filter(pk=pk)
        .first()
    )


def tool_detail(*, pk: int) -> Tool | None:
    return (
        Tool.objects.select_related("owner")
        .prefetch_related("tags", "attachments")
        .filter(pk=pk)
        .first()
    )
