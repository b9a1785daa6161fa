"""The report in a real browser: headless Chromium loads it, shows the store's numbers, prints
it on one A4 and one Letter page, and runs nothing a hostile note smuggled in.

Needs Debian's ``chromium`` (``apt-get install chromium``) and, for the page count,
``pdfinfo`` (``poppler-utils``); each test skips with the reason when its tool is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crampui.content import Content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome
from crampui.report import build_report
from crampui.trends import weekly_trends
from tests.chromium import dump_dom, find_chromium, print_pdf, screenshot
from tests.clocks import FakeWallClock
from tests.seeded import NOW, seed_history, use_utc

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)
UNTIL = NOW.date()


class VisibleText(HTMLParser):
    """The text a reader sees (not the style sheet or the title), and the tag names."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hidden += tag in ("style", "title", "head")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "title", "head")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        """The visible text with whitespace collapsed."""
        return " ".join(" ".join(self.parts).split())


def visible(dom: str) -> VisibleText:
    """``dom`` parsed."""
    parser = VisibleText()
    parser.feed(dom)
    return parser


@pytest.fixture
def seeded_report(tmp_path: Path, content: Content) -> tuple[HistoryStore, Path]:
    """The seeded history and its report (12 weeks to the seeded "now"), as a file."""
    use_utc()
    store_path = tmp_path / "history.json"
    seed_history(store_path)
    store = HistoryStore(store_path)
    page = tmp_path / "report.html"
    page.write_text(build_report(store, content, None, UNTIL, "html", now=NOW))
    return store, page


def test_chromium_shows_the_numbers_the_store_holds(
    seeded_report: tuple[HistoryStore, Path],
) -> None:
    """The loaded page has the session count, the red flag, each week's cramps and episodes."""
    store, page = seeded_report
    assert CHROMIUM is not None
    dom = dump_dom(CHROMIUM, page)
    text = visible(dom).text
    sessions = store.sessions()
    with_outcome = sum(s.outcome is not None for s in sessions)
    cramped = [s for s in sessions if s.outcome is not None and s.outcome.cramped]
    assert f"{len(sessions)} sessions, {with_outcome} with an outcome, {len(cramped)} with" in text
    flagged = next(s for s in sessions if s.outcome is not None and s.outcome.advice_shown)
    assert re.search(rf"#{flagged.id} pain that spreads down a leg yes", text)
    weeks = weekly_trends(sessions, UNTIL)
    chart_values = re.findall(r'<text [^>]*class="value"[^>]*>(\d+)</text>', dom)
    assert [int(value) for value in chart_values] == [week.cramps for week in weeks]
    cramps_row = re.search(r"Cramps((?: \d+)+)", text)
    assert cramps_row is not None
    assert [int(n) for n in cramps_row.group(1).split()] == [week.cramps for week in weeks]
    timed = sum(len(s.episodes) for s in sessions)
    assert text.count("rep 2, left side, 12.5 s into a 30 s hold") == timed
    assert "not proof of cause" in text
    assert text.endswith("see a healthcare professional.")


def test_chromium_screenshot_and_one_printed_page(
    seeded_report: tuple[HistoryStore, Path], tmp_path: Path
) -> None:
    """A screenshot is taken; printed, the report is one page on A4 and one on Letter."""
    _store, page = seeded_report
    assert CHROMIUM is not None
    png = tmp_path / "report.png"
    screenshot(CHROMIUM, page, png, (900, 1300))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo is not installed (apt-get install poppler-utils)")
    for paper, points in (("A4", "594.96 x 841.92"), ("letter", "612 x 792")):
        sized = tmp_path / f"report-{paper}.html"
        sized.write_text(
            page.read_text().replace("</style>", f"@page {{ size: {paper}; }}</style>")
        )
        pdf = tmp_path / f"report-{paper}.pdf"
        print_pdf(CHROMIUM, sized, pdf)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert re.search(r"^Pages:\s+1$", info.stdout, flags=re.MULTILINE), (paper, info.stdout)
        assert points in info.stdout


def test_chromium_renders_hostile_notes_as_text(tmp_path: Path, content: Content) -> None:
    """Markup and a script in a note are shown as typed: the browser builds no element of them."""
    store = HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW))
    hostile = '<script>document.title="pwned"</script><img src=x onerror=alert(1)> [b]x[/b]'
    session = store.add_session([ItemRecord("hydrate", "done")], note=hostile + "\x1b[31m\x07")
    store.set_outcome(session.id, Outcome(True, 4, where="<u>low</u>", note=hostile))
    store.add_episode(CrampEpisode(NOW, 1, side="<em>left</em>"), session.id)
    page = tmp_path / "report.html"
    page.write_text(build_report(store, content, None, UNTIL, "html", now=NOW))
    assert CHROMIUM is not None
    dom = dump_dom(CHROMIUM, page)
    found = visible(dom)
    assert not {"script", "img", "u", "em"} & set(found.tags)
    assert found.text.count(hostile) == 2
    assert "<u>low</u>" in found.text and "<em>left</em> side" in found.text
    title = re.search(r"<title>(.*?)</title>", dom)
    assert title is not None and title.group(1).startswith("Back cramp record")  # no script ran
