"""CLI commands; each module adds its parsers with ``register(subparsers)``.

A command's handler takes the parsed arguments and returns the exit status. These modules never
import Textual.
"""

from __future__ import annotations

import sys

EXIT_USAGE = 2


def fail(message: str) -> int:
    """Print a one-line error on stderr and return the usage exit status."""
    print(f"crampui: error: {message}", file=sys.stderr)
    return EXIT_USAGE
