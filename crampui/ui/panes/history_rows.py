"""What the History table and its detail line say about each entry: a saved session or a cramp
logged on its own. User text is always literal."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text as RichText
from textual.content import Content as Text

from crampui.checklist.routines import stretches_text
from crampui.content.place import place_summary
from crampui.history import CrampEpisode, Session
from crampui.insights.patterns import session_cramps
from crampui.insights.timeline import ON_ITS_OWN, Entry, episode_details
from crampui.ui.screens.outcome import cramp_summary, outcome_summary, session_counts
from crampui.wording import plural


def entry_when(entry: Entry, compact: bool = False) -> str:
    """When the session was saved or the cramp logged, in local time: "Wed 25 Nov 18:05"
    ("25 Nov 18:05" when ``compact``)."""
    moment = entry.saved_at if isinstance(entry, Session) else entry.at
    return moment.astimezone().strftime("%d %b %H:%M" if compact else "%a %d %b %H:%M")


def row_cells(entry: Entry, compact: bool = False) -> list[RichText]:
    """The table cells for ``entry`` before the note (When, Checklist, Outcome, Cramps).

    ``compact`` cells fit a 60-column terminal; the detail line under the table says it all.
    """
    when = RichText(entry_when(entry, compact))
    if isinstance(entry, CrampEpisode):
        return [when, RichText(ON_ITS_OWN, style="italic"), RichText("cramp"), RichText("1")]
    outcome = entry.outcome
    advice = outcome is not None and outcome.advice_shown
    cramps = session_cramps(entry)
    if compact:
        counts = f"{len(entry.done_ids)} done, {len(entry.skipped_ids)} skip"
        summary = "—" if outcome is None else cramp_summary(outcome) + (" ⚑" if advice else "")
    else:
        counts, summary = session_counts(entry), outcome_summary(outcome)
    return [
        when,
        RichText(counts),
        RichText(summary, style="bold" if advice else ""),
        RichText(str(cramps) if cramps else ""),
    ]


def entry_note(entry: Entry, names: Mapping[str, str] | None = None) -> str:
    """The session's note; in which stretch and where in a set a lone cramp came (``names``:
    the stored routine's stretch names, own stretches too)."""
    if isinstance(entry, CrampEpisode):
        return episode_details(entry, names)
    return entry.note


def describe_entry(
    entry: Entry, label: Callable[[str], str], names: Mapping[str, str] | None = None
) -> Text:
    """Everything about ``entry`` on one wrapped line, user text kept literal; ``label`` names
    a checklist item by its id (own items too), ``names`` the stretches (own ones too)."""
    if isinstance(entry, CrampEpisode):
        parts = [
            Text.styled(entry_when(entry), "bold"),
            Text(f"{ON_ITS_OWN} (F2, outside a session)"),
        ]
        if details := episode_details(entry, names):
            parts.append(Text(details))
        parts.append(Text.styled("a mistake? press d to delete it", "$text-muted"))
        return Text(" · ").join(parts)
    return describe_session(session=entry, label=label, names=names)


def describe_session(
    session: Session, label: Callable[[str], str], names: Mapping[str, str] | None = None
) -> Text:
    """Everything about ``session`` on one wrapped line, user text kept literal; items by
    ``label``, stretches by ``names`` (the stored routine's), never by id."""
    parts: list[Text] = [Text.styled(f"#{session.id} {entry_when(session)}", "bold")]
    skipped = [
        label(item.item_id) + (f" ({item.reason})" if item.reason else "")
        for item in session.items
        if item.state == "skipped"
    ]
    if skipped:
        parts.append(Text.assemble(("Skipped: ", "$text-warning"), "; ".join(skipped)))
    outcome = session.outcome
    if outcome is None:
        parts.append(Text.styled("no outcome yet: press o to add it", "$text-muted"))
    else:
        place = place_summary(outcome) if outcome.cramped else ""
        parts.append(Text(cramp_summary(outcome) + (f", {place}" if place else "")))
        if outcome.advice_shown:
            parts.append(Text.styled("⚑ advice shown", "bold $text-error"))
    if session.stretches:
        parts.append(
            Text.assemble(("Stretches: ", "$text-muted"), stretches_text(session.stretches, names))
        )
    if session.episodes:
        cramps = "; ".join(episode_details(episode, names) for episode in session.episodes)
        parts.append(Text(f"{plural(len(session.episodes), 'timed cramp')} ({cramps})"))
    note = entry_note(session, names)
    if note:
        parts.append(Text.assemble(("Note: ", "$text-muted"), note))
    return Text(" · ").join(parts)


def entry_title(entry: Entry) -> str:
    """How a deletion names ``entry``: "session #25 from Tue 24 Nov 20:53"."""
    if isinstance(entry, CrampEpisode):
        return f"the cramp logged on its own at {entry_when(entry)}"
    return f"session #{entry.id} from {entry_when(entry)}"
