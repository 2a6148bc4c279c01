"""Municipal synonyms: paraphrases without a shared word still meet."""

import pytest

from samenspel.similarity.engine import SignalRecord, SimilarityIndex
from samenspel.similarity.normalise import concepts


def test_words_without_a_letter_in_common_name_one_concept():
    assert concepts("Het is pikkedonker op de weg") == concepts("Straatverlichting uitgevallen")


def test_a_compound_names_the_concept_of_its_part():
    assert "~hondenpoep" in concepts("Hondenpoepprobleem bij de school")


def test_short_words_inside_longer_words_do_not_count():
    # "gat" (hole in the road) hides in "vergaderen"; "veer" (ferry) in "ongeveer", "bus" in
    # "brievenbus", "keet" (a youth shed) in "bouwkeet".
    assert concepts("Ongeveer tijdens het vergaderen") == []
    assert concepts("De brievenbus bij de bouwkeet") == []


@pytest.mark.parametrize(
    ("one", "other", "concept"),
    [
        ("Onze huisarts gaat met pensioen", "Straks geen dokter meer in het dorp", "~huisarts"),
        ("De supermarkt sluit deze zomer", "Jammer dat de super weggaat", "~winkel"),
        ("De buurtbus rijdt minder vaak", "Op woensdag geen vervoer meer", "~vervoer"),
        ("Wij willen een moestuin beginnen", "Eerste zaaidag in onze pluktuin", "~moestuin"),
        ("Een repair café in het dorpshuis", "Wie kan solderen of naaien?", "~reparatie"),
        (
            "Geen plek om af te spreken, een keet?",
            "Een ontmoetingsruimte voor de jeugd",
            "~ontmoeten",
        ),
        (
            "Met de rolstoel kom ik er niet door",
            "Ouderen met een rollator struikelen",
            "~toegankelijk",
        ),
        ("Er wordt in de steeg gedeald", "Lachgas en drugs bij het bankje", "~drugs"),
    ],
)
def test_what_a_small_kern_worries_about_is_named_in_other_words_too(one, other, concept):
    # Livability: the services and meeting places the development team hears about, beside
    # the public space.
    assert concept in concepts(one)
    assert concept in concepts(other)


def test_a_common_phrase_is_not_a_service():
    # "in de praktijk" is "in practice", not a doctor's practice; "bereikbaar" is not mobile
    # coverage.
    assert concepts("In de praktijk is de straat slecht bereikbaar") == []


@pytest.mark.parametrize(
    ("query", "texts"),
    [
        (
            "Het is pikkedonker bij ons, je ziet geen hand voor ogen",
            [
                "Afvalbakken in het park zitten vol",
                "Omgewaaide bomen op het fietspad",
                "Straatverlichting Spoorstraat uitgevallen",
            ],
        ),
        (
            "Straks geen dokter meer in het dorp?",
            [
                "De supermarkt in het dorp gaat dicht",
                "Buurtbus rijdt niet meer op woensdag",
                "Onze huisarts stopt en er is geen opvolger",
            ],
        ),
    ],
)
def test_a_report_in_other_words_finds_the_one_about_the_same_thing(query, texts):
    index = SimilarityIndex()
    index.add_many(SignalRecord(id=str(n), text=text) for n, text in enumerate(texts))
    # The match is listed last: a tie would go to the first row, so only the synonym can win.
    assert index.query(query, k=1)[0].id == str(len(texts) - 1)
