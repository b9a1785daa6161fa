"""Entry point for ``python -m crampui`` and the ``crampui`` script."""

from __future__ import annotations

import sys

from crampui.cli import run


def main() -> None:
    """Run the command line and exit with its status."""
    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
