"""A loop for long-running worker commands that stops cleanly on SIGTERM and SIGINT.

systemd, Docker and Kubernetes stop a process with SIGTERM; the loop then finishes the
step it is in (so no message is left half-recorded) and returns instead of being killed
mid-send.
"""

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connections

logger = logging.getLogger(__name__)


def refresh_connections() -> None:
    """Drop broken or expired database connections between steps (CONN_MAX_AGE).

    Like Django's request-level `close_old_connections`, but a connection inside a
    transaction that the caller holds (a test, or a command run from other code) is left
    alone: closing it would end the caller's transaction.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[threading.Event]:
    """Set `stop` on SIGTERM/SIGINT while inside the block; restore the old handlers after."""
    if threading.current_thread() is not threading.main_thread():
        # Signal handlers can only be installed in the main thread (tests run loops in
        # threads and stop them through the event directly).
        yield stop
        return
    previous = {}

    def handle(signum, frame) -> None:
        logger.info("Received signal %s, stopping after the current step", signum)
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        previous[signum] = signal.signal(signum, handle)
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_every(
    step: Callable[[], None], *, interval: float, stop: threading.Event | None = None
) -> None:
    """Call `step` every `interval` seconds until a stop signal arrives.

    An exception in a step is logged and the loop goes on: a database or mail server that
    is briefly away must not end the worker.
    """
    stop = stop or threading.Event()
    with stop_on_signals(stop):
        while not stop.is_set():
            refresh_connections()
            try:
                step()
            except Exception:
                logger.exception("Worker step failed; trying again in %s s", interval)
            stop.wait(interval)
