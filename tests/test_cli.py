"""The command line end to end, the article cache, progress bars and chart export."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import polars as pl
import pytest

import workbench as wb
from conftest import ROOT, SEEDS
from workbench.progress import wants_progress

FORMATS = ROOT / "tests" / "data" / "formats"


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=600)


def test_help_documents_every_option():
    top = run_cli("--help")
    assert top.returncode == 0 and "ingest" in top.stdout and "report" in top.stdout
    ingest = run_cli("ingest", "--help").stdout
    for option in ("--out", "--format", "--catalog", "--text-column", "--stages", "--cache", "--quiet", "--recursive", "--no-recursive"):
        assert option in ingest
    report = run_cli("report", "--help").stdout
    for option in ("--out", "--notebooks", "--notebooks-dir", "--timeout"):
        assert option in report


def test_ingest_writes_every_frame_as_parquet_and_csv(tmp_path):
    out = tmp_path / "frames"
    done = run_cli("ingest", str(FORMATS), "--out", str(out))
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    expected = {"articles", "sections", "paragraphs", "sentences", "repairs", "problems", "quotes", "clusters", "speakers",
                "denials", "hedges", "dates", "publication_dates", "timeline"}
    assert set(manifest["frames"]) == expected and manifest["skipped"] == {}
    corpus = wb.load_corpus(FORMATS, warn=False)
    for name in expected:
        parquet = pl.read_parquet(out / f"{name}.parquet")
        csv = pl.read_csv(out / f"{name}.csv", infer_schema_length=0)
        assert parquet.height == csv.height == manifest["frames"][name]
    for name in ("paragraphs", "sentences", "quotes", "dates", "timeline"):
        frame = pl.read_parquet(out / f"{name}.parquet")
        assert {"article_id", "start", "end", "raw_start", "raw_end"} <= set(frame.columns)
    assert pl.read_parquet(out / "articles.parquet").equals(corpus.articles)
    assert manifest["sha256"]["saved_page"] == corpus.article("saved_page")["sha256"]
    quotes_csv = pl.read_csv(out / "quotes.csv")
    assert "We will rebuild the bridge by spring," in quotes_csv["text"].to_list()


def test_ingest_options_and_errors(tmp_path):
    out = tmp_path / "only"
    done = run_cli("ingest", str(SEEDS), "--out", str(out), "--format", "csv", "--stages", "quotes,clusters", "--quiet")
    assert done.returncode == 0 and done.stderr == ""
    assert sorted(p.name for p in out.glob("*.csv")) == sorted(f"{n}.csv" for n in ("articles", "sections", "paragraphs", "sentences", "repairs", "problems", "quotes", "clusters"))
    assert not list(out.glob("*.parquet"))
    assert run_cli("ingest", str(SEEDS), "--out", str(out), "--format", "xlsx").returncode == 2
    assert run_cli("ingest", str(SEEDS), "--out", str(out), "--stages", "magic").returncode == 2
    missing = run_cli("ingest", str(tmp_path / "nowhere"), "--out", str(out))
    assert missing.returncode == 1 and "nowhere" in missing.stderr


@pytest.mark.slow
def test_report_runs_the_notebooks_into_one_html_file(tmp_path):
    target = tmp_path / "report.html"
    done = run_cli("report", str(FORMATS), "--out", str(target), "--notebooks", "01")
    assert done.returncode == 0, done.stderr
    html = target.read_text(encoding="utf-8")
    assert "Harbour bridge to reopen after repairs" in html  # the corpus given, not the seeds
    assert "Trump" not in html
    assert "jp-RenderedSVG" in html or "image/svg" in html  # charts drawn as static SVG
    assert "cdnjs.cloudflare.com" not in html  # nothing loaded from the network when opened


def test_cache_reopens_unchanged_articles_and_redoes_changed_ones(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    fresh = wb.load_corpus(folder, warn=False)
    first = wb.load_corpus(folder, warn=False, cache=True)
    assert first.articles.equals(fresh.articles) and first.sentences.equals(fresh.sentences) and first.repairs.equals(fresh.repairs)
    cache_files = list((folder / ".workbench-cache").rglob("*.pickle"))
    assert len(cache_files) == 5
    again = wb.load_corpus(folder, warn=False, cache=True)
    assert again.paragraphs.equals(fresh.paragraphs) and again.offsets.equals(fresh.offsets)
    assert again.to_raw(again.article_ids[2], 100, 120) == fresh.to_raw(fresh.article_ids[2], 100, 120)
    # a changed file gets a new entry; the others are reused
    target = sorted(folder.glob("001_*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    changed = wb.load_corpus(folder, warn=False, cache=True)
    assert len(list((folder / ".workbench-cache").rglob("*.pickle"))) == 6
    assert "A new closing line." in changed.article(target.stem)["text"]
    # the cache folder is not read as articles
    assert len(changed.article_ids) == 5


def test_progress_is_silent_in_tests_and_can_be_forced(monkeypatch):
    assert wants_progress(10_000) is False  # PYTEST_CURRENT_TEST is set
    assert wants_progress(10, enabled=True) is True
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    monkeypatch.delenv("WORKBENCH_PROGRESS", raising=False)
    assert wants_progress(10_000) is True and wants_progress(50) is False
    monkeypatch.setenv("WORKBENCH_PROGRESS", "0")
    assert wants_progress(10_000) is False


def test_batches_run_without_bars(monkeypatch, capsys, tmp_path):
    """Inside quiet() — where workbench.scale runs each batch, on a worker or here — no bar by
    default, even when WORKBENCH_PROGRESS=1 forces them elsewhere; an explicit request stands."""
    from workbench.progress import progress, quiet
    from workbench.scale import run_to_parquet

    monkeypatch.setenv("WORKBENCH_PROGRESS", "1")
    assert wants_progress(10_000) is True
    with quiet():
        assert wants_progress(10_000) is False and wants_progress(10, enabled=True) is True
        assert list(progress(range(300), total=300)) == list(range(300))
    assert wants_progress(10_000) is True  # only inside
    folder = tmp_path / "many"  # more articles than THRESHOLD: the stages would show their bars
    folder.mkdir()
    for i in range(210):
        (folder / f"a{i:03d}.txt").write_text(f"Talks resume in city {i}\n\nThe minister said on Monday the talks would resume.\n", encoding="utf-8")
    capsys.readouterr()
    run_to_parquet(folder, tmp_path / "out", progress=False)
    assert "sentences/s" not in capsys.readouterr().err
    wb.extract_dates(wb.load_corpus(folder, warn=False))  # outside a batch the same stage shows its bar
    assert "sentences/s" in capsys.readouterr().err


def test_charts_export_without_a_browser(tmp_path, seeds):
    from workbench.views.corpus import length_chart
    from workbench.views.export import save_chart

    chart = length_chart(seeds)
    png = save_chart(chart, tmp_path / "length.png")
    svg = save_chart(chart, tmp_path / "length.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    assert svg.read_text().lstrip().startswith("<svg")
    with pytest.raises(ValueError, match=".png or .svg"):
        save_chart(chart, tmp_path / "x.pdf")


def test_ingest_a_folder_per_outlet_or_not(tmp_path):
    from test_corpus import _outlet_tree

    root = _outlet_tree(tmp_path / "story")
    done = run_cli("ingest", str(root), "--out", str(tmp_path / "out"), "--stages", "quotes", "--format", "parquet")
    assert done.returncode == 0, done.stderr
    assert pl.read_parquet(tmp_path / "out" / "articles.parquet")["outlet"].to_list() == ["ap", "bbc", "bbc", "Reuters", "reuters"]
    flat = run_cli("ingest", str(root), "--out", str(tmp_path / "flat"), "--no-recursive")
    assert flat.returncode == 1 and "subfolder-not-loaded" in flat.stderr and "--recursive" in flat.stderr
