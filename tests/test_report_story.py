"""The report's story and details, without a browser: places grouped, every leg symptom found,
red-flag answers per cramp, patterns by strength, weeks with gaps and partial weeks, the
period, whole seconds, plurals, severity of recorded ratings, and what one page leaves out."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from crampui.content.safety import QUESTIONS
from crampui.content.store import Content
from crampui.history import CrampEpisode, ItemRecord, Outcome, Session
from crampui.insights.patterns import CHANGED_TOGETHER
from crampui.insights.report import gather, render_html, render_markdown
from crampui.insights.report.data import ReportData
from crampui.insights.report.wording import period_text
from tests.seeded import NOW

UTC = timezone.utc
UNTIL = NOW.date()  # a Wednesday
SINCE = UNTIL - timedelta(days=27)


def at(day: date, hour: int = 9) -> datetime:
    """``day`` at ``hour`` UTC."""
    return datetime.combine(day, time(hour), UTC)


def session(
    number: int,
    day: date,
    outcome: Outcome | None = None,
    note: str = "",
    items: tuple[ItemRecord, ...] = (ItemRecord("hydrate", "done"),),
    episodes: tuple[CrampEpisode, ...] = (),
) -> Session:
    """Session ``number`` saved on ``day``."""
    return Session(number, number, at(day), items, note, outcome, episodes)


def report(content: Content, sessions: list[Session], **options: object) -> ReportData:
    """The figures of ``sessions`` from SINCE to UNTIL, in UTC."""
    return gather(sessions, content, SINCE, UNTIL, NOW, tz=UTC, **options)  # type: ignore[arg-type]


def test_one_place_typed_three_ways_is_one_row(content: Content) -> None:
    """ "lower back right", "lower back, right" and "right lower back" are one place, shown
    once as most often typed; a spread into the buttock is named."""
    places = ["lower back right", "lower back, right", "right lower back", "lower back right"]
    places += ["Low back, LEFT into the left buttock"]
    sessions = [
        session(n, SINCE + timedelta(days=n), Outcome(True, 3, where=where))
        for n, where in enumerate(places, start=1)
    ]
    data = report(content, sessions)
    assert data.places == (
        ("lower back right", 4, ""),
        ("Low back, LEFT into the left buttock", 1, "buttock"),
    )
    page = render_html(data)
    section = page[page.index("<h2>Where it cramped") : page.index("<h2>Stretches")]
    assert section.count("lower back") == 1 and "right lower back" not in section
    assert "Low back, LEFT into the left buttock (spread: buttock)" in section


def test_every_leg_symptom_is_found_with_its_date(content: Content) -> None:
    """Notes, skip reasons, red-flag answers and places that tell of leg or nerve symptoms are
    all in the summary with dates, even from before the period; other notes are not."""
    long_ago = SINCE - timedelta(days=200)
    skipped = (ItemRecord("no-nerve-symptoms", "skipped", "some tingling in left foot"),)
    sessions = [
        session(1, long_ago, Outcome(False), note="Sciatica flared up at work"),
        session(2, SINCE + timedelta(days=1), Outcome(True, 4), note="eased with massage"),
        session(3, SINCE + timedelta(days=2), Outcome(False), items=skipped),
        session(4, SINCE + timedelta(days=3), Outcome(True, 6, red_flags=("weakness",))),
        session(5, SINCE + timedelta(days=4), Outcome(True, 5, where="lower back into thigh")),
        session(6, SINCE + timedelta(days=5), Outcome(True, 2), note="pins and needles, L calf"),
    ]
    data = report(content, sessions)
    found = [(symptom.source, symptom.text) for symptom in data.symptoms]
    assert found == [
        ("note", "Sciatica flared up at work"),
        ("skip reason", "some tingling in left foot"),
        ("red-flag answer", "yes to weakness in a leg"),
        ("where it cramped", "lower back into thigh"),
        ("note", "pins and needles, L calf"),
    ]
    page = render_html(data)
    story = page[page.index("Summary") : page.index("Cramps per session, week by week")]
    assert f"{long_ago.day} {long_ago:%b %Y}, note: “Sciatica flared up at work”" in story
    assert "skip reason: “some tingling in left foot”" in story
    assert "massage" not in story


def test_red_flag_answers_per_cramp_and_the_advice(content: Content) -> None:
    """The summary says after which cramps a red flag was answered yes (with the answers and
    dates), after which every question was answered no, after which none was asked (never
    shown as no), when the advice was shown and whether the person said it was checked."""
    every = tuple(question.id for question in QUESTIONS)
    sessions = [
        session(1, date(2026, 11, 2), Outcome(True, 4)),
        session(
            2, date(2026, 11, 3), Outcome(True, 7, red_flags=("leg-spread",), advice_shown=True)
        ),
        session(3, date(2026, 11, 4), Outcome(False)),
        session(4, date(2026, 11, 6), Outcome(True, 3, red_flags_no=every)),
    ]
    loose = [CrampEpisode(at(date(2026, 11, 5)))]
    text = render_markdown(report(content, sessions, loose=loose))
    assert "After 1 cramp, answered yes (pain, tingling or numbness down one leg: 3 Nov)" in text
    assert "After 1 cramp, answered no to all (6 Nov)" in text
    assert "After 2 cramps, not asked, which is not the same as no (2 Nov, 5 Nov)" in text
    assert "shown 1 time (3 Nov); not said to have been checked yet." in text
    checked = render_markdown(report(content, sessions, loose=loose, checked_session=2))
    assert "shown 1 time (3 Nov); said to have been checked after 1 of them." in checked


def test_structured_place_is_grouped_and_its_spread_named(content: Content) -> None:
    """Region, side and spread group a place whatever else was typed; the spread is the
    structured one; free text alone is still grouped by its words."""
    outcomes = [
        Outcome(True, 3, region="lower", side="left", spread="thigh"),
        Outcome(True, 3, region="lower", side="left", spread="thigh"),
        Outcome(True, 3, where="mid back"),
    ]
    sessions = [session(n, SINCE + timedelta(days=n), o) for n, o in enumerate(outcomes, 1)]
    data = report(content, sessions)
    assert data.places == (
        ("lower back, left, into the thigh", 2, "thigh"),
        ("mid back", 1, ""),
    )
    assert [s.text for s in data.symptoms] == ["lower back, left, into the thigh"]


CRAMPED = frozenset({1, 2, *range(11, 19)})
"""Sessions 1 to 20 of the patterns test that cramped."""
DONE = {
    "warm-up": set(range(1, 11)),  # 2 of 10 cramped with it, 8 of 10 without: 60 points
    "loosen": {1, 2, 3, 4, 5, 6, 11, 12, 13, 14},  # 6 of 10 with, 4 of 10 without: 20 points
    "rested": {1, 2, 11, 12, 13, 3, 4, 5, 6},  # 5 of 9 with, 5 of 11 without: 10 points
    "no-nerve-symptoms": set(range(1, 11)),  # a safety check, never a habit
}
"""Which of sessions 1 to 20 did each item (the others skipped it)."""


def test_patterns_need_eight_a_side_and_twenty_points_without_safety_checks(
    content: Content,
) -> None:
    """Warm-up (60 points) then loosen (20 points), as rates; a 10-point gap, an item with
    fewer than 8 sessions on a side and the nerve check are not patterns."""
    sessions = []
    for number in range(1, 21):
        items = [
            ItemRecord(item_id, "done" if number in done else "skipped")
            for item_id, done in DONE.items()
        ]
        if number > 7:  # listed in 13 sessions: 6 done, 7 skipped
            items.append(ItemRecord("hydrate", "done" if number <= 13 else "skipped"))
        cramped = number in CRAMPED
        outcome = Outcome(cramped, 3 if cramped else None)
        sessions.append(
            session(number, SINCE + timedelta(days=number), outcome, items=tuple(items))
        )
    text = render_markdown(report(content, sessions))
    assert re.findall(r"^- (Cramped in .*)$", text, flags=re.MULTILINE) == [
        "Cramped in 20 % of sessions with “Warm up for 5 to 10 minutes” (2 of 10), 80 % without "
        "(8 of 10).",
        "Cramped in 60 % of sessions with “Loosen any tight spots” (6 of 10), 40 % without "
        "(4 of 10).",
    ]
    assert " ".join(CHANGED_TOGETHER.split()) in " ".join(text.split())


def test_weeks_without_sessions_are_gaps_and_the_running_week_is_partial(content: Content) -> None:
    """A week with no session has no rate and no bar (a "–"), not a zero; the running week
    (Monday to today's Wednesday) and the first (from the period's Thursday) are drawn hollow,
    marked "*" and said to be 3 and 4 days."""
    first_monday = SINCE - timedelta(days=SINCE.weekday())
    sessions = [
        session(1, first_monday + timedelta(days=3), Outcome(True, 3)),
        session(2, first_monday + timedelta(days=4), Outcome(False)),
        session(3, UNTIL, Outcome(True, 5)),
    ]
    data = report(content, sessions)
    assert [week.per_session for week in data.weeks] == [0.5, None, None, None, 1.0]
    assert [week.days for week in data.weeks] == [4, 7, 7, 7, 3]  # from Thursday to Wednesday
    page = render_html(data)
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert chart.count("<rect") == 2 and chart.count('class="gap"') == 3
    assert 'class="bar partial"' in chart and f"{UNTIL - timedelta(days=2):%-d %b}*" in chart
    assert "26 Oct (4 days), 23 Nov (3 days)" in page and "a gap, not zero" in page
    assert "cramps per session" in chart and "severity (0–10)" in chart
    assert chart.count("<circle") == 2


def test_period_label_is_exact(content: Content) -> None:
    """ "12 weeks" only for 84 days; otherwise weeks and days."""
    for days, words in ((84, "12 weeks"), (78, "11 weeks and 1 day"), (80, "11 weeks and 3 days")):
        data = gather([], content, UNTIL - timedelta(days=days - 1), UNTIL, NOW, tz=UTC)
        assert period_text(data).endswith(f"({words})")
    one = gather([], content, UNTIL, UNTIL, NOW, tz=UTC)
    assert period_text(one).endswith("(1 day)")


def test_whole_seconds_and_plurals(content: Content) -> None:
    """A cramp 12.0066 s into a hold reads "12 s into a 30 s hold"; one of anything is
    singular."""
    episode = CrampEpisode(at(UNTIL), 2, "left", seconds_into_hold=12.0066, hold_seconds=30)
    data = report(content, [session(1, UNTIL, Outcome(True, 4), episodes=(episode,))])
    page = render_html(data)
    assert "rep 2, left side, 12 s into a 30 s hold" in page and "12.0 s" not in page
    assert "1 session, 1 with a cramp; 1 cramp in all" in page
    assert "1 sessions" not in page and "1 cramps" not in page


def test_severity_of_recorded_ratings_and_the_last_four_weeks(content: Content) -> None:
    """Worst and typical (median) severity of recorded ratings only: lone F2 cramps without a
    rating are counted as cramps, not as ratings; the last 4 weeks against before in cramps
    per session."""
    since = UNTIL - timedelta(days=55)
    sessions = [
        session(1, since + timedelta(days=1), Outcome(True, 2)),
        session(2, since + timedelta(days=2), Outcome(False)),
        session(3, since + timedelta(days=3), Outcome(False)),
        session(4, since + timedelta(days=4), Outcome(False)),
        session(5, UNTIL - timedelta(days=3), Outcome(True, 6)),
        session(6, UNTIL - timedelta(days=2), Outcome(True, 4)),
    ]
    loose = [CrampEpisode(at(UNTIL - timedelta(days=1), hour)) for hour in (8, 9, 10)]
    data = gather(sessions, content, since, UNTIL, NOW, loose, tz=UTC)
    text = render_markdown(data)
    worst_day = UNTIL - timedelta(days=3)
    assert (
        f"worst 6 ({worst_day.day} {worst_day:%b %Y}), typical 4 (median of 3 ratings); "
        "3 cramps without a rating." in text
    )
    assert "Last 4 weeks (29 Oct–25 Nov): 2.5 cramps per session (5 cramps in 2 sessions)" in text
    assert "before: 0.2 cramps per session (1 cramp in 4 sessions)." in text


def test_one_page_leaves_out_notes_first_then_the_oldest_cramps(content: Content) -> None:
    """Long notes go first ("+N more notes in crampui"); with more cramps than fit, the
    oldest go next and the newest stays; ``full`` keeps everything."""
    sessions = [
        session(n, SINCE + timedelta(days=n % 28), Outcome(True, 3), f"note {n} " + "word " * 60)
        for n in range(1, 41)
    ]
    data = report(content, sessions)
    page = render_html(data)
    assert re.search(r"\+\d+ more notes in crampui", page)
    assert re.search(r"\+\d+ more cramps in crampui", page)
    newest = max(data.cramps, key=lambda cramp: cramp.at)
    oldest = min(data.cramps, key=lambda cramp: cramp.at)
    assert f"{newest.at:%a} {newest.at.day} {newest.at:%b %H:%M}" in page
    assert f"<td>{oldest.at:%a} {oldest.at.day} {oldest.at:%b %H:%M}</td>" not in page
    full = render_html(data, full=True)
    assert "more notes in crampui" not in full and "more cramps in crampui" not in full
    assert all(f"note {n} word" in full for n in range(1, 41))
    assert 'counter(page) " of " counter(pages)' in full
