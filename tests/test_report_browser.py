"""The report in a real browser: headless Chromium prints it on one A4 and one Letter page for an
empty, the seeded, a large realistic and a worst-case history; the summary it shows matches the
store; ``full`` prints every detail on numbered pages; a hostile note runs nothing.

Needs Debian's ``chromium`` (``apt-get install chromium``) and, for the page count,
``pdfinfo``/``pdftotext`` (``poppler-utils``); each test skips with the reason when its tool
is missing. About 12 browser runs in all, a few seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from statistics import median

import pytest

from crampui.content.store import Content, default_content
from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome, Session
from crampui.history.records import NOTES_JOINED_BY
from crampui.insights.report import Person, build_report, gather, render_html
from crampui.insights.report.data import default_since
from crampui.wording import plural
from tests.chromium import dump_dom, find_chromium, print_pdf
from tests.clocks import FakeWallClock
from tests.report_history import LEG_NOTES, PERSON, realistic_history
from tests.seeded import NOW, seed_history, use_utc

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)
UNTIL = NOW.date()
PAPERS = (("A4", "594.96 x 841.92"), ("letter", "612 x 792"))


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


def worst_case_report() -> str:
    """Two years of daily cramps, each with every red flag, a 2000-character note, a long
    skip reason and a place of its own: everything the page could overflow with."""
    content = default_content()
    sessions = []
    for number in range(1, 731):
        at = NOW - timedelta(days=731 - number)
        items = tuple(
            ItemRecord(item.id, "skipped", "tingling in left foot " * 20)
            for item in content.checklist
        )
        outcome = Outcome(
            True,
            number % 11,
            where=f"place {number} spreading down the leg to the foot",
            red_flags=("leg-pain", "numbness", "weakness", "severe-pain"),
            advice_shown=True,
            recorded_at=at,
        )
        episodes = tuple(CrampEpisode(at, 2, "left", 3.3, 30) for _ in range(3))
        note = NOTES_JOINED_BY.join(("x" * 2000, "numb " * 399 + "numb"))  # both of an older one
        sessions.append(Session(number, number, at, items, note, outcome, episodes))
    since = UNTIL - timedelta(days=730)
    data = gather(sessions, content, since, UNTIL, NOW, tz=timezone.utc)
    return render_html(data)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, HistoryStore]]:
    """The empty, seeded and realistic histories, shown in UTC for this module's tests.

    Made before each test's own user folders exist (a module fixture comes first), so the
    stores get folders of their own here, never the real ones; the zone is put back after."""
    folder = tmp_path_factory.mktemp("histories")
    zone = os.environ.get("TZ")
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            patch.setenv(variable, str(folder / "home" / variable.lower()))
        patch.setenv("CRAMPUI_CONFIG_DIR", str(folder / "home" / "config"))
        use_utc()
        seed_history(folder / "seeded.json")
        yield {
            "empty": HistoryStore(folder / "empty.json"),
            "seeded": HistoryStore(folder / "seeded.json"),
            "realistic": realistic_history(folder / "realistic.json"),
        }
    if zone is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = zone
    time.tzset()


def report_file(
    stores: dict[str, HistoryStore], name: str, folder: Path, full: bool = False
) -> Path:
    """The report of history ``name`` (or the worst case) written into ``folder``."""
    if name == "worst case":
        text = worst_case_report()
    else:
        person = PERSON if name == "realistic" else Person()
        text = build_report(
            stores[name], default_content(), None, UNTIL, "html", now=NOW, full=full, person=person
        )
    page = folder / f"report-{name.replace(' ', '-')}.html"
    page.write_text(text, encoding="utf-8")
    return page


def printed(page: Path, paper: str, folder: Path) -> Path:
    """``page`` printed by Chromium on ``paper``, as a PDF."""
    assert CHROMIUM is not None
    sized = folder / f"{page.stem}-{paper}.html"
    sized.write_text(page.read_text().replace("</style>", f"@page {{ size: {paper}; }}</style>"))
    pdf = sized.with_suffix(".pdf")
    print_pdf(CHROMIUM, sized, pdf)
    return pdf


def poppler(tool: str) -> Callable[..., str]:
    """Run the poppler tool ``tool`` (skip the test when it is missing); return its stdout."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")

    def run(*args: str) -> str:
        return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout

    return run


@pytest.mark.parametrize("name", ["empty", "seeded", "realistic", "worst case"])
def test_one_printed_page_on_a4_and_letter(
    stores: dict[str, HistoryStore], name: str, tmp_path: Path
) -> None:
    """Each history's report prints on exactly one page of A4 and of Letter."""
    pdfinfo = poppler("pdfinfo")
    page = report_file(stores, name, tmp_path)
    for paper, points in PAPERS:
        info = pdfinfo(str(printed(page, paper, tmp_path)))
        assert re.search(r"^Pages:\s+1$", info, flags=re.MULTILINE), (name, paper, info)
        assert points in info


def expected_story(store: HistoryStore) -> list[str]:
    """What the summary must say, worked out from the store without the report's code."""
    since = default_since(UNTIL)
    sessions = [s for s in store.sessions() if s.saved_at.date() >= since]
    loose = [e for e in store.loose_episodes() if e.at.date() >= since]
    cramped = [s for s in sessions if s.outcome is not None and s.outcome.cramped]
    recent_from = UNTIL - timedelta(days=27)

    def cramps_of(chosen: list[Session], lone: list[CrampEpisode]) -> int:
        return sum(max(len(s.episodes), int(s in cramped)) for s in chosen) + len(lone)

    lines = [
        f"{plural(len(sessions), 'session')}, {len(cramped)} with a cramp; "
        f"{plural(cramps_of(sessions, loose), 'cramp')} in all",
    ]
    for label, after in (("Last 4 weeks (29 Oct–25 Nov): ", True), ("before: ", False)):
        chosen = [s for s in sessions if (s.saved_at.date() >= recent_from) == after]
        lone = [e for e in loose if (e.at.date() >= recent_from) == after]
        count = cramps_of(chosen, lone)
        if chosen:
            rate = f"{count / len(chosen):.1f} cramps per session"
            lines.append(
                f"{label}{rate} ({plural(count, 'cramp')} in {plural(len(chosen), 'session')})"
            )
        else:
            lines.append(f"{label}no sessions")
    outcomes = [(s.outcome, s.saved_at) for s in cramped if s.outcome is not None]
    ratings = [(o.severity, when) for o, when in outcomes if o.severity is not None]
    if ratings:
        worst, worst_at = max(ratings)
        typical = median(value for value, _at in ratings)
        lines.append(
            f"worst {worst} ({worst_at.day} {worst_at:%b %Y}), typical {typical:g} "
            f"(median of {plural(len(ratings), 'rating')})"
        )
    flagged = [o for o, _when in outcomes if o.red_flags]
    if flagged:
        lines.append(f"After {plural(len(flagged), 'cramp')}, answered yes (")
    answered_no = [o for o, _when in outcomes if o.red_flags_no and not o.red_flags]
    if answered_no:
        lines.append(f"After {plural(len(answered_no), 'cramp')}, answered no to all (")
    not_asked = len(cramped) - len(flagged) - len(answered_no) + len(loose)
    if not_asked:
        lines.append(f"After {plural(not_asked, 'cramp')}, not asked, which is not the same as no")
    return lines


@pytest.mark.parametrize("name", ["empty", "seeded", "realistic"])
def test_summary_facts_match_the_store(
    stores: dict[str, HistoryStore], name: str, tmp_path: Path
) -> None:
    """The summary Chromium shows says the store's sessions, cramps, rates, severities and
    red-flag answers, before the chart."""
    assert CHROMIUM is not None
    text = visible(dump_dom(CHROMIUM, report_file(stores, name, tmp_path))).text
    story = text[text.index("Summary") : text.index("Cramps per session, week by week")]
    for fact in expected_story(stores[name]):
        assert fact in story, (fact, story)
    if name == "empty":
        assert "None reported in red-flag answers, places, notes or skip reasons." in story
        assert "No cramp in this period." in story


def test_realistic_summary_names_every_leg_symptom_with_its_date(
    stores: dict[str, HistoryStore], tmp_path: Path
) -> None:
    """Leg tingling in three notes, the skipped nerve check's reason and the red-flag answers
    are all in the summary with their dates; so are the name and date of birth."""
    assert CHROMIUM is not None
    text = visible(dump_dom(CHROMIUM, report_file(stores, "realistic", tmp_path))).text
    story = text[text.index("Summary") : text.index("Cramps per session, week by week")]
    sessions = stores["realistic"].sessions()

    def day(session: Session) -> str:
        return f"{session.saved_at.day} {session.saved_at:%b %Y}"

    for note in LEG_NOTES:
        assert day(next(s for s in sessions if s.note.startswith(note))) in story
    skipped = next(
        s for s in sessions if any(i.reason.startswith("some tingling") for i in s.items)
    )
    assert f"{day(skipped)}, skip reason: “some tingling in left foot”" in story
    for session in sessions:
        if session.outcome is not None and session.outcome.red_flags:
            assert f"{session.saved_at.day} {session.saved_at:%b}" in story
    assert "Name: Ann Example · Date of birth: Mon 2 Mar 1970" in text
    assert text.index("Name: Ann Example") < text.index("Summary")


def test_full_report_has_every_detail_on_numbered_pages(
    stores: dict[str, HistoryStore], tmp_path: Path
) -> None:
    """``full``: more than one page, each saying "page X of N", and every note and cramp is
    there (the one-page report says how many it left out instead)."""
    pdfinfo, pdftotext = poppler("pdfinfo"), poppler("pdftotext")
    store = stores["realistic"]
    one_page = report_file(stores, "realistic", tmp_path).read_text()
    assert re.search(r"\+\d+ more notes in crampui", one_page)
    pdf = printed(report_file(stores, "realistic", tmp_path, full=True), "A4", tmp_path)
    pages = int(re.findall(r"^Pages:\s+(\d+)$", pdfinfo(str(pdf)), flags=re.MULTILINE)[0])
    assert pages > 1
    words = " ".join(pdftotext("-layout", str(pdf), "-").split())
    for number in range(1, pages + 1):
        assert f"page {number} of {pages}" in words
    for session in store.sessions():
        if session.note:
            assert " ".join(session.note.split())[:40] in words
    assert "more notes in crampui" not in words and "more cramps in crampui" not in words


def test_chromium_renders_hostile_notes_as_text(tmp_path: Path, content: Content) -> None:
    """Markup and a script in a note are shown as typed: the browser builds no element of them."""
    store = HistoryStore(tmp_path / "history.json", clock=FakeWallClock(NOW))
    hostile = '<script>document.title="pwned"</script><img src=x onerror=alert(1)> [b]x[/b]'
    session = store.add_session([ItemRecord("hydrate", "done")], note=hostile + "\x1b[31m\x07")
    store.set_outcome(session.id, Outcome(True, 4, where="<u>low</u>"))
    store.add_episode(CrampEpisode(NOW, 1, side="<em>left</em>"), session.id)
    page = tmp_path / "report.html"
    page.write_text(build_report(store, content, None, UNTIL, "html", now=NOW))
    assert CHROMIUM is not None
    dom = dump_dom(CHROMIUM, page)
    found = visible(dom)
    assert not {"script", "img", "u", "em"} & set(found.tags)
    assert found.text.count(hostile) == 1
    assert "<u>low</u>" in found.text and "<em>left</em> side" in found.text
    title = re.search(r"<title>(.*?)</title>", dom)
    assert title is not None and title.group(1).startswith("Back cramp record")  # no script ran
