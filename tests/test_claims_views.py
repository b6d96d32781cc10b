"""Denial views: text is escaped, the chart carries the positions, the picker offers claims."""

from __future__ import annotations

import polars as pl

from tests.helpers import all_chart_values
from tests.conftest import seed_id
from workbench.claims import claim_positions, extract_denials
from workbench.claims.coverage import COVERAGE_SCHEMA
from workbench.views import denials as views


def _coverage_row(**values):
    row = {k: None for k in COVERAGE_SCHEMA}
    row.update(article_id="a", label="<b>Outlet</b>", reports_claim=True, reports_denial=False, hedged=False,
               flagged=True, claim_mentions=1, denials=0, paragraphs=3)
    row.update(values)
    return pl.DataFrame([row], schema=COVERAGE_SCHEMA, orient="row")


def test_coverage_html_escapes_article_text():
    frame = _coverage_row(claim_wording="He said <script>alert(1)</script> it", claim_paragraph_index=1, claim_share_before=0.25)
    out = views.coverage_html(frame, claim="<i>claim</i>")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in out and "&lt;i&gt;claim&lt;/i&gt;" in out
    assert "claim without denial" in out and "25% in" in out and "class='flagged'" in out


def test_seed_view_and_chart(seeds):
    denials = extract_denials(seeds)
    html = views.claim_view_html(seeds, "threatened to bomb Moscow", denials=denials)
    assert html.count("<tr") == 1 + seeds.articles.height
    assert "claim without denial" in html  # 001
    positions = claim_positions(seeds, "threatened to bomb Moscow", denials=denials)
    chart = views.placement_chart(positions, seeds).to_dict()
    assert len(chart["layer"]) == 3
    notes = [d for d in all_chart_values(chart) if d and "note" in d[0]]
    assert [d["label"] for d in notes[0]] == [seed_id("001")]


def test_claim_options(seeds):
    denials = extract_denials(seeds)
    options = views.claim_options(denials, claims=["my claim"])
    assert options[0] == "my claim"
    assert "phone calls like the ones Trump described" in options
    assert "the report" not in options  # too short to be a claim on its own
    assert views.denials_table(denials).columns[:4] == ["article_id", "sentence_index", "kind", "denier"]


def test_coverage_html_names_many_unreporting_articles_in_one_line():
    reporting = _coverage_row(article_id="a0", label="Reporter")
    quiet = pl.concat([_coverage_row(article_id=f"b{i:03d}", label=f"Quiet {i:03d}", reports_claim=False, flagged=False, claim_mentions=0)
                       for i in range(60)])
    out = views.coverage_html(pl.concat([reporting, quiet]), claim="x")
    assert out.count("<tr") == 2 and "Not reported by 60 articles: Quiet 000" in out and "Quiet 049 …" in out
    few = views.coverage_html(pl.concat([reporting, quiet.head(3)]), claim="x")
    assert few.count("<tr") == 5 and "Not reported by" not in few
