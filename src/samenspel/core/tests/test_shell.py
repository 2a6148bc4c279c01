"""The page around the busiest views comes from a memo; it must be the page the template
would have rendered, with this request's title, path and CSRF token."""

import re

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.shortcuts import render
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from samenspel.accounts.roles import Role
from samenspel.core import shell

pytestmark = pytest.mark.django_db


def _request(user, path="/werk/?kern=almkerk&x=%22"):
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize("role", [Role.DEVELOPMENT_TEAM, Role.EMPLOYEE])
def test_the_memo_gives_the_templates_page(users, role):
    with translation.override("nl"):
        pages = [
            shell.render_page(
                _request(users[role]), title="Bord & co", content="<p>Inhoud</p>"
            ).content.decode()
            for _ in range(2)  # the second comes from the memo
        ]
        expected = render(
            _request(users[role]),
            shell.TEMPLATE,
            {"title": "Bord & co", "content": mark_safe("<p>Inhoud</p>")},
        ).content.decode()
    assert _without_csrf(pages[0]) == _without_csrf(pages[1]) == _without_csrf(expected)
    assert "<title>Bord &amp; co ·" in pages[1]
    assert 'value="/werk/?kern=almkerk&amp;x=%22"' in pages[1]


def test_every_page_carries_the_visitors_own_csrf_token(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    client.get(reverse("challenges:board"))  # fills the memo
    html = client.get(reverse("challenges:board")).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) == 2  # log-out and language
    assert all(len(token) == 64 for token in tokens)
    response = client.post(
        reverse("set_language"),
        {"csrfmiddlewaretoken": tokens[1], "language": "en", "next": "/werk/"},
    )
    assert response.status_code == 302


def test_a_title_cannot_smuggle_in_a_placeholder(users):
    smuggled = shell._placeholder("b")
    with translation.override("nl"):
        shell.render_page(_request(users[Role.EMPLOYEE]), title="eerst", content="x")
        html = shell.render_page(
            _request(users[Role.EMPLOYEE]), title=f"<b>{smuggled}</b>", content="GEHEIM"
        ).content.decode()
    assert f"<title>&lt;b&gt;{smuggled}&lt;/b&gt; ·" in html
    assert html.count("GEHEIM") == 1
