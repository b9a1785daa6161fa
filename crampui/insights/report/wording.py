"""Words and numbers the HTML and Markdown reports share (not yet escaped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from crampui.history import MAX_SEVERITY, CrampEpisode
from crampui.insights.patterns import CHANGED_TOGETHER, MIN_EACH, MIN_GAP_PERCENT
from crampui.insights.report.data import Cramp, ReportData, Symptom, plain, typical_severity
from crampui.wording import plural

NOT_PROOF = f"Patterns in this person's own records, not proof of cause. {CHANGED_TOGETHER}"
NO_PATTERNS = (
    f"No item had at least {MIN_EACH} sessions on each side (done, not done) with cramp rates "
    f"{MIN_GAP_PERCENT} or more percentage points apart."
)
PAGE_DATES = 8
"""On one page, the most dates one line of the story lists before it says how many more."""
PAGE_ANSWERS = 4
"""On one page, the most different sets of yes answers the story lists."""
STATE_WORDS = {
    "yes": "answered yes",
    "no": "answered no to all",
    "not asked": "not asked, which is not the same as no",
}
"""How each red-flag state reads in the story."""


def day_text(day: date) -> str:
    """ "Wed 25 Nov 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(moment: datetime | date) -> str:
    """ "25 Nov"."""
    return f"{moment.day} {moment:%b}"


def moment_text(data: ReportData, moment: datetime) -> str:
    """ "Wed 25 Nov 16:01" in the report's timezone."""
    local = data.local(moment)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def date_text(data: ReportData, moment: datetime) -> str:
    """ "25 Nov 2026" in the report's timezone."""
    local = data.local(moment)
    return f"{local.day} {local:%b %Y}"


def duration_text(days: int) -> str:
    """ "12 weeks", "11 weeks and 1 day", "5 days"."""
    weeks, rest = divmod(days, 7)
    if not weeks:
        return plural(rest, "day")
    return plural(weeks, "week") + (f" and {plural(rest, 'day')}" if rest else "")


def period_text(data: ReportData) -> str:
    """ "Mon 14 Sep 2026 to Mon 7 Dec 2026 (12 weeks and 1 day)"."""
    days = (data.until - data.since).days + 1
    return f"{day_text(data.since)} to {day_text(data.until)} ({duration_text(days)})"


def person_text(data: ReportData) -> str:
    """ "Name: Ann Example · Born 1970-03-02", or "" when neither is set."""
    parts = []
    if data.person.name:
        parts.append(f"Name: {plain(data.person.name)}")
    if data.person.birth is not None:
        parts.append(f"Date of birth: {day_text(data.person.birth)}")
    return " · ".join(parts)


def rate_text(cramps: int, sessions: int) -> str:
    """ "0.6 cramps per session (11 cramps in 18 sessions)", or why there is no rate."""
    if not sessions:
        return (
            f"no sessions ({plural(cramps, 'cramp')} logged on their own)"
            if cramps
            else "no sessions"
        )
    counts = f"{plural(cramps, 'cramp')} in {plural(sessions, 'session')}"
    return f"{cramps / sessions:.1f} cramps per session ({counts})"


def sessions_text(data: ReportData) -> str:
    """ "42 sessions, 20 with a cramp; 26 cramps in all (timed cramps, or one per cramped
    session)", counted as everywhere in crampui (:func:`crampui.insights.patterns.total_cramps`:
    every cramp timed with F2, in a session or on its own, and one for a cramped session with none);
    short, so the story keeps to one line."""
    return (
        f"{plural(len(data.sessions), 'session')}, {data.cramped} with a cramp; "
        f"{plural(data.cramp_count, 'cramp')} in all (timed cramps, or one per cramped session)."
    )


def trend_text(data: ReportData) -> str:
    """The last four weeks against the weeks before, in cramps per session."""
    (before_sessions, before_cramps), (recent_sessions, recent_cramps) = data.split()
    recent = (
        f"Last 4 weeks ({short_day(data.recent_since)}–{short_day(data.until)}): "
        f"{rate_text(recent_cramps, recent_sessions)}"
    )
    if data.recent_since <= data.since:
        return recent + "; the period has no earlier weeks to compare."
    return f"{recent}; before: {rate_text(before_cramps, before_sessions)}."


def severity_story(data: ReportData) -> str:
    """Worst and typical severity of the recorded ratings, and how many cramps have none."""
    ratings = data.ratings
    unrated = data.cramp_count - len(ratings)
    if not data.cramp_count:
        return "Severity: no cramp in this period."
    if not ratings:
        return f"Severity: no rating recorded ({plural(unrated, 'cramp')} without one)."
    worst_at, worst = max(ratings, key=lambda pair: (pair[1], pair[0]))
    typical = typical_severity([value for _at, value in ratings])
    text = (
        f"Severity (0–{MAX_SEVERITY}, recorded ratings only): worst {worst} "
        f"({date_text(data, worst_at)}), typical {typical:g} "
        f"(median of {plural(len(ratings), 'rating')})"
    )
    return text + (f"; {plural(unrated, 'cramp')} without a rating." if unrated else ".")


def symptom_text(
    data: ReportData, symptom: Symptom, limit: int | None = None, most: int | None = None
) -> str:
    """ "3 Nov 2026, 9 Nov 2026, note: “tingling down my left leg”" (the words shortened to
    ``limit``, the dates to ``most``; None keeps all)."""
    text = symptom.text
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"{symptom_dates(data, symptom, most)}, {symptom.source}: “{text}”"


def _listed(days: Sequence[str], most: int | None, separator: str = ", ") -> str:
    """``days`` joined, at most ``most`` of them (None: all), then "and N more"."""
    shown = days if most is None else days[:most]
    more = f" and {len(days) - len(shown)} more" if len(days) > len(shown) else ""
    return separator.join(shown) + more


def symptom_dates(data: ReportData, symptom: Symptom, most: int | None = None) -> str:
    """ "3 Nov 2026, 9 Nov 2026 and 2 more": the dates of ``symptom``, at most ``most``."""
    return _listed([date_text(data, moment) for moment in symptom.dates], most)


def dates_text(data: ReportData, moments: Sequence[datetime], most: int | None = None) -> str:
    """ "3 Nov, 10 Nov, 17 Nov" (at most ``most``, then "and N more"; None: all)."""
    return _listed(list(dict.fromkeys(short_day(data.local(m)) for m in moments)), most)


def red_flag_story(data: ReportData, most: int | None = None) -> list[str]:
    """For every cramp, whether the red-flag questions were asked and what was answered
    (``most`` dates a line; None: all)."""
    lines = []
    for state, words in STATE_WORDS.items():
        cramps = [cramp for cramp in data.cramps if cramp.red_flags.state == state]
        if not cramps:
            continue
        if state != "yes":
            dates = dates_text(data, [c.at for c in cramps], most)
            lines.append(f"After {plural(len(cramps), 'cramp')}, {words} ({dates})")
            continue
        by_answer: dict[str, list[datetime]] = {}
        for cramp in cramps:
            by_answer.setdefault(", ".join(cramp.red_flags.yes) or "advice shown", []).append(
                cramp.at
            )
        answers = [
            f"{answer}: {dates_text(data, moments, most)}" for answer, moments in by_answer.items()
        ]
        listed = _listed(answers, None if most is None else PAGE_ANSWERS, "; ")
        lines.append(f"After {plural(len(cramps), 'cramp')}, {words} ({listed})")
    return lines


def advice_story(data: ReportData, most: int | None = None) -> str:
    """When the advice to see a professional was shown (``most`` dates; None: all), and
    whether it was checked."""
    shown = [cramp for cramp in data.cramps if cramp.advice_shown]
    if not shown:
        return "Advice to see a professional: not shown in this period."
    checked = [cramp for cramp in shown if cramp.advice_checked]
    text = (
        f"Advice to see a professional shown {plural(len(shown), 'time')} "
        f"({dates_text(data, [c.at for c in shown], most)})"
    )
    if not checked:
        return text + "; not said to have been checked yet."
    return text + f"; said to have been checked after {len(checked)} of them."


def timer_context(episode: CrampEpisode, names: Mapping[str, str] | None = None) -> str:
    """In which stretch and where in the hold the cramp came: "Knee to chest, rep 2, left side,
    12 s into a 30 s hold" ("stretch not recorded, rep 2, ..." before routines; ``names``: the
    stored routine's stretch names, own stretches too)."""
    from crampui.checklist.routines import stretch_label

    parts = []
    if episode.repetition is not None:
        parts.append(f"rep {episode.repetition}")
    if episode.side:
        parts.append(f"{plain(episode.side)} side")
    if episode.seconds_into_hold is not None:
        hold = (
            f" into a {episode.hold_seconds} s hold" if episode.hold_seconds else " into the hold"
        )
        parts.append(f"{round(episode.seconds_into_hold)} s{hold}")
    if parts or episode.stretch_id:
        parts.insert(0, plain(stretch_label(names, episode.stretch_id)))
    return ", ".join(parts) or "no hold running"


def cramp_cells(data: ReportData, cramp: Cramp) -> tuple[str, str, str, str, str]:
    """One row of the cramps table: when, severity, where, red flags, timed cramps."""
    where = "" if cramp.place is None else cramp.place.text
    flags = cramp.red_flags
    answered = f"yes: {', '.join(flags.yes)}" if flags.state == "yes" and flags.yes else ""
    answer = answered or STATE_WORDS[flags.state].split(",")[0]
    if cramp.advice_shown:
        answer += "; advice shown"
    origin = "" if cramp.session_id is not None else " (logged on its own)"
    return (
        moment_text(data, cramp.at) + origin,
        "–" if cramp.severity is None else str(cramp.severity),
        where,
        answer,
        "; ".join(timer_context(episode, data.stretch_names) for episode in cramp.timed),
    )


def place_text(text: str, spread: str) -> str:
    """A place and, when it spread, how far."""
    return f"{text} (spread: {spread})" if spread else text


def item_cells(label: str, done: int, skipped: int, listed: int) -> tuple[str, str, str]:
    """One checklist row: the item, "40 of 42" done, skipped."""
    return (label, f"{done} of {listed}", str(skipped))


def more_text(count: int, noun: str, nouns: str) -> str:
    """ "+3 more notes in crampui", "+1 more note in crampui"."""
    return f"+{plural(count, f'more {noun}', f'more {nouns}')} in crampui"
