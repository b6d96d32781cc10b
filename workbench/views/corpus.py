"""Views of the corpus: the articles table, what the normalizer did, article length by section."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import polars as pl

from workbench.views import MAX_ARTICLES, cap_title, chart_data

if TYPE_CHECKING:
    import altair as alt
    import ipywidgets as widgets

    from workbench.corpus import Corpus

__all__ = ["articles_table", "repairs_summary", "repairs_chart", "length_chart", "diff_html", "article_explorer", "KIND_COLOURS"]

#: one colour per repair kind, shared by the chart and the side-by-side view
KIND_COLOURS = {
    "mojibake": "#d62728",
    "escape": "#9467bd",
    "boilerplate": "#7f7f7f",
    "repeated-title": "#ff7f0e",
    "whitespace": "#1f77b4",
}


def _kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind.split("+")[0], "#2ca02c")


def articles_table(corpus: Corpus) -> pl.DataFrame:
    """One row per article: what it is and how much the normalizer changed."""
    repairs = corpus.repairs.group_by("article_id").len("repairs")
    sentences = corpus.sentences.filter(pl.col("role") == "body").group_by("article_id").len("sentences")
    sections = corpus.sections.group_by("article_id").len("sections")
    return (
        corpus.articles.select("article_id", "label", "kicker", "title", "dek", "dateline", "published_date", "encoding", "word_count")
        .join(sections, on="article_id", how="left")
        .join(sentences, on="article_id", how="left")
        .join(repairs, on="article_id", how="left")
        .with_columns(pl.col("repairs", "sentences", "sections").fill_null(0))
        .sort("article_id")
    )


def repairs_summary(corpus: Corpus) -> pl.DataFrame:
    """Repairs counted by article and kind, with the rules that fired."""
    return (
        corpus.repairs.group_by("article_id", "kind")
        .agg(pl.len().alias("repairs"), pl.col("rule").unique().sort().str.join(", ").alias("rules"))
        .sort("article_id", "kind")
    )


def repairs_chart(corpus: Corpus, *, max_articles: int = MAX_ARTICLES) -> alt.Chart:
    """Stacked bars: how many repairs of each kind the normalizer made in each article (on a larger
    corpus the ``max_articles`` with the most repairs)."""
    import altair as alt

    data = repairs_summary(corpus).join(corpus.articles.select("article_id", "label"), on="article_id")
    most = data.group_by("article_id").agg(pl.col("repairs").sum()).sort(["repairs", "article_id"], descending=[True, False])
    total = most.height
    data = data.filter(pl.col("article_id").is_in(most.head(max_articles)["article_id"].implode()))
    kinds = sorted(data["kind"].unique().to_list())
    return (
        alt.Chart(chart_data(data))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title="article", sort=sorted(set(data["label"].to_list()))),
            x=alt.X("repairs:Q", title="repairs"),
            color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[_kind_colour(k) for k in kinds]), title="kind"),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("kind:N"), alt.Tooltip("repairs:Q"), alt.Tooltip("rules:N")],
        )
        .properties(title=cap_title("What the normalizer changed, by article", min(total, max_articles), total, "articles repaired"), width=420)
    )


def length_chart(corpus: Corpus, *, max_articles: int = MAX_ARTICLES) -> alt.Chart:
    """Stacked bars: each article's length in words, split by section (headed sections in order);
    on a larger corpus the ``max_articles`` longest."""
    import altair as alt

    articles = corpus.articles.select("article_id", "label", "word_count")
    total = articles.height
    if total > max_articles:
        articles = articles.sort(["word_count", "article_id"], descending=[True, False]).head(max_articles)
    data = corpus.sections.join(articles.select("article_id", "label"), on="article_id").with_columns(
        pl.col("heading").fill_null("(lead)").alias("section")
    ).select("label", "section_index", "section", "word_count", "paragraph_count")
    return (
        alt.Chart(chart_data(data))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("label:N", title="article", sort=sorted(articles["label"].to_list())),
            x=alt.X("sum(word_count):Q", title="words"),
            color=alt.Color("section_index:O", title="section #", scale=alt.Scale(scheme="tableau20")),
            order=alt.Order("section_index:O"),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("section_index:O"), alt.Tooltip("section:N"), alt.Tooltip("word_count:Q"), alt.Tooltip("paragraph_count:Q")],
        )
        .properties(title=cap_title("Article length by section", articles.height, total, "articles (the longest)"), width=420)
    )


_STYLE = """<style>
.wb-diff {display:flex; gap:1em; font-size:12px;}
.wb-diff > div {flex:1; min-width:0;}
.wb-diff pre {white-space:pre-wrap; word-wrap:break-word; background:#fafafa; border:1px solid #ddd; padding:6px; max-height:32em; overflow:auto;}
.wb-diff del, .wb-diff ins {text-decoration:none; border-radius:2px; padding:0 1px;}
.wb-diff .gone {font-size:10px; color:#fff; border-radius:2px; padding:0 2px;}
</style>"""


def diff_html(corpus: Corpus, article_id: str, *, max_chars: int | None = None) -> str:
    """Raw and normalized text side by side, every repair highlighted in its kind's colour.

    All article text is HTML-escaped. ``max_chars`` cuts both sides after that many characters of
    the raw text (the normalized side is cut at the matching place).
    """
    art = corpus.article(article_id)
    raw, text = art["raw_text"], art["text"]
    reps = corpus.repairs.filter(pl.col("article_id") == article_id).sort("raw_start").iter_rows(named=True)
    raw_parts, norm_parts = [], []
    rpos = tpos = 0
    limit = len(raw) if max_chars is None else max_chars
    for r in reps:
        if r["raw_start"] >= limit:
            break
        colour = _kind_colour(r["kind"])
        title = html.escape(f"{r['kind']} ({r['rule']}): {r['before']!r} → {r['after']!r}", quote=True)
        raw_parts.append(html.escape(raw[rpos : r["raw_start"]]))
        raw_parts.append(f'<del style="background:{colour}33; outline:1px solid {colour}" title="{title}">{html.escape(r["before"])}</del>')
        norm_parts.append(html.escape(text[tpos : r["start"]]))
        if r["after"].strip():
            norm_parts.append(f'<ins style="background:{colour}33; outline:1px solid {colour}" title="{title}">{html.escape(r["after"])}</ins>')
        else:
            norm_parts.append(html.escape(r["after"]))
            norm_parts.append(f'<span class="gone" style="background:{colour}" title="{title}">{html.escape(r["kind"])}</span>')
        rpos, tpos = r["raw_end"], r["end"]
    raw_end = limit if rpos <= limit else rpos
    text_end = tpos + (raw_end - rpos) if max_chars is not None else len(text)
    raw_parts.append(html.escape(raw[rpos:raw_end]))
    norm_parts.append(html.escape(text[tpos:text_end]))
    more = " …" if raw_end < len(raw) else ""
    n = corpus.repairs.filter(pl.col("article_id") == article_id).height
    head = html.escape(f"{art['label']} — {art['title'] or '(no title)'} — {n} repairs")
    return (
        f"{_STYLE}<div><b>{head}</b></div><div class='wb-diff'>"
        f"<div><b>raw ({html.escape(art['encoding'])})</b><pre>{''.join(raw_parts)}{more}</pre></div>"
        f"<div><b>normalized</b><pre>{''.join(norm_parts)}{more}</pre></div></div>"
    )


def article_explorer(corpus: Corpus, *, max_chars: int | None = 6000) -> widgets.VBox:
    """A dropdown of articles and the side-by-side view of the one picked (raw vs normalized)."""
    import ipywidgets as widgets

    options = [(f"{row['label']} — {(row['title'] or '')[:60]}", row["article_id"]) for row in corpus.articles.sort("article_id").iter_rows(named=True)]
    pick = widgets.Dropdown(options=options, description="article", layout=widgets.Layout(width="95%"))
    view = widgets.HTML()

    def show(change=None) -> None:
        view.value = diff_html(corpus, pick.value, max_chars=max_chars)

    pick.observe(show, names="value")
    show()
    return widgets.VBox([pick, view])
