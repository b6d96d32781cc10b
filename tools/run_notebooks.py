"""Execute the notebooks in place and make them byte-stable: ``make notebooks`` runs this.

Executing: each notebook runs top to bottom in a fresh kernel with its own folder as the working
directory (nbclient, the engine nbconvert and nbval build on). A notebook error stops everything;
a harness failure — the kernel not starting, or a cell timing out because the kernel's "idle"
message got lost (the rare hang of jupyter_client/ipykernel) — is retried up to twice, and is told
apart from a notebook error.

Tidying, so that re-running on unchanged code changes nothing in git.

Two things in a freshly executed notebook differ on every run without meaning anything:

* cell ``metadata.execution`` — wall-clock timestamps written by nbclient: dropped;
* widget model ids — a fresh ``uuid4().hex`` per widget per run, used as keys of the saved widget
  state and in every ``IPY_MODEL_<id>`` reference and widget output: renamed ``w0001``, ``w0002``, …
  in an order that does not depend on the ids (the widgets the outputs show, then the models they
  refer to, breadth first), and the state sorted by the new names. The saved state still renders
  the widgets statically (nbviewer, GitHub, JupyterLab before a kernel starts);
* memory addresses in default reprs (``<… object at 0x7f…>``, kept in an Output widget's state):
  written ``0x0``.

Usage: ``python tools/run_notebooks.py notebooks/[0-9]*.ipynb`` (``--tidy-only``: skip executing).
"""

from __future__ import annotations

import json
from collections import deque
import re
import sys
import time
from pathlib import Path

#: a default repr, "<… object at 0x7f10daec25d0>": the address differs on every run
_ADDRESS = re.compile(r"( object at )0x[0-9a-f]{6,16}>")
_UUID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # also inside "IPY_MODEL_<id>"


def tidy(nb: dict) -> dict:
    for cell in nb.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
    text = json.dumps(nb, ensure_ascii=False)
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    roots = [
        out["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
        for cell in nb.get("cells", [])
        for out in cell.get("outputs", [])
        if "model_id" in out.get("data", {}).get("application/vnd.jupyter.widget-view+json", {})
    ]
    known = set(state) | set(roots)
    # number the models in an order that does not depend on the ids: the widgets the outputs show,
    # in output order, then what they refer to, breadth first (state keys sorted), then the rest
    order: list[str] = []
    queue = deque(roots)
    while queue:
        mid = queue.popleft()
        if mid in order or mid not in known:
            continue
        order.append(mid)
        queue.extend(_UUID.findall(json.dumps(state.get(mid, {}), sort_keys=True)))
    erase = lambda m: _UUID.sub("", json.dumps(state.get(m, {}), sort_keys=True))  # noqa: E731
    order += sorted(known - set(order), key=erase)
    names = {mid: f"w{i:04d}" for i, mid in enumerate(order, 1)}
    text = _UUID.sub(lambda m: names.get(m.group(), m.group()), text)
    text = _ADDRESS.sub(r"\g<1>0x0>", text)
    return json.loads(text)


def execute(path: Path, *, attempts: int = 3, cell_timeout: int = 180) -> dict:
    """Run the notebook at ``path``; returns it as a plain dict (outputs filled in).

    ``cell_timeout``: the seed notebooks' cells take seconds, so a cell still running after three
    minutes has lost its "idle" message — retried then, not after ten minutes (one run of
    notebook 04 took 604 s that way)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    for attempt in range(1, attempts + 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=cell_timeout, startup_timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        t0 = time.perf_counter()
        try:
            client.execute()
        except CellExecutionError:
            raise  # the notebook itself is broken: no retry
        except (CellTimeoutError, DeadKernelError, RuntimeError, TimeoutError) as e:
            print(f"{path.name}: harness failure on attempt {attempt} ({type(e).__name__}: {str(e)[:120]})", file=sys.stderr)
            if attempt == attempts:
                raise
            continue
        print(f"{path.name}: executed in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        return json.loads(nbformat.writes(nb))
    raise AssertionError("unreachable")


def main(args: list[str]) -> None:
    tidy_only = "--tidy-only" in args
    for p in (Path(a) for a in args if a != "--tidy-only"):
        nb = json.loads(p.read_text(encoding="utf-8")) if tidy_only else execute(p)
        # the layout nbformat writes (indent 1, sorted keys): the state comes out sorted by new name
        p.write_text(json.dumps(tidy(nb), indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
