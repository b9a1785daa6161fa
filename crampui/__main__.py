"""Entry point for ``python -m crampui`` and the ``crampui`` script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line and exit with its status."""
    argv = sys.argv[1:]
    if not argv:  # the common case: open the app, without argparse or any command's parser
        from crampui.launch import launch

        sys.exit(launch())
    if argv in (["status"], ["status", "--json"]):  # run by prompts: try the cache first
        from crampui.status_cache import cached

        text = cached(as_json=len(argv) == 2)
        if text is not None:
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
            print(text)
            sys.exit(0)
    from crampui.cli import run

    sys.exit(run(argv))


if __name__ == "__main__":
    main()
