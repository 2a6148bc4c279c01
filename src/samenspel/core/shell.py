"""The page around a view's content (`base.html`), without running the template each time.

On the busiest staff pages, whose content comes from a cache, rendering `base.html` was the
largest cost left: Django walks the parent template for its blocks, reverses the menu's URLs
and masks a CSRF token for each of its forms on every request (issue 2). Yet the shell
depends only on the language, the viewer's role set and the municipality, apart from four
values per request: the title, the content, the CSRF token and the current path (for the
language switch). So `render_page` memoises the shell per process (`core.fragments`) with a
placeholder for each of those four and fills them in one pass; a value filled in is never
scanned again, so a title cannot smuggle in a placeholder. A request with flash messages to
show, which is rare (right after a redirect), gets the ordinary template render.
"""

import re
import secrets

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from . import fragments
from .context_processors import samenspel as samenspel_context

TEMPLATE = "core/page.html"
# New in every process, like the memo that holds it: nobody can predict it.
_MARKER = "shell" + secrets.token_hex(10)
_PATTERN = re.compile(re.escape(_MARKER) + "([tbcp])x")


def _placeholder(kind: str) -> str:
    return f"{_MARKER}{kind}x"


class _ShellRequest:
    """What `base.html` reads of the request while the shell is rendered: only its path."""

    def get_full_path(self) -> str:
        return _placeholder("p")


def render_page(request: HttpRequest, *, title: str, content: str) -> HttpResponse:
    """`content` (HTML, escaped already) with `title` in the site's page around it."""
    if any(True for _ in get_messages(request)):
        return render(request, TEMPLATE, {"title": title, "content": mark_safe(content)})  # noqa: S308
    extra = samenspel_context(request)
    key = ("core:shell", extra["roles_key"], extra["is_staff_user"], extra["municipality"])
    shell = fragments.memoised(
        key,
        lambda: render_to_string(
            TEMPLATE,
            {
                "title": _placeholder("t"),
                "content": _placeholder("b"),
                "csrf_token": _placeholder("c"),
                "request": _ShellRequest(),
            },
            request=request,
        ),
    )
    values = {
        "t": str(conditional_escape(title)),
        "b": str(content),
        "c": get_token(request),
        "p": escape(request.get_full_path()),
    }
    return HttpResponse(_PATTERN.sub(lambda match: values[match.group(1)], shell))
