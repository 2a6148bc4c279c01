"""Municipal synonyms: paraphrases without a shared word still meet."""

from samenspel.similarity.engine import SignalRecord, SimilarityIndex
from samenspel.similarity.normalise import concepts


def test_words_without_a_letter_in_common_name_one_concept():
    assert concepts("Het is pikkedonker op de weg") == concepts("Straatverlichting uitgevallen")


def test_a_compound_names_the_concept_of_its_part():
    assert "~hondenpoep" in concepts("Hondenpoepprobleem bij de school")


def test_short_words_inside_longer_words_do_not_count():
    # "gat" (hole in the road) hides in "vergaderen"; "veer" (ferry) in "ongeveer".
    assert concepts("Ongeveer tijdens het vergaderen") == []


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
