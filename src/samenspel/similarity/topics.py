"""Topic weights: how much a term tells about what a report is about (pure, no Django).

Words such as "school", "haven" or "kerk" name a place that reports about many different
things share; words such as "lantaarnpaal", "riool" or "hondenpoep" name the thing itself.
TF-IDF cannot tell them apart: both kinds are about as rare. Real reports with a municipal
category can. For each column of the engine's rows (a hashed word stem, synonym concept or
character n-gram), the *topic information* is the Kullback-Leibler divergence between the
categories of the reports that contain it and the categories of all reports,

    information(c) = sum_k P(k | c) log(P(k | c) / P(k)),
    P(k | c) = (reports in k containing c + alpha * P(k)) / (reports containing c + alpha),

so a column spread over all categories like the reports themselves carries 0, a column that
sits in one category carries up to log(1 / P(k)), and the smoothing `alpha` pulls a column
seen in a handful of reports towards 0 (too little evidence). The engine multiplies each
column's IDF by ``(TOPIC_FLOOR + information) ** Weights.topic``; a column absent from the
table (never seen, or in fewer than `MIN_REPORTS` reports) has information 0.

The shipped table (`data/topic_weights.npz`) is learned by `scripts/learn_topic_weights.py`
from 21,637 real reports of the municipality of Katwijk with their 15 categories. It holds
column numbers and numbers only: no text, and a column must occur in at least `MIN_REPORTS`
reports to be kept. A table belongs to the featuriser that made its columns (hashing,
n-gram ranges, stems); `FEATURISER_VERSION` records that, and a mismatch is an error rather
than silently wrong weights. See docs/adr/0008-similarity-engine.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse

SHIPPED = Path(__file__).with_name("data") / "topic_weights.npz"
# Bump when the featuriser's columns change (hashing, n-grams, stemming, stop words,
# synonym concepts): the shipped table must then be learned again.
FEATURISER_VERSION = 2
TOPIC_FLOOR = 0.2
ALPHA = 20.0
MIN_REPORTS = 3


@dataclass(frozen=True, eq=False)
class TopicWeights:
    """Topic information per column; `table(power)` is the dense multiplier the engine uses."""

    columns: np.ndarray  # int32, sorted
    information: np.ndarray  # float32, >= 0
    width: int
    reports: int = 0
    _tables: dict[float, np.ndarray] = field(default_factory=dict, repr=False)

    def table(self, power: float) -> np.ndarray:
        """(TOPIC_FLOOR + information) ** power for every column, as float32."""
        if power not in self._tables:
            dense = np.full(self.width, np.float32(TOPIC_FLOOR) ** np.float32(power))
            dense[self.columns] = (np.float32(TOPIC_FLOOR) + self.information) ** np.float32(power)
            self._tables[power] = dense.astype(np.float32, copy=False)
        return self._tables[power]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            columns=self.columns.astype(np.int32),
            information=self.information.astype(np.float32),
            width=np.int64(self.width),
            reports=np.int64(self.reports),
            featuriser_version=np.int64(FEATURISER_VERSION),
        )

    @classmethod
    def load(cls, path: Path, width: int) -> TopicWeights:
        with np.load(path, allow_pickle=False) as stored:
            version = int(stored["featuriser_version"])
            stored_width = int(stored["width"])
            if version != FEATURISER_VERSION or stored_width != width:
                raise ValueError(
                    f"{path} was learned for featuriser {version} with {stored_width} columns, "
                    f"not {FEATURISER_VERSION} with {width}: run scripts/learn_topic_weights.py"
                )
            return cls(
                columns=stored["columns"].astype(np.int32),
                information=stored["information"].astype(np.float32),
                width=width,
                reports=int(stored["reports"]),
            )


@cache
def shipped(width: int) -> TopicWeights:
    """The table learned from Katwijk's reports, loaded once per process."""
    return TopicWeights.load(SHIPPED, width)


def learn(
    rows: sparse.csr_matrix,
    categories: Sequence[str],
    *,
    alpha: float = ALPHA,
    min_reports: int = MIN_REPORTS,
) -> TopicWeights:
    """Topic information of every column that at least `min_reports` of these rows contain.

    `rows` are the featuriser's rows of the reports (only which columns a row has counts),
    `categories` their category, one per row.
    """
    if rows.shape[0] != len(categories):
        raise ValueError("one category per row")
    if rows.shape[0] == 0:
        raise ValueError("no reports to learn from")
    names, codes = np.unique(np.asarray(categories), return_inverse=True)
    presence = rows.tocsr(copy=True)
    presence.sum_duplicates()
    presence.data = np.ones_like(presence.data, dtype=np.float32)
    membership = sparse.csr_matrix(
        (np.ones(len(codes), dtype=np.float32), (np.arange(len(codes)), codes)),
        shape=(len(codes), len(names)),
    )
    counts = (presence.T @ membership).tocsr()  # columns x categories, sparse
    in_reports = np.asarray(counts.sum(axis=1)).ravel()
    kept = np.flatnonzero(in_reports >= min_reports)
    dense = counts[kept].toarray().astype(np.float64)
    prior = np.bincount(codes, minlength=len(names)) / len(codes)
    posterior = (dense + alpha * prior) / (in_reports[kept, None] + alpha)
    information = (posterior * np.log(posterior / prior)).sum(axis=1)
    return TopicWeights(
        columns=kept.astype(np.int32),
        information=np.maximum(information, 0.0).astype(np.float32),
        width=rows.shape[1],
        reports=rows.shape[0],
    )
