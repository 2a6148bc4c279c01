"""Batch grouping of signals: deterministic average-linkage clustering on the engine's score.

Blocking (stated, because it limits what can be grouped):
- Signals whose known kernen differ are never grouped (a hard rule of the score itself), so
  when the set is larger than `max_block`, each kern is grouped on its own; signals without a
  known kern then form their own block (below `max_block` they are clustered with everyone).
- Time: a kern with more than `max_block` signals is cut into consecutive windows of at most
  `max_block` signals in receive-time order (then id). Two signals in different windows are
  never grouped, although identical texts far apart in time would still score above the
  threshold: that is the price of scale, accepted because a complaint repeated months later
  is, in practice, another event. The window is a count, so its length in days follows the
  volume: at the benchmark's 1M synthetic signals over two years and nineteen kernen a window
  of 1,000 is 12 to 15 days of one kern (median 13.9). A kern with fewer signals than
  `max_block` is one block, and a set smaller than `max_block` is clustered whole.
- Inside a block the clustering is exact: dense pair scores and scipy's average linkage, so
  the cost is O(max_block^2) per block and linear in the number of blocks: with one BLAS
  thread about 0.055 s of CPU per block of 1,000 (30 blocks of the synthetic set), so about
  a minute for a million signals; benchmarks/similarity.py gives the measured figure.
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
