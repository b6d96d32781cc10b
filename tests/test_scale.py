"""workbench.scale: the pipeline on a two-worker Dask cluster gives the single-machine frames."""

from __future__ import annotations

import polars as pl
import pytest

from conftest import MEANTIME, SEEDS
from workbench.scale import FRAMES, run_distributed, run_local


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """Two Parquet files: the seeds and 20 MEANTIME articles, a duplicate row, a row without text,
    and a catalog naming one row."""
    folder = tmp_path_factory.mktemp("dataset")
    rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": f"Outlet {p.stem[:2]}"}
            for p in sorted(SEEDS.glob("*.txt")) + sorted(MEANTIME.glob("*.txt"))[:20]]
    pl.DataFrame(rows[:12]).write_parquet(folder / "part-0.parquet")
    extra = [rows[2] | {"id": "copy-of-a-seed"}, {"id": "empty-row", "text": "", "outlet": "x"}]
    pl.DataFrame(rows[12:] + extra).write_parquet(folder / "part-1.parquet")
    (folder / "catalog.csv").write_text(f"file,outlet,url,published_date\n{rows[14]['id']},Wire,,2008-03-01\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_two_workers_give_the_single_machine_frames(dataset):
    local = run_local(dataset)
    distributed = run_distributed(dataset, n_workers=2, batch_size=7)  # 4 batches over 2 files
    assert set(distributed) == set(FRAMES)
    for name in FRAMES:
        a, b = local[name], distributed[name]
        if name == "problems":  # the same rows; their order follows the batches
            a, b = a.sort(pl.all()), b.sort(pl.all())
        assert a.columns == b.columns, name
        assert a.equals(b), f"{name} differs between the single-machine and the distributed run"
    # the run did real work, and the corpus-wide steps saw every batch
    assert distributed["articles"].height == 26  # 5 seeds + 20 MEANTIME + the copy; the empty row is a problem
    assert "duplicate" in distributed["problems"]["problem"].to_list()
    assert "no-text" in distributed["problems"]["problem"].to_list()
    assert distributed["clusters"]["n_articles"].max() >= 3  # the Moscow threat across batches
    assert distributed["articles"].filter(pl.col("outlet") == "Wire").height == 1


def test_missing_dataset_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        run_distributed(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="no .parquet files"):
        run_distributed(tmp_path)


@pytest.mark.slow
def test_scale_command(dataset, tmp_path):
    from test_cli import run_cli

    done = run_cli("scale", str(dataset), "--out", str(tmp_path / "out"), "--workers", "2", "--batch-size", "10")
    assert done.returncode == 0, done.stderr
    assert pl.read_parquet(tmp_path / "out" / "quotes.parquet").height == run_local(dataset)["quotes"].height
