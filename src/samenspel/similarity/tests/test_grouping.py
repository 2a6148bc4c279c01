"""Batch grouping: deterministic, and never across kernen."""

import random
from datetime import UTC, datetime

from samenspel.similarity.engine import SignalRecord, SimilarityIndex
from samenspel.similarity.grouping import group_signals

MARCH = datetime(2025, 3, 3, 9, tzinfo=UTC)
JUNE = datetime(2025, 6, 2, 9, tzinfo=UTC)

# Residents write about the same dark street in the same week: the engine uses that.
SIGNALS = [
    SignalRecord(
        id="a1",
        text="Lantaarnpalen doen het niet in de Spoorstraat",
        kern="Sleeuwijk",
        received_at=MARCH,
    ),
    SignalRecord(
        id="a2",
        text="Straatverlichting Spoorstraat uitgevallen",
        kern="Sleeuwijk",
        received_at=MARCH,
    ),
    SignalRecord(
        id="a3",
        text="lantarenpalen spoorstraat kapot, allemaal uit",
        kern="Sleeuwijk",
        received_at=MARCH,
    ),
    SignalRecord(
        id="b1", text="Straatverlichting Spoorstraat uitgevallen", kern="Giessen", received_at=MARCH
    ),
    SignalRecord(
        id="b2",
        text="Lantaarnpalen in de Spoorstraat doen het niet",
        kern="Giessen",
        received_at=MARCH,
    ),
    SignalRecord(
        id="c1", text="Hondenpoep in het park, walgelijk", kern="Almkerk", received_at=JUNE
    ),
    SignalRecord(
        id="c2", text="Het park ligt vol met hondenpoep", kern="Almkerk", received_at=JUNE
    ),
]


def _partition(groups: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for signal_id, label in groups.items():
        members.setdefault(label, set()).add(signal_id)
    return {frozenset(m) for m in members.values()}


def _group(records: list[SignalRecord]) -> dict[str, str]:
    index = SimilarityIndex()
    index.add_many(records)
    return group_signals(index, [r.id for r in records])


def test_grouping_twice_gives_the_same_groups():
    assert _group(SIGNALS) == _group(SIGNALS)


def test_the_order_of_the_input_does_not_change_the_groups():
    shuffled = SIGNALS[:]
    random.Random(3).shuffle(shuffled)
    assert _partition(_group(shuffled)) == _partition(_group(SIGNALS))


def test_related_signals_in_one_kern_form_one_group():
    partition = _partition(_group(SIGNALS))
    assert frozenset({"a1", "a2", "a3"}) in partition
    assert frozenset({"c1", "c2"}) in partition


def test_the_same_topic_in_another_kern_is_another_group():
    groups = _group(SIGNALS)
    assert groups["a2"] != groups["b1"]


def test_large_sets_are_blocked_by_kern_and_still_labelled():
    index = SimilarityIndex()
    index.add_many(SIGNALS)
    groups = group_signals(index, max_block=2)
    assert set(groups) == {s.id for s in SIGNALS}
    assert groups["c1"] == groups["c2"]
    assert groups["a1"] != groups["b1"]
