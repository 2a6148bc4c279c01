"""Suggestions come with scores and a reason a person can check."""

from dataclasses import replace

from samenspel.similarity.engine import DEFAULT_WEIGHTS, SignalRecord, SimilarityIndex


def _index() -> SimilarityIndex:
    index = SimilarityIndex()
    index.add_many(
        [
            SignalRecord(
                id="dussen", text="Er wordt te hard gereden in de Kerkstraat", kern="Dussen"
            ),
            SignalRecord(
                id="almkerk", text="Er wordt te hard gereden in de Kerkstraat", kern="Almkerk"
            ),
            SignalRecord(id="lamp", text="Lamp knippert in de Kerkstraat", kern="Dussen"),
            SignalRecord(
                id="c1", text="Snelheid Kerkstraat Dussen", kern="Dussen", kind="challenge"
            ),
        ]
    )
    return index


def test_the_same_kern_ranks_first_and_is_named_in_the_reason():
    best = _index().query("hardrijders Kerkstraat", kern="Dussen", k=3, kinds=["signal"])[0]
    assert best.id == "dussen"
    assert best.same_kern
    assert "zelfde kern (Dussen)" in best.reason


def test_a_kern_named_in_the_text_counts_when_the_kern_field_is_empty():
    best = _index().query("in Almkerk wordt hard gereden in de Kerkstraat", k=1)[0]
    assert best.id == "almkerk"


def test_shared_words_are_given_as_the_reason():
    best = _index().query("hard rijden Kerkstraat", kern="Dussen", k=1, kinds=["signal"])[0]
    assert "kerkstraat" in best.shared_words
    assert "gedeelde woorden" in best.reason


def test_a_topic_named_in_other_words_is_given_as_the_reason():
    # "Pikkedonker" and "lamp" share no word; the synonym concept is what links them.
    best = _index().query("Pikkedonker in de avond", k=1)[0]
    assert best.id == "lamp"
    assert best.shared_words == ()
    assert best.shared_concepts == ("verlichting",)
    assert best.reason.startswith("zelfde onderwerp: verlichting")


def test_without_synonyms_no_topic_is_claimed():
    index = SimilarityIndex(weights=replace(DEFAULT_WEIGHTS, synonyms=0.0))
    index.add(SignalRecord(id="lamp", text="Lamp knippert in de Kerkstraat"))
    assert index.query("Pikkedonker in de Kerkstraat", k=1)[0].shared_concepts == ()


def test_challenges_can_be_asked_for_separately():
    matches = _index().query("hard rijden Kerkstraat", kern="Dussen", k=5, kinds=["challenge"])
    assert [m.id for m in matches] == ["c1"]


def test_similar_to_a_signal_leaves_the_signal_itself_out():
    matches = _index().similar_to("dussen", k=5)
    assert "dussen" not in [m.id for m in matches]
    assert matches[0].score >= matches[-1].score
