"""Build an N-article benchmark corpus from the seeds and the MEANTIME articles, perturbed.

Every stage must have real work, so each article is a real one (a seed or a MEANTIME article)
with seeded, varied perturbations of the kinds the normalizer and the extractors handle:

* mojibake — the article's UTF-8 read as Windows-1252 (``â€™``), as Latin-1, or as Windows-874
  (``โ€™``, seed 002's kind), on the whole text or one paragraph;
* Markdown escapes (``\\*``, ``\\$``) and a boilerplate tail ("Leave a Reply", "Share this:");
* an extra quoted, dated sentence ("“We will decide by Friday,” the minister said on March 3.").

Deterministic for a given ``--seed``. Writes ``N`` articles as ``.txt`` files (``--format txt``,
the default) or as JSON Lines shards of 10,000 articles (``--format jsonl``, lighter on the file
system for 100k). Run: ``python benchmarks/generate.py 10000 /tmp/bench-10k``.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "corpora" / "meantime-en" / "articles").glob("*.txt"))
BOILERPLATE = ["Leave a Reply", "Share this:", "Related Articles", "Post Comments", "Subscribe to our newsletter"]
PEOPLE = ["the minister", "a spokeswoman", "the mayor", "an analyst", "the chief executive"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _misread(text: str, codec: str) -> str:
    """``text``'s UTF-8 bytes decoded with ``codec``, byte for byte; a byte the code page leaves
    undefined stays as the same code point (what "sloppy" decoders do, and ftfy expects)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def _mojibake(text: str, rng: random.Random) -> str:
    codec = rng.choice(["cp1252", "cp1252", "latin-1", "cp874"])
    if rng.random() < 0.5:  # one paragraph only
        paragraphs = text.split("\n\n")
        k = rng.randrange(len(paragraphs))
        paragraphs[k] = _misread(paragraphs[k], codec)
        return "\n\n".join(paragraphs)
    return _misread(text, codec)


def perturb(text: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        text = _mojibake(text, rng)
    if rng.random() < 0.15:
        text = text.replace("*", "\\*").replace("$", "\\$")
    if rng.random() < 0.4:
        who, day, month = rng.choice(PEOPLE), rng.choice(DAYS), rng.choice(MONTHS)
        text = text.rstrip("\n") + f"\n\n“We will decide by {day},” {who} said on {month} {rng.randint(1, 28)}.\n"
    if rng.random() < 0.25:
        text = text.rstrip("\n") + "\n\n" + "\n\n".join(rng.sample(BOILERPLATE, rng.randint(1, 3))) + "\n"
    return text


def generate(n: int, out: Path, *, seed: int = 0, fmt: str = "txt") -> Path:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    out.mkdir(parents=True, exist_ok=True)
    shard = None
    for i in range(n):
        k = rng.randrange(len(texts))
        text = perturb(texts[k], rng)
        aid = f"a{i:07d}-{SOURCES[k].stem[:12]}"
        if fmt == "txt":
            (out / f"{aid}.txt").write_text(text, encoding="utf-8")
        else:
            if i % 10_000 == 0:
                if shard:
                    shard.close()
                shard = (out / f"shard-{i // 10_000:03d}.jsonl").open("w", encoding="utf-8")
            shard.write(json.dumps({"id": aid, "text": text}, ensure_ascii=False) + "\n")
    if shard:
        shard.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="folder to write (created)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=["txt", "jsonl"], default="txt")
    args = ap.parse_args(argv)
    generate(args.n, args.out, seed=args.seed, fmt=args.format)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"{args.n} articles, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
