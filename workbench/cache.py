"""A per-article cache of normalized frames, so re-opening an unchanged corpus is fast.

Each article's :class:`~workbench.corpus.ArticleParts` (its rows for every frame and its offset
map) is stored in ``<cache dir>/<fingerprint>/<key>.pickle``. The key hashes what the result
depends on: the sha256 of the article's raw bytes, its id, path and metadata; the fingerprint
hashes the workbench's version and every packaged and user resource file (lexicons, boilerplate
patterns), so a changed rule or lexicon starts a fresh cache instead of serving stale rows. A
changed file has a new sha256 and is normalized again. The cache holds only what this machine
wrote; delete the folder at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from workbench.corpus import ArticleParts
    from workbench.io import RawArticle

__all__ = ["ArticleCache", "fingerprint"]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of the code version and every resource file the normalizer and extractors read."""
    import workbench
    from workbench.lexicon import _extra_dirs

    h = hashlib.sha256(str(getattr(workbench, "__version__", "0")).encode())
    package = Path(str(resources.files("workbench")))
    for path in sorted(package.rglob("*.py")) + sorted((package / "resources").glob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    for folder in _extra_dirs():
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            if path.is_file():
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


class ArticleCache:
    """Callable like :func:`workbench.corpus.build_article`, but served from disk when it can."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder) / fingerprint()
        self.hits = 0
        self.misses = 0

    def _key(self, raw: RawArticle, meta: Mapping[str, Any]) -> str:
        blob = json.dumps([raw.sha256, raw.article_id, raw.path, raw.encoding, {k: str(v) for k, v in sorted(meta.items())}], ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()

    def __call__(self, raw: RawArticle, meta: Mapping[str, Any]) -> ArticleParts:
        from workbench.corpus import build_article

        path = self.folder / f"{self._key(raw, meta)}.pickle"
        if path.is_file():
            try:
                with path.open("rb") as f:
                    parts = pickle.load(f)
                self.hits += 1
                return parts
            except Exception:  # noqa: BLE001 - a damaged cache entry is rebuilt, never trusted
                pass
        parts = build_article(raw, meta)
        self.misses += 1
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as f:
                pickle.dump(parts, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # a read-only folder: the corpus still loads, just without a cache
        return parts
