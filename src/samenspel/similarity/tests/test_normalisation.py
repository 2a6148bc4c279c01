"""Dutch normalisation: what residents type in many spellings must meet in one form."""

from samenspel.similarity.engine import SignalRecord, SimilarityIndex
from samenspel.similarity.normalise import fold, stems, tokens


def test_diaeresis_and_accents_do_not_split_words():
    assert stems("coöperatie") == stems("cooperatie")
    assert stems("ideeën café") == stems("ideeen cafe")


def test_case_and_punctuation_are_ignored():
    assert fold("Lantaarnpaal KAPOT!!! (Kerkstraat)") == "lantaarnpaal kapot kerkstraat"


def test_stop_words_are_dropped_but_negation_is_kept():
    assert tokens("De lantaarnpalen doen het niet") == ["lantaarnpalen", "doen", "niet"]


def test_plural_and_singular_share_a_stem():
    assert stems("lantaarnpalen") == stems("lantaarnpaal")
    assert stems("drempels") == stems("drempel")


def _best_match(query: str, texts: list[str]) -> str:
    index = SimilarityIndex()
    index.add_many(SignalRecord(id=text, text=text) for text in texts)
    return index.query(query, k=1)[0].id


def test_a_typo_still_finds_the_right_word():
    texts = ["lantaarnpaal stuk", "bankje stuk", "prullenbak stuk"]
    assert _best_match("lantaarpaal", texts) == "lantaarnpaal stuk"


def test_a_split_compound_still_finds_the_compound():
    texts = ["straatverlichting kapot", "straat vol afval", "verlichting in de sporthal kapot"]
    assert _best_match("verlichting straat doet het niet", texts) == "straatverlichting kapot"
