"""The project's own promises: seeds byte for byte, environments in step, notebooks executed."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, SEEDS


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_seeds_are_byte_for_byte_copies():
    lines = (SEEDS / "SHA256SUMS").read_text().split("\n")
    checked = 0
    for line in filter(None, lines):
        digest, name = line.split()
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name
        checked += 1
    assert checked == 5


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]} | {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    env_lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = set()
    in_deps = False
    for line in env_lines:
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"^  - ([A-Za-z0-9_.\-]+)", line)
        if in_deps and m and m.group(1) not in ("python", "pip"):
            deps.add(_name(m.group(1)))
    assert deps == wanted, f"only in environment.yml: {deps - wanted}; only in pyproject: {wanted - deps}"


def test_constraints_pin_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = {_name(line) for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line}
    needed = {_name(r) for r in project["dependencies"]} | {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    assert needed <= pinned, f"not pinned in constraints.txt: {needed - pinned}"


def test_constraints_install_on_every_python_3_11():
    """The project says Python 3.11, and Debian 12's and Ubuntu's python3.11 is 3.11.2: no pin may ask
    for a later patch release (soupsieve 4.1 needs 3.11.5, and ``make setup`` failed there)."""
    import importlib.metadata

    from packaging.specifiers import SpecifierSet

    pins = dict(line.split("==", 1) for line in (ROOT / "constraints.txt").read_text().split() if "==" in line)
    checked, too_new = 0, []
    for name, version in pins.items():
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # pinned for an extra this environment does not install
        if dist.version != version:
            continue  # an environment not made from the pins (conda's): its own versions
        needs = dist.metadata["Requires-Python"]
        if needs and not SpecifierSet(needs).contains("3.11.0"):
            too_new.append(f"{name}=={version} (Requires-Python {needs})")
        checked += 1
    assert not too_new, too_new
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():  # make setup's environment: made from the pins
        assert checked > 100


def test_no_undefined_names_unused_imports_or_variables():
    """ruff's pyflakes checks ([tool.ruff] in pyproject.toml) over the package, tests, benchmarks and tools."""
    import subprocess

    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "workbench", "tests", "benchmarks", "tools"],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_top_to_bottom_without_errors(path):
    """nbval only compares cells with stored outputs: a notebook saved unexecuted would pass silently."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip() and "NBVAL_SKIP" not in c.source]
    assert code, f"{path.name} has no code"
    counts = [c.execution_count for c in code]
    assert None not in counts, f"{path.name}: unexecuted cells; run `make notebooks`"
    assert counts == sorted(counts), f"{path.name}: cells were run out of order"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: stored error output"
    first = code[0]
    assert "parameters" in first.metadata.get("tags", []), f"{path.name}: first code cell must be tagged 'parameters'"
    assert "CORPUS" in first.source


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", ci, re.M)
