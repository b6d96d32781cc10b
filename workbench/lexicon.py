"""Loading the workbench's data files (lexicons, patterns) from ``workbench/resources/``.

Why a module of its own: every rule that encodes knowledge about news text — cue verbs, denial
phrases, boilerplate lines, abbreviations — lives in a data file a researcher can read and extend
without reading Python. Files are read once and cached.

Extending: set the environment variable ``WORKBENCH_RESOURCES`` to a folder (or several, separated
by ``os.pathsep``); a file there with the same name as a packaged one is read *after* it, so its
lines are added to the list (text files) or its ``[[…]]`` entries appended (TOML files).
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["resource_text", "load_lines", "load_sections", "load_toml"]


def _extra_dirs() -> list[Path]:
    value = os.environ.get("WORKBENCH_RESOURCES", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def resource_text(name: str) -> list[str]:
    """The packaged file ``name`` plus any same-named user files, as texts, packaged first."""
    texts = [resources.files("workbench.resources").joinpath(name).read_text(encoding="utf-8")]
    for folder in _extra_dirs():
        path = folder / name
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text resource (``# …`` lines are comments)."""
    return tuple(line for text in resource_text(name) for line in _lines(text) if not line.startswith("["))


@lru_cache(maxsize=None)
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """Lines of a text resource grouped under ``[section]`` headers."""
    out: dict[str, list[str]] = {}
    for text in resource_text(name):
        current = ""
        for line in _lines(text):
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1].strip()
                continue
            out.setdefault(current, []).append(line)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    """A TOML resource; user files' array tables are appended, their other keys override."""
    merged: dict[str, Any] = {}
    for text in resource_text(name):
        data = tomllib.loads(text)
        for key, value in data.items():
            if isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + value
            else:
                merged[key] = value
    return merged
