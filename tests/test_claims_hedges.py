"""Hedges: markers with categories and offsets, per-article density."""

from __future__ import annotations

import polars as pl
import pytest

from tests.conftest import seed_id
from workbench.claims.hedges import DENSITY_SCHEMA, HEDGE_SCHEMA, find_hedges, hedge_density, hedges

TABLE = [
    ("He allegedly said so.", [("allegedly", "hedge")]),
    ("The audio reportedly captures Trump.", [("reportedly", "hedge")]),
    ("It is unclear whether the calls took place.", [("It is unclear", "uncertainty")]),
    ("However, it’s unclear exactly when.", [("it’s unclear", "uncertainty")]),
    ("According to the recordings, he spoke.", [("According to", "attribution")]),
    ("The Pentagon confirmed the figure.", [("confirmed", "confirmation")]),
    ("The threat, if true, is serious.", [("if true", "uncertainty")]),
    # anonymous sourcing and unverified claims, as wire copy words them
    ("The payments began in 2022, said a person who spoke on condition of anonymity.", [("condition of anonymity", "attribution")]),
    ("The mayor is understood to have met the developer.", [("is understood to", "attribution")]),
    ("The claim has not been independently verified.", [("claim", "attribution"), ("not been independently verified", "uncertainty")]),
    # not confirmed is no confirmation
    ("The figures could not be independently confirmed.", [("could not be independently confirmed", "uncertainty")]),
    ("The report has not been confirmed.", [("not been confirmed", "uncertainty")]),
    ("It was probably a forgery.", [("probably", "hedge")]),
    # British sourcing, rumour, conditions, an allegation's framing
    ("It is understood that the police are investigating.", [("It is understood", "attribution")]),
    ("It is thought the inquiry will widen.", [("It is thought", "attribution")]),
    ("She is rumoured to be quitting.", [("rumoured", "hedge")]),
    ("The tape, if genuine, would end her career.", [("if genuine", "uncertainty")]),
    ("It was not immediately clear whether she had been told.", [("not immediately clear", "uncertainty")]),
    ("Holt was accused of taking bribes.", [("accused of", "attribution")]),
    ("Critics claim the deal was rigged.", [("claim", "attribution")]),
    # an outlet that could not check the claim itself
    ("Reuters was unable to verify the video.", [("unable to verify", "uncertainty")]),
    ("The BBC could not independently confirm the account.", [("could not independently confirm", "uncertainty")]),
]
NONE = ["The report is out.", "He said the weapons would be sent.", "Allegiance and reports of apparel.", "", "He was unable to attend."]


@pytest.mark.parametrize("text, expected", TABLE)
def test_markers(text, expected):
    found = find_hedges(text)
    assert [(h.marker, h.category) for h in found] == expected
    for h in found:
        assert text[h.start : h.end] == h.marker


@pytest.mark.parametrize("text", NONE)
def test_no_markers(text):
    assert find_hedges(text) == []


def test_longest_marker_wins():
    assert [h.marker for h in find_hedges("what appears to be a threat")] == ["what appears to be"]


def test_corpus_frames(seeds):
    frame = hedges(seeds)
    assert frame.schema == pl.Schema(HEDGE_SCHEMA)
    texts = dict(seeds.articles.select("article_id", "text").iter_rows())
    for row in frame.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"] : row["end"]] == row["marker"]
    seed000 = frame.filter(pl.col("article_id") == seed_id("000"))
    assert {"allegedly", "claimed"} <= set(seed000["marker"].str.to_lowercase())
    assert any("unclear" in m for m in seed000["marker"].str.to_lowercase())
    density = hedge_density(seeds, markers=frame)
    assert density.schema == pl.Schema(DENSITY_SCHEMA)
    assert density.height == seeds.articles.height
    row = density.filter(pl.col("article_id") == seed_id("002")).row(0, named=True)
    assert row["hedges"] > 20 and 0 < row["hedges_per_100_words"] < 10 and 0 < row["hedged_share"] <= 1
    # 002 ("allegedly" in almost every paragraph) hedges more per word than 000
    d = dict(density.select("article_id", "hedges_per_100_words").iter_rows())
    assert d[seed_id("002")] > d[seed_id("000")]
