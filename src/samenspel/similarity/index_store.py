"""The shared similarity index of one process: loaded lazily, topped up by watermark.

Each web process keeps one `SimilarityIndex` in memory. It is read from the file the worker
writes (settings.SAMENSPEL_SIMILARITY_INDEX_PATH, default var/similarity-index.npz) or, when
there is none, built from the database on first use. Before every query the store adds what
the database has beyond its watermark (the largest signal id and challenge id it holds): a
signal stored a moment ago through the intake services is findable on the next query, in this
process and in every other, without a rebuild. Only the worker writes the file (atomically,
see `SimilarityIndex.save`); web processes pick up a newer file at most every
SAMENSPEL_SIMILARITY_RELOAD_SECONDS (default 300), which also brings in edited challenge
titles and removed rows that a top-up cannot see. A file answers with the code's
`DEFAULT_WEIGHTS`, whatever weights it was written with (a build from the database when they
differ in what shapes the stored rows).

Ids in the index carry their kind: "s:<signal pk>" and "c:<challenge pk>". Challenges enter
with title and summary, their one kern (if they have exactly one) and no time: a challenge
runs for months, its age is no reason to keep a signal away from it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from .engine import DEFAULT_WEIGHTS, Match, SignalRecord, SimilarityIndex

logger = logging.getLogger(__name__)

SIGNAL = "signal"
CHALLENGE = "challenge"
DEFAULT_RELOAD_SECONDS = 300
_BATCH = 5000


def index_path() -> Path:
    default = Path(getattr(settings, "VAR_DIR", "var")) / "similarity-index.npz"
    return Path(getattr(settings, "SAMENSPEL_SIMILARITY_INDEX_PATH", default))


def signal_key(pk: int) -> str:
    return f"s:{pk}"


def challenge_key(pk: int) -> str:
    return f"c:{pk}"


def parse_key(key: str) -> tuple[str, int] | None:
    prefix, _, number = key.partition(":")
    if prefix not in {"s", "c"} or not number.isdigit():
        return None
    return (SIGNAL if prefix == "s" else CHALLENGE), int(number)


def _read_watermark(index: SimilarityIndex) -> dict[str, int]:
    try:
        mark = json.loads(index.watermark or "{}")
        return {SIGNAL: int(mark.get(SIGNAL, 0)), CHALLENGE: int(mark.get(CHALLENGE, 0))}
    except (ValueError, TypeError, AttributeError):
        return {SIGNAL: 0, CHALLENGE: 0}


def _write_watermark(index: SimilarityIndex, mark: dict[str, int]) -> None:
    index.watermark = json.dumps(mark, sort_keys=True)


def _signal_records(after: int) -> Iterator[tuple[int, SignalRecord]]:
    from samenspel.intake.models import Signal

    rows = (
        Signal.objects.filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", "text", "kern__name", "channel", "received_at")
    )
    for pk, text, kern, channel, received_at in rows.iterator(chunk_size=_BATCH):
        yield (
            pk,
            SignalRecord(
                id=signal_key(pk),
                text=text,
                kern=kern or None,
                channel=channel or None,
                received_at=received_at,
                kind=SIGNAL,
            ),
        )


def challenge_text(title: str, summary: str) -> str:
    return f"{title}. {summary}".strip() if summary else title


def _challenge_records(after: int) -> list[tuple[int, SignalRecord]]:
    from samenspel.challenges.models import Challenge

    rows = list(
        Challenge.objects.filter(pk__gt=after).order_by("pk").values_list("pk", "title", "summary")
    )
    if not rows:
        return []
    kernen: dict[int, list[str]] = {}
    through = Challenge.kernen.through.objects.filter(challenge_id__gte=rows[0][0])
    for challenge_id, name in through.values_list("challenge_id", "kern__name"):
        kernen.setdefault(challenge_id, []).append(name)
    records = []
    for pk, title, summary in rows:
        names = kernen.get(pk, [])
        records.append(
            (
                pk,
                SignalRecord(
                    id=challenge_key(pk),
                    text=challenge_text(title, summary),
                    kern=names[0] if len(names) == 1 else None,
                    kind=CHALLENGE,
                ),
            )
        )
    return records


def _latest_pk(kind: str) -> int:
    if kind == SIGNAL:
        from samenspel.intake.models import Signal as model
    else:
        from samenspel.challenges.models import Challenge as model
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _add(index: SimilarityIndex, mark: dict[str, int], kind: str, rows: Iterable) -> int:
    added = 0
    batch: list[SignalRecord] = []
    for pk, record in rows:
        if record.id not in index:
            batch.append(record)
        mark[kind] = max(mark[kind], pk)
        if len(batch) >= _BATCH:
            index.add_many(batch)
            added += len(batch)
            batch = []
    if batch:
        index.add_many(batch)
        added += len(batch)
    return added


def build_from_database() -> SimilarityIndex:
    """A fresh index of every signal and challenge in the database."""
    index = SimilarityIndex()
    mark = {SIGNAL: 0, CHALLENGE: 0}
    _add(index, mark, CHALLENGE, _challenge_records(0))
    _add(index, mark, SIGNAL, _signal_records(0))
    _write_watermark(index, mark)
    return index


def top_up(index: SimilarityIndex) -> int:
    """Add what the database holds beyond the index's watermark; returns how many rows.

    Returns -1 when the database holds less than the watermark says (it was reset or is a
    different one): the caller must then rebuild, because the index answers for rows that
    are gone.
    """
    mark = _read_watermark(index)
    added = 0
    for kind, records in ((CHALLENGE, _challenge_records), (SIGNAL, _signal_records)):
        latest = _latest_pk(kind)
        if latest < mark[kind]:
            return -1
        if latest > mark[kind]:
            added += _add(index, mark, kind, records(mark[kind]))
    _write_watermark(index, mark)
    return added


class IndexStore:
    """One index per process, safe to share between the threads of a web server."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._index: SimilarityIndex | None = None
        self._file_mtime: float | None = None
        self._loaded_at = 0.0

    def reset(self) -> None:
        """Forget the index (tests, or after the database was replaced)."""
        with self._lock:
            self._index = None
            self._file_mtime = None
            self._loaded_at = 0.0

    def _file_state(self) -> tuple[Path, float | None]:
        path = index_path()
        try:
            return path, path.stat().st_mtime
        except OSError:
            return path, None

    def _load_file(self, path: Path) -> SimilarityIndex | None:
        try:
            # The code's weights, not those the file was written with: an upgrade may have
            # retuned them. Those that shape the stored rows make the file unusable.
            return SimilarityIndex.load(path, weights=DEFAULT_WEIGHTS)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError):
            # A damaged or outdated file must not break a page: build from the database.
            logger.warning("Similarity index %s unreadable; building from the database", path)
            return None

    def _current(self) -> SimilarityIndex:
        """The index, (re)loaded when needed and topped up to the database. Lock held."""
        reload_after = getattr(
            settings, "SAMENSPEL_SIMILARITY_RELOAD_SECONDS", DEFAULT_RELOAD_SECONDS
        )
        path, mtime = self._file_state()
        stale_file = (
            mtime is not None
            and mtime != self._file_mtime
            and (self._index is None or time.monotonic() - self._loaded_at >= reload_after)
        )
        if self._index is None or stale_file:
            index = self._load_file(path) if mtime is not None else None
            self._index = index if index is not None else build_from_database()
            self._file_mtime = mtime
            self._loaded_at = time.monotonic()
        if top_up(self._index) < 0:
            self._index = build_from_database()
            self._loaded_at = time.monotonic()
        return self._index

    def query(self, text: str, **options) -> list[Match]:
        with self._lock:
            return self._current().query(text, **options)

    @contextmanager
    def session(self) -> Iterator[SimilarityIndex]:
        """The index, topped up once, for several queries of one request (lock held)."""
        with self._lock:
            yield self._current()

    def index(self) -> SimilarityIndex:
        """The current index, topped up (for tests and the worker)."""
        with self._lock:
            return self._current()

    def refresh_and_save(self, *, rebuild: bool = False) -> int:
        """The worker's job: bring the index up to date and write it for the web processes.

        Returns the number of rows added (all rows on a rebuild); the file is written only
        when something changed, so an idle worker does not make every web process reload.
        """
        with self._lock:
            path, mtime = self._file_state()
            if rebuild:
                index = build_from_database()
                added = len(index)
            else:
                index = self._index
                if index is None or mtime != self._file_mtime:
                    index = (self._load_file(path) if mtime is not None else None) or None
                if index is None:
                    index = build_from_database()
                    added = len(index)
                else:
                    added = top_up(index)
                    if added < 0:
                        index = build_from_database()
                        added = len(index)
            self._index = index
            self._loaded_at = time.monotonic()
            if added or mtime is None:
                index.save(path)
                self._file_mtime = os.stat(path).st_mtime
            return added


store = IndexStore()
