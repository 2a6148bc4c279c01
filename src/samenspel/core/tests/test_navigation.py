"""The main menu is memoised per role set and language; each visitor must still get their own."""

import re

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _menu(response) -> list[str]:
    html = response.content.decode()
    start = html.index("<nav ")
    nav = html[start : html.index("</nav>", start)]
    return re.findall(r"<a href=\"[^\"]+\">([^<]+)</a>", nav)


def test_each_role_gets_its_own_menu_after_another_role_filled_the_memo(client, users):
    menus = {}
    for role in (Role.DEVELOPMENT_TEAM, Role.EMPLOYEE, Role.DEVELOPMENT_TEAM):
        client.force_login(users[role])
        menus.setdefault(role, []).append(_menu(client.get(reverse("challenges:board"))))
    team, employee = menus[Role.DEVELOPMENT_TEAM], menus[Role.EMPLOYEE][0]
    assert "Signalen" in team[0] and "Groeperen" in team[0]
    assert "Signalen" not in employee and "Groeperen" not in employee
    assert team[0] == team[1]


def test_the_menu_follows_the_language_and_keeps_a_working_log_out(client, users):
    client.force_login(users[Role.AREA_DIRECTOR])
    dutch = client.get(reverse("challenges:board"))
    client.cookies["django_language"] = "en"
    english = client.get(reverse("challenges:board"))
    assert "Bord" in _menu(dutch)
    assert "Board" in _menu(english) and "Bord" not in _menu(english)
    # The log-out form is outside the memo: every page carries the visitor's own CSRF token.
    token = re.search(
        r'action="/[^"]*uitloggen/[^"]*">\s*<input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"',
        english.content.decode(),
    )
    assert token is not None
    assert client.post(reverse("accounts:logout")).status_code in (200, 302)


def test_a_visitor_without_a_role_sees_the_public_menu(client):
    menu = _menu(client.get(reverse("intake:report")))
    assert menu == ["Melden", "Waar we aan werken", "Inloggen medewerkers"]
