"""A challenge page's lessons and "relevant knowledge", cached until knowledge changes.

Proposing lessons and tools for a challenge costs a full-text query and four more, and on
PostgreSQL building the query alone costs more than the rest of the page (issue 2's speed
goal). The challenge's own lessons and the proposals are the same for every viewer: they
depend only on the lessons (and their authors' names), the tools and their index, and on
the challenge's own status, title, summary, themes and kernen. So their HTML is cached
under a key made of exactly those challenge fields (a changed challenge gets a new key by
itself) and a token that every write to knowledge replaces (`knowledge_changed`). What
depends on the viewer (the link to write a lesson) is never cached. The token lives in the
database (`KnowledgeVersion`): every worker process sees a change at once, and a write that
is rolled back rolls its token back too.

Model signals replace the token: saves and deletes of `Lesson`, `Tool`, `Tag`,
`SearchDocument` and `Employee` (a lesson shows its author's name), and changes to a
lesson's kernen and themes or a tool's tags. Services that write with `QuerySet.update()`
call `knowledge_changed()` themselves. The language and the date are part of the key: a
tool turns stale overnight. The cache timeout is only a safety net for writes outside all
of these (a bulk data load).
"""

from collections.abc import Callable

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from samenspel.core import versions

from .models import KnowledgeVersion, Lesson, SearchDocument, Tag, Tool


def knowledge_version() -> str:
    """The current token: one indexed single-row query."""
    return versions.current(KnowledgeVersion)


def knowledge_changed() -> None:
    """Make every cached proposal stale; part of the caller's transaction."""
    versions.replace(KnowledgeVersion)


def cached_challenge_knowledge(
    *, challenge, limit: int, render: Callable[[], tuple[str, str]]
) -> tuple[str, str]:
    """The HTML of the challenge's own lessons and of the proposals, from `render()` when
    not cached.

    The challenge's kernen and themes come from its prefetched relations when the page
    loaded them, and the token from `challenge.knowledge_token` when the page read it already
    (the challenge page's cache reads it with its own tokens), so the key costs no query.
    """
    parts = (
        getattr(challenge, "knowledge_token", None) or knowledge_version(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        str(challenge.pk),
        str(limit),
        challenge.status,
        challenge.title,
        challenge.summary,
        ",".join(str(kern.pk) for kern in challenge.kernen.all()),
        *(f"{theme.pk}={theme.name}" for theme in challenge.themes.all()),
    )
    return versions.cached("knowledge:challenge", parts, render)


_on_change = versions.receiver(KnowledgeVersion)


def connect_signals() -> None:
    from samenspel.organisation.models import Employee

    for model in (Lesson, Tool, Tag, SearchDocument, Employee):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"knowledge-save-{model.__name__}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"knowledge-delete-{model.__name__}"
        )
    for through, name in (
        (Lesson.kernen.through, "lesson-kernen"),
        (Lesson.themes.through, "lesson-themes"),
        (Tool.tags.through, "tool-tags"),
    ):
        m2m_changed.connect(_on_change, sender=through, dispatch_uid=f"knowledge-{name}")
