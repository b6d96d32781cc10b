"""Fewer garbage-collection passes while a stage makes its many small objects.

CPython's cyclic collector runs a pass each time 700 more container objects (dicts, tuples,
lists, dataclass instances) have been made than freed. The stages make millions of short-lived
ones — a row dict per sentence, a match tuple per date candidate, an ``Actor`` per capitalized
word — and none of them form reference cycles, so nearly every pass finds nothing to collect:
5% of a pipeline run went to them (0.82 s of 15.6 s for 10,000 articles; 0.09 s with this).

:func:`fewer_collections` raises the first threshold for the duration of a stage and puts it
back after; reference counting frees objects as before, only the search for cycles runs less
often. Nested or concurrent uses leave the threshold to the outermost one.
"""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

__all__ = ["fewer_collections", "THRESHOLD"]

#: container objects made (net) between two collector passes during a stage (CPython's default: 700)
THRESHOLD = 50_000

F = TypeVar("F", bound=Callable)


@contextmanager
def _raised() -> Iterator[None]:
    first, *rest = gc.get_threshold()
    if first == 0 or first >= THRESHOLD:  # collection off, or already raised (nested): leave it
        yield
        return
    gc.set_threshold(THRESHOLD, *rest)
    try:
        yield
    finally:
        if gc.get_threshold()[0] == THRESHOLD:  # unless someone else has set it since
            gc.set_threshold(first, *rest)


def fewer_collections(fn: F) -> F:
    """Run ``fn`` with the collector's first threshold raised to :data:`THRESHOLD`."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with _raised():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
