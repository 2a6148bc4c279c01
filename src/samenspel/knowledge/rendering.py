"""Markdown of a tool, rendered to HTML that is safe to show to every colleague.

Two fences, on purpose. Python-Markdown runs with its raw-HTML handling switched off, so
"<script>" in a tool is shown as text, never parsed. Then nh3 (the Rust ammonia sanitiser)
keeps only an allow-list of tags and attributes, and only http, https and mailto links; no
script, style, event handler or javascript: URL survives, whatever Markdown produced.
"""

from __future__ import annotations

from html import unescape

import markdown
import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "ol": {"start"}}
LINK_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Relative and scheme-less links are dropped too: a tool points to the outside world.
    if attribute == "href":
        scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
        return value if scheme in LINK_SCHEMES else None
    return value


def _markdown() -> markdown.Markdown:
    # A fresh instance per call: Markdown objects keep state and are not thread-safe.
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", "toc"],
        # The page has h1 (title) and h2 (sections): a tool's "# Kop" becomes h3 (WCAG 1.3.1).
        extension_configs={"toc": {"baselevel": 3, "anchorlink": False, "permalink": False}},
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(source: str) -> str:
    """Safe HTML for a tool's Markdown body."""
    return sanitise_html(_markdown().convert(source or ""))


def markdown_to_text(source: str) -> str:
    """The words of a Markdown body without markup, for the search index."""
    stripped = nh3.clean(_markdown().convert(source or ""), tags=set(), clean_content_tags=set())
    return unescape(stripped)
