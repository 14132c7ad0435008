"""The cycle collector run less often while a stage builds many long-lived objects.

Python starts a young-generation collection every 700 allocations (net of
frees).  The normalizer and WeasyPrint both build objects that live to the end
of their stage (lines, pairs and blocks; boxes and styles), so at that
threshold the collector walks the same survivors again and again, and the older
generations' collections, which grow with the heap, make a long input slower per
character than a short one.  :func:`fewer_collections` raises the first
threshold for the stage and puts the thresholds back when the last stage that
asked ends; stages running in threads share one setting.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator


class _Stages:
    """The stages under way, and the thresholds to put back when the last ends (guarded by ``lock``)."""

    lock = threading.Lock()
    running = 0
    saved: tuple[int, ...] = ()


def active_stages() -> int:
    """How many stages are running with fewer collections (0 when the thresholds are Python's own)."""
    with _Stages.lock:
        return _Stages.running


@contextlib.contextmanager
def fewer_collections(first_threshold: int) -> Iterator[None]:
    """Collect the young generation only every ``first_threshold`` allocations while the block runs.

    The setting never goes below what is in force (an enclosing stage's or the
    user's own higher threshold wins); the older generations' thresholds are kept.
    """
    with _Stages.lock:
        if _Stages.running == 0:
            _Stages.saved = gc.get_threshold()
        first, *rest = gc.get_threshold()
        gc.set_threshold(max(first, first_threshold), *rest)
        _Stages.running += 1
    try:
        yield
    finally:
        with _Stages.lock:
            _Stages.running -= 1
            if _Stages.running == 0:
                gc.set_threshold(*_Stages.saved)
