"""Shared fixtures: the seed corpus and the MEANTIME corpus, loaded once per test session."""

from __future__ import annotations

import os
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


# hypothesis: enough examples for the property tests to mean something (tests/test_properties.py);
# HYPOTHESIS_PROFILE=quick for a fast local loop
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("workbench", max_examples=300, deadline=None, print_blob=True,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("quick", max_examples=30, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "workbench"))
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
