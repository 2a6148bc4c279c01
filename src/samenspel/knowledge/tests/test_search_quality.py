"""Search quality on a small Dutch test set: for each query, the document that must rank first.

The queries use other word forms than the documents (plural for singular, inflections) and
spell accents differently, so stemming and folding are what makes them pass. The same set
runs on SQLite (FTS5) and PostgreSQL (full-text search, "dutch" configuration).
"""

import pytest

from samenspel.accounts.roles import Role
from samenspel.knowledge.selectors import knowledge_search

from .factories import make_challenge, make_lesson, make_tool

TOOLS = {
    "buurtgesprek": (
        "Buurtgesprek organiseren",
        "participatie, gesprek",
        "Nodig bewoners uit aan de keukentafel in het dorpshuis. Luister eerst, beloof niets "
        "wat je niet waar kunt maken en spreek af wanneer iedereen terughoort wat er gebeurt.",
    ),
    "speelplek": (
        "Checklist speelplek vernieuwen",
        "spelen, jeugd",
        "Betrek kinderen en ouders bij de keuze van toestellen. Let op valondergrond, "
        "schaduw en zicht vanaf de straat.",
    ),
    "cooperatie": (
        "Een coöperatie voor zonne-energie starten",
        "energie, duurzaamheid",
        "Bewoners richten samen een coöperatie op en leggen zonnepanelen op daken van "
        "scholen en sporthallen. De gemeente helpt met de vergunning en een startlening.",
    ),
    "subsidie": (
        "Sjabloon subsidieaanvraag voor een bewonersinitiatief",
        "subsidie, initiatief",
        "Beschrijf het doel, wie meedoen, een begroting en hoe je laat zien wat het opleverde.",
    ),
    "ladder": (
        "De participatieladder kiezen",
        "participatie, omgevingswet",
        "Informeren, raadplegen, adviseren, coproduceren of meebeslissen: kies vooraf het "
        "niveau en leg uit waarom. Onder de Omgevingswet meld je hoe participatie verloopt.",
    ),
    "vrijwilligers": (
        "Werken met vrijwilligers",
        "vrijwilligerswerk",
        "Werven, inwerken en waarderen. Geef iedereen een vaste contactpersoon en vier "
        "mijlpalen samen.",
    ),
    "verkeer": (
        "Verkeersveiligheid rond scholen",
        "verkeer, jeugd",
        "Een schoolzone met een veilige oversteekplaats en lagere snelheid; ouders en "
        "leerlingen tellen mee hoe hard er gereden wordt.",
    ),
    "eenzaamheid": (
        "Eenzaamheid onder ouderen signaleren",
        "zorg, welzijn",
        "Huisbezoek door vrijwilligers van de welzijnsorganisatie, samen met de wijkverpleging.",
    ),
    "adoptiegroen": (
        "Adoptiegroen: bewoners onderhouden een plantsoen",
        "groen",
        "Bewoners adopteren een plantsoen; de gemeente levert gereedschap en haalt het "
        "snoeiafval op.",
    ),
}

LESSONS = {
    "dorpshuis": (
        "Dorpshuis Andel: beheer door een stichting",
        "Een stichting van bewoners nam het beheer van het dorpshuis over.",
        "De overdracht van de sleutels en de verzekering kostte maanden.",
        "Begin met een huurcontract en een heldere verdeling van de kosten.",
    ),
    "speeltuinen": (
        "Speeltuinen in Sleeuwijk: kinderen ontwierpen mee",
        "Kinderen tekenden hun droomtoestel; de ontwerpen kwamen terug in de aanbesteding.",
        "De levertijd van toestellen viel tegen.",
        "Bestel eerder en houd de kinderen op de hoogte van de planning.",
    ),
    "jongeren": (
        "Ideeën van jongeren voor het dorpsplein",
        "Jongeren kwamen met ideeën via Instagram en een avond in de kantine.",
        "Een formele inspraakavond trok bijna niemand.",
        "Ga naar jongeren toe in plaats van ze uit te nodigen.",
    ),
    "wateroverlast": (
        "Wateroverlast in Werkendam samen met het waterschap aangepakt",
        "Het waterschap en bewoners brachten samen de knelpunten in kaart.",
        "De rolverdeling tussen gemeente en waterschap was lang onduidelijk.",
        "Leg vooraf vast wie wat doet bij hevige regen.",
    ),
}

# (query, key of the document that must rank first, what the case tests)
CASES = [
    ("speeltuin", "speeltuinen", "singular finds plural"),
    ("speeltuinen", "speeltuinen", "exact plural"),
    ("cooperatie", "cooperatie", "no diaeresis finds coöperatie"),
    ("coöperaties", "cooperatie", "diaeresis and plural"),
    ("COÖPERATIE", "cooperatie", "capitals and diaeresis"),
    ("buurtgesprekken", "buurtgesprek", "plural of a compound"),
    ("vrijwilliger", "vrijwilligers", "singular finds plural in the title"),
    ("subsidieaanvragen", "subsidie", "plural with vowel change aa/a"),
    ("oversteekplaatsen", "verkeer", "plural in the body"),
    ("dorpshuizen", "dorpshuis", "z/s alternation in the plural"),
    ("plantsoenen", "adoptiegroen", "plural of a body word"),
    ("ideeen", "jongeren", "no diaeresis finds ideeën"),
    ("eenzaam ouderen", "eenzaamheid", "two words, one derived"),
    ("participatieladder", "ladder", "exact compound"),
    ("omgevingswet", "ladder", "a tag"),
    ("waterschappen", "wateroverlast", "plural finds singular"),
    ("stichting beheer", "dorpshuis", "two words in a lesson"),
    ("huisbezoeken welzijn", "eenzaamheid", "plural and a tag"),
    ("verkeersveiligheid", "verkeer", "exact long compound in the title"),
    ("de zonnepanelen op de daken", "cooperatie", "stop words in the query are ignored"),
]


@pytest.fixture
def corpus(users):
    actor = users[Role.DEVELOPMENT_TEAM]
    documents = {}
    for key, (title, tags, body) in TOOLS.items():
        documents[key] = make_tool(actor=actor, title=title, body=body, tags=tags.split(", "))
    for key, (title, worked, did_not, next_time) in LESSONS.items():
        challenge = make_challenge(title=f"Opgave over {key}", summary="")
        documents[key] = make_lesson(
            actor=actor,
            challenge=challenge,
            title=title,
            what_worked=worked,
            what_did_not=did_not,
            next_time=next_time,
        )
    return documents


def test_the_test_set_has_at_least_fifteen_queries_with_stemming_and_accent_cases():
    assert len(CASES) >= 15
    assert any("ö" in query.lower() for query, _key, _why in CASES)
    assert any(query == "speeltuin" for query, _key, _why in CASES)


@pytest.mark.parametrize(("query", "expected", "why"), CASES, ids=[c[0] for c in CASES])
def test_query_ranks_the_expected_document_first(corpus, query, expected, why):
    hits = knowledge_search(query=query)
    assert hits, f"nothing found for {query!r} ({why})"
    assert hits[0].object == corpus[expected], (
        f"{query!r} ({why}): first was {hits[0].object.title!r}, "
        f"ranking {[h.object.title for h in hits]}"
    )
