"""Entry point for ``python -m crampui`` and the ``crampui`` script."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line and exit with its status; a closed pipe on standard output ends
    it quietly, with the shell's status for that."""
    try:
        status = answer(sys.argv[1:])
        sys.stdout.flush()
    except BrokenPipeError:
        from crampui.cli.main import reader_gone

        status = reader_gone()
    sys.exit(status)


def answer(argv: list[str]) -> int:
    """Answer ``argv`` and return the exit status: the status line from its cache when it is
    still current, else by running the command."""
    if not argv:  # the common case: open the app, without argparse or any command's parser
        from crampui.ui.launch import launch

        return launch()
    if argv in (["status"], ["status", "--json"]):  # run by prompts: try the cache first
        from crampui.insights.status_cache import cached

        text = cached(as_json=len(argv) == 2)
        if text is not None:
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
            print(text)
            return 0
    from crampui.cli.main import run

    return run(argv)


if __name__ == "__main__":
    main()
