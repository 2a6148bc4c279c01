"""Batch grouping of signals: deterministic average-linkage clustering on the engine's score.

Blocking (stated, because it limits what can be grouped):
- Signals whose known kernen differ are never grouped (a hard rule of the score itself), so
  when the set is larger than `max_block`, each kern is grouped on its own; signals without a
  known kern then form their own block (below `max_block` they are clustered with everyone).
- A kern with more than `max_block` signals is cut into consecutive time windows of at most
  `max_block` signals (ordered by receive time, then id). Two signals in different windows
  are then never grouped. With the default of 1,000 that only happens for large backlogs:
  at a million signals over two years a window is about two weeks of one kern, and the time
  term of the score already weighs against links across weeks. Smaller sets than `max_block`
  are clustered whole, without any blocking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from .engine import SimilarityIndex

# Distance given to pairs that may never share a group; large enough that an average that
# includes it always exceeds the cut.
_NEVER = 1e6


def block_tree(index: SimilarityIndex, rows: np.ndarray) -> tuple[np.ndarray, float]:
    """Average-linkage tree of one block of rows, and the score that distance 0 stands for."""
    scores = index.pair_scores(rows).astype(np.float64)
    ceiling = float(np.max(scores[np.isfinite(scores)]))
    distances = np.where(np.isfinite(scores), ceiling - scores, _NEVER)
    np.fill_diagonal(distances, 0.0)
    distances = np.maximum((distances + distances.T) / 2.0, 0.0)
    return linkage(squareform(distances, checks=False), method="average"), ceiling


def cut_tree(tree: np.ndarray, ceiling: float, threshold: float) -> np.ndarray:
    """Cluster labels (1..m) of the tree cut where the average score falls below threshold."""
    return fcluster(tree, t=ceiling - threshold, criterion="distance")


def _cluster_block(index: SimilarityIndex, rows: np.ndarray) -> np.ndarray:
    if len(rows) == 1:
        return np.ones(1, dtype=np.int64)
    tree, ceiling = block_tree(index, rows)
    return cut_tree(tree, ceiling, index.weights.group_threshold)


def _blocks(index: SimilarityIndex, rows: np.ndarray, max_block: int) -> list[np.ndarray]:
    if len(rows) <= max_block:
        return [rows]
    by_kern: dict[str, list[int]] = {}
    for row in rows:
        by_kern.setdefault(index.kern_of_row(int(row)), []).append(int(row))
    blocks = []
    for kern in sorted(by_kern):
        members = by_kern[kern]
        times = np.array([index.time_of_row(r) for r in members])
        # NaN times sort last; ties keep the (already deterministic) row order.
        order = np.lexsort((np.array(members), np.nan_to_num(times, nan=np.inf)))
        ordered = np.array(members, dtype=np.int64)[order]
        blocks.extend(ordered[i : i + max_block] for i in range(0, len(ordered), max_block))
    return blocks


def group_signals(
    index: SimilarityIndex, ids: Iterable[str] | None = None, *, max_block: int = 1000
) -> dict[str, str]:
    """Propose groups: {signal id: group label}. Same input, same output, every run.

    Labels are "G0001", "G0002", ... numbered by the first member in the order the ids were
    given (or added to the index).
    """
    wanted: Sequence[str] = list(ids) if ids is not None else index.ids
    if not wanted:
        return {}
    # Cluster in a canonical order (sorted ids), so that the result does not depend on the
    # order in which the caller lists the signals.
    canonical = sorted(set(wanted))
    rows = index.rows_of(canonical)
    label_of_row: dict[int, tuple[int, int]] = {}
    for block_number, block in enumerate(_blocks(index, rows, max_block)):
        for row, label in zip(block.tolist(), _cluster_block(index, block).tolist(), strict=True):
            label_of_row[row] = (block_number, label)
    names: dict[tuple[int, int], str] = {}
    result: dict[str, str] = {}
    for signal_id, row in zip(wanted, index.rows_of(wanted).tolist(), strict=True):
        key = label_of_row[row]
        if key not in names:
            names[key] = f"G{len(names) + 1:04d}"
        result[signal_id] = names[key]
    return result
