"""Version tokens in the database, under which rendered pages are cached (ADR 13).

A token model (a `core.models.VersionToken`) has one row (id 1) with a `token` field.
Reading the token is one indexed single-row query; replacing it is part of the writer's
transaction, so every worker process sees a change at once and a write that is rolled back
rolls its token back too. The board (`BoardVersion`), the inbox (`InboxVersion`), the
knowledge block (`KnowledgeVersion`) and the challenge pages (`ChallengePageVersion`) each
have their own model, so that a write to one does not empty the caches of the others.
"""

import hashlib
import secrets
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Model

ROW = 1
# Only a safety net for writes that replace no token (a bulk data load); a change that does
# replace one shows at once.
CACHE_SECONDS = 600


def new_token() -> str:
    return secrets.token_hex(16)


_READ_SQL: dict[tuple[tuple[str, str], ...], str] = {}


def read_rows(*rows: tuple[type[Model], str, Any]) -> tuple[str | None, ...]:
    """The `token` of each (model, key column, key) row in one query, `None` for a missing row.

    Fixed SQL rather than a queryset: every cached page reads its tokens on every request,
    and compiling the ORM query cost more than running it (issue 2)."""
    shape = tuple((model._meta.db_table, column) for model, column, _ in rows)
    sql = _READ_SQL.get(shape)
    if sql is None:
        quote = connection.ops.quote_name
        # Only our own models' table and column names go in, quoted; keys are parameters.
        sql = _READ_SQL[shape] = "SELECT " + ", ".join(  # noqa: S608
            f"(SELECT {quote('token')} FROM {quote(table)} WHERE {quote(column)} = %s)"  # noqa: S608
            for table, column in shape
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key for _, _, key in rows])
        return tuple(cursor.fetchone())


def read(*models: type[Model]) -> tuple[str | None, ...]:
    """The tokens of these one-row token models in one query (`read_rows`)."""
    return read_rows(*((model, "id", ROW) for model in models))


def current(model: type[Model]) -> str:
    """The current token; the first read of an empty database creates the row."""
    (token,) = read(model)
    if token is None:
        token = model.objects.get_or_create(pk=ROW, defaults={"token": new_token()})[0].token
    return token


def replace(model: type[Model]) -> None:
    """Make everything cached under the current token stale; part of the caller's transaction."""
    token = new_token()
    if not model.objects.filter(pk=ROW).update(token=token):
        model.objects.get_or_create(pk=ROW, defaults={"token": token})


def receiver(model: type[Model]) -> Callable[..., None]:
    """A model-signal receiver that replaces `model`'s token on a save, a delete, or after a
    change of a many-to-many relation. Keep it in a module-level name: Django holds
    receivers weakly."""

    def on_change(sender, **kwargs) -> None:
        action = kwargs.get("action")
        if action is None or action.startswith("post_"):
            replace(model)

    return on_change


def cached(namespace: str, parts: Iterable[Hashable], build: Callable[[], Any]) -> Any:
    """`build()`'s result from the default cache, under a key made of `parts`; built and
    stored when missing. The parts hold a token from `current()` and all else the result
    depends on."""
    material = repr(tuple(parts)).encode()
    key = f"{namespace}:{hashlib.sha256(material).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value
