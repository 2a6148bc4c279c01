"""An index built signal by signal answers exactly as one rebuilt from scratch."""

from datetime import UTC, datetime, timedelta

import pytest

from samenspel.similarity.engine import SignalRecord, SimilarityIndex

TOPICS = [
    "lantaarnpaal kapot in de {street}",
    "veel te hard gereden door de {street}",
    "afval naast de container aan de {street}",
    "gat in de weg {street}, fietsers vallen",
    "hangjongeren maken lawaai bij de {street}",
]
STREETS = ["Kerkstraat", "Hoofdstraat", "Dijk", "Molenstraat", "Spoorstraat", "Havenstraat"]
KERNEN = ["Dussen", "Almkerk", "Hank", None]


def _records(count: int) -> list[SignalRecord]:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    return [
        SignalRecord(
            id=f"s{i}",
            text=TOPICS[i % 5].format(street=STREETS[(i // 5) % 6]) + f" melding {i}",
            kern=KERNEN[(i // 3) % 4],
            channel=["web", "phone"][i % 2],
            received_at=start + timedelta(days=i % 40),
        )
        for i in range(count)
    ]


def _answers(index: SimilarityIndex) -> list[list[tuple[str, float]]]:
    queries = ["lantaarnpaal Kerkstraat stuk", "hard rijden Hoofdstraat", "zwerfafval Dijk"]
    return [[(m.id, m.score) for m in index.query(q, kern="Dussen", k=5)] for q in queries] + [
        [(m.id, m.score) for m in index.similar_to("s7", k=5)]
    ]


@pytest.mark.parametrize("exact_below", [10_000, 50], ids=["exact", "postings"])
def test_adding_one_by_one_gives_the_same_answers_as_a_rebuild(exact_below):
    records = _records(300)
    incremental = SimilarityIndex(exact_below=exact_below, tail_limit=40)
    for record in records:
        incremental.add(record)
    rebuilt = SimilarityIndex(exact_below=exact_below, tail_limit=40)
    rebuilt.add_many(records)
    assert _answers(incremental) == _answers(rebuilt)


def test_a_new_signal_is_found_at_once():
    index = SimilarityIndex()
    index.add_many(_records(60))
    index.add(SignalRecord(id="new", text="eikenprocessierups in de bomen bij de school"))
    assert index.query("processierups in eiken", k=1)[0].id == "new"


def test_the_same_id_cannot_be_added_twice():
    index = SimilarityIndex()
    index.add(SignalRecord(id="a", text="bankje stuk"))
    with pytest.raises(ValueError, match="already"):
        index.add(SignalRecord(id="a", text="bankje stuk"))
    assert len(index) == 1


def test_a_saved_index_loads_with_the_same_answers(tmp_path):
    index = SimilarityIndex(exact_below=50, tail_limit=40)
    index.add_many(_records(120))
    index.watermark = "120"
    index.save(tmp_path / "index.npz")
    loaded = SimilarityIndex.load(tmp_path / "index.npz")
    assert loaded.watermark == "120"
    assert _answers(loaded) == _answers(index)
