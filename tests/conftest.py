"""Shared fixtures: the seed corpus and the MEANTIME corpus, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MEANTIME = ROOT / "corpora" / "meantime-en" / "articles"


@pytest.fixture(scope="session")
def seeds():
    import workbench as wb

    return wb.load_corpus(SEEDS)


@pytest.fixture(scope="session")
def meantime():
    import workbench as wb

    return wb.load_corpus(MEANTIME)


def seed_id(prefix: str) -> str:
    """The article_id of the seed whose file name starts with ``prefix`` (e.g. "002")."""
    return next(p.stem for p in sorted(SEEDS.glob(f"{prefix}_*.txt")))
