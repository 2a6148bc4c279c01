"""A team member writes a tool in the knowledge base and finds it by another word form."""

import pytest

from samenspel.accounts.roles import Role

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_team_member_writes_a_tool_and_finds_it_by_another_word_form(checked_page, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    log_in(checked_page, "team", "samenspel-test")
    page = checked_page.page

    page.get_by_role("link", name="Kennisbank").click()
    checked_page.check()
    page.get_by_role("link", name="Nieuw handvat schrijven").click()
    checked_page.check()

    page.get_by_label("Titel").fill("Speeltuin vernieuwen met de buurt")
    page.get_by_label("Korte omschrijving").fill("Zo betrek je kinderen en ouders.")
    page.get_by_label("Inhoud").fill(
        "# Stappen\n\n1. Vraag kinderen wat ze willen\n2. Kies samen de toestellen\n\n"
        "<script>alert('x')</script>"
    )
    page.get_by_label("Trefwoorden").fill("spelen, coöperatie")
    page.get_by_role("button", name="Handvat opslaan").click()
    checked_page.check()
    assert page.get_by_role("heading", name="Speeltuin vernieuwen met de buurt").is_visible()
    assert page.get_by_role("heading", name="Stappen").is_visible()
    assert page.get_by_text("<script>alert('x')</script>").is_visible()

    page.get_by_role("link", name="Terug naar de kennisbank").click()
    checked_page.check()
    page.get_by_label("Zoeken in lessen en handvatten").fill("speeltuinen")
    page.get_by_role("button", name="Zoeken").click()
    checked_page.check()
    assert page.get_by_role("heading", name="1 resultaat voor “speeltuinen”").is_visible()
    page.get_by_role("link", name="Speeltuin vernieuwen met de buurt").click()
    checked_page.check()

    page.get_by_role("link", name="Terug naar de kennisbank").click()
    checked_page.check()
    page.get_by_label("Zoeken in lessen en handvatten").fill("cooperatie")
    page.get_by_role("button", name="Zoeken").click()
    checked_page.check()
    assert page.get_by_role("link", name="Speeltuin vernieuwen met de buurt").is_visible()
