"""Determinism: every notebook, executed twice, gives the same outputs after nbval's sanitizing.

nbval compares one fresh run with the stored outputs, but skips cells marked
``# NBVAL_IGNORE_OUTPUT`` (widget displays). This test runs each notebook twice with nbclient (from
the notebooks folder, like ``make notebooks``) and compares *every* output of every cell — ignored
ones included — after applying the rules of ``notebooks/nbval_sanitize.cfg`` plus one for widget
model ids (``model_id`` is a fresh uuid per run by design), and compares the widgets' stored state
(the HTML a widget shows, its options) with model ids erased. Ids, row order, charts (SVG) and
widget contents must not vary between runs. See notebooks/README.md for the rules and markers.
"""

from __future__ import annotations

import configparser
import copy
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
#: rules beyond nbval_sanitize.cfg, needed only because this test also compares widget outputs
EXTRA_RULES = [(re.compile(r'"model_id": "[0-9a-f]{32}"'), '"model_id": "MODEL"')]


def sanitize_rules() -> list[tuple[re.Pattern[str], str]]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "notebooks" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()] + EXTRA_RULES


RULES = sanitize_rules()


def _clean(text: str) -> str:
    for rx, rep in RULES:
        text = rx.sub(rep, text)
    return text


def comparable(nb) -> list[str]:
    """One sanitized JSON string per code cell: its outputs without execution counts and metadata."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "NBVAL_SKIP" in cell.source:
            continue
        outputs = []
        for o in cell.get("outputs", []):
            o = copy.deepcopy(dict(o))
            o.pop("execution_count", None)
            o.pop("metadata", None)
            outputs.append(o)
        out.append(_clean(json.dumps(outputs, sort_keys=True, ensure_ascii=False)))
    return out


_HEX_ID = re.compile(r"[0-9a-f]{32}")


def widget_states(nb) -> list[str]:
    """The stored widget models (what the widgets show: HTML values, options, …), ids erased, sorted."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return sorted(_clean(_HEX_ID.sub("ID", json.dumps(m, sort_keys=True, ensure_ascii=False))) for m in state.values())


def run(path: Path):
    nb = nbformat.read(path, as_version=4)
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env_path) if p)
    try:
        # Retried up to twice, for the harness's own failures only: a kernel that fails to start (a
        # jupyter_client race seen under load) and a cell whose "idle" message never reaches the
        # client (IOPub is a PUB socket: under CPU starvation a message can be lost and nbclient
        # then waits for the cell timeout). A notebook error is never retried.
        for attempt in range(3):
            try:
                NotebookClient(nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
                break
            except (RuntimeError, AttributeError, CellTimeoutError) as exc:
                harness = isinstance(exc, CellTimeoutError) or "cleanup_resources" in str(exc) or "kernel" in str(exc).lower()
                if attempt == 2 or not harness:
                    raise
                nb = nbformat.read(path, as_version=4)
    finally:
        os.environ["PYTHONPATH"] = env_path
        if not env_path:
            del os.environ["PYTHONPATH"]
    return nb


def test_sanitize_rules_are_read():
    names = {rx.pattern for rx, _ in RULES}
    assert r"altair-viz-[0-9a-f]{32}" in names and len(RULES) >= 4
    assert _clean('<div id="altair-viz-' + "a" * 32 + '"> at 0x7f00deadbeef') == '<div id="altair-viz-ID"> at 0xADDR'


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_the_same_twice(path):
    nb1, nb2 = run(path), run(path)
    assert widget_states(nb1) == widget_states(nb2), f"{path.name}: widget contents differ between two runs"
    first, second = comparable(nb1), comparable(nb2)
    assert len(first) == len(second)
    diffs = [k for k, (a, b) in enumerate(zip(first, second)) if a != b]
    assert not diffs, f"{path.name}: code cell(s) {diffs} differ between two runs: {first[diffs[0]][:300]} != {second[diffs[0]][:300]}"
    # and the run is not vacuous: the notebook produced outputs
    assert sum(len(c) > 2 for c in first) >= 3
