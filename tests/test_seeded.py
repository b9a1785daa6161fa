"""tests/seeded.py leaks nothing: no timezone after the test, no folder outside the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.seeded import seeded_app

pytestmark = pytest.mark.ui
pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")


def test_a_seeded_app_lives_in_the_tests_own_folder(tmp_path: Path) -> None:
    """Without a folder given, the seeded history goes inside the test's temporary folder."""
    app = seeded_app()
    assert app.history_file.is_relative_to(tmp_path)
    assert app.history_file.exists()


def test_the_timezone_a_seeded_app_sets_is_put_back(pytester: pytest.Pytester) -> None:
    """A test that starts a seeded app leaves the next test in the timezone it found."""
    pytester.makeconftest(CONFTEST.read_text())
    pytester.makepyfile(
        """
        import os
        from tests.seeded import use_utc

        os.environ["TZ"] = "Europe/Paris"  # the zone the session starts in

        def test_first():
            use_utc()
            assert os.environ["TZ"] == "UTC"

        def test_second():
            assert os.environ["TZ"] == "Europe/Paris"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:textual-snapshot")
    result.assert_outcomes(passed=2)
