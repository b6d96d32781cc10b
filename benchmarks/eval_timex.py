"""Score the temporal tagger against the MEANTIME TIMEX3 gold, the TempEval-3 way, with dateparser as baseline.

Usage:  python benchmarks/eval_timex.py [--json OUT]

* Gold: corpora/meantime-en/timex.jsonl (offsets into each article file). The creation-time TIMEX
  (the date line) is the document creation time: it is the anchor, not an expression to find, so it
  is excluded from scoring (as in TempEval-3, where DCT is given). The workbench reads the anchor
  from the date line itself (``wb.publication_dates``), as it would for any corpus; dateparser gets
  the same anchor.
* Annotated region: MEANTIME annotates only the opening of each article (its title, date line and
  first sentences); in the gold no TIMEX3 lies past the sixth sentence (index 5 in the workbench's
  segmentation: title, date line, four body sentences). Expressions found later in an article are
  not wrong, just unannotated, so both systems are scored on sentences 0-5 only.
* Strict match: same span; relaxed match: overlapping spans (each gold and system expression matched
  at most once). Value accuracy: right normalized value among relaxed matches; value F1: a relaxed
  match counts only with the right value (TempEval-3's "value" F1).
* Splits: two topics (airbus, apple) were used while writing rules ("dev"); the other two (gm,
  stock) are reported separately as "held-out".
* Baseline: dateparser.search.search_dates on each sentence, RELATIVE_BASE = the creation time,
  PREFER_DATES_FROM = past; its output is a datetime, so its value is scored at day precision, or at
  the precision of the matched text's form where that is evident (year, month) — a generous reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import workbench as wb  # noqa: E402

GOLD = ROOT / "corpora" / "meantime-en" / "timex.jsonl"
ARTICLES = ROOT / "corpora" / "meantime-en" / "articles"
DEV_TOPICS = {"airbus", "apple"}
ANNOTATED_SENTENCES = 6  # sentences 0..5 of each article carry MEANTIME's annotation


def load_gold():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    dct = {r["doc_id"]: r["value"] for r in rows if r["creation_time"]}
    topic = {r["doc_id"]: r["corpus"] for r in rows}
    gold = defaultdict(list)
    for r in rows:
        if not r["creation_time"]:
            gold[r["doc_id"]].append((r["start"], r["end"], r["value"], r["type"]))
    return gold, dct, topic


def score(gold, system, docs):
    """gold/system: doc -> list of (start, end, value, type)."""
    g_n = s_n = strict = relaxed = value_ok = type_ok = 0
    for doc in docs:
        g = sorted(gold.get(doc, []))
        s = sorted(system.get(doc, []))
        g_n += len(g)
        s_n += len(s)
        used = set()
        for gs, ge, gv, gt in g:
            best = None
            for k, (ss, se, sv, st) in enumerate(s):
                if k in used or not (ss < ge and gs < se):
                    continue
                if best is None or (ss, se) == (gs, ge):
                    best = k
            if best is None:
                continue
            used.add(best)
            ss, se, sv, st = s[best]
            relaxed += 1
            strict += (ss, se) == (gs, ge)
            value_ok += sv == gv
            type_ok += st == gt
    def prf(tp):
        p = tp / s_n if s_n else 0.0
        r = tp / g_n if g_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    sp, sr, sf = prf(strict)
    rp, rr, rf = prf(relaxed)
    vp, vr, vf = prf(value_ok)
    return {
        "gold": g_n, "system": s_n, "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0, "type_accuracy": type_ok / relaxed if relaxed else 0.0,
        "value_p": vp, "value_r": vr, "value_f1": vf,
    }


def run_workbench():
    """The workbench end to end: the anchor is read from each article's date line, as for any corpus."""
    corpus = wb.load_corpus(ARTICLES, warn=False)
    t0 = time.perf_counter()
    dates = wb.extract_dates(corpus)
    seconds = time.perf_counter() - t0
    dates = dates.filter((dates["sentence_index"] < ANNOTATED_SENTENCES) & (dates["role"] != "dateline"))
    system = defaultdict(list)
    for r in dates.iter_rows(named=True):
        system[r["article_id"]].append((r["raw_start"], r["raw_end"], r["value"], r["type"]))
    return system, seconds, corpus


def run_dateparser(dct, corpus):
    from dateparser.search import search_dates

    system = defaultdict(list)
    t0 = time.perf_counter()
    body = corpus.sentences.filter((corpus.sentences["role"] != "dateline") & (corpus.sentences["sentence_index"] < ANNOTATED_SENTENCES))
    for s in body.iter_rows(named=True):
        doc = s["article_id"]
        if dct.get(doc) is None:
            continue
        base = dt.datetime.combine(dct[doc], dt.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(s["text"], languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        pos = 0
        for text, when in found:
            i = s["text"].find(text, pos)
            if i < 0:
                continue
            pos = i + len(text)
            value = when.date().isoformat()
            stripped = text.strip()
            if stripped.isdigit() and len(stripped) == 4:
                value = stripped
            elif len(stripped.split()) == 1 and stripped.istitle() and not stripped.endswith("day"):
                value = value[:7]
            system[doc].append((s["raw_start"] + i, s["raw_start"] + i + len(text), value, "DATE"))
    return system, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser (slow)")
    args = ap.parse_args(argv)
    gold, dct, topic = load_gold()
    docs = sorted(dct)
    splits = {
        "all": docs,
        "dev (airbus, apple)": [d for d in docs if topic[d] in DEV_TOPICS],
        "held-out (gm, stock)": [d for d in docs if topic[d] not in DEV_TOPICS],
    }
    system, seconds, corpus = run_workbench()
    anchors = dict(wb.publication_dates(corpus).select("article_id", "anchor_date").iter_rows())
    missing = [d for d in docs if anchors.get(d) is None]
    if missing:
        print(f"warning: no anchor read for {len(missing)} articles: {missing[:5]}")
    results = {"workbench": {name: score(gold, system, ds) for name, ds in splits.items()}, "workbench_seconds": seconds}
    if not args.no_baseline:
        base, base_seconds = run_dateparser(anchors, corpus)
        results["dateparser"] = {name: score(gold, base, ds) for name, ds in splits.items()}
        results["dateparser_seconds"] = base_seconds
    print(f"MEANTIME-en: {len(docs)} articles, {sum(len(v) for v in gold.values())} gold TIMEX3 (creation times excluded)\n")
    head = f"{'system':<11} {'split':<22} {'strict P/R/F1':>20} {'relaxed P/R/F1':>20} {'value acc':>9} {'value F1':>8}"
    print(head)
    print("-" * len(head))
    for sysname in ("workbench", "dateparser"):
        if sysname not in results:
            continue
        for split, r in results[sysname].items():
            print(f"{sysname:<11} {split:<22} {r['strict_p']:.3f}/{r['strict_r']:.3f}/{r['strict_f1']:.3f} "
                  f"{r['relaxed_p']:.3f}/{r['relaxed_r']:.3f}/{r['relaxed_f1']:.3f} {r['value_accuracy']:>9.3f} {r['value_f1']:>8.3f}")
    print(f"\ntime: workbench {seconds:.2f} s" + (f", dateparser {results['dateparser_seconds']:.2f} s" if "dateparser_seconds" in results else ""))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
