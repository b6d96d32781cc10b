# The two commands of the README:
#   make lab    set everything up and open JupyterLab on the notebooks (seed corpus)
#   make test   set everything up and run the whole test suite (unit tests + nbval on the notebooks)
# Other targets: make notebooks (re-execute the notebooks, storing outputs), make bench, make clean.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
ALLOW_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL_ARGS = --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg

.PHONY: setup lab test unit nbval notebooks bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,scale]'
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter trust notebooks/*.ipynb
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks/01_corpus.ipynb

# One pytest run: unit tests under tests/ and every notebook under notebooks/ through nbval.
test: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL_ARGS) --doctest-modules workbench tests notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

nbval: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL_ARGS) notebooks

# Re-generate the stored outputs of every notebook (deterministic; nbval compares against them).
notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py notebooks/[0-9]*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
