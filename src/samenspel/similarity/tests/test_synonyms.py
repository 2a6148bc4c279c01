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


def test_a_dark_street_finds_the_broken_street_lights():
    index = SimilarityIndex()
    index.add_many(
        [
            # Listed last: a tie would go to the first row, so only the synonym can win it.
            SignalRecord(id="bins", text="Afvalbakken in het park zitten vol"),
            SignalRecord(id="trees", text="Omgewaaide bomen op het fietspad"),
            SignalRecord(id="light", text="Straatverlichting Spoorstraat uitgevallen"),
        ]
    )
    assert index.query("Het is pikkedonker bij ons, je ziet geen hand voor ogen", k=1)[0].id == (
        "light"
    )


def test_a_call_about_the_doctor_finds_the_report_about_the_retiring_huisarts():
    index = SimilarityIndex()
    index.add_many(
        [
            SignalRecord(id="shop", text="De supermarkt in het dorp gaat dicht"),
            SignalRecord(id="bus", text="Buurtbus rijdt niet meer op woensdag"),
            SignalRecord(id="gp", text="Onze huisarts stopt en er is geen opvolger"),
        ]
    )
    assert index.query("Straks geen dokter meer in het dorp?", k=1)[0].id == "gp"
