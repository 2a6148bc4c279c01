"""The shared index of a web process: built lazily, topped up by watermark, saved by the worker."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import numpy as np
import pytest

from samenspel.challenges.tests.factories import ChallengeFactory, SignalFactory
from samenspel.intake import services as intake_services
from samenspel.similarity.engine import DEFAULT_WEIGHTS, SimilarityIndex
from samenspel.similarity.index_store import (
    IndexStore,
    build_from_database,
    challenge_key,
    signal_key,
    store,
)
from samenspel.similarity.services import similarity_index_refresh
from samenspel.similarity.topics import FEATURISER_VERSION

pytestmark = pytest.mark.django_db

TEXTS = [
    ("Dussen", "Lantaarnpalen doen het niet in de Kerkstraat"),
    ("Dussen", "Straatverlichting Kerkstraat uitgevallen, pikkedonker"),
    ("Almkerk", "Er wordt te hard gereden in de Hoofdstraat"),
    ("Almkerk", "Hardrijders in de Hoofdstraat, levensgevaarlijk voor kinderen"),
    ("Sleeuwijk", "De speeltuin bij de school is kapot"),
    ("Dussen", "Lamp knippert in de Kerkstraat"),
]


def _answers(index_store: IndexStore, text: str, kern: str) -> list[tuple[str, float]]:
    return [(m.id, m.score) for m in index_store.query(text, kern=kern, k=10)]


def _signal(kernen, kern: str, text: str, day: int):
    return SignalFactory(
        kern=kernen[kern], text=text, received_at=datetime(2025, 3, day, 9, tzinfo=UTC)
    )


def test_a_signal_stored_through_intake_is_findable_on_the_next_query(kernen, users):
    _signal(kernen, "Dussen", "De speeltuin in het park is kapot", 1)
    assert _answers(store, "lantaarnpaal kapot Kerkstraat", "Dussen")  # the index now exists
    signal, _created = intake_services.signal_record_by_staff(
        actor=users["development_team"],
        submission_token="token-1",
        text="Lantaarnpaal in de Kerkstraat is kapot",
        channel="phone",
        kern=kernen["Dussen"],
    )
    best = store.query("lantaarnpaal kapot Kerkstraat", kern="Dussen", k=1)[0]
    assert best.id == signal_key(signal.pk)


def test_the_topped_up_store_answers_as_a_rebuilt_one(kernen):
    ChallengeFactory(title="Straatverlichting Kerkstraat", kernen=[kernen["Dussen"]])
    for day, (kern, text) in enumerate(TEXTS[:3], start=1):
        _signal(kernen, kern, text, day)
    incremental = IndexStore()
    incremental.query("iets", k=1)  # built now, with the first half
    for day, (kern, text) in enumerate(TEXTS[3:], start=4):
        _signal(kernen, kern, text, day)
    ChallengeFactory(title="Verkeersveiligheid Hoofdstraat", kernen=[kernen["Almkerk"]])
    rebuilt = IndexStore()
    for kern, text in TEXTS:
        assert _answers(incremental, text, kern) == _answers(rebuilt, text, kern)


def test_challenges_are_in_the_index_with_title_and_summary(kernen):
    challenge = ChallengeFactory(
        title="Donkere straten", summary="Lantaarnpalen in de Kerkstraat", kernen=[]
    )
    best = store.query("lantaarnpalen Kerkstraat", k=1, kinds=["challenge"])[0]
    assert best.id == challenge_key(challenge.pk)


def test_the_worker_writes_a_file_that_another_process_loads(kernen, index_file):
    for day, (kern, text) in enumerate(TEXTS, start=1):
        _signal(kernen, kern, text, day)
    assert similarity_index_refresh() == len(TEXTS)
    assert index_file.exists()
    web_process = IndexStore()
    assert len(web_process.index()) == len(TEXTS)
    assert _answers(web_process, "hard rijden Hoofdstraat", "Almkerk") == _answers(
        IndexStore(), "hard rijden Hoofdstraat", "Almkerk"
    )


def test_an_idle_worker_round_adds_nothing_and_keeps_the_file(kernen, index_file):
    _signal(kernen, "Dussen", TEXTS[0][1], 1)
    similarity_index_refresh()
    written = index_file.stat().st_mtime_ns
    assert similarity_index_refresh() == 0
    assert index_file.stat().st_mtime_ns == written


def test_a_damaged_index_file_is_replaced_by_a_build_from_the_database(kernen, index_file):
    signal = _signal(kernen, "Dussen", TEXTS[0][1], 1)
    index_file.write_bytes(b"not an npz file")
    best = IndexStore().query(TEXTS[0][1], kern="Dussen", k=1)[0]
    assert best.id == signal_key(signal.pk)


def test_an_index_file_of_an_older_format_is_replaced_by_a_build_from_the_database(
    kernen, index_file
):
    # Format 1 had no street names per row; a deploy must not keep answering from it.
    signal = _signal(kernen, "Dussen", TEXTS[0][1], 1)
    similarity_index_refresh()
    with np.load(index_file, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files if name != "streets"}
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    meta["format"] = 1
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with index_file.open("wb") as stream:
        np.savez(stream, **arrays)
    best = IndexStore().query("Kerkstraat lantaarnpalen", kern="Dussen", k=1)[0]
    assert best.id == signal_key(signal.pk)


def test_an_index_file_of_an_older_featuriser_is_replaced_by_a_build_from_the_database(
    kernen, index_file
):
    # An upgrade that teaches the featuriser new synonyms ("dokter" ~ "huisarts") must not
    # keep answering from rows made before: they lack the new concepts.
    for day, (kern, text) in enumerate([*TEXTS, ("Dussen", "Onze huisarts stopt")], start=1):
        _signal(kernen, kern, text, day)
    similarity_index_refresh()
    written = SimilarityIndex.load(index_file)
    before = SimilarityIndex(weights=replace(DEFAULT_WEIGHTS, synonyms=0.0))
    before.add_many(written.record_of(i) for i in written.ids)
    before.watermark = written.watermark
    before.save(index_file)
    # As the earlier release wrote it: its own synonyms on, and no featuriser version yet.
    _rewrite_meta(index_file, synonyms=DEFAULT_WEIGHTS.synonyms, featuriser=None)
    text = "Straks geen dokter meer in het dorp"
    assert _answers(IndexStore(), text, "Dussen") == [
        (m.id, m.score) for m in build_from_database().query(text, kern="Dussen", k=10)
    ]


def test_an_index_ahead_of_the_database_is_rebuilt(kernen):
    first = _signal(kernen, "Dussen", TEXTS[0][1], 1)
    last = _signal(kernen, "Almkerk", TEXTS[2][1], 2)
    store.query("iets", k=1)
    last.delete()  # the database now ends below the watermark: it was reset or replaced
    ids = [m.id for m in store.query("Kerkstraat Hoofdstraat", k=10)]
    assert ids == [signal_key(first.pk)]


def _rewrite_meta(index_file, featuriser: int | None = FEATURISER_VERSION, **weights) -> None:
    """Make the file say it was written with other weights or by another featuriser (None:
    before files said which)."""
    with np.load(index_file, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
    meta["weights"].update(weights)
    meta["weights"].pop("topic", None)  # written before topic weights existed
    if featuriser is None:
        meta.pop("featuriser", None)
    else:
        meta["featuriser"] = featuriser
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with index_file.open("wb") as stream:
        np.savez(stream, **arrays)


@pytest.mark.parametrize(
    "old_weights",
    [
        # Query-time weights of an earlier release: the file's rows are kept.
        {"other_kern": 0.4, "other_street": 0.0, "group_threshold": 0.225},
        # Weights that shape the rows: the file is rebuilt from the database.
        {"synonyms": 0.0},
    ],
)
def test_an_index_file_written_with_older_weights_answers_with_the_current_ones(
    kernen, index_file, old_weights
):
    for day, (kern, text) in enumerate(TEXTS, start=1):
        _signal(kernen, kern, text, day)
    similarity_index_refresh()
    _rewrite_meta(index_file, **old_weights)
    web_process = IndexStore()
    assert web_process.index().weights == DEFAULT_WEIGHTS
    fresh = build_from_database()
    for text, kern in (("pikkedonker in de Kerkstraat", "Dussen"), ("hard rijden", "Almkerk")):
        assert _answers(web_process, text, kern) == [
            (m.id, m.score) for m in fresh.query(text, kern=kern, k=10)
        ]
