"""Safe display: every view that renders HTML escapes article text, titles and metadata.

The view functions are discovered, not listed: every public function of every module under
``workbench.views`` is called on the hostile corpus (tests/hostile.py: ``<script>``, ``<img
onerror>``, ``javascript:`` links, ``</table>``, attribute breakers, in titles, bodies, catalog
fields and a file name). Whatever it returns that a notebook renders as HTML — a ``str`` of HTML,
an ``IPython.display.HTML``, an ipywidgets tree (``HTML`` widgets, ``Output`` widgets, labels and
descriptions), a polars frame's ``_repr_html_`` — is parsed, and must contain no ``<script>`` /
``<iframe>`` element, no ``on…=`` event attribute, no ``javascript:`` URL and no element the
payloads would create. Escaped payload text (``&lt;script&gt;`` shown as text) is what we want.

Parameters are filled by name and annotation (``corpus``, ``article_id``, frames of the corpus,
extractor results); a view whose parameters cannot be filled fails with a message saying to add a
resolver to :data:`RESOLVERS` here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

import workbench as wb
import workbench.views
from hostile import CLAIM, write_hostile_corpus
from workbench.corpus import CorpusWarning

# elements that run code or load documents; the views' own markup uses none of them (the payloads'
# <img>, <svg>, <b> are caught by their on… attributes, their <a> by its javascript: URL)
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "meta"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in FORBIDDEN_TAGS:
            self.bad.append(f"<{tag}> element")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.bad.append(f"<{tag} {name}=…> event attribute")
            if value and value.strip().lower().startswith("javascript:"):
                self.bad.append(f"<{tag} {name}='javascript:…'>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def unsafe_parts(markup: str) -> list[str]:
    """What in ``markup`` would run or inject if rendered (empty when safe)."""
    c = _Collector()
    c.feed(markup)
    c.close()
    bad = list(c.bad)
    # a <style> from a payload would hide the page; the views' own style blocks start with "<style>\n."
    low = markup.lower()
    if "<style>body" in low.replace(" ", ""):
        bad.append("payload <style> element")
    return bad


def test_unsafe_parts_catches_each_payload():
    """The checker is not vacuous: each raw payload is caught, its escaped form is not."""
    import html

    from hostile import PAYLOADS

    for payload in PAYLOADS:
        if payload.startswith("&lt;"):
            continue  # already escaped: harmless as markup
        wrapped = f'<div title="{payload}">{payload}</div>' if payload.startswith('"') else f"<div>{payload}</div>"
        assert unsafe_parts(wrapped), payload
        assert not unsafe_parts(f'<div title="{html.escape(payload, quote=True)}">{html.escape(payload)}</div>'), payload


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = write_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return wb.load_corpus(folder)


def test_the_hostile_corpus_carries_its_payloads(hostile):
    """The payloads reach the frames unescaped (so a view that forgot to escape would be caught)."""
    titles = " ".join(t for t in hostile.articles["title"].to_list() if t)
    assert "<script>" in titles and "onerror=" in titles
    text = " ".join(hostile.articles["text"].to_list())
    assert "</table>" in text and "javascript:" in text and "<script>window.__pwned = 'entity'</script>" in text
    assert "<script>" in hostile.articles["outlet"].drop_nulls().str.join(" ").item()
    assert any("<img" in aid for aid in hostile.article_ids)


def _frames(corpus) -> dict[str, object]:
    return {
        "articles": corpus.articles, "paragraphs": corpus.paragraphs, "sentences": corpus.sentences,
        "sections": corpus.sections, "repairs": corpus.repairs, "problems": corpus.problems,
    }


def _extractor_result(corpus, name: str):
    """A frame for a parameter named after an extractor's output (quotes, denials, dates, …)."""
    stem = name.removesuffix("_frame").removesuffix("_df")
    for public in sorted(wb._API):
        if public.startswith(("extract_", "cluster_")) or public in ("timeline", "speakers", "hedges", "claim_coverage", "publication_dates"):
            if stem in public or public.removeprefix("extract_") == stem:
                try:
                    return getattr(wb, public)(corpus)
                except (AttributeError, ImportError, TypeError):
                    return None
    return None


def _denials(corpus):
    return wb.extract_denials(corpus)


def _coverage(corpus):
    return wb.claim_coverage(corpus, CLAIM, denials=_denials(corpus))


def _positions(corpus):
    from workbench.claims import claim_positions

    return claim_positions(corpus, CLAIM, denials=_denials(corpus))


def _density(corpus):
    from workbench.claims import hedge_density

    return hedge_density(corpus, markers=wb.hedges(corpus))


def _events(corpus):
    return wb.timeline(corpus)


def _publication(corpus):
    return wb.publication_dates(corpus).join(corpus.articles.select("article_id", "label"), on="article_id")


def _quotes(corpus):
    return wb.extract_quotes(corpus)


def _clusters(corpus):
    return wb.cluster_quotes(_quotes(corpus))


def _cluster_id(corpus):
    """The cluster of the hostile corpus's quotation that carries a payload."""
    clusters = _clusters(corpus)
    return clusters.filter(pl.col("text").str.contains("<"))["cluster_id"][0]


def _payload_quote(corpus):
    return _quotes(corpus).filter(pl.col("text").str.contains("<"))["text"][0]


def _chart(corpus):
    from workbench.views.corpus import length_chart

    return length_chart(corpus)


def _svg_path(corpus):
    import tempfile

    return Path(tempfile.mkdtemp()) / "chart.svg"


#: extra resolvers, parameter name -> function(corpus) -> value; add one when a new view needs it
RESOLVERS: dict[str, object] = {
    "claim": lambda corpus: CLAIM,
    "claims": lambda corpus: [CLAIM],
    "denials": _denials,
    "coverage": _coverage,
    "positions": _positions,
    "density": _density,
    "events": _events,
    "quotes": _quotes,
    "clusters": _clusters,
    "cluster_id": _cluster_id,
    "text": _payload_quote,
    "canonical": lambda corpus: "we will sign",
    "hedges": lambda corpus: wb.hedges(corpus),
    "chart": _chart,
    "path": _svg_path,
    "publication": _publication,
}


def _resolve(param: inspect.Parameter, corpus):
    name = param.name
    if name in RESOLVERS:
        return RESOLVERS[name](corpus)
    if name == "corpus":
        return corpus
    if name in ("article_id", "aid"):
        return next(a for a in corpus.article_ids if "<" in a)  # the id that is itself a payload
    if name in ("article_ids", "ids"):
        return corpus.article_ids
    frames = _frames(corpus)
    if name in frames:
        return frames[name]
    value = _extractor_result(corpus, name)
    if value is not None:
        return value
    if param.default is not inspect.Parameter.empty:
        return param.default
    raise LookupError(name)


def _view_functions():
    out = []
    for info in pkgutil.iter_modules(workbench.views.__path__, "workbench.views."):
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", [n for n in dir(module) if not n.startswith("_")])
        for n in names:
            fn = getattr(module, n, None)
            if inspect.isfunction(fn) and fn.__module__ == module.__name__:
                out.append(pytest.param(fn, id=f"{info.name.rsplit('.', 1)[1]}.{n}"))
    return out


VIEWS = _view_functions()


def _markup_of(value) -> list[str]:
    """Every piece of HTML a notebook would render for ``value``."""
    out: list[str] = []
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, pl.DataFrame):
        out.append(value._repr_html_())
    elif hasattr(value, "_repr_html_") and not hasattr(value, "to_dict"):  # IPython HTML, Markdown, …
        got = value._repr_html_()
        if got:
            out.append(got if isinstance(got, str) else got[0])
    try:
        import ipywidgets as widgets
    except ImportError:  # pragma: no cover
        return out
    if isinstance(value, widgets.Widget):
        stack = [value]
        seen = set()
        while stack:
            w = stack.pop()
            if id(w) in seen:
                continue
            seen.add(id(w))
            if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
                out.append(w.value)
            if getattr(w, "description_allow_html", False):
                out.append(getattr(w, "description", "") or "")
            if isinstance(w, widgets.Output):
                for o in w.outputs:
                    data = o.get("data", {})
                    if "text/html" in data:
                        out.append(data["text/html"] if isinstance(data["text/html"], str) else "".join(data["text/html"]))
            for attr in w.keys:  # views may keep sub-widgets in synced traits other than children
                v = getattr(w, attr, None)
                if isinstance(v, widgets.Widget):
                    stack.append(v)
                elif isinstance(v, (list, tuple)):
                    stack.extend(x for x in v if isinstance(x, widgets.Widget))
    return out


@pytest.mark.parametrize("fn", VIEWS)
def test_view_escapes_hostile_text(fn, hostile):
    sig = inspect.signature(fn)
    args, kwargs = [], {}
    for p in sig.parameters.values():
        try:
            value = _resolve(p, hostile)
        except LookupError:
            pytest.fail(f"{fn.__module__}.{fn.__name__}: cannot fill parameter {p.name!r}; add a resolver to RESOLVERS in {__file__}")
        if p.kind is p.KEYWORD_ONLY:
            if p.default is inspect.Parameter.empty or p.name in RESOLVERS:
                kwargs[p.name] = value
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            args.append(value)
    result = fn(*args, **kwargs)
    pieces = _markup_of(result)
    for markup in pieces:
        assert not unsafe_parts(markup), (fn.__name__, unsafe_parts(markup)[:5])


def test_every_html_view_is_exercised(hostile):
    """The corpus views that render HTML are among the discovered ones (discovery did not break)."""
    names = {p.id for p in VIEWS}
    assert {"corpus.diff_html", "corpus.article_explorer", "corpus.articles_table"} <= names


@pytest.mark.parametrize("aid_pick", ["payload-id", "body"])
def test_diff_html_and_explorer_show_payloads_as_text(hostile, aid_pick):
    from workbench.views.corpus import article_explorer, diff_html

    aid = next(a for a in hostile.article_ids if ("<" in a) == (aid_pick == "payload-id"))
    out = diff_html(hostile, aid)
    assert not unsafe_parts(out)
    if aid_pick == "body":
        assert "&lt;script&gt;window.__pwned" in out and "&lt;/table&gt;" in out
    explorer = article_explorer(hostile)
    dropdown = explorer.children[0]
    for _label, value in dropdown.options:
        dropdown.value = value  # every article through the callback
        assert not unsafe_parts(explorer.children[1].value)


def test_charts_carry_payloads_only_as_data(hostile):
    """altair specs hold article labels as data; the SVG renderer writes them as text nodes."""
    import vl_convert as vlc

    from workbench.views.corpus import length_chart, repairs_chart

    for chart in (repairs_chart(hostile), length_chart(hostile)):
        svg = vlc.vegalite_to_svg(chart.to_json())
        assert not unsafe_parts(svg), "chart SVG"
        assert "<script" not in svg.lower() and "window.__pwned" in svg  # the label is there, as text
