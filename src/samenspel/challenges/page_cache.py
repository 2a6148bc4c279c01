"""A challenge page's body, cached per viewer until something the page shows changes.

Building the page costs a dozen queries and six blocks of HTML (issue 2's slowest page),
while a challenge changes only when somebody works on it and staff come back to the same
challenge again and again. So the body (all of `<main>` but the flash messages) is cached
under a token that every write the page shows replaces (`page_changed`), and per viewer:
the blocks show links and forms by the viewer's rights, and a key per viewer and role set
can never hand one person's page to another. The token lives in the database
(`ChallengePageVersion`, ADR 13): every worker process sees a change at once, and a write
that is rolled back rolls its token back too.

Never cached, filled in per request instead (`fill`):
- residents' personal data: each reporter cell is a placeholder, filled from `Reporter` on
  every request, so an anonymisation (a `QuerySet.update()`) shows at once and every request
  that shows reporters writes its audit entry (AVG art. 5(2));
- the CSRF token and the forms' submission tokens, so that two notes written from one
  cached page are two notes.
A placeholder is a random marker (new for every render, so no resident can type one into a
signal) followed by its kind and an `x`.

Model signals replace the token: saves and deletes of the challenge and everything it shows
(events, linked signals, priority scores and records, criteria, criteria changes, the
participation advice, the coalition and its places), of the names it shows (kernen, themes,
departments, employees, users) and changes to a challenge's kernen and themes. A new signal
that is not linked to any challenge, a new kern, theme, department, employee or user (on no
page until a write links it), and a log-in (which saves only `last_login`) leave it. The
knowledge block has its own token (`KnowledgeVersion`), read in the same query and part of
the key; so are today's date ("waiting for priority" counts working days) and the language.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

from samenspel.accounts.roles import user_roles
from samenspel.core import versions

from . import selectors
from .models import (
    Challenge,
    ChallengeEvent,
    ChallengePageVersion,
    CriteriaChange,
    PriorityCriterion,
    PriorityRecord,
    PriorityScore,
)

BODY_FORMAT = 1


@dataclass(frozen=True)
class PageBody:
    """A rendered body with its placeholders; what the cache holds."""

    title: str
    html: str
    marker: str
    # (signal pk, reporter pk) of every row whose reporter cell is a placeholder.
    reporters: tuple[tuple[int, int], ...] = ()
    reference: str = ""


def new_marker() -> str:
    return "ph" + secrets.token_hex(12)


def csrf_placeholder(marker: str) -> str:
    return f"{marker}cx"


def token_placeholder(marker: str, index: int) -> str:
    return f"{marker}t{index}x"


def reporter_placeholder(marker: str, signal_pk: int) -> str:
    return f"{marker}r{signal_pk}x"


def fill(body: PageBody, *, csrf: str, new_token: Callable[[], str], reporter_cells) -> str:
    """The body's HTML with every placeholder replaced, in one pass: the CSRF token, a fresh
    submission token for each form, and `reporter_cells[signal pk]` (already escaped)."""
    pattern = re.compile(re.escape(body.marker) + r"(c|t\d+|r\d+)x")

    def replace(match: re.Match) -> str:
        kind = match.group(1)
        if kind == "c":
            return csrf
        if kind[0] == "t":
            return new_token()
        return reporter_cells[int(kind[1:])]

    return pattern.sub(replace, body.html)


def page_version() -> tuple[str, str]:
    """The page token and the knowledge token, in one indexed query."""
    from samenspel.knowledge.models import KnowledgeVersion

    token, knowledge = versions.read(ChallengePageVersion, KnowledgeVersion)
    if token is None:
        token = versions.current(ChallengePageVersion)
    return token, knowledge or ""


def page_changed() -> None:
    """Make every cached challenge page stale; part of the caller's transaction."""
    versions.replace(ChallengePageVersion)


def cached_body(*, user, pk: int, after: str, build: Callable[[], PageBody]) -> PageBody:
    """The body of challenge `pk`'s page for this viewer, built by `build()` when missing."""
    token, knowledge = page_version()
    parts = (
        # What a cached body looks like: a deploy that changes `PageBody` or the body's
        # placeholders raises this, so that no process reads an entry of the old shape.
        BODY_FORMAT,
        token,
        knowledge,
        pk,
        after,
        user.pk,
        tuple(sorted(user_roles(user))),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        selectors.unscored_working_days(),
    )
    return versions.cached("challenges:page", parts, build)


_on_change = versions.receiver(ChallengePageVersion)


def _on_name_save(sender, created, **kwargs) -> None:
    # A new kern, theme, department, employee or user is on no page until something links
    # it, and that write replaces the token itself.
    if not created:
        page_changed()


def _on_signal_save(sender, instance, created, **kwargs) -> None:
    # A new signal outside every challenge is on no challenge page (the public form's path).
    if not (created and instance.challenge_id is None):
        page_changed()


def _on_user_save(sender, created, update_fields=None, **kwargs) -> None:
    # Django saves `last_login` alone at every log-in; the pages show names, not that.
    if not created and (update_fields is None or set(update_fields) != {"last_login"}):
        page_changed()


def connect_signals() -> None:
    from django.contrib.auth import get_user_model

    from samenspel.coalitions.models import Coalition, Membership
    from samenspel.intake.models import Signal
    from samenspel.organisation.models import Department, Employee
    from samenspel.participation.models import ParticipationAdvice
    from samenspel.places.models import Kern

    from .models import Theme

    for model in (
        Challenge,
        ChallengeEvent,
        PriorityCriterion,
        PriorityScore,
        PriorityRecord,
        CriteriaChange,
        ParticipationAdvice,
        Coalition,
        Membership,
    ):
        name = model.__name__
        post_save.connect(_on_change, sender=model, dispatch_uid=f"page-save-{name}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"page-delete-{name}")
    for model in (Kern, Theme, Department, Employee):
        name = model.__name__
        post_save.connect(_on_name_save, sender=model, dispatch_uid=f"page-save-{name}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"page-delete-{name}")
    post_save.connect(_on_signal_save, sender=Signal, dispatch_uid="page-save-Signal")
    post_delete.connect(_on_change, sender=Signal, dispatch_uid="page-delete-Signal")
    user = get_user_model()
    post_save.connect(_on_user_save, sender=user, dispatch_uid="page-save-User")
    post_delete.connect(_on_change, sender=user, dispatch_uid="page-delete-User")
    for through in (Challenge.kernen.through, Challenge.themes.through):
        m2m_changed.connect(_on_change, sender=through, dispatch_uid=f"page-{through.__name__}")
