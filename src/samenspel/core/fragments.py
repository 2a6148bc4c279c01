"""Rendered HTML fragments kept in each process, for fragments that are a pure function of
their key.

Some parts of busy pages (the navigation, the inbox's filter form) cost more to render
through Django's template and widget machinery than the page's queries, while their HTML
depends only on a few values the view already has: the language, the roles, the choices,
what was filtered on. When the key holds *everything* the output depends on, a memo is
always right and needs no invalidation: a renamed kern changes the choices in the key, so
it misses and renders anew. The memo is the "fragments" cache (a per-process LocMemCache,
see settings), which templates use through Django's own `{% cache ... using="fragments" %}`.

Never put anything in such a fragment that is not in its key: no CSRF token, no form
submission token, no user-specific permissions, no personal data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable

from django.core.cache import caches
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe


def memoised(key: tuple[Hashable, ...], render: Callable[[], str]) -> SafeString:
    """`render()`'s HTML for `key` plus the active language, rendered once per process."""
    material = repr((translation.get_language() or "", *key)).encode()
    cache_key = "fragment:" + hashlib.sha256(material).hexdigest()
    fragments = caches["fragments"]
    html = fragments.get(cache_key)
    if html is None:
        html = str(render())
        fragments.set(cache_key, html)
    return mark_safe(html)  # noqa: S308 (render() returns our own escaped template output)
