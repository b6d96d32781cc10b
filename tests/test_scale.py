"""workbench.scale: the pipeline a batch at a time — in this process or on a two-worker Dask
cluster — gives the single-machine frames, and holds one batch at a time."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil

import polars as pl
import pytest

from conftest import MEANTIME, SEEDS
from workbench.scale import (FRAMES, _batches, _first_pass, _ordered, local_cluster, open_corpus, open_frames, run_distributed, run_local,
                             run_to_parquet)


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


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory):
    """A folder of text files: the seeds, 30 MEANTIME articles (ids that sort differently as
    strings and as loaded: 1173 < 141483 < 40986), two files whose ids sort unlike their names, a
    byte-for-byte copy, an unreadable file, a .jsonl of three rows out of id order (one repeating an
    id), and a catalog with a row naming no file."""
    folder = tmp_path_factory.mktemp("messy")
    for p in sorted(SEEDS.glob("*.txt")) + sorted(MEANTIME.glob("*.txt"))[:30]:
        shutil.copy(p, folder / p.name)
    first = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(first, folder / "zz-copy.txt")
    (folder / "broken.txt").write_bytes(b"%PDF-1.4 not an article")
    meantime = sorted(MEANTIME.glob("*.txt"))
    # articles with hedges, denials and dates whose ids sort unlike their load order: rows out of
    # id order; files loaded in name order ("story-2.txt" < "story.txt") with ids the other way
    lines = [{"id": "wire-b", "text": meantime[98].read_text(encoding="utf-8")},
             {"id": "wire-a", "text": meantime[63].read_text(encoding="utf-8")},
             {"id": "wire-b", "text": meantime[50].read_text(encoding="utf-8")}]
    shutil.copy(meantime[47], folder / "story.txt")
    shutil.copy(meantime[49], folder / "story-2.txt")
    pl.DataFrame(lines).write_ndjson(folder / "wire.jsonl")
    (folder / "catalog.csv").write_text(f"file,outlet,url,published_date\n{first.name},Seed Outlet,,\nnot-here.txt,Ghost,,\n", encoding="utf-8")
    return folder


def _assert_same(local: dict[str, pl.DataFrame], other: dict[str, pl.DataFrame]) -> None:
    assert set(FRAMES) <= set(other)
    for name in FRAMES:
        a, b = local[name], other[name]
        assert a.columns == b.columns, name
        assert a.equals(b), f"{name} differs between the single-machine and the batched run"


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [1, 7, 1000])
def test_batches_in_this_process_give_the_single_machine_frames(messy_folder, tmp_path, batch_size):
    local = run_local(messy_folder)
    ids = local["articles"]["article_id"].to_list()
    assert ids != sorted(ids)  # corpus order is load order, not id order: batches must keep it
    lazy = run_to_parquet(messy_folder, tmp_path / "out", batch_size=batch_size)
    _assert_same(local, {name: frame.collect() for name, frame in lazy.items()})
    n_batches = len(list((tmp_path / "out" / "articles").glob("part-*.parquet")))
    assert n_batches == -(-local["articles"].height // batch_size)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["batches"] == n_batches and manifest["batch_size"] == batch_size
    assert manifest["frames"] == {**{name: local[name].height for name in FRAMES}, "offsets": manifest["frames"]["offsets"]}
    assert "batches: speakers merged, renamed speakers’ denials, pending dates" in manifest["phases"]
    for name in ("quotes", "hedges", "denials", "dates", "timeline"):  # every per-article frame in corpus order
        seen = list(dict.fromkeys(local[name]["article_id"].to_list()))
        assert seen == [a for a in ids if a in set(seen)], name
    # the corpus-wide steps saw every batch: duplicates, repeated ids, the catalog, the unknown row
    problems = local["problems"]["problem"].to_list()
    for kind in ("duplicate", "duplicate-id", "catalog-unknown-file", "binary"):
        assert kind in problems, kind
    assert local["articles"].filter(pl.col("outlet") == "Seed Outlet").height == 1
    assert local["clusters"]["n_articles"].max() >= 3  # the Moscow threat across outlets


@pytest.mark.slow
def test_two_workers_give_the_single_machine_frames(dataset):
    local = run_local(dataset)
    phases: dict[str, float] = {}
    distributed = run_distributed(dataset, n_workers=2, batch_size=7, timings=phases)  # 4 batches over 2 files
    _assert_same(local, distributed)
    # the run did real work, and the corpus-wide steps saw every batch
    assert distributed["articles"].height == 26  # 5 seeds + 20 MEANTIME + the copy; the empty row is a problem
    assert "duplicate" in distributed["problems"]["problem"].to_list()
    assert "no-text" in distributed["problems"]["problem"].to_list()
    assert distributed["clusters"]["n_articles"].max() >= 3  # the Moscow threat across batches
    assert distributed["articles"].filter(pl.col("outlet") == "Wire").height == 1
    assert {"cluster start", "batches: load, quotes, denials, hedges, dates, timeline", "batches: speakers merged, renamed speakers’ denials, pending dates",
            "corpus-wide: cluster quotes"} <= set(phases)


@pytest.mark.slow
def test_local_cluster_keeps_dasks_upkeep_low():
    """The dashboard's profiler samples every worker's stack: off on the clusters the workbench
    starts; the event loops' timers (the scheduler's and the nannies' run in this process, beside
    the client) wake once a second, not fifty times; nothing steals or trims replicas; and each
    single-threaded worker's polars runs one thread."""
    client, cluster = local_cluster(2)
    try:
        import dask

        enabled = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        assert len(enabled) == 2 and set(enabled.values()) == {False}
        threads = client.run(lambda: __import__("polars").thread_pool_size())
        assert set(threads.values()) == {1}
        timers = [{k: pc.callback_time for k, pc in server.periodic_callbacks.items()}
                  for server in (cluster.scheduler, *cluster.workers.values())]
        timers += client.run(lambda dask_worker: {k: pc.callback_time for k, pc in dask_worker.periodic_callbacks.items()}).values()
        assert len(timers) == 5
        for got in timers:  # milliseconds
            assert got["tick"] >= 1000 and got["monitor"] >= 2000, got
            assert got.get("memory_monitor", 1000) >= 1000, got
        assert "stealing" not in cluster.scheduler.extensions
        assert not cluster.scheduler.extensions["amm"].running
    finally:
        client.close()
        cluster.close()


def test_a_batch_may_come_pickled(tmp_path):
    """On a cluster a batch travels as one pickle; the first pass reads both forms alike."""
    import pickle

    from workbench.corpus import Admission

    items = list(Admission(SEEDS))
    as_list = _first_pass(0, items, None, str(tmp_path / "a"))
    as_blob = _first_pass(0, pickle.dumps(items), None, str(tmp_path / "b"))
    assert as_list["articles"] == as_blob["articles"] == 5 and as_list["years"] == as_blob["years"]
    for name in ("articles", "sentences", "quotes", "dates"):
        assert pl.read_parquet(tmp_path / "a" / name).equals(pl.read_parquet(tmp_path / "b" / name))


def test_parts_read_back_as_a_corpus(messy_folder, tmp_path):
    import workbench as wb

    run_to_parquet(messy_folder, tmp_path / "out", batch_size=9)
    loaded = wb.load_corpus(messy_folder, warn=False)
    back = open_corpus(tmp_path / "out")
    for name in ("articles", "sections", "paragraphs", "sentences", "repairs", "problems", "offsets"):
        assert getattr(back, name).equals(getattr(loaded, name)), name
    # offsets map to raw text without the maps built while loading (rebuilt from the offsets frame)
    rng = random.Random(0)
    for aid, text in loaded.articles.select("article_id", "text").iter_rows():
        for _ in range(20):
            s = rng.randrange(len(text) + 1)
            e = rng.randrange(s, len(text) + 1)
            assert back.to_raw(aid, s, e) == loaded.to_raw(aid, s, e)
    with pytest.raises(KeyError, match="no article"):
        back.to_raw("nope", 0, 1)
    some = loaded.article_ids[3:6]
    assert open_corpus(tmp_path / "out", articles=some).article_ids == some
    assert wb.extract_quotes(open_corpus(tmp_path / "out")).equals(wb.extract_quotes(loaded))


def test_rerun_replaces_old_parts(tmp_path):
    out = tmp_path / "out"
    run_to_parquet(SEEDS, out, batch_size=1)
    assert len(list((out / "articles").glob("*.parquet"))) == 5
    frames = run_to_parquet(SEEDS, out, batch_size=2)
    assert len(list((out / "articles").glob("*.parquet"))) == 3
    assert frames["articles"].collect().height == 5


def test_batches_carry_problem_items_and_count_articles():
    @dataclasses.dataclass
    class Item:
        raw: object

    items = [Item(None), Item("a"), Item("b"), Item(None), Item("c"), Item(None)]
    batches = list(_batches(items, 2))
    assert [[i.raw for i in b] for b in batches] == [[None, "a", "b", None], ["c", None]]
    assert list(_batches([], 3)) == []


def test_cluster_calls_are_bounded_and_ordered():
    """With a cluster, at most ``window`` batches are in flight: the client does not read the whole
    corpus ahead of the workers; results come back in batch order whatever order they finish in."""

    class Future:
        def __init__(self, client, value):
            self.client, self.value = client, value

        def result(self):
            self.client.flight -= 1
            return self.value

    class Client:
        flight = peak = 0

        def submit(self, fn, *args, pure=True):
            self.flight += 1
            self.peak = max(self.peak, self.flight)
            return Future(self, fn(*args))

    client = Client()
    pulled = []

    def calls():
        for i in range(10):
            pulled.append(i)
            yield (i,)

    out = list(_ordered(lambda i: i * i, calls(), client, 3))
    assert out == [i * i for i in range(10)]
    assert client.peak == 3
    assert list(_ordered(lambda i: -i, iter([(1,), (2,)]), None, 3)) == [-1, -2]


def test_bad_sources_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        run_to_parquet(tmp_path / "nowhere", tmp_path / "out")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "a.txt").write_bytes(b"%PDF-1.4")
    with pytest.raises(ValueError, match="nothing could be loaded.*a.txt: binary"):
        run_to_parquet(tmp_path / "junk", tmp_path / "out")
    with pytest.raises(ValueError, match="batch_size"):
        run_to_parquet(SEEDS, tmp_path / "out", batch_size=0)
    with pytest.raises(FileNotFoundError, match="no frames"):
        open_frames(tmp_path / "junk")
    with pytest.raises(FileNotFoundError, match="nowhere"):
        run_distributed(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="no .parquet files"):
        run_distributed(tmp_path / "junk")


def test_scale_command_in_this_process(messy_folder, tmp_path):
    from test_cli import run_cli

    done = run_cli("scale", str(messy_folder), "--out", str(tmp_path / "out"), "--workers", "0", "--batch-size", "10")
    assert done.returncode == 0, done.stderr
    assert "in this process" in done.stderr
    quotes = pl.read_parquet(tmp_path / "out" / "quotes" / "*.parquet")
    assert quotes.equals(run_local(messy_folder)["quotes"])


@pytest.mark.slow
def test_scale_command_on_a_local_cluster(dataset, tmp_path):
    from test_cli import run_cli

    done = run_cli("scale", str(dataset), "--out", str(tmp_path / "out"), "--workers", "2", "--batch-size", "10")
    assert done.returncode == 0, done.stderr
    assert "on 2 local workers" in done.stderr
    assert pl.read_parquet(tmp_path / "out" / "quotes" / "*.parquet").height == run_local(dataset)["quotes"].height


def test_an_undated_article_gets_the_years_of_later_batches(tmp_path):
    """An undated article that names a weekday and a date but no year ("Tuesday, July 8") is placed
    with the years the *corpus* mentions; here those come only from a later batch, so the batched
    run must carry them back (the second pass) to give the single-machine dates."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "1-undated.txt").write_text("Company pulls product\n\nThe company said on Tuesday, July 8, that it would recall the toy. "
                                          "On Thursday it widened the recall.\n", encoding="utf-8")
    (folder / "2-dated.txt").write_text("Toy maker reports results\n\nMarch 3, 2008\n\nThe toy maker said its sales in 2008 would rise.\n",
                                        encoding="utf-8")
    local = run_local(folder)
    lazy = run_to_parquet(folder, tmp_path / "out", batch_size=1)
    _assert_same(local, {name: frame.collect() for name, frame in lazy.items()})
    undated = local["dates"].filter(pl.col("article_id") == "1-undated")
    assert undated["value"].to_list()[0] == "2008-07-08"  # the only year near 2008 where July 8 is a Tuesday
    assert undated["anchor_date"].drop_nulls().dt.to_string().unique().to_list() == ["2008-07-08"]
    assert local["timeline"].filter(pl.col("article_id") == "1-undated").height == 2


def test_pending_dates_stand_when_the_batch_spans_the_corpuss_years(tmp_path, monkeypatch):
    """The undated article's batch mentions the same years as the corpus (2008): the inference
    reads only the earliest and latest, so its first-pass rows stand — no second tagging — and
    still equal the single-machine frames."""
    import workbench as wb

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "1-undated.txt").write_text("Company pulls product\n\nThe company said on Tuesday, July 8, that it would recall the toy. "
                                          "On Thursday it widened the recall.\n", encoding="utf-8")
    for name in ("2-dated", "3-dated"):
        (folder / f"{name}.txt").write_text("Toy maker reports results\n\nMarch 3, 2008\n\nThe toy maker said its sales in 2008 would rise.\n",
                                            encoding="utf-8")
    local = run_local(folder)
    again = []
    real = wb.extract_dates
    monkeypatch.setattr(wb, "extract_dates", lambda *a, **k: again.append(a[0].article_ids) or real(*a, **k))
    lazy = run_to_parquet(folder, tmp_path / "out", batch_size=2)
    assert again == []
    _assert_same(local, {name: frame.collect() for name, frame in lazy.items()})
    assert local["dates"].filter(pl.col("article_id") == "1-undated")["value"].to_list()[0] == "2008-07-08"
    run_to_parquet(folder, tmp_path / "out", batch_size=1)  # alone, its batch has no years: done again
    assert again == [["1-undated"]]


def test_a_folder_of_the_researchers_is_never_removed(tmp_path):
    """``out`` pointed at a folder with a subfolder named like a frame (MEANTIME's own ``articles/``)
    raises before anything is written, and the subfolder keeps its files."""
    out = tmp_path / "project"
    (out / "articles").mkdir(parents=True)
    keep = out / "articles" / "mine.txt"
    keep.write_text("my article", encoding="utf-8")
    with pytest.raises(FileExistsError, match="articles.*not a frame folder"):
        run_to_parquet(SEEDS, out)
    assert keep.read_text(encoding="utf-8") == "my article"
    assert not (out / "quotes").exists()
    from test_cli import run_cli

    done = run_cli("scale", str(SEEDS), "--out", str(out), "--workers", "0")
    assert done.returncode == 1 and "not a frame folder" in done.stderr and "Traceback" not in done.stderr
    assert keep.exists()


def test_a_second_run_through_a_dotted_path_replaces_the_first(tmp_path):
    out = tmp_path / "out"
    first = run_to_parquet(SEEDS, out, batch_size=1)["quotes"].collect()  # five parts
    # three parts, through a path that stops resolving when articles/ is cleared: no part is left over
    again = run_to_parquet(SEEDS, out / "articles" / "..", batch_size=2)["quotes"].collect()
    assert again.equals(first)
    assert len(list((out / "quotes").glob("*.parquet"))) == 3


def test_a_denial_in_a_renamed_speakers_quotation_is_found_again(tmp_path):
    """A batch's denials are found with its own speakers' spellings; where the corpus-wide merge
    renames a speaker (Zelenskiy -> Zelensky, the commoner spelling, here only in later batches),
    the article's denials are found again with the merged name — the single-machine rows."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "1-variant.txt").write_text("Kyiv rejects report\n\n“These reports are completely false,” Zelenskiy said on Monday.\n",
                                          encoding="utf-8")
    for k in (2, 3):
        (folder / f"{k}-common.txt").write_text(f"Talks go on\n\n“We will keep talking,” Zelensky said in speech {k}.\n", encoding="utf-8")
    local = run_local(folder)
    deniers = local["denials"].filter(pl.col("article_id") == "1-variant")["denier"].to_list()
    assert "Zelensky" in deniers and "Zelenskiy" not in deniers  # the merged name
    import workbench as wb

    corpus = wb.load_corpus(folder)
    unmerged = wb.extract_denials(corpus, quotes=wb.extract_quotes(corpus, merge=False))
    assert "Zelenskiy" in unmerged["denier"].to_list()  # the first pass's: the second must find it again
    lazy = run_to_parquet(folder, tmp_path / "out", batch_size=1)
    _assert_same(local, {name: frame.collect() for name, frame in lazy.items()})


def test_batches_are_larger_on_a_cluster_unless_told(tmp_path):
    """By default a batch is BATCH_SIZE articles in this process and CLUSTER_BATCH_SIZE on a
    cluster (a batch's fixed costs are paid less often there); a size given is used either way.
    The cluster here runs each call at once, in this process: only the batching is under test."""
    from workbench import scale

    class InPlace:  # the part of a dask Client that run_to_parquet uses
        def scheduler_info(self):
            return {"workers": {"w1": {}, "w2": {}}}

        def submit(self, fn, *args, pure=False):
            done = fn(*args)
            return type("Future", (), {"result": lambda self: done})()

        def scatter(self, value, broadcast=False):
            return value

    def batch_size(**kwargs):
        run_to_parquet(SEEDS, tmp_path / "out", progress=False, **kwargs)
        return json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["batch_size"]

    assert scale.CLUSTER_BATCH_SIZE > scale.BATCH_SIZE
    assert batch_size() == scale.BATCH_SIZE
    assert batch_size(client=InPlace()) == scale.CLUSTER_BATCH_SIZE
    assert batch_size(client=InPlace(), batch_size=2) == 2


def test_a_folder_per_outlet_in_batches(tmp_path):
    """A corpus kept one folder per outlet goes through the batches as through load_corpus: the
    same ids (``bbc/000``), outlets and frames."""
    from test_corpus import _outlet_tree

    root = _outlet_tree(tmp_path / "story")
    local = run_local(root)
    assert local["articles"]["article_id"].to_list()[:2] == ["ap/wire/000", "bbc/000"]
    lazy = run_to_parquet(root, tmp_path / "out", batch_size=2, progress=False)
    _assert_same(local, {name: frame.collect() for name, frame in lazy.items()})
