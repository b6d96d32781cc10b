"""A hostile corpus: article text, titles and catalog metadata that try to run script when rendered.

Every payload, if it ever ran, sets ``window.__pwned`` (the browser test checks it stays undefined)
and contains ``PWNED`` so a test can find where it ended up. Used by tests/test_safe_display.py and
tests/browser/test_lab.py.
"""

from __future__ import annotations

from pathlib import Path

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "<a href=\"javascript:window.__pwned = 'link'\">PWNED link</a>",
    "</table></div></pre><script>window.__pwned = 'table'</script>",
    "<svg onload=\"window.__pwned = 'svg'\"><text>PWNED</text></svg>",
    "<iframe src=\"javascript:parent.__pwned = 'iframe'\"></iframe>",
    "\" onmouseover=\"window.__pwned = 'attr'\" x=\"",
    "&lt;script&gt;window.__pwned = 'entity'&lt;/script&gt;",  # the normalizer decodes entities
    "<style>body { display: none }</style>",
]

ARTICLES = {
    "001_hostile_title": (
        "Politics\n\n"
        "Summit <script>window.__pwned = 'title'</script> talks <img src=x onerror=\"window.__pwned = 'title-img'\"> resume PWNED\n\n"
        "WASHINGTON — The minister said “<b onclick=\"window.__pwned = 'quote'\">we will sign</b>” on Monday. "
        "Officials confirmed the talks. PWNED\n\n"
        + "\n\n".join(f"Paragraph {k} carries {p} and more text about the talks." for k, p in enumerate(PAYLOADS))
        + "\n"
    ),
    "002_hostile_body": (
        "A quiet headline about the summit talks\n\n"
        "March 3, 2024\n\n"
        "The body hides a table break </table> and a script <script>window.__pwned = 'body'</script> here. "
        "He said: “Click <a href=\"javascript:window.__pwned = 'body-link'\">here</a>.” PWNED\n\n"
        "The Kremlin spokesman <script>window.__pwned = 'denier'</script> Peskov denied that any such "
        "<img src=x onerror=\"window.__pwned = 'claim'\"> conversations took place, calling the report “<b onmouseover=\"window.__pwned = 'hedge'\">allegedly</b> fake”.\n\n"
        "Officials reportedly said the conversations took place </table> in March, according to sources.\n\n"
        "<IMG SRC=x OnError=\"window.__pwned = 'upper'\"> An upper-case payload, then &#60;script&#62;window.__pwned = 'numeric'&#60;/script&#62;.\n"
    ),
}

#: a claim phrase for views that follow a claim (the phrase itself carries a payload)
CLAIM = "<script>window.__pwned = 'claim-param'</script> conversations took place"

CATALOG = (
    "file,outlet,url,published_date\n"
    "001_hostile_title.txt,\"<script>window.__pwned = 'outlet'</script>Daily\",javascript:window.__pwned='url',2024-03-01\n"
    "002_hostile_body.txt,<img src=x onerror=\"window.__pwned = 'outlet-img'\">,https://example.org/a?x=<script>,2024-03-02\n"
)

#: a file name that is itself a payload (no '/' allowed in names, so the script is not closed)
HOSTILE_FILE_NAME = "003_<img src=x onerror=window.__pwned=7>.txt"
HOSTILE_FILE_TEXT = "A headline for the file with a hostile name\n\nIts body is harmless, its name is not. PWNED\n"


def write_hostile_corpus(folder: Path) -> Path:
    """Write the hostile articles and catalog into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / HOSTILE_FILE_NAME).write_text(HOSTILE_FILE_TEXT, encoding="utf-8")
    (folder / "catalog.csv").write_text(CATALOG, encoding="utf-8")
    return folder
