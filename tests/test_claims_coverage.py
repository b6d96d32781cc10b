"""Claim coverage: which articles report a claim, its denial, and where."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import seed_id
from workbench.claims.coverage import COVERAGE_SCHEMA, claim_coverage, claim_mentions, content_words


@pytest.fixture(scope="module")
def moscow(seeds):
    frame = claim_coverage(seeds, "Trump threatened to bomb Moscow")
    return {r["article_id"][:3]: r for r in frame.iter_rows(named=True)}, frame


def test_content_words():
    assert content_words("Trump threatened to bomb Moscow") == ["trump", "threat", "bomb", "moscow"]
    # a verb's forms share a stem, an irregular past form too (resources/irregular_verbs.txt)
    assert content_words("sent troops") == content_words("sending a troop") == content_words("sends troops") == ["send", "troop"]
    # a light verb carries no claim ("took bribes" is "accepted bribes", "bribery"), a noun in -ery its verb's stem
    assert content_words("took bribes") == content_words("taking a bribe") == content_words("bribery") == ["brib"]
    assert content_words("the and of") == []


def test_schema(moscow):
    _, frame = moscow
    assert frame.schema == pl.Schema(COVERAGE_SCHEMA)
    assert frame.height == 5


def test_001_reports_the_threat_without_the_denial(moscow):
    rows, _ = moscow
    assert rows["001"]["reports_claim"] and not rows["001"]["reports_denial"] and rows["001"]["flagged"]
    assert rows["001"]["hedged"]  # "allegedly captures … claimed"


def test_000_and_002_report_claim_and_denial(moscow):
    rows, _ = moscow
    for key in ("000", "002"):
        assert rows[key]["reports_claim"] and rows[key]["reports_denial"] and not rows[key]["flagged"]
    # in 000 the denial comes late: paragraph 7, about three quarters down
    assert rows["000"]["denial_paragraph_index"] > rows["000"]["claim_paragraph_index"]
    assert 0.6 < rows["000"]["denial_share_before"] < 0.9
    assert rows["000"]["denier"] == "Russia"


def test_other_events_are_not_this_claim(moscow):
    rows, _ = moscow
    # 003 is Trump urging Ukraine to strike Moscow; 004 a November phone call
    assert not rows["003"]["reports_claim"] and not rows["004"]["reports_claim"]
    assert not rows["003"]["flagged"] and not rows["004"]["flagged"]


def test_004_phone_call_report_and_pure_fiction(seeds):
    frame = claim_coverage(seeds, "Trump spoke with Putin over the phone")
    row = frame.filter(pl.col("article_id") == seed_id("004")).row(0, named=True)
    assert row["reports_claim"] and row["reports_denial"] and row["denial_kind"] == "dismissal"
    assert "pure fiction" in row["denial_wording"] and row["denier"] == "Russia"
    assert row["denial_paragraph_index"] == row["claim_paragraph_index"] + 1


def test_claim_nobody_reports(seeds):
    frame = claim_coverage(seeds, "penguins elected mayor of Antarctica")
    assert not frame["reports_claim"].any() and not frame["flagged"].any()
    assert claim_mentions(seeds, "").is_empty()


def test_claim_as_quote_cluster(seeds):
    """A cluster from the quotes module: sentences holding its quotes are the claim's mentions."""
    aid = seed_id("001")
    text = seeds.articles.filter(pl.col("article_id") == aid)["text"][0]
    start = text.index('"bomb the [expletive] out of Moscow"')
    clusters = pl.DataFrame({"cluster_id": [3], "article_id": [aid], "start": [start], "end": [start + 36], "text": ["bomb the [expletive] out of Moscow"]})
    frame = claim_coverage(seeds, 3, clusters=clusters)
    flagged = frame.filter(pl.col("flagged"))["article_id"].to_list()
    assert flagged == [aid]
    with pytest.raises(ValueError, match="cluster_id"):
        claim_coverage(seeds, 3, clusters=clusters.drop("cluster_id"))


# -- the vectorized share prefilter only skips sentences that cannot reach the share ------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CLAIM_BITS = ["Bombing", "bombed", "Moscow", "MOSCOW’S", "moscow's", "don’t", "don't", "İstanbul", "ΟΔΟΣ", "οδος", "ﬁnal", "final",
               "the", "of", "threatened", "threat", "Putin", "said", "-", "’", " ", ".", "ß", "SS",
               "took", "TAKEN", "take", "taking", "bribe", "Bribes", "told", "tell", "left", "leaving"]


@given(st.lists(st.sampled_from(_CLAIM_BITS), max_size=10).map(" ".join), st.lists(st.sampled_from(_CLAIM_BITS), min_size=1, max_size=5).map(" ".join),
       st.sampled_from([0.25, 0.5, 0.75, 1.0]))
@settings(max_examples=300, deadline=None)
def test_share_prefilter_never_drops_a_match(sentence, claim, min_share):
    from workbench.claims.coverage import _could_share, _lowered, _share, content_words

    words = content_words(claim)
    if words and _share(words, sentence) >= min_share:
        assert _could_share(_lowered(pl.Series([sentence])), words, min_share).to_list() == [True]


def test_claim_report_is_coverage_and_positions_at_once(seeds):
    from workbench.claims import claim_positions, claim_report

    coverage, positions = claim_report(seeds, "threatened to bomb Moscow")
    assert coverage.equals(claim_coverage(seeds, "threatened to bomb Moscow"))
    assert positions.equals(claim_positions(seeds, "threatened to bomb Moscow")) and positions.height > 0


def test_mention_sentences_are_cached_per_corpus_and_follow_a_new_one(seeds):
    """A view asks for claim after claim on one corpus: its sentences are lowercased once; a corpus
    with other sentences (a researcher's correction makes a new Corpus) gets its own."""
    import dataclasses

    from workbench.claims.coverage import _mention_sentences

    first, low = _mention_sentences(seeds)
    again, low_again = _mention_sentences(seeds)
    assert again is first and low_again is low
    assert first.height == seeds.sentences.filter(pl.col("role") != "dateline").height
    assert low.to_list() == [t.lower().replace("’", "'") for t in first["text"].to_list()]
    fewer = dataclasses.replace(seeds, sentences=seeds.sentences.head(10))
    other, _ = _mention_sentences(fewer)
    assert other.height <= 10 and other is not first


def test_coverage_rows_of_articles_reporting_neither_are_filled_from_the_articles(seeds):
    """Only articles with a mention or a denial are worked out one by one; every other article still
    gets its row: its label (the id when it has none), its paragraph count, and no, 0, empty."""
    from workbench.claims import claim_coverage

    corpus = seeds
    cov = claim_coverage(corpus, "threatened to bomb Moscow")
    assert cov["article_id"].to_list() == sorted(seeds.articles["article_id"].to_list())
    paragraphs = dict(seeds.paragraphs.group_by("article_id").len().iter_rows())
    assert dict(cov.select("article_id", "paragraphs").iter_rows()) == paragraphs
    none = claim_coverage(corpus, "a claim about zeppelins over Reykjavik")
    assert none.height == seeds.articles.height and none["label"].to_list() == [r or a for a, r in seeds.articles.sort("article_id").select("article_id", "label").iter_rows()]
    assert not none["reports_claim"].any() and not none["flagged"].any() and none["claim_mentions"].sum() == 0
    assert none["claim_wording"].null_count() == none.height


def test_a_claim_in_another_tense_is_found(tmp_path):
    import workbench as wb

    (tmp_path / "a.txt").write_text("Mayor denies taking bribes from developer\n\nThe mayor denied on Tuesday that he took bribes.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Inquiry widens\n\nThe aide says the mayor has taken bribes for years.\n", encoding="utf-8")
    cov = claim_coverage(wb.load_corpus(tmp_path, warn=False), "took bribes")
    assert cov.sort("article_id")["reports_claim"].to_list() == [True, True]


def test_a_light_verbs_claim_and_a_denial_of_wrongdoing(tmp_path):
    import workbench as wb

    (tmp_path / "a.txt").write_text("Mayor faces inquiry\n\nThe mayor accepted bribes from a developer, prosecutors say.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Springfield bribery inquiry – live updates\n\n- Mayor Thomas Reed denies wrongdoing\n\n"
                                   "Reed arrived at City Hall.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Weather\n\nIt rained all day in Springfield.\n", encoding="utf-8")
    cov = {r["article_id"]: r for r in claim_coverage(wb.load_corpus(tmp_path, warn=False), "took bribes").iter_rows(named=True)}
    assert cov["a"]["reports_claim"] and not cov["a"]["reports_denial"] and cov["a"]["flagged"]
    assert cov["b"]["reports_claim"] and cov["b"]["reports_denial"] and cov["b"]["denier"] == "Reed"  # "denies wrongdoing"
    assert not cov["c"]["reports_claim"]
