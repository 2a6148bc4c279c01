"""A kern is context, not a word: two reports from one village are not alike for that."""

from samenspel.similarity.engine import SignalRecord, SimilarityIndex
from samenspel.similarity.normalise import ALTENA_KERNEN, kern_patterns, tokens, without_kernen


def test_kern_names_are_blanked_out_of_the_text():
    patterns = kern_patterns(ALTENA_KERNEN)
    assert without_kernen("afvalbakken vol in dussen", patterns).split() == [
        "afvalbakken",
        "vol",
        "in",
    ]
    assert without_kernen("veerpont wijk en aalburg", patterns).split() == ["veerpont"]


def test_a_kern_that_is_also_a_word_stays_a_word():
    # "meeuwen" are gulls in any report, wherever it comes from.
    patterns = kern_patterns(ALTENA_KERNEN)
    assert without_kernen("meeuwen openen vuilniszakken", patterns).split()[0] == "meeuwen"


def test_sharing_only_the_kern_name_gives_no_text_score():
    index = SimilarityIndex()
    index.add(SignalRecord(id="walk", text="Stichting in Dussen wil een wandelroute uitzetten"))
    match = index.query("Afvalbakken vol in Dussen", k=1)[0]
    assert match.text_score == 0.0
    # The kern itself still counts: named in the text, it is the kern of both.
    assert match.same_kern


def test_report_jargon_is_not_a_topic():
    assert tokens("Bewoner meldt klacht: mevrouw belt over ratten") == ["ratten"]
