"""A street is context: speeding in the Kerkstraat is not speeding in the Hoofdstraat."""

from dataclasses import replace

import numpy as np
import pytest

from samenspel.similarity.engine import DEFAULT_WEIGHTS, SignalRecord, SimilarityIndex
from samenspel.similarity.grouping import group_signals
from samenspel.similarity.normalise import (
    ALTENA_KERNEN,
    fold,
    kern_patterns,
    streets_of_folded,
    without_kernen,
)


def _streets(text: str) -> tuple[str, ...]:
    return streets_of_folded(without_kernen(fold(text), kern_patterns(ALTENA_KERNEN)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Te hard gereden in de Kerkstraat 12", ("kerkstraat",)),
        ("gat in de weg Heusdenseweg, ook op de Maasdijk", ("heusdenseweg", "maasdijk")),
        ("Van der Laanstraat: bankje stuk", ("laanstraat",)),
        ("Bij de Oude Kade en het Havenplein", ("havenplein",)),
        # A village ending in -dijk is a kern, not a street.
        ("Nieuwendijk: lantaarnpaal kapot", ()),
        # Words with a street's ending that name no street.
        ("onderweg naar de snelweg, over het schoolplein", ()),
        ("in een zijstraat van de winkelstraat", ()),
        ("De Kerkstraat en nog eens de kerkstraat", ("kerkstraat",)),
    ],
)
def test_street_names_are_read_off_the_text(text, expected):
    assert _streets(text) == expected


def _index(weights=DEFAULT_WEIGHTS) -> SimilarityIndex:
    index = SimilarityIndex(weights=weights)
    index.add_many(
        [
            SignalRecord(
                id="kerk", text="Auto's rijden veel te hard door de Kerkstraat", kern="Dussen"
            ),
            SignalRecord(
                id="hoofd", text="Auto's rijden veel te hard door de Hoofdstraat", kern="Dussen"
            ),
            SignalRecord(id="geen", text="Auto's rijden veel te hard door het dorp", kern="Dussen"),
        ]
    )
    return index


def test_the_same_street_ranks_above_another_street_and_the_reason_says_so():
    matches = _index().query("Er wordt keihard gereden in de Kerkstraat", kern="Dussen", k=3)
    assert [m.id for m in matches][0] == "kerk"
    by_id = {m.id: m for m in matches}
    assert by_id["hoofd"].other_street
    assert "andere straat" in by_id["hoofd"].reason
    # A report that names no street is not held against one that does.
    assert not by_id["geen"].other_street
    assert not by_id["kerk"].other_street


def test_grouping_and_suggestions_subtract_the_same_penalty():
    with_penalty = _index()
    without = _index(replace(DEFAULT_WEIGHTS, other_street=0.0))
    rows = with_penalty.rows_of(["kerk", "hoofd", "geen"])
    difference = without.pair_scores(rows) - with_penalty.pair_scores(rows)
    expected = np.zeros((3, 3), dtype=np.float32)
    expected[0, 1] = expected[1, 0] = DEFAULT_WEIGHTS.other_street
    np.testing.assert_allclose(difference, expected, atol=1e-6)
    suggested = {m.id: m.score for m in with_penalty.similar_to("kerk", k=2)}
    plain = {m.id: m.score for m in without.similar_to("kerk", k=2)}
    assert plain["hoofd"] - suggested["hoofd"] == pytest.approx(DEFAULT_WEIGHTS.other_street)


def test_two_streets_with_one_in_common_are_no_conflict():
    index = SimilarityIndex()
    index.add(SignalRecord(id="a", text="Gladheid op de Kerkstraat en de Molenstraat"))
    match = index.query("Niet gestrooid in de Molenstraat", k=1)[0]
    assert match.id == "a" and not match.other_street


def test_a_strong_penalty_keeps_same_topic_reports_from_two_streets_apart():
    strict = replace(DEFAULT_WEIGHTS, other_street=1.0)
    labels = group_signals(_index(strict), ["kerk", "hoofd"])
    assert labels["kerk"] != labels["hoofd"]
    lenient = group_signals(_index(replace(DEFAULT_WEIGHTS, other_street=0.0)), ["kerk", "hoofd"])
    assert lenient["kerk"] == lenient["hoofd"]
