"""Views of quotations: each outlet's version of one utterance side by side, who is quoted where.

Everything is computed by :mod:`workbench.quotes` (``wb.extract_quotes``, ``wb.cluster_quotes``)
and :func:`workbench.hedges`; these functions only lay it out. Article text is HTML-escaped
wherever it is rendered as HTML; word-level differences are computed on the censor-aware words
(so "s***" against "[expletive]" is a censoring change, not a wording change) and shown on each
outlet's own words.
"""

from __future__ import annotations

import difflib
import html
from typing import TYPE_CHECKING

import polars as pl

from workbench.quotes.cluster import tokens
from workbench.views import MAX_ARTICLES, cap_title, chart_data

if TYPE_CHECKING:
    import altair as alt
    import ipywidgets as widgets

    from workbench.corpus import Corpus

__all__ = [
    "quotes_table",
    "cluster_options",
    "word_diff_html",
    "cluster_html",
    "quotes_html",
    "speaker_chart",
    "presence_chart",
    "quote_explorer",
]

ALL = "(all)"


def quotes_table(quotes: pl.DataFrame) -> pl.DataFrame:
    """The columns a reader checks first, one row per quotation, in article order."""
    return quotes.select(
        "article_id", "quote_id", "kind", "speaker", "speaker_mention", "cue", "is_partial", "is_headline", "text", "confidence"
    )


def cluster_options(clusters: pl.DataFrame, *, min_size: int = 2) -> list[tuple[str, int]]:
    """(label, cluster_id) for the dropdown: clusters of at least ``min_size`` quotations, the ones
    reported by most articles first, labelled with their canonical words."""
    rows = (
        clusters.filter(pl.col("cluster_size") >= min_size)
        .group_by("cluster_id")
        .agg(pl.col("n_articles").first(), pl.col("cluster_size").first(), pl.col("canonical_text").first(), pl.col("speaker").drop_nulls().mode().first().alias("who"))
        .sort("cluster_id")
    )
    out = []
    for cid, n_art, size, text, who in rows.iter_rows():
        words = " ".join(text.split())
        words = words if len(words) <= 70 else words[:69] + "…"
        out.append((f"#{cid} · {n_art} articles · {size} quotes · {who or '?'}: “{words}”", cid))
    return out


def word_diff_html(text: str, canonical: str) -> str:
    """``text`` as printed, its words marked against ``canonical``: <ins> for words the canonical
    form lacks, <s> for censored words that differ, and a note of the canonical words left out."""
    mine, theirs = tokens(text), tokens(canonical)
    a, b = [t[1] for t in mine], [t[1] for t in theirs]
    matcher = difflib.SequenceMatcher(a=b, b=a, autojunk=False)
    marks: dict[int, str] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            for j in range(j1, j2):
                marks[j] = "ins"
        elif tag == "equal":
            for off in range(j2 - j1):
                if mine[j1 + off][2] and mine[j1 + off][0] != theirs[i1 + off][0]:
                    marks[j1 + off] = "cens"
    import re

    out, pos, k = [], 0, 0
    for m in re.finditer(r"\[[^\]]{1,30}\]|\([a-z ]{1,20}\)|[\w*’'\\-]+", text):
        word = m.group(0)
        out.append(html.escape(text[pos : m.start()]))
        if k < len(mine) and mine[k][0] == word:
            kind = marks.get(k)
            k += 1
        else:
            kind = None
        esc = html.escape(word)
        out.append(f"<ins>{esc}</ins>" if kind == "ins" else f"<s class='cens'>{esc}</s>" if kind == "cens" else esc)
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


_STYLE = """<style>
.wb-q {border-collapse:collapse; font-size:12px; width:100%;}
.wb-q th, .wb-q td {border:1px solid #ddd; padding:4px 6px; vertical-align:top; text-align:left;}
.wb-q th {background:#f4f4f4;} .wb-q ins {background:#d9f2d9; text-decoration:none;}
.wb-q s.cens {background:#ffe0b3; text-decoration:none;} .wb-q .meta {color:#555; font-size:11px;}
.wb-q .hedge {background:#f6e0f6;}
</style>"""


def _hedges_by_sentence(hedges: pl.DataFrame | None) -> dict[tuple[str, int], list[str]]:
    if hedges is None or hedges.is_empty():
        return {}
    out: dict[tuple[str, int], list[str]] = {}
    for aid, si, marker in hedges.select("article_id", "sentence_index", "marker").iter_rows():
        out.setdefault((aid, si), []).append(marker)
    return out


def cluster_html(clusters: pl.DataFrame, cluster_id: int, *, corpus: Corpus | None = None, hedges: pl.DataFrame | None = None) -> str:
    """One cluster: each outlet's version side by side with what changed against the fullest one,
    the speaker, the cue and the hedging words of its sentence ("allegedly", "claimed")."""
    rows = clusters.filter(pl.col("cluster_id") == cluster_id).sort("article_id", "start")
    if rows.is_empty():
        return f"<p><em>No cluster {html.escape(str(cluster_id))}.</em></p>"
    labels = dict(corpus.articles.select("article_id", "label").iter_rows()) if corpus is not None else {}
    hedge_words = _hedges_by_sentence(hedges)
    canonical = rows["canonical_text"][0]
    body = []
    for r in rows.iter_rows(named=True):
        label = labels.get(r["article_id"]) or r["article_id"]
        where = "headline" if r["is_headline"] else f"¶ {r['paragraph_index']}"
        hedge = ", ".join(sorted(set(hedge_words.get((r["article_id"], r["sentence_index"]), []))))
        who = html.escape(r["speaker"] or "?")
        mention = f" <span class='meta'>(“{html.escape(r['speaker_mention'])}”)</span>" if r["speaker_mention"] and r["speaker_mention"] != r["speaker"] else ""
        body.append(
            "<tr>"
            f"<td>{html.escape(label)}<div class='meta'>{html.escape(where)}</div></td>"
            f"<td>{who}{mention}<div class='meta'>{html.escape(r['cue'] or '')}</div></td>"
            f"<td>{word_diff_html(r['text'], canonical)}</td>"
            f"<td>{html.escape(', '.join(r['changes'] or []))}</td>"
            f"<td>{'<span class=hedge>' + html.escape(hedge) + '</span>' if hedge else ''}</td>"
            "</tr>"
        )
    head = (
        f"<p><b>Cluster #{html.escape(str(cluster_id))}</b> · {rows['n_articles'][0]} articles · fullest form: "
        f"“{html.escape(canonical)}”</p>"
    )
    legend = "<p class='meta'><ins>green</ins>: words the fullest form does not have · <s class='cens'>orange</s>: censored differently</p>"
    return _STYLE + "<div class='wb-q'>" + head + "<table class='wb-q'><tr><th>article</th><th>speaker · cue</th><th>as printed</th><th>change</th><th>hedges in the sentence</th></tr>" + "".join(body) + "</table>" + legend + "</div>"


def quotes_html(quotes: pl.DataFrame, *, speaker: str | None = None, article_id: str | None = None, limit: int = 200) -> str:
    """All quotations as an HTML table, filtered by speaker and/or article (escaped)."""
    rows = quotes
    if speaker and speaker != ALL:
        rows = rows.filter(pl.col("speaker") == speaker)
    if article_id and article_id != ALL:
        rows = rows.filter(pl.col("article_id") == article_id)
    if rows.is_empty():
        return "<p><em>No quotations for this choice.</em></p>"
    body = [
        f"<tr><td>{html.escape(r['article_id'])}</td><td>{html.escape(r['kind'])}</td><td>{html.escape(r['speaker'] or '')}</td>"
        f"<td>{html.escape(r['cue'] or '')}</td><td>{html.escape(r['text'])}</td></tr>"
        for r in rows.head(limit).iter_rows(named=True)
    ]
    more = f"<p class='meta'>{rows.height - limit} more not shown.</p>" if rows.height > limit else ""
    return _STYLE + "<table class='wb-q'><tr><th>article</th><th>kind</th><th>speaker</th><th>cue</th><th>quotation</th></tr>" + "".join(body) + "</table>" + more


def speaker_chart(quotes: pl.DataFrame, corpus: Corpus | None = None, *, top: int = 15) -> alt.Chart:
    """Who is quoted by which outlet: speech quotations per speaker and article (top speakers)."""
    import altair as alt

    speech = quotes.filter((pl.col("kind") == "speech") & pl.col("speaker").is_not_null())
    if corpus is not None:
        speech = speech.join(corpus.articles.select("article_id", "label"), on="article_id", how="left")
    else:
        speech = speech.with_columns(pl.col("article_id").alias("label"))
    keep = speech.group_by("speaker").len().sort(["len", "speaker"], descending=[True, False]).head(top)["speaker"]
    data = speech.filter(pl.col("speaker").is_in(keep.implode())).group_by("speaker", "label").len("quotes").sort("speaker", "label")
    order = keep.to_list()
    return (
        alt.Chart(chart_data(data))
        .mark_bar()
        .encode(
            y=alt.Y("speaker:N", sort=order, title=None),
            x=alt.X("quotes:Q", title="quotations"),
            # a legend of thousands of articles is no help: past MAX_ARTICLES the tooltip names them
            color=alt.Color("label:N", title="article", legend=alt.Legend(orient="bottom", columns=2, labelLimit=320)
                            if data["label"].n_unique() <= MAX_ARTICLES else None),
            tooltip=[alt.Tooltip("speaker:N"), alt.Tooltip("label:N", title="article"), alt.Tooltip("quotes:Q")],
        )
        .properties(width=520, title="Who is quoted, by which article")
    )


def presence_chart(clusters: pl.DataFrame, corpus: Corpus | None = None, *, min_articles: int = 2, top: int = 25,
                   max_articles: int = MAX_ARTICLES) -> alt.Chart:
    """Quote × article presence: which articles carry each utterance reported by ≥ ``min_articles``
    (at most ``max_articles`` columns: the articles carrying most of the utterances shown)."""
    import altair as alt

    rows = clusters.filter(pl.col("n_articles") >= min_articles)
    if corpus is not None:
        rows = rows.join(corpus.articles.select("article_id", "label"), on="article_id", how="left")
    else:
        rows = rows.with_columns(pl.col("article_id").alias("label"))
    ids = rows.select("cluster_id").unique().sort("cluster_id").head(top)["cluster_id"]
    rows = rows.filter(pl.col("cluster_id").is_in(ids.implode()))
    n_labels = rows["label"].n_unique()
    if n_labels > max_articles:
        widest = rows.group_by("label").agg(pl.col("cluster_id").n_unique().alias("n")).sort(["n", "label"], descending=[True, False])
        rows = rows.filter(pl.col("label").is_in(widest.head(max_articles)["label"].implode()))
    data = (
        rows.group_by("cluster_id", "label")
        .agg(pl.len().alias("quotes"), pl.col("variant").first(), pl.col("canonical_text").first())
        .with_columns(
            (pl.lit("#") + pl.col("cluster_id").cast(pl.String) + pl.lit(" ") + pl.col("canonical_text").str.slice(0, 40)).alias("utterance")
        )
        .sort("cluster_id", "label")
    )
    order = data.unique("cluster_id", keep="first").sort("cluster_id")["utterance"].to_list()
    return (
        alt.Chart(chart_data(data.select("utterance", "label", "quotes", "variant")))
        .mark_rect()
        .encode(
            y=alt.Y("utterance:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("label:N", title="article", axis=alt.Axis(labelAngle=-30, labelLimit=160)),
            color=alt.Color("variant:N", title="variant"),
            tooltip=[alt.Tooltip("utterance:N"), alt.Tooltip("label:N", title="article"), alt.Tooltip("quotes:Q"), alt.Tooltip("variant:N")],
        )
        .properties(title=cap_title("Which articles carry each utterance (colour: how it differs from the fullest form)",
                                    min(n_labels, max_articles), n_labels))
    )


def quote_explorer(corpus: Corpus, *, quotes: pl.DataFrame | None = None, clusters: pl.DataFrame | None = None) -> widgets.VBox:
    """A dropdown of clusters (most articles first) showing each outlet's version side by side, and
    a table of all quotations filterable by speaker and article."""
    import ipywidgets as widgets

    from workbench.claims import hedges as find_hedges
    from workbench.quotes import cluster_quotes, extract_quotes

    quotes = extract_quotes(corpus) if quotes is None else quotes
    clusters = cluster_quotes(quotes) if clusters is None else clusters
    marks = find_hedges(corpus)
    options = cluster_options(clusters) or cluster_options(clusters, min_size=1)
    pick = widgets.Dropdown(options=options, description="utterance", layout=widgets.Layout(width="95%"))
    shown = widgets.HTML()
    speakers = [ALL, *sorted(quotes["speaker"].drop_nulls().unique().to_list())]
    who = widgets.Dropdown(options=speakers, value=ALL, description="speaker")
    art = widgets.Dropdown(options=[ALL, *corpus.article_ids], value=ALL, description="article")
    table = widgets.HTML()

    def show_cluster(*_: object) -> None:
        shown.value = cluster_html(clusters, pick.value, corpus=corpus, hedges=marks) if pick.value is not None else "<p><em>No quotations.</em></p>"

    def show_table(*_: object) -> None:
        table.value = quotes_html(quotes, speaker=who.value, article_id=art.value)

    pick.observe(show_cluster, names="value")
    who.observe(show_table, names="value")
    art.observe(show_table, names="value")
    show_cluster()
    show_table()
    return widgets.VBox([pick, shown, widgets.HBox([who, art]), table])
