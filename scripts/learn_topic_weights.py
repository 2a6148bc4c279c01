"""Learn the engine's topic weights from real categorised reports and write the shipped table.

    python scripts/learn_topic_weights.py        # ../shared/data/meldingen-katwijk-2024-2025.jsonl
    python scripts/learn_topic_weights.py --input OWN.jsonl --output OWN.npz

Reads Katwijk's 21,637 reports with their municipal category (not in the repository; the
script stops with a message when the file is absent), featurises them as the engine does and
writes src/samenspel/similarity/data/topic_weights.npz: column numbers and their topic
information (`samenspel.similarity.topics`), no text. Run it again when
`topics.FEATURISER_VERSION` changes. With --input, any JSON-lines file with "text" and
"category" per line (a municipality's own categorised reports) instead. Prints one JSON
object with what it wrote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from samenspel.similarity import topics  # noqa: E402
from samenspel.similarity.engine import Featuriser  # noqa: E402
from samenspel.similarity.normalise import ALTENA_KERNEN  # noqa: E402

KATWIJK = ROOT.parent / "shared" / "data" / "meldingen-katwijk-2024-2025.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=KATWIJK, help="JSON lines: text, category")
    parser.add_argument("--output", type=Path, default=topics.SHIPPED)
    args = parser.parse_args()
    if not args.input.exists():
        sys.exit(f"{args.input} is absent: the topic weights are learned from it.")
    texts, categories = [], []
    with args.input.open(encoding="utf-8") as stream:
        for line in stream:
            item = json.loads(line)
            texts.append(item["text"])
            categories.append(item["category"])
    # Synonym concepts on, so that their columns get a weight too; only which columns a
    # report has counts, not the block weights.
    rows, _ = Featuriser(synonyms=1.0, kern_names=ALTENA_KERNEN).featurise(texts)
    table = topics.learn(rows, categories)
    table.save(args.output)
    print(
        json.dumps(
            {
                "reports": table.reports,
                "categories": len(set(categories)),
                "columns": len(table.columns),
                "information_max": round(float(table.information.max()), 4),
                "information_median": round(float(np.median(table.information)), 4),
                "bytes": args.output.stat().st_size,
                "path": str(args.output),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
