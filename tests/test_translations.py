"""The English interface is complete, and what runs is what the catalogues say."""

import gettext

import pytest
from django.test import Client

from samenspel.core.catalogues import english_catalogues, parse_po

CATALOGUES = english_catalogues()


def test_every_app_with_interface_text_has_an_english_catalogue():
    apps = {path.parents[3].name for path in CATALOGUES}
    assert {"core", "intake", "challenges"} <= apps


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_english_catalogue_has_no_missing_or_fuzzy_translations(po):
    problems = [
        entry.msgid
        for entry in parse_po(po)
        if entry.fuzzy or not entry.msgstr or any(not s.strip() for s in entry.msgstr)
    ]
    assert problems == [], f"untranslated or fuzzy in {po}: {problems[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_compiled_catalogue_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `make messages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in parse_po(po):
        if entry.msgid_plural or entry.msgctxt:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr[0], (
            f"{mo} is older than {po}: run `make messages`"
        )


@pytest.mark.django_db
def test_visitor_who_chose_english_sees_english_public_form(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/melden/"})
    html = client.get("/melden/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html


@pytest.mark.django_db
def test_browser_language_does_not_override_dutch_default():
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    html = client.get("/melden/").content.decode()
    assert '<html lang="nl"' in html
    assert "Naar de inhoud" in html
