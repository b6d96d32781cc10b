"""Views of denials and claim coverage: who denied what, where each outlet put it, how it hedged.

Everything is computed by :mod:`workbench.claims`; these functions only lay it out. Article text is
HTML-escaped wherever it is rendered as HTML.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Sequence

import polars as pl

from workbench.views import MAX_ARTICLES, cap_title, chart_data

if TYPE_CHECKING:
    import altair as alt
    import ipywidgets as widgets

    from workbench.corpus import Corpus

__all__ = [
    "denials_table",
    "coverage_html",
    "placement_chart",
    "hedge_density_chart",
    "claim_view_html",
    "claim_explorer",
    "claim_options",
    "WHAT_COLOURS",
]

#: claim vs denial, shared by the table and the chart
WHAT_COLOURS = {"claim": "#1f77b4", "denial": "#d62728"}


def denials_table(denials: pl.DataFrame) -> pl.DataFrame:
    """The columns a reader wants first, one row per denial, in article order."""
    return denials.select(
        "article_id", "sentence_index", "kind", "denier", "cue", "denied", "is_hedged", "quote_id", "sentence"
    ).sort("article_id", "sentence_index")


_STYLE = """<style>
.wb-cov {border-collapse:collapse; font-size:12px; width:100%;}
.wb-cov th, .wb-cov td {border:1px solid #ddd; padding:4px 6px; vertical-align:top; text-align:left;}
.wb-cov th {background:#f4f4f4;}
.wb-cov tr.flagged td {background:#fff3e0;}
.wb-cov .pos {color:#666; font-size:11px; white-space:nowrap;}
.wb-cov mark.claim {background:#1f77b422;} .wb-cov mark.denial {background:#d6272822;}
</style>"""


def _pos(paragraph: int | None, share: float | None) -> str:
    if paragraph is None:
        return ""
    return f"<div class='pos'>¶ {paragraph} · {share:.0%} in</div>"


def coverage_html(coverage: pl.DataFrame, *, claim: str | None = None, max_unreported: int = 50) -> str:
    """A table, one row per article: claim wording, denial wording, denier, hedges, flag.

    Articles that report the claim without its denial are highlighted and marked "no denial".
    When more than ``max_unreported`` articles report neither, they are named in one line under
    the table instead of a row each (on a large corpus most articles are about something else).
    """
    head = f"<div><b>Claim:</b> {html.escape(str(claim))}</div>" if claim is not None else ""
    rows = []
    quiet = coverage.filter(~pl.col("reports_claim") & ~pl.col("reports_denial"))
    collapse = quiet.height > max_unreported
    if collapse:
        coverage = coverage.filter(pl.col("reports_claim") | pl.col("reports_denial"))
    for r in coverage.sort("article_id").iter_rows(named=True):
        if r["flagged"]:
            status = "<b>claim without denial</b>"
        elif r["reports_claim"] and r["reports_denial"]:
            status = "claim and denial"
        elif r["reports_denial"]:
            status = "denial only"
        else:
            status = "not reported"
        claim_cell = (
            f"<mark class='claim'>{html.escape(r['claim_wording'])}</mark>{_pos(r['claim_paragraph_index'], r['claim_share_before'])}"
            if r["claim_wording"] else "—"
        )
        denial_cell = (
            f"<mark class='denial'>{html.escape(r['denial_wording'])}</mark>{_pos(r['denial_paragraph_index'], r['denial_share_before'])}"
            if r["denial_wording"] else "—"
        )
        denier = html.escape(f"{r['denier']} ({r['denial_kind']})") if r["denier"] or r["denial_kind"] else "—"
        hedges = html.escape(r["claim_hedges"] or "—")
        css = " class='flagged'" if r["flagged"] else ""
        rows.append(
            f"<tr{css}><td>{html.escape(r['label'])}</td><td>{status}</td><td>{claim_cell}</td>"
            f"<td>{denial_cell}</td><td>{denier}</td><td>{hedges}</td></tr>"
        )
    tail = ""
    if collapse:
        names = quiet.sort("article_id")["label"].to_list()
        shown = ", ".join(html.escape(str(n)) for n in names[:max_unreported])
        tail = f"<p>Not reported by {len(names)} articles: {shown}{' …' if len(names) > max_unreported else ''}</p>"
    return (
        f"{_STYLE}{head}<table class='wb-cov'><tr><th>article</th><th>coverage</th><th>claim, as worded</th>"
        f"<th>denial, as worded</th><th>denier (kind)</th><th>hedges on the claim</th></tr>{''.join(rows)}</table>{tail}"
    )


def placement_chart(positions: pl.DataFrame, corpus: Corpus, *, max_articles: int = MAX_ARTICLES) -> alt.Chart:
    """Where in each article the claim and its denial appear (0 = top, 1 = end).

    One line per article, a blue dot per mention of the claim and a red diamond per denial: a red
    mark far to the right means the denial is buried at the end; a line with blue and no red is an
    article that reports the claim without the denial. A corpus of more than ``max_articles``
    articles gets lines only for the articles with a mark, at most ``max_articles`` of them (most
    marks first), said in the title.
    """
    import altair as alt

    labels = sorted(corpus.articles["label"].to_list())
    total = len(labels)
    if total > max_articles:
        marked = positions.group_by("label").len().sort(["len", "label"], descending=[True, False]).head(max_articles)
        labels = sorted(marked["label"].to_list())
        positions = positions.filter(pl.col("label").is_in(labels))
    lines = pl.DataFrame({"label": labels, "start": [0.0] * len(labels), "end": [1.0] * len(labels)})
    y = alt.Y("label:N", title="article", sort=labels)
    base = alt.Chart(chart_data(lines)).mark_rule(color="#999", strokeWidth=2).encode(y=y, x=alt.X("start:Q", title="share of the article before it", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")), x2=alt.X2("end"))
    data = positions.with_columns(pl.col("wording").str.slice(0, 160))
    marks = (
        alt.Chart(chart_data(data))
        .mark_point(size=90, filled=True, opacity=0.85)
        .encode(
            y=y,
            x=alt.X("share_before:Q"),
            color=alt.Color("what:N", scale=alt.Scale(domain=list(WHAT_COLOURS), range=list(WHAT_COLOURS.values())), title=""),
            shape=alt.Shape("what:N", scale=alt.Scale(domain=list(WHAT_COLOURS), range=["circle", "diamond"]), title=""),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("what:N"), alt.Tooltip("paragraph_index:Q"), alt.Tooltip("share_before:Q"), alt.Tooltip("denier:N"), alt.Tooltip("is_hedged:N"), alt.Tooltip("wording:N")],
        )
    )
    # articles that carry the claim and no denial of it get a note at the end of their line
    has = positions.group_by("label").agg((pl.col("what") == "claim").any().alias("claim"), (pl.col("what") == "denial").any().alias("denial"))
    bare = has.filter(pl.col("claim") & ~pl.col("denial")).select("label").with_columns(pl.lit(1.0).alias("x"), pl.lit("no denial").alias("note"))
    note = alt.Chart(chart_data(bare)).mark_text(align="left", dx=6, color="#d62728", fontWeight="bold").encode(y=y, x=alt.X("x:Q"), text=alt.Text("note:N"))
    title = "Claim and denial within each article" if total <= max_articles else cap_title("Claim and denial within the articles that carry either", len(labels), total)
    return (base + marks + note).properties(title=title, width=460)


def hedge_density_chart(density: pl.DataFrame, corpus: Corpus, *, max_articles: int = MAX_ARTICLES) -> alt.Chart:
    """Hedging markers per 100 words, per article (from ``hedge_density``); on a larger corpus the
    ``max_articles`` that hedge most."""
    import altair as alt

    data = density.join(corpus.articles.select("article_id", "label"), on="article_id")
    total = data.height
    if total > max_articles:
        data = data.sort(["hedges_per_100_words", "label"], descending=[True, False]).head(max_articles)
    return (
        alt.Chart(chart_data(data))
        .mark_bar(color="#9467bd")
        .encode(
            y=alt.Y("label:N", title="article", sort=sorted(data["label"].to_list())),
            x=alt.X("hedges_per_100_words:Q", title="hedges per 100 words"),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("hedges:Q"), alt.Tooltip("word_count:Q"), alt.Tooltip("hedges_per_100_words:Q"), alt.Tooltip("hedged_share:Q"), alt.Tooltip("confirmations:Q")],
        )
        .properties(title=cap_title("How much each article hedges", data.height, total), width=420)
    )


def claim_options(denials: pl.DataFrame, *, claims: Sequence[str] = ()) -> list[str]:
    """Claims to offer in the picker: the researcher's own, then what the corpus's denials deny
    (the longer, more specific wordings first; short references such as "the report" left out)."""
    out = [c for c in claims if c]
    denied = (
        denials.filter(pl.col("denied").is_not_null())
        .with_columns(pl.col("denied").str.split(" ").list.len().alias("words"))
        .filter(pl.col("words") >= 4)
        .sort(["words", "denied"], descending=[True, False])["denied"]
        .to_list()
    )
    for text in denied:
        if text not in out:
            out.append(text)
    return out


def claim_view_html(corpus: Corpus, claim: str, *, denials: pl.DataFrame | None = None, min_share: float = 0.75) -> str:
    """The per-article table for one claim (what the explorer shows for the picked claim)."""
    from workbench.claims import claim_coverage

    return coverage_html(claim_coverage(corpus, claim, denials=denials, min_share=min_share), claim=claim)


def claim_explorer(corpus: Corpus, *, claims: Sequence[str] = (), denials: pl.DataFrame | None = None) -> widgets.VBox:
    """Pick (or type) a claim; see the per-article table and the placement chart for it."""
    import ipywidgets as widgets
    from IPython.display import display

    from workbench.claims import claim_report, extract_denials

    denials = extract_denials(corpus) if denials is None else denials
    options = claim_options(denials, claims=claims)
    pick = widgets.Combobox(
        value=options[0] if options else "", options=options, description="claim",
        placeholder="type a phrase or pick one", ensure_option=False, continuous_update=False,
        layout=widgets.Layout(width="95%"),
    )
    table = widgets.HTML()
    chart = widgets.Output()

    def show(change: object = None) -> None:
        claim = pick.value.strip()
        if not claim:
            table.value = "<i>Type a claim.</i>"
            return
        coverage, positions = claim_report(corpus, claim, denials=denials)
        table.value = coverage_html(coverage, claim=claim)
        chart.clear_output()
        with chart:
            display(placement_chart(positions, corpus))

    pick.observe(show, names="value")
    show()
    return widgets.VBox([pick, table, chart])
