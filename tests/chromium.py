"""Headless Chromium (Debian's ``chromium``) for the report tests and ``make screenshots``.

Every run uses a fresh profile and no network features, so nothing is fetched or synced.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
TIMEOUT = 120


def find_chromium() -> str | None:
    """The path of a Chromium binary, or None when none is installed."""
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def chromium(binary: str, page: Path, *options: str) -> str:
    """Run ``binary`` headless on the local file ``page`` with ``options``; return its stdout."""
    with tempfile.TemporaryDirectory(prefix="crampui-chromium-") as profile:
        result = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *options, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=True,
        )
    return result.stdout


def screenshot(binary: str, page: Path, output: Path, size: tuple[int, int]) -> None:
    """Save a PNG of ``page`` at ``size`` (width, height) CSS pixels."""
    chromium(binary, page, f"--screenshot={output}", f"--window-size={size[0]},{size[1]}")


def print_pdf(binary: str, page: Path, output: Path) -> None:
    """Print ``page`` to the PDF ``output`` (no header or footer lines)."""
    chromium(binary, page, f"--print-to-pdf={output}", "--no-pdf-header-footer")


def dump_dom(binary: str, page: Path) -> str:
    """The page's DOM after loading, serialised as HTML."""
    return chromium(binary, page, "--dump-dom")
