"""A tool's Markdown is shown to every colleague: nothing in it may run or restyle the page."""

from html.parser import HTMLParser

import pytest

from samenspel.accounts.roles import Role
from samenspel.knowledge.rendering import render_markdown

from .factories import make_tool

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik]( javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body { display: none }</style>",
    '<p style="position:fixed;top:0">over de pagina</p>',
    '<div onclick="alert(1)">klik</div>',
    "<scr<script>ipt>alert(1)</script>",
    '[a](https://ok.example "x" onmouseover="alert(1)")',
    "![plaatje](javascript:alert(1))",
    '<form action="https://evil.example"><input name="wachtwoord"></form>',
    "<!-- <script>alert(1)</script> -->",
]
SAFE_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


class _Elements(HTMLParser):
    """Every element and attribute the browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_never_outputs_script_raw_html_or_dangerous_links(payload):
    elements = _Elements(render_markdown(payload)).elements
    assert {tag for tag, _attrs in elements} <= SAFE_TAGS
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on") or name == "style"], tag
        href = attrs.get("href")
        if href is not None:
            assert href.split(":", 1)[0].lower() in {"http", "https", "mailto"}, href


def test_raw_html_in_a_tool_is_shown_as_text():
    assert "&lt;script&gt;" in render_markdown("Let op: <script>alert(1)</script>")


def test_markdown_formatting_survives_the_sanitiser():
    html = render_markdown("# Stappen\n\n1. **Bel** de dorpsraad\n2. *Luister*\n\n`code`")
    assert "<h3>Stappen</h3>" in html
    assert "<ol>" in html and "<strong>Bel</strong>" in html and "<em>Luister</em>" in html
    assert "<code>code</code>" in html


def test_http_https_and_mailto_links_are_kept_with_a_safe_rel():
    html = render_markdown(
        "[site](https://altena.nl) [oud](http://altena.nl) [mail](mailto:team@altena.nl)"
    )
    assert 'href="https://altena.nl"' in html
    assert 'href="http://altena.nl"' in html
    assert 'href="mailto:team@altena.nl"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_headings_start_below_the_page_sections():
    # The tool page has h1 and h2 of its own (WCAG 1.3.1: headings in order).
    assert "<h3>" in render_markdown("# Kop") and "<h4>" in render_markdown("## Kop")


@pytest.mark.django_db
def test_tool_page_shows_an_xss_payload_as_harmless_text(client, users):
    tool = make_tool(
        actor=users[Role.DEVELOPMENT_TEAM],
        title="Checklist <b>vet</b>",
        body="Stap 1 <script>alert('xss')</script> [x](javascript:alert(1))",
    )
    client.force_login(users[Role.EMPLOYEE])
    html = client.get(f"/werk/kennis/handvatten/{tool.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "javascript:alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "Checklist &lt;b&gt;vet&lt;/b&gt;" in html
