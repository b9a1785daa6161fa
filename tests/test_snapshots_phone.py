"""How the app looks on a phone held upright (``crampui serve`` in a phone's browser)."""

from __future__ import annotations

import pytest

from tests.seeded import seeded_app
from tests.snapshots import PHONE, SnapCompare, press_then_hold_still

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


@pytest.mark.parametrize("tab", ["1", "2", "3"], ids=["causes", "faq", "checklist"])
def test_a_tab_on_a_phone(snap_compare: SnapCompare, tab: str) -> None:
    """The tab names without numbers where they do not fit, the detail under the list, and
    the buttons for a finger (on the Checklist: Save run, Skip, Timer, Outcome)."""
    assert snap_compare(seeded_app(), terminal_size=PHONE, run_before=press_then_hold_still(tab))
