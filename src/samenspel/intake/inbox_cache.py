"""Pages of the signal inbox, cached until something the inbox shows changes.

The triage team opens the inbox all day, while new signals arrive a few times an hour. Each
page (its fifty rows, rendered, and the cursor to the next page) is cached under a token that
every write the inbox shows replaces (`inbox_changed`), together with who may see what (the
development team sees everything, an area director their own kernen), the filters, the
page and the language. The token lives in the database (`InboxVersion`), so every worker
process sees a change at once and a write that is rolled back rolls its token back too.

Model signals replace the token: saves and deletes of `Signal` and `Attachment` (a photo
count), of `Kern` (a kern's name, an area director's kernen) and deletes of a `Challenge`
(the database then clears the signals' link without a save). The one `QuerySet.update()` on
signals in the services sets `first_answered_at`, which the inbox does not show. The cache
timeout is only a safety net for writes outside all of these (a bulk data load).
"""

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import translation

from samenspel.core import versions

from . import selectors
from .models import Attachment, InboxVersion, Signal


def inbox_version() -> str:
    """The current token: one indexed single-row query."""
    return versions.current(InboxVersion)


def inbox_changed() -> None:
    """Make every cached inbox page stale; part of the caller's transaction."""
    versions.replace(InboxVersion)


def cached_page(*, version: str, parts: tuple, build: Callable[[], Any]) -> Any:
    """`build()`'s result for this token, language and key parts, built when not cached."""
    return versions.cached(
        "intake:inbox", (version, translation.get_language() or "", *parts), build
    )


def kern_options(*, version: str) -> list[tuple[str, str]]:
    """(id, name) of every kern for the inbox's filter; a renamed kern replaces the token."""
    return versions.cached("intake:inbox-kernen", (version,), selectors.kern_options)


_on_change = versions.receiver(InboxVersion)


def connect_signals() -> None:
    from samenspel.challenges.models import Challenge
    from samenspel.places.models import Kern

    for model in (Signal, Attachment, Kern):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"inbox-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"inbox-delete-{model.__name__}")
    post_delete.connect(_on_change, sender=Challenge, dispatch_uid="inbox-delete-Challenge")
