"""Coverage workbench: study how news outlets cover one story.

``import workbench as wb`` gives the public API. Names are imported lazily so that
``import workbench`` stays fast (altair, ipywidgets and friends load only when a view is used).

Data flow (see README): files -> :func:`load_corpus` (read, normalize, structure) -> :class:`Corpus`
frames -> extractors (quotes, denials, dates) -> views -> notebooks.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_API: dict[str, str] = {
    # foundation
    "load_corpus": "workbench.corpus",
    "Corpus": "workbench.corpus",
    "fix_mojibake": "workbench.text.mojibake",
    "fix_mojibake_column": "workbench.text.mojibake",
    "normalize_text": "workbench.text.normalize",
    # quotes (issue 3)
    "extract_quotes": "workbench.quotes",
    "cluster_quotes": "workbench.quotes",
    "speakers": "workbench.quotes",
    # denials and hedges (issue 4)
    "extract_denials": "workbench.claims",
    "hedges": "workbench.claims",
    "claim_coverage": "workbench.claims",
    # timelines (issue 5)
    "extract_dates": "workbench.temporal",
    "publication_dates": "workbench.temporal",
    "timeline": "workbench.temporal",
    # a researcher's own corpus (issue 6)
    "export_frames": "workbench.export",
    "catalog_template": "workbench.export",
    "save_chart": "workbench.views.export",
}

__all__ = sorted(_API)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from workbench.corpus import Corpus, load_corpus
    from workbench.text.mojibake import fix_mojibake, fix_mojibake_column
    from workbench.text.normalize import normalize_text


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
