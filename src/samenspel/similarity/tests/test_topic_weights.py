"""Topic weights: the thing a report is about counts for more than the place it names."""

from dataclasses import replace

import numpy as np
import pytest

from samenspel.similarity import topics
from samenspel.similarity.engine import (
    DEFAULT_WEIGHTS,
    N_FEATURES,
    Featuriser,
    SignalRecord,
    SimilarityIndex,
)

SEWER = "Het riool is verstopt en het stinkt"
SCHOOL = "Ouders parkeren op de stoep bij basisschool De Regenboog"
QUERY = "Het riool stinkt bij basisschool De Regenboog"


def _index(weights=DEFAULT_WEIGHTS, **options) -> SimilarityIndex:
    index = SimilarityIndex(weights=weights, **options)
    index.add_many(
        [
            SignalRecord(id="school", text=SCHOOL, kern="Andel"),
            SignalRecord(id="riool", text=SEWER, kern="Andel"),
            SignalRecord(id="afval", text="Er ligt veel zwerfafval langs de dijk", kern="Andel"),
            SignalRecord(id="poep", text="Hondenpoep op het grasveld bij de speeltuin"),
        ]
    )
    return index


def test_the_default_weights_use_the_topic_weights():
    assert DEFAULT_WEIGHTS.topic > 0


def test_a_report_about_the_same_thing_ranks_above_one_about_the_same_school():
    without = _index(replace(DEFAULT_WEIGHTS, topic=0.0)).query(QUERY, kern="Andel", k=2)
    # TF-IDF alone: the two rare words of the school's name outweigh the sewer's words.
    assert [m.id for m in without] == ["school", "riool"]
    matches = _index().query(QUERY, kern="Andel", k=2)
    assert [m.id for m in matches] == ["riool", "school"]
    assert "riool" in matches[0].reason


def test_suggestions_and_grouping_weigh_the_topic_alike():
    index = _index()
    index.add(SignalRecord(id="vraag", text=QUERY))
    # Grouping scores the rows of tfidf_rows; suggestions score the query's own row.
    matrix = index.tfidf_rows(index.rows_of(["vraag", "school", "riool"]))
    cosines = (matrix[0] @ matrix[1:].T).toarray().ravel()
    by_query = {m.id: m.text_score for m in index.similar_to("vraag", k=5)}
    # Match scores are rounded to four decimals.
    assert cosines == pytest.approx([by_query["school"], by_query["riool"]], abs=1e-4)
    assert by_query["riool"] > by_query["school"]


def _learned(texts_and_categories, **options) -> tuple[topics.TopicWeights, Featuriser]:
    featuriser = Featuriser(synonyms=1.0)
    rows, _ = featuriser.featurise([text for text, _ in texts_and_categories])
    learned = topics.learn(rows, [category for _, category in texts_and_categories], **options)
    return learned, featuriser


def _information(learned: topics.TopicWeights, featuriser: Featuriser, word: str) -> float:
    row, _ = featuriser.featurise([word])
    column = row.indices[0]  # the word block comes first
    found = np.searchsorted(learned.columns, column)
    if found < len(learned.columns) and learned.columns[found] == column:
        return float(learned.information[found])
    return 0.0


REPORTS = [
    ("lantaarnpaal kapot bij de school", "licht"),
    ("lantaarnpaal brandt niet in de straat", "licht"),
    ("lantaarnpaal knippert bij de kerk", "licht"),
    ("riool verstopt bij de school", "riool"),
    ("riool stinkt in de straat", "riool"),
    ("riool loopt over bij de kerk", "riool"),
]


def test_a_word_of_one_category_carries_topic_information_and_a_shared_place_none():
    learned, featuriser = _learned(REPORTS, alpha=1.0, min_reports=2)
    assert _information(learned, featuriser, "lantaarnpaal") > 0.3
    assert _information(learned, featuriser, "riool") > 0.3
    # "school", "straat" and "kerk" come with both categories, as often as the reports do.
    for place in ("school", "straat", "kerk"):
        assert _information(learned, featuriser, place) == pytest.approx(0.0, abs=1e-6)


def test_a_word_seen_in_too_few_reports_has_no_topic_information():
    learned, featuriser = _learned(REPORTS, alpha=1.0, min_reports=4)
    assert _information(learned, featuriser, "lantaarnpaal") == 0.0
    # Strong smoothing pulls a rare word towards the categories of all reports.
    smoothed, _ = _learned(REPORTS, alpha=100.0, min_reports=2)
    assert _information(smoothed, featuriser, "lantaarnpaal") < 0.01


def test_learning_needs_one_category_per_report():
    rows, _ = Featuriser().featurise(["a", "b"])
    with pytest.raises(ValueError, match="one category per row"):
        topics.learn(rows, ["x"])


def test_a_table_learned_for_other_columns_is_refused_with_the_way_out(tmp_path):
    learned, _ = _learned(REPORTS, min_reports=1)
    path = tmp_path / "topics.npz"
    learned.save(path)
    assert topics.TopicWeights.load(path, learned.width).reports == len(REPORTS)
    with pytest.raises(ValueError, match="learn_topic_weights"):
        topics.TopicWeights.load(path, 2**18)


def test_the_shipped_table_loads_for_the_engine_and_says_what_it_was_learned_from():
    shipped = topics.shipped(2 * N_FEATURES)
    assert shipped.reports == 21_637
    assert len(shipped.columns) > 10_000
    table = shipped.table(DEFAULT_WEIGHTS.topic)
    assert table.shape == (2 * N_FEATURES,)
    assert table.min() == pytest.approx(topics.TOPIC_FLOOR**DEFAULT_WEIGHTS.topic)


def test_an_index_can_be_given_its_own_topic_weights():
    # A municipality's own categorised reports, or an evaluation's half of a set: here the
    # school is a topic of its own and the sewer comes with every category.
    own = [
        ("parkeren bij basisschool De Regenboog", "school"),
        ("drukte bij basisschool De Regenboog", "school"),
        ("halen en brengen bij basisschool De Regenboog", "school"),
        ("riool verstopt in de straat", "straat"),
        ("riool stinkt bij de kerk", "kerk"),
        ("riool loopt over bij het park", "park"),
    ]
    learned, _ = _learned(own, alpha=0.1, min_reports=2)
    weights = replace(DEFAULT_WEIGHTS, topic=0.5)
    assert _index(weights).query(QUERY, kern="Andel", k=1)[0].id == "riool"
    assert _index(weights, topics=learned).query(QUERY, kern="Andel", k=1)[0].id == "school"


@pytest.mark.parametrize(
    ("word", "low", "high"),
    [
        # Words that name the thing: one or two of Katwijk's categories.
        ("lantaarnpaal", 1.0, 10.0),
        ("riool", 0.5, 10.0),
        ("container", 0.5, 10.0),
        # Words that name a place that reports about anything share.
        ("school", 0.0, 0.3),
        ("straat", 0.0, 0.3),
    ],
)
def test_the_shipped_table_fits_the_featuriser_of_today(word, low, high):
    # A featuriser that stems or hashes differently from the one the table was learned with
    # finds other columns: the topic words would lose their weight without an error.
    shipped = topics.shipped(2 * N_FEATURES)
    assert low <= _information(shipped, Featuriser(synonyms=1.0), word) <= high
