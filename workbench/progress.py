"""Progress bars for long loops: tqdm's notebook widget in JupyterLab, a text bar in a terminal,
nothing in tests and nbval (so committed notebook outputs stay deterministic).

A bar is shown when ``enabled`` is True, or — by default (``None``) — when the loop has more than
:data:`THRESHOLD` items, ``WORKBENCH_PROGRESS`` is not ``0`` and no test runner is active
(``PYTEST_CURRENT_TEST``, nbval's kernels inherit it too). ``WORKBENCH_PROGRESS=1`` forces it on.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator, TypeVar

__all__ = ["progress", "wants_progress", "THRESHOLD"]

T = TypeVar("T")
THRESHOLD = 200


def wants_progress(total: int | None, enabled: bool | None = None) -> bool:
    """Should a loop of ``total`` items show a bar? See the module docstring."""
    if enabled is not None:
        return enabled
    setting = os.environ.get("WORKBENCH_PROGRESS", "")
    if setting == "0":
        return False
    if setting == "1":
        return True
    if "PYTEST_CURRENT_TEST" in os.environ or os.environ.get("WORKBENCH_IN_TESTS"):
        return False
    return (total or 0) > THRESHOLD


def progress(items: Iterable[T], *, total: int | None = None, enabled: bool | None = None, what: str = "items") -> Iterator[T]:
    """``items`` unchanged, with a progress bar when :func:`wants_progress` says so."""
    if not wants_progress(total, enabled):
        yield from items
        return
    from tqdm.auto import tqdm

    yield from tqdm(items, total=total, unit=f" {what}" if what else "it", leave=False)
