"""Censor-aware clustering across outlets, variant labels, speakers and the views."""

from __future__ import annotations

import polars as pl
import pytest

import workbench as wb
from helpers import chart_values
from conftest import seed_id
from workbench.quotes import normalize_for_matching
from workbench.quotes.speakers import fold, merge_names


@pytest.fixture(scope="module")
def clusters(seeds):
    return wb.cluster_quotes(wb.extract_quotes(seeds))


def cluster_of(clusters, prefix: str, contains: str) -> int:
    rows = clusters.filter((pl.col("article_id") == seed_id(prefix)) & pl.col("text").str.contains(contains, literal=True))
    return rows["cluster_id"][0]


def members(clusters, cid: int) -> list[str]:
    return sorted(a[:3] for a in clusters.filter(pl.col("cluster_id") == cid)["article_id"].to_list())


@pytest.mark.parametrize(
    "a, b",
    [
        ("bomb the s*** out of Moscow", "bomb the [expletive] out of Moscow"),
        ("bomb the s\\*\\*\\* out of Moscow", "bomb the sh*t out of Moscow"),
        ("a lot of bulls***", "A lot of bullshit"),
        ("what the f*** is this", "what the [bleep] is this"),
        # bracketed either way, dashed out, an em dash for the middle letters
        ("kick the (expletive deleted) out of it", "kick the [expletive] out of it"),
        ("kick the f--- out of it", "kick the f**k out of it"),
        ("kick the f—k out of it", "kick the [bleep] out of it"),
        ("s--t happens", "sh*t happens"),
        ("kick the f-ck out of it", "kick the f*** out of it"),
        # contractions whose long form is certain compare as it
        ("We’re going to win, we won’t stop", "We are going to win, we will not stop"),
        ("I don't believe you", "I do not believe you"),
    ],
)
def test_censored_words_match(a, b):
    assert normalize_for_matching(a) == normalize_for_matching(b)


@pytest.mark.parametrize("a, b", [
    ("bomb the port of Odesa", "bomb the s*** out of Moscow"),
    ("the bill—and it—as is", "the bill and it ⁎ is"),  # an em dash between words censors nothing
    ("a well-known x-ray", "a well-known ⁎"),
    ("it's done", "it is done"),  # "it's" may be "it has": left as printed
])
def test_different_words_do_not_match(a, b):
    assert normalize_for_matching(a) != normalize_for_matching(b)


def test_the_moscow_threat_is_one_cluster_across_three_outlets(clusters):
    cid = cluster_of(clusters, "000", "bomb the s*** out of Moscow")
    assert members(clusters, cid) == ["000", "000", "001", "002"]  # twice in 000: headline and body
    assert cluster_of(clusters, "001", "[expletive]") == cid
    assert cluster_of(clusters, "002", "sh*t") == cid
    rows = clusters.filter(pl.col("cluster_id") == cid)
    assert "With Putin I said" in rows["canonical_text"][0]  # the fullest form
    expletive = rows.filter(pl.col("text").str.contains("[expletive]", literal=True)).row(0, named=True)
    assert expletive["variant"] == "trimmed" and "censored differently" in expletive["changes"]
    # the displayed text keeps each outlet's exact form
    assert set(rows["text"]) >= {"bomb the s*** out of Moscow", "bomb the [expletive] out of Moscow"}


@pytest.mark.parametrize(
    "first, second, contains",
    [("001", "002", "believed me 10%"), ("000", "002", "not happy with Putin"), ("002", "003", "bulls***")],
)
def test_shared_quotes_link_articles(clusters, first, second, contains):
    cid = cluster_of(clusters, first, contains)
    assert cluster_of(clusters, second, contains) == cid
    assert {first, second} <= set(members(clusters, cid))


def test_cluster_columns_read_only_their_four_columns(seeds, clusters):
    """What clustering adds comes from the quotes' id, article, text and kind alone (the speakers
    are merged meanwhile on a cluster): the same columns from those four as from the whole frame."""
    from workbench.quotes.cluster import CLUSTER_COLUMNS, CLUSTER_INPUT, cluster_columns

    quotes = wb.extract_quotes(seeds)
    added = cluster_columns(quotes.select(CLUSTER_INPUT))
    assert added.columns == list(CLUSTER_COLUMNS) and added.height == quotes.height
    assert added.equals(clusters.select(list(CLUSTER_COLUMNS)))
    assert clusters.columns == [*quotes.columns, *CLUSTER_COLUMNS]
    empty = wb.cluster_quotes(quotes.clear())
    assert empty.height == 0 and empty.schema == clusters.schema


def test_scare_quotes_and_titles_stay_alone(clusters):
    for kind in ("scare", "title"):
        rows = clusters.filter(pl.col("kind") == kind)
        assert (rows["cluster_size"] == 1).all()


def test_cluster_ids_are_ordered_by_reach_and_stable(seeds, clusters):
    first = clusters.group_by("cluster_id").agg(pl.col("n_articles").first()).sort("cluster_id")
    assert first["n_articles"].to_list() == sorted(first["n_articles"].to_list(), reverse=True)
    assert wb.cluster_quotes(wb.extract_quotes(seeds)).equals(clusters)


@pytest.mark.parametrize(
    "variant, canonical, expected",
    [
        ("We will win this war", "We will win this war", "identical"),
        ("win this war", "We will win this war together", "trimmed"),
        ("We will win this war, and soon, very soon", "We will win this war", "extended"),
        ("We shall surely win the war together now", "We will surely win the war together now", "wording changed"),
        ("bomb the s*** out of it", "bomb the sh*t out of it", "censored differently"),
        ("We’re going to win", "We are going to win", "identical"),
    ],
)
def test_variant_labels(variant, canonical, expected):
    from workbench.quotes.cluster import _variant, tokens

    assert _variant(tokens(variant), tokens(canonical), variant, canonical)[0] == expected


def test_a_contraction_is_named_among_the_changes():
    from workbench.quotes.cluster import _variant, tokens

    a, b = "We’re going to win", "We are going to win"
    assert _variant(tokens(a), tokens(b), a, b) == ("identical", ["contraction"])
    a, b = "We are going to win!", "We are going to win."
    assert _variant(tokens(a), tokens(b), a, b) == ("identical", ["punctuation"])


def test_transliterations_fold_to_one_name():
    assert fold("Zelensky") == fold("Zelenskyy") == fold("Zelenskiy") == fold("Zelenskij")
    assert fold("Peskov") != fold("Putin")
    merged = merge_names({"Zelenskyy": 3, "Zelensky": 2, "Zelenskiy": 4, "Putin": 5, "Peskov": 2})
    assert merged["Zelensky"] == merged["Zelenskyy"] == "Zelenskiy"
    assert merged["Putin"] == "Putin" and merged["Peskov"] == "Peskov"


def test_speakers_merge_spellings_and_keep_aliases(seeds):
    sp = wb.speakers(seeds)
    z = sp.filter(pl.col("spellings").list.contains("Zelenskyy")).row(0, named=True)
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(z["spellings"]) and z["is_person"]
    trump = sp.filter(pl.col("speaker") == "Trump").row(0, named=True)
    assert "Donald Trump" in trump["aliases"] and trump["articles"] == seeds.articles.height
    peskov = sp.filter(pl.col("speaker") == "Peskov").row(0, named=True)
    assert any("Peskov" in a and a != "Peskov" for a in peskov["aliases"])


def test_views(seeds, clusters):
    from workbench.views import quotes as views

    options = views.cluster_options(clusters)
    assert options and options[0][1] == 1 and "3 articles" in options[0][0]
    html = views.cluster_html(clusters, 1, corpus=seeds, hedges=wb.hedges(seeds))
    assert "<s class='cens'>[expletive]</s>" in html and "allegedly" in html and html.count("<tr>") == 5
    diff = views.word_diff_html("we will really win", "we will win")
    assert diff == "we will <ins>really</ins> win"
    table = views.quotes_html(clusters, speaker="Peskov")
    assert "telephone conversations" in table and "Bolton" not in table
    spec = views.presence_chart(clusters, seeds).to_dict()
    assert len(chart_values(spec, spec["data"])) == clusters.filter(pl.col("n_articles") >= 2).select("cluster_id", "article_id").unique().height
    explorer = views.quote_explorer(seeds)
    pick, shown, filters, table_widget = explorer.children
    pick.value = options[1][1]
    assert "believed me 10%" in shown.value
    filters.children[0].value = "Bolton"
    assert "Look, I was there" in table_widget.value and "Peskov" not in table_widget.value


def _merge_names_every_pair(counts):
    """merge_names comparing every pair of long spellings (the definition the bucketing keeps)."""
    from collections import defaultdict

    from rapidfuzz import fuzz

    groups = defaultdict(list)
    for name in counts:
        groups[fold(name)].append(name)
    keys = sorted(groups, key=lambda k: (-sum(counts[n] for n in groups[k]), k))
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    long_keys = [k for k in keys if len(k) >= 7 and " " not in k]
    for i, a in enumerate(long_keys):
        for b in long_keys[i + 1 :]:
            if a[:3] == b[:3] and fuzz.ratio(a, b) >= 92:
                parent[find(b)] = find(a)
    merged = defaultdict(list)
    for k in keys:
        merged[find(k)].extend(groups[k])
    return {n: sorted(names, key=lambda n: (-counts[n], -len(n), n))[0] for names in merged.values() for n in names}


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.dictionaries(st.sampled_from(["Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskyi", "Zelenskaya", "Zelenskyys", "Peskov", "Peskova",
                                        "Kuleba", "Kulebas", "Abramovich", "Abramovych", "Abramowicz", "Abramovitch", "Putin", "Le Pen",
                                        "Schwarzenegger", "Schwarzeneger", "Schwartzenegger", "ZELENSKYY"]),
                       st.integers(1, 9), max_size=12))
@settings(max_examples=200, deadline=None)
def test_merge_names_bucketed_equals_every_pair(counts):
    assert merge_names(counts) == _merge_names_every_pair(counts)


def test_codes_give_back_every_row():
    """cluster_quotes keeps integer codes per quotation, not strings: values[codes[i]] is row i."""
    import polars as pl

    from workbench.quotes.cluster import _codes

    column = pl.Series(["b", "a", "b", None, "c", "a", None])
    codes, values = _codes(column)
    assert values == ["b", "a", None, "c"]  # first-seen order
    assert [values[c] for c in codes] == column.to_list()


_WORDS = ["bomb", "the", "out", "of", "moscow", "⁎", "we", "will", "win", "a", "lot", "moscows", "bombs", "it", "win."]


@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.lists(st.sampled_from(_WORDS), max_size=12))
@settings(max_examples=500, deadline=None)
def test_score_cutoffs_change_no_link(a, b):
    """rapidfuzz stops early under the cutoffs: the same links and the same scores as with every
    score computed in full (the cutoffs taken away)."""
    from unittest import mock

    from rapidfuzz import fuzz

    from workbench.quotes.cluster import _linked

    full = {name: getattr(fuzz, name) for name in ("partial_ratio", "token_sort_ratio")}
    with mock.patch.multiple(fuzz, **{name: (lambda f: lambda x, y, score_cutoff=None: f(x, y))(f) for name, f in full.items()}):
        uncut = _linked(a, b)
    assert _linked(a, b) == uncut


def test_a_body_with_and_without_its_legal_form_is_one_speaker():
    """"Harbor Point LLC" (two outlets) and "Harbor Point" (one) are one speaker, named as most
    outlets name it; a different body sharing the first word is not."""
    out = merge_names({"Harbor Point LLC": 2, "Harbor Point": 1, "Harbor Freight": 1})
    assert out["Harbor Point"] == out["Harbor Point LLC"] == "Harbor Point LLC"
    assert out["Harbor Freight"] == "Harbor Freight"
    assert fold("Apple Inc.") == fold("Apple") and fold("Co") == "co"  # a name that is only a suffix stays
