"""Benchmark of the similarity engine at 10k, 100k and 1M synthetic Dutch signals.

    python benchmarks/similarity.py                       # sizes 10000,100000,1000000
    python benchmarks/similarity.py --sizes 10000,100000  # quicker

Prints one JSON object. Each size runs in its own process, so that its peak memory
(ru_maxrss) is its own. Per size: index build time; peak memory after building and querying
(before the brute-force comparison is built); single-query latency p50/p95 of the engine's
fast path (`query`, with context) and of its text-only fast path; incremental insert latency
(one `add` at a time) and the time of one postings merge; batch grouping time (all times are
CPU time of the process, because the 2-core machine is shared; the wall time of each size is
given as well); and, in the same run, exact brute-force cosine over the same TF-IDF character
n-gram rows (scipy sparse matrix times vector over every row): its latency and the recall@5 of
the fast path against it.

recall@5 counts a fast-path answer as right when its exact score is at least the fifth best
exact score (ties at the cut, frequent with templated text, are then not counted as misses).

Blocking, stated: batch grouping never links signals whose known kernen differ (a hard rule of
the score), and, within one kern, works on consecutive time windows of at most `max_block`
(1,000) signals in receive-time order (grouping.py): at 1M signals over two years and nineteen
kernen a window is 12 to 15 days of one kern. Queries are not blocked.

Each size runs with one BLAS thread (OPENBLAS_NUM_THREADS=1), as `"threads": 1` in the output
says, so CPU time is the work done and not a second thread spinning on a busy core.

Weights: the engine's defaults, so the synonym concepts are on and the sentence encoder is off
(no encoder is loaded; at about 800 sentences per second on one core it would add some twenty
minutes of CPU to a 1M build, and the held-out grouping score did not improve with it).

Synthetic signals come from a seeded generator: Dutch complaint and idea templates, street
names, the nineteen Altena kernen, several channels, two years of receive times, and typos.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from samenspel.similarity.engine import SignalRecord, SimilarityIndex  # noqa: E402
from samenspel.similarity.grouping import group_signals  # noqa: E402
from samenspel.similarity.normalise import ALTENA_KERNEN  # noqa: E402

TOPICS = {
    "verlichting": [
        "de lantaarnpaal bij {street} doet het niet",
        "straatverlichting uitgevallen in de {street}",
        "het is pikkedonker op de {street}, alle lampen zijn uit",
        "lamp van de lichtmast {street} knippert de hele nacht",
    ],
    "snelheid": [
        "er wordt veel te hard gereden door de {street}",
        "auto's scheuren met 80 door de {street}, graag drempels",
        "hardrijders in de {street}, levensgevaarlijk voor kinderen",
    ],
    "afval": [
        "vuilniszakken naast de container aan de {street}",
        "de afvalbak bij {street} puilt uit",
        "zwerfafval en blikjes langs de {street}",
        "grofvuil gedumpt bij de {street}",
    ],
    "wegdek": [
        "groot gat in de weg bij de {street}",
        "losliggende stoeptegels in de {street}, struikelgevaar",
        "het asfalt van de {street} brokkelt af",
    ],
    "groen": [
        "het gras langs de {street} is al weken niet gemaaid",
        "overhangende takken boven het fietspad aan de {street}",
        "onkruid tussen de tegels van de {street}",
    ],
    "overlast": [
        "hangjongeren maken lawaai bij de {street}",
        "harde muziek tot diep in de nacht in de {street}",
        "scooters racen 's avonds over de {street}",
    ],
    "parkeren": [
        "auto's parkeren op de stoep in de {street}",
        "geen parkeerplek meer te vinden in de {street}",
        "busjes blokkeren de uitrit aan de {street}",
    ],
    "water": [
        "na de regen staat de {street} blank",
        "de put in de {street} is verstopt",
        "rioollucht uit de putten bij de {street}",
    ],
    "spelen": [
        "de schommel in de speeltuin aan de {street} is kapot",
        "speeltoestel bij {street} stuk, scherpe randen",
        "de kinderen in de {street} willen een trapveldje",
    ],
    "ongedierte": [
        "ratten bij de containers aan de {street}",
        "eikenprocessierups in de bomen langs de {street}",
        "wespennest in de boom bij de {street}",
    ],
    "ouderen": [
        "ouderen in de {street} zitten alleen, is er een koffieochtend",
        "geen bankje om uit te rusten langs de {street}",
        "de bus stopt niet meer bij de {street}, hoe kom ik bij de dokter",
    ],
    "honden": [
        "hondenpoep op de stoep van de {street}",
        "loslopende honden in het park bij de {street}",
    ],
}
STREETS = [
    "Kerkstraat",
    "Hoofdstraat",
    "Dorpsstraat",
    "Molenstraat",
    "Spoorstraat",
    "Havenstraat",
    "Rivierstraat",
    "Dijk",
    "Schoolstraat",
    "Julianastraat",
    "Beatrixstraat",
    "Nieuweweg",
    "Zandstraat",
    "Peursestraat",
    "Biesboschweg",
    "Grote Kerkstraat",
    "Lindenlaan",
    "Eikenlaan",
    "Wilhelminastraat",
    "Burgemeester Smitstraat",
    "Parallelweg",
    "Polderweg",
    "Kastanjelaan",
    "Merwedestraat",
    "Veerweg",
    "Stationsweg",
    "Raadhuisstraat",
    "Sportlaan",
    "Vestingwal",
    "Marktplein",
    "Emmastraat",
    "Prinses Irenestraat",
    "Vlasstraat",
    "Esdoornlaan",
    "Kade",
    "Weidestraat",
    "Tuinstraat",
    "Slotstraat",
    "Torenstraat",
    "Achterweg",
]
OPENERS = ["", "", "Goedemorgen, ", "Beste gemeente, ", "Melding: ", "Al weken ", "Weer eens: "]
CLOSERS = [
    "",
    "",
    ".",
    "!",
    "!!",
    ". Graag snel oplossen.",
    ". Wanneer gebeurt er iets?",
    ". Dit is onveilig.",
    ". Mijn buren klagen ook.",
    " en niemand doet iets.",
]
CHANNELS = ["web", "phone", "email", "social_media", "conversation", "council", "partner"]
START = datetime(2024, 1, 1, tzinfo=UTC)


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 10 or rng.random() > 0.25:
        return text
    at = rng.randrange(1, len(text) - 2)
    if rng.random() < 0.5:
        return text[:at] + text[at + 1 :]
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def generate(count: int, seed: int) -> list[SignalRecord]:
    rng = random.Random(seed)
    topics = sorted(TOPICS)
    records = []
    for i in range(count):
        topic = topics[rng.randrange(len(topics))]
        street = STREETS[rng.randrange(len(STREETS))]
        phrase = rng.choice(TOPICS[topic]).format(street=street)
        text = _typo(rng.choice(OPENERS) + phrase + rng.choice(CLOSERS), rng)
        kern = ALTENA_KERNEN[rng.randrange(len(ALTENA_KERNEN))]
        if rng.random() < 0.1:
            text, kern = f"{text} ({kern})", None  # kern only named in the text
        records.append(
            SignalRecord(
                id=f"s{seed}-{i}",
                text=text,
                kern=kern,
                channel=CHANNELS[rng.randrange(len(CHANNELS))],
                received_at=START + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)),
            )
        )
    return records


def _clock() -> float:
    """CPU seconds of this process: the machine is shared, and wall time there measures the
    neighbours as much as the engine. Wall time for the whole size is reported too."""
    return time.process_time()


def _percentiles(samples: list[float]) -> dict[str, float]:
    values = np.array(samples) * 1000.0
    return {
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
        "max_ms": round(float(values.max()), 2),
    }


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def run_one(size: int, queries: int, exact_queries: int, inserts: int) -> dict[str, object]:
    wall_started = time.perf_counter()
    records = generate(size, seed=1)
    probes = generate(max(queries, exact_queries), seed=2)
    started = _clock()
    index = SimilarityIndex()
    index.add_many(records)
    build_seconds = _clock() - started
    del records

    # Warm-up, then single queries one at a time.
    for probe in probes[:5]:
        index.query(probe.text, kern=probe.kern, received_at=probe.received_at, k=5)
    latencies = []
    for probe in probes[:queries]:
        began = _clock()
        index.query(probe.text, kern=probe.kern, received_at=probe.received_at, k=5)
        latencies.append(_clock() - began)
    insert_latencies = []
    for record in generate(inserts, seed=3):
        began = _clock()
        index.add(record)
        insert_latencies.append(_clock() - began)
    began = _clock()
    index._build_postings()  # what a merge of the tail costs at this size
    merge_seconds = _clock() - began

    # The text-only fast path is measured on the index as the brute force below sees it (after
    # the inserts), so that recall compares answers over the same rows and the same IDF.
    text_latencies, fast_answers = [], []
    for probe in probes[:exact_queries]:
        began = _clock()
        ids, _ = index.text_neighbours(probe.text, 5)
        text_latencies.append(_clock() - began)
        fast_answers.append(ids)

    began, wall_began = _clock(), time.perf_counter()
    groups = group_signals(index)
    grouping_seconds = _clock() - began
    grouping_wall = time.perf_counter() - wall_began
    peak_engine = _peak_mb()

    # Exact brute force over the same TF-IDF rows, in the same run.
    began = _clock()
    matrix = index.tfidf_rows(np.arange(len(index))).tocsr()
    brute_build = _clock() - began
    brute_latencies, hits = [], 0
    for probe, fast in zip(probes[:exact_queries], fast_answers, strict=True):
        began = _clock()
        vector = index.tfidf_rows_for_text(probe.text).toarray().ravel()
        exact = matrix @ vector
        top = np.argpartition(-exact, 5)[:5]
        brute_latencies.append(_clock() - began)
        cut = float(np.min(exact[top])) - 1e-6
        rows = index.rows_of(fast)
        hits += int(np.count_nonzero(exact[rows] >= cut))
    return {
        "signals": size,
        "build_seconds": round(build_seconds, 1),
        "peak_memory_mb_engine": peak_engine,
        "query_with_context": _percentiles(latencies),
        "query_text_fast_path": _percentiles(text_latencies),
        "query_text_exact_brute_force": _percentiles(brute_latencies),
        "brute_force_matrix_seconds": round(brute_build, 1),
        "recall_at_5_fast_vs_exact": round(hits / (5 * len(fast_answers)), 4),
        "incremental_insert": _percentiles(insert_latencies),
        "postings_merge_seconds": round(merge_seconds, 2),
        "grouping_seconds": round(grouping_seconds, 1),
        "grouping_wall_seconds": round(grouping_wall, 1),
        "groups": len(set(groups.values())),
        "peak_memory_mb_with_brute_force": _peak_mb(),
        "wall_seconds_whole_size": round(time.perf_counter() - wall_started, 1),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--exact-queries", type=int, default=100)
    parser.add_argument("--inserts", type=int, default=300)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.queries, args.exact_queries, args.inserts)))
        return
    results = []
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(size),
                "--queries",
                str(args.queries),
                "--exact-queries",
                str(args.exact_queries),
                "--inserts",
                str(args.inserts),
            ],
            capture_output=True,
            text=True,
            check=True,
            # One BLAS thread, as reported: the grouping's dense products would otherwise
            # spin a second thread on a machine whose other core is busy.
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(json.dumps({"benchmark": "similarity", "threads": 1, "sizes": results}, indent=2))


if __name__ == "__main__":
    main()
