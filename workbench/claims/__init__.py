"""Claims: who denied or doubted what, how firmly outlets put it, and who left the denial out.

* :func:`extract_denials` — one row per sentence reporting a denial, dismissal or doubt, with its
  cue, kind, denier (canonical actor), the denied claim as text, quote linkage and hedging;
* :func:`hedges` / :func:`hedge_density` — hedging and attribution-strength markers per sentence,
  and per article;
* :func:`claim_coverage` — for one claim (a phrase or a quote cluster): which articles report it,
  which report its denial, which hedge it, where each first appears; articles that report the claim
  without the denial are flagged.

The knowledge (cue words, exclusions, hedges, titles, demonyms) is in ``workbench/resources/``
(``denial_cues.toml``, ``hedges.txt``, ``actors.toml``).
"""

from __future__ import annotations

from workbench.claims.coverage import claim_coverage, claim_mentions, claim_positions, claim_report
from workbench.claims.denials import detect_denial, extract_denials
from workbench.claims.hedges import find_hedges, hedge_density, hedges

__all__ = [
    "extract_denials",
    "detect_denial",
    "hedges",
    "hedge_density",
    "find_hedges",
    "claim_coverage",
    "claim_report",
    "claim_mentions",
    "claim_positions",
]
