"""Progress bars for long loops: tqdm's notebook widget in JupyterLab, a text bar in a terminal,
nothing in tests and nbval (so committed notebook outputs stay deterministic).

A bar is shown when ``enabled`` is True, or — by default (``None``) — when the loop has more than
:data:`THRESHOLD` items, ``WORKBENCH_PROGRESS`` is not ``0``, no test runner is active
(``PYTEST_CURRENT_TEST``, nbval's kernels inherit it too) and the code does not run inside
:func:`quiet`. ``WORKBENCH_PROGRESS=1`` forces it on (but inside :func:`quiet`).
"""

from __future__ import annotations

import contextvars
import os
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

__all__ = ["progress", "wants_progress", "quiet", "THRESHOLD"]

T = TypeVar("T")
THRESHOLD = 200
_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("workbench_progress_quiet", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """No progress bars by default inside: for work that runs the stages over many batches — on
    a Dask worker, whose bars would interleave with the other workers' on the researcher's
    terminal, or batch after batch in one process — where one bar over the batches says more."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def wants_progress(total: int | None, enabled: bool | None = None) -> bool:
    """Should a loop of ``total`` items show a bar? See the module docstring."""
    if enabled is not None:
        return enabled
    if _QUIET.get():
        return False
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
