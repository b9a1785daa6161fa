"""Words and numbers the HTML and Markdown reports share (not yet escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from crampui.report.data import Episode, ReportData, plain
from crampui.wording import plural

NOT_PROOF = "Patterns in this person's own records, not proof of cause."


def day_text(day: date) -> str:
    """ "Wed 25 Nov 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def moment_text(data: ReportData, moment: datetime) -> str:
    """ "Wed 25 Nov 16:01" in the report's timezone."""
    local = data.local(moment)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def timer_context(found: Episode) -> str:
    """Where in the hold the cramp came: "rep 2, left side, 12.5 s into a 30 s hold"."""
    episode = found.episode
    parts = []
    if episode.repetition is not None:
        parts.append(f"rep {episode.repetition}")
    if episode.side:
        parts.append(f"{plain(episode.side)} side")
    if episode.seconds_into_hold is not None:
        hold = (
            f" into a {episode.hold_seconds} s hold" if episode.hold_seconds else " into the hold"
        )
        parts.append(f"{episode.seconds_into_hold:g} s{hold}")
    return ", ".join(parts) or "no hold running"


def session_text(found: Episode) -> str:
    """ "#12", or "on its own" for a cramp logged outside a session."""
    return "on its own" if found.session_id is None else f"#{found.session_id}"


def flags_text(flags: Sequence[str], advice: bool) -> tuple[str, str]:
    """The red flags answered yes, and whether the advice was shown."""
    return (", ".join(flags) or "none recorded"), ("yes" if advice else "no")


def not_asked_text(data: ReportData) -> str:
    """How many cramps were never asked the safety questions ("" when every one was)."""
    ids = data.questions_not_asked
    if not ids:
        return ""
    named = f" (sessions {', '.join(f'#{sid}' for sid in ids)})" if len(ids) <= 5 else ""
    return (
        f"The safety questions were not asked after {plural(len(ids), 'cramp')}{named}, logged "
        "from the command line or before crampui asked them: not asked is not the same as no."
    )


def period_text(data: ReportData) -> str:
    """ "Mon 31 Aug 2026 to Wed 25 Nov 2026 (13 weeks)"."""
    return f"{day_text(data.since)} to {day_text(data.until)} ({len(data.weeks)} weeks)"


def summary_text(data: ReportData) -> str:
    """ "30 sessions, 30 with an outcome, 11 with a cramp; 19 cramps in all"."""
    cramps = sum(week.cramps for week in data.weeks)
    return (
        f"{len(data.sessions)} sessions, {data.with_outcome} with an outcome, {data.cramped} "
        f"with a cramp; {cramps} cramps in all (timed cramps, or one per cramped session)"
    )
