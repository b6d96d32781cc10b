"""Score wb.extract_quotes against the hand-labelled quotations in tests/data/quotes_gold.jsonl.

The gold set: every quotation in 30 MEANTIME articles (Wikinews, CC BY) and in the five seeds,
labelled by reading the text — 22 articles were used while writing the rules (``split: dev``), 8 were
labelled afterwards and only scored (``split: heldout``): where it begins and ends, its kind (speech / scare / title) and its
speaker (surname or organisation; null when the text names nobody). Only the labelled articles are
scored.

A system quotation *matches* a gold one (same article, one to one) when

* exact: its text, whitespace and end punctuation aside, begins and ends with the gold words;
* overlap: it contains the gold's first or last words, or is itself a piece of them.

Figures: precision / recall / F1 of all quotations (exact and overlap), of speech quotations, the
kind accuracy of matched quotations and the speaker accuracy of matched speech with a named gold
speaker (spellings folded: Zelensky = Zelenskyy). Run: ``python benchmarks/eval_quotes.py [--json F]
[--failures]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import workbench as wb  # noqa: E402
from workbench.quotes.speakers import fold  # noqa: E402

GOLD = ROOT / "tests" / "data" / "quotes_gold.jsonl"
CORPORA = {"meantime": ROOT / "corpora" / "meantime-en" / "articles", "seeds": ROOT / "seeds"}


def norm(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:!?…").lower()


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _article_ids(corpus, gold: list[dict]) -> dict[str, str]:
    """gold article key (file stem, or a seed's number prefix) -> article_id."""
    out = {}
    for g in gold:
        key = g["article"]
        out[key] = next(a for a in corpus.article_ids if a == key or a.startswith(key + "_"))
    return out


def _exact(sys_text: str, g: dict) -> bool:
    t = norm(sys_text)
    return t.startswith(norm(g["begins"])) and t.endswith(norm(g["ends"]))


def _overlap(sys_text: str, g: dict) -> bool:
    t, b, e = norm(sys_text), norm(g["begins"]), norm(g["ends"])
    return bool(t) and (b in t or e in t or t in b or t in e)


def match(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict | None, str]]:
    """(gold, system row or None, 'exact'|'overlap'|'missed'), one to one, exact matches first."""
    used: set[int] = set()
    result: dict[int, tuple[dict, dict | None, str]] = {}
    for how, test in (("exact", _exact), ("overlap", _overlap)):
        for gi, g in enumerate(gold):
            if gi in result:
                continue
            for si, s in enumerate(system):
                if si in used or s["article_id"] != g["article_id"]:
                    continue
                if test(s["text"], g):
                    used.add(si)
                    result[gi] = (g, s, how)
                    break
    return [result.get(gi, (g, None, "missed")) for gi, g in enumerate(gold)]


def score(system: list[dict], gold: list[dict]) -> dict:
    pairs = match(system, gold)
    exact = sum(h == "exact" for _, _, h in pairs)
    overlap = sum(h != "missed" for _, _, h in pairs)

    def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_sys if n_sys else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    g_speech = [g for g in gold if g["kind"] == "speech"]
    s_speech = [s for s in system if s["kind"] == "speech"]
    speech_pairs = match(s_speech, g_speech)
    speech_tp = sum(h != "missed" for _, _, h in speech_pairs)
    matched = [(g, s) for g, s, h in pairs if s is not None]
    kind_ok = sum(g["kind"] == s["kind"] for g, s in matched)
    named = [(g, s) for g, s, _ in speech_pairs if s is not None and g["speaker"]]
    speaker_ok = sum(bool(s["speaker"]) and fold(s["speaker"]) == fold(g["speaker"]) for g, s in named)
    return {
        "gold": len(gold), "system": len(system),
        "exact": prf(exact, len(system), len(gold)), "overlap": prf(overlap, len(system), len(gold)),
        "speech_gold": len(g_speech), "speech_system": len(s_speech), "speech": prf(speech_tp, len(s_speech), len(g_speech)),
        "kind_accuracy": kind_ok / len(matched) if matched else 0.0,
        "speaker_accuracy": speaker_ok / len(named) if named else 0.0, "speakers_scored": len(named),
    }


def run(name: str, *, split: str | None = None) -> tuple[dict, list[dict], list[dict], float]:
    gold = [g for g in load_gold() if g["corpus"] == name and (split is None or g.get("split", "dev") == split)]
    corpus = wb.load_corpus(CORPORA[name], warn=False)
    ids = _article_ids(corpus, gold)
    for g in gold:
        g["article_id"] = ids[g["article"]]
    t0 = time.perf_counter()
    quotes = wb.extract_quotes(corpus)
    seconds = time.perf_counter() - t0
    system = quotes.filter(quotes["article_id"].is_in(sorted(set(ids.values())))).to_dicts()
    return score(system, gold), system, gold, seconds


def failures(system: list[dict], gold: list[dict]) -> list[dict]:
    """Gold quotations the system misses, or matches with the wrong kind or speaker."""
    out = []
    speech_pairs = {id(g): (s, h) for g, s, h in match([s for s in system if s["kind"] == "speech"], [g for g in gold if g["kind"] == "speech"])}
    for g, s, how in match(system, gold):
        problem = None
        if s is None:
            problem = "missed"
        elif s["kind"] != g["kind"]:
            problem = f"kind {s['kind']} (gold {g['kind']})"
        elif g["kind"] == "speech" and g["speaker"]:
            sp = speech_pairs.get(id(g), (None, None))[0]
            if sp is None or not sp["speaker"] or fold(sp["speaker"]) != fold(g["speaker"]):
                problem = f"speaker {sp['speaker'] if sp else None!r} (gold {g['speaker']!r})"
        if problem:
            out.append({"corpus": g["corpus"], "article": g["article"], "begins": g["begins"], "problem": problem})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--failures", action="store_true", help="list each gold quotation the system gets wrong")
    args = ap.parse_args(argv)
    figures = {}
    print(f"{'corpus':10} {'gold':>5} {'sys':>5}  {'exact P/R/F1':>17}  {'overlap P/R/F1':>17}  {'speech P/R/F1':>17}  kind  speaker")
    for name, split in (("meantime", None), ("meantime", "dev"), ("meantime", "heldout"), ("seeds", None)):
        fig, system, gold, seconds = run(name, split=split)
        label = name if split is None else f"  {split}"
        figures[label.strip() if split is None else f"{name}-{split}"] = fig | {"seconds": seconds}
        f3 = lambda t: "/".join(f"{x:.3f}" for x in t)  # noqa: E731
        print(f"{label:10} {fig['gold']:5d} {fig['system']:5d}  {f3(fig['exact'])}  {f3(fig['overlap'])}  {f3(fig['speech'])}  "
              f"{fig['kind_accuracy']:.3f} {fig['speaker_accuracy']:.3f} (n={fig['speakers_scored']})")
        if args.failures and split is None:
            for f in failures(system, gold):
                print(f"   {f['article']:>8}  {f['begins'][:40]:40}  {f['problem']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
