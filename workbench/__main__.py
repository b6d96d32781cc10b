"""``python -m workbench``: the command line (see :mod:`workbench.cli`)."""

from workbench.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
