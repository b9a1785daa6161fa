"""Shared fixtures: no test ever touches the real user data or config directories."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from crampui.content.store import Content, default_content

# How many examples each property test tries: "suite" in every run (make test), "thorough" on
# demand (pytest --hypothesis-profile=thorough). A test names its own count only where it must
# differ: make slow's long runs, or a test whose every example builds and reads a store.
settings.register_profile(
    "suite", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", settings.get_profile("suite"), max_examples=1_000)
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path) -> Iterator[Path]:
    """Point the history database, settings, caches and platformdirs at a temporary directory.

    Patched apart from the test's ``monkeypatch``, so a test that calls ``monkeypatch.undo()``
    still never reaches the real user folders.
    """
    home = tmp_path / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRAMPUI_DB", str(home / "history.json"))
        patch.setenv("CRAMPUI_CONFIG_DIR", str(home / "config"))
        patch.setenv("XDG_DATA_HOME", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config-home"))
        patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
        patch.setenv("XDG_STATE_HOME", str(home / "state"))
        yield home


@pytest.fixture(autouse=True)
def no_fsync() -> Iterator[None]:
    """Skip fsync in the test process: it only matters when the machine loses power, which no
    test can cause, and on a busy disk it was most of some tests' time. A test may still patch
    os.fsync (to make it fail); the fault tests kill real processes, which fsync as always."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.fixture(autouse=True)
def no_leaks(tmp_path: Path) -> Iterator[None]:
    """Seeded apps get their folders inside the test's temporary folder, and a timezone a test
    set (``tests.seeded.use_utc``) is put back after it."""
    from tests import seeded

    zone = os.environ.get("TZ")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seeded, "FOLDER", tmp_path)
        yield
    if os.environ.get("TZ") != zone:
        if zone is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = zone
        time.tzset()


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Show local times in UTC so dates and times are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def content() -> Content:
    """The bundled content."""
    return default_content()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In the unit tier (``make unit``), fail if any test imported Textual: it belongs in ui."""
    import sys

    if os.environ.get("CRAMPUI_TEST_TIER") != "unit" or exitstatus != 0:
        return
    if "textual" in sys.modules:
        print("\nA unit-tier test imported Textual: mark its module `pytest.mark.ui`.")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
