"""Odd corpora (empty files, unbalanced quotes, no sentences) never make the claims functions raise."""

from __future__ import annotations

import polars as pl
import pytest

import workbench as wb
from workbench.claims import claim_coverage, extract_denials, hedge_density, hedges


@pytest.mark.filterwarnings("ignore::workbench.corpus.CorpusWarning")
def test_odd_corpus(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "quotes.txt").write_text(
        "Headline with “an open quote\n\nThe Kremlin denied the report, calling it “fake.\n\nHe said ” nothing. Was it denied?\n",
        encoding="utf-8",
    )
    (tmp_path / "caps.txt").write_text("RUSSIA DENIES THE REPORT\n\nNothing else here.\n", encoding="utf-8")
    corpus = wb.load_corpus(tmp_path)
    denials = extract_denials(corpus)
    assert set(denials["article_id"]) == {"quotes", "caps"}
    row = denials.filter(pl.col("article_id") == "quotes").row(0, named=True)
    assert (row["denier"], row["kind"]) == ("Kremlin", "dismissal")
    assert denials.filter(pl.col("article_id") == "caps")["denier"].to_list() == ["Russia"]
    assert hedge_density(corpus, markers=hedges(corpus)).height == 3
    coverage = claim_coverage(corpus, "the report", denials=denials)
    assert coverage.height == 3 and not coverage.filter(pl.col("article_id") == "empty")["reports_claim"].any()


def test_quotes_module_absent_or_broken_is_not_fatal(seeds, monkeypatch):
    import sys
    import types

    broken = types.ModuleType("workbench.quotes")

    def extract_quotes(corpus):  # noqa: ARG001
        raise RuntimeError("boom")

    broken.extract_quotes = extract_quotes
    monkeypatch.setitem(sys.modules, "workbench.quotes", broken)
    with pytest.warns(UserWarning, match="quote_id is left empty"):
        frame = extract_denials(seeds)
    assert frame.height > 0 and frame["quote_id"].is_null().all()
