"""Quote comparison: every direct quotation with its speaker, grouped across outlets.

* :func:`extract_quotes` — one row per quotation (speech, scare quote or title), with speaker,
  cue, offsets;
* :func:`cluster_quotes` — variants of one utterance across articles, with what changed;
* :func:`speakers` — the people and organisations mentioned, with their spellings and aliases.
"""

from __future__ import annotations

from workbench.quotes.cluster import cluster_quotes, normalize_for_matching
from workbench.quotes.extract import QUOTE_SCHEMA, extract_quotes
from workbench.quotes.speakers import speakers

__all__ = ["extract_quotes", "cluster_quotes", "speakers", "normalize_for_matching", "QUOTE_SCHEMA"]
