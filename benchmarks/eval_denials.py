"""Evaluate denial detection on the labelled set tests/data/denials_gold.jsonl.

Prints, per split (dev = the part tuned on; heldout = never tuned on; all), precision / recall / F1
of "is this sentence a denial, dismissal or doubt?", the kind accuracy and the denier accuracy on the
sentences both the gold and the detector call denials, then the misses and false alarms.

    PYTHONPATH=. python benchmarks/eval_denials.py [--failures] [--write-known-failures]

Denier match: the canonical denier equals the gold one (case-insensitive), or, for an unresolved
pronoun or role noun in gold ("he", "company"), the detector's mention/denier ends with it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "denials_gold.jsonl"


def load_gold(path: Path = GOLD) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "sentence" in row:
                rows.append(row)
    return rows


def denier_matches(gold: str | None, denier: str | None, mention: str | None) -> bool:
    if gold is None:
        return False
    g = gold.lower()
    for value in (denier, mention):
        if value and (value.lower() == g or value.lower().rstrip("’'s").endswith(g)):
            return True
    return False


def evaluate(rows: list[dict]) -> dict:
    from workbench.claims.denials import detect_denial

    tp = fp = fn = tn = kind_ok = denier_ok = 0
    misses, alarms, wrong = [], [], []
    for row in rows:
        found = detect_denial(row["sentence"])
        if row["is_denial"] and found:
            tp += 1
            kind_ok += found.kind == row["kind"]
            if denier_matches(row["denier"], found.denier, found.denier_mention):
                denier_ok += 1
            else:
                wrong.append((row, found))
        elif row["is_denial"]:
            fn += 1
            misses.append(row)
        elif found:
            fp += 1
            alarms.append((row, found))
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "n": len(rows), "positives": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": p, "recall": r, "f1": f,
        "kind_accuracy": kind_ok / tp if tp else 0.0, "denier_accuracy": denier_ok / tp if tp else 0.0,
        "misses": misses, "alarms": alarms, "wrong_denier": wrong,
    }


KNOWN = ROOT / "tests" / "data" / "denials_known_failures.jsonl"


def write_known_failures(res: dict, path: Path = KNOWN) -> None:
    """Record today's failures (kept, not deleted: tests check that nothing else fails)."""
    lines = [json.dumps({"_comment": "Gold sentences the denial detector gets wrong today (benchmarks/eval_denials.py --write-known-failures). failure: miss | alarm | denier. tests/test_claims_eval.py checks every other gold sentence passes."})]
    for row in res["misses"]:
        lines.append(json.dumps({"sentence": row["sentence"], "failure": "miss", "split": row["split"]}, ensure_ascii=False))
    for row, found in res["alarms"]:
        lines.append(json.dumps({"sentence": row["sentence"], "failure": "alarm", "split": row["split"], "got": f"{found.kind}/{found.rule}"}, ensure_ascii=False))
    for row, found in res["wrong_denier"]:
        lines.append(json.dumps({"sentence": row["sentence"], "failure": "denier", "split": row["split"], "got": found.denier}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    rows = load_gold()
    splits = {"dev": [r for r in rows if r["split"] == "dev"], "heldout": [r for r in rows if r["split"] == "heldout"], "all": rows}
    print(f"{'split':8} {'n':>4} {'pos':>4} {'P':>6} {'R':>6} {'F1':>6} {'kind':>6} {'denier':>7}")
    results = {}
    for name, part in splits.items():
        res = results[name] = evaluate(part)
        print(f"{name:8} {res['n']:>4} {res['positives']:>4} {res['precision']:6.3f} {res['recall']:6.3f} {res['f1']:6.3f} "
              f"{res['kind_accuracy']:6.3f} {res['denier_accuracy']:7.3f}")
    if "--write-known-failures" in argv:
        write_known_failures(results["all"])
    if "--failures" in argv:
        res = results["all"]
        for row in res["misses"]:
            print(f"MISS   [{row['split']}] {row['sentence'][:150]}")
        for row, found in res["alarms"]:
            print(f"ALARM  [{row['split']}] {found.kind}/{found.rule} {found.cue!r}: {row['sentence'][:150]}")
        for row, found in res["wrong_denier"]:
            print(f"DENIER [{row['split']}] gold={row['denier']!r} got={found.denier!r} ({found.denier_mention!r}): {row['sentence'][:120]}")


if __name__ == "__main__":
    main(sys.argv[1:])
