"""Stages run with fewer collector passes, and leave the collector as they found it."""

from __future__ import annotations

import gc

import pytest

from workbench.gctune import THRESHOLD, fewer_collections


@fewer_collections
def _threshold_inside() -> int:
    return gc.get_threshold()[0]


@fewer_collections
def _nested() -> tuple[int, int]:
    return _threshold_inside(), gc.get_threshold()[0]


@fewer_collections
def _fails() -> None:
    raise RuntimeError("boom")


@pytest.fixture
def threshold():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_raised_inside_and_restored_after(threshold):
    assert _threshold_inside() == THRESHOLD > threshold[0]
    assert gc.get_threshold() == threshold
    assert _nested() == (THRESHOLD, THRESHOLD) and gc.get_threshold() == threshold
    with pytest.raises(RuntimeError):
        _fails()
    assert gc.get_threshold() == threshold


def test_a_setting_made_inside_or_collection_off_is_left_alone(threshold):
    gc.set_threshold(0)  # collection switched off by the researcher: stays off
    assert _threshold_inside() == 0 and gc.get_threshold()[0] == 0
    gc.set_threshold(*threshold)

    @fewer_collections
    def sets_its_own() -> None:
        gc.set_threshold(1234, *threshold[1:])

    sets_its_own()
    assert gc.get_threshold()[0] == 1234


def test_the_stages_run_with_it(seeds):
    """The extractors are wrapped (a stage that lost it would collect 70x as often)."""
    import workbench as wb
    from workbench.quotes.cluster import cluster_columns
    from workbench.temporal import _extract_dates

    for fn in (wb.load_corpus, wb.extract_quotes, wb.cluster_quotes, cluster_columns, wb.extract_denials, wb.hedges, wb.timeline, _extract_dates):
        assert fn.__code__ is _threshold_inside.__code__, fn.__name__  # fewer_collections' wrapper
