"""``log`` and ``history``: record a session and list past ones from the command line.

Everything the user typed is checked before anything is written, so a rejected command
stores nothing; item ids are checked against the checklist kept in the history, and the other
rules are the ones the outcome dialog uses (:mod:`crampui.history.entry`).
Messages quote at most a short, escaped piece of any value. The history modules are imported
inside the handlers to keep other commands fast.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from crampui.cli.commands import fail
from crampui.locations import history_path

if TYPE_CHECKING:
    from crampui.history import CrampEpisode, HistoryStore, ItemRecord, Outcome, Session
    from crampui.history.item_settings import ItemSetting
    from crampui.history.stretch_records import StretchRecord

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet may run a cell starting with one of these as a formula."""

CSV_COLUMNS = (
    "number", "uid", "saved_at_local", "done", "skipped", "cramped", "severity", "where", "note",
    "kind",
)  # fmt: skip
"""A row is a session (kind "session") or a cramp logged on its own (kind "cramp on its own",
no number; its uid is the cramp's)."""

MAX_NAMED = 5
"""At most this many unknown item names are quoted in one message."""

NOTHING_TO_LOG = (
    "nothing to log: name the items with --done/--skip, or say how it went with --cramp or "
    "--no-cramp"
)


def register(subparsers: Any) -> None:
    """Add the ``log`` and ``history`` commands to ``subparsers``."""
    log = subparsers.add_parser(
        "log",
        help="save a checklist session (items not mentioned are left pending)",
        description="Save a checklist session. Items you do not mention are saved as pending.",
        add_help=False,
    )
    log.add_argument(
        "-h", "--help", action=ItemIdsHelp, nargs=0,
        help="show this help message, with your checklist's item ids, and exit",
    )  # fmt: skip
    log.add_argument(
        "--done", nargs="+", action="extend", default=[], metavar="ITEM",
        help="items you did (ids listed below)",
    )  # fmt: skip
    log.add_argument(
        "--skip", nargs="+", action="extend", default=[], metavar="ITEM",
        help="items you skipped on purpose",
    )  # fmt: skip
    outcome = log.add_mutually_exclusive_group()
    outcome.add_argument(
        "--cramp", dest="cramped", action="store_const", const=True,
        help="your back cramped during or after the stretch",
    )  # fmt: skip
    outcome.add_argument(
        "--no-cramp", dest="cramped", action="store_const", const=False,
        help="it did not cramp",
    )  # fmt: skip
    log.add_argument(
        "--at", metavar="'YYYY-MM-DD HH:MM'",
        help="when you did it, in local time (a session you forgot to log; not in the future)",
    )  # fmt: skip
    log.add_argument("--severity", metavar="N", help="how bad the cramp was, 0 to 10")
    log.add_argument("--where", default="", metavar="TEXT", help="where it cramped, your words")
    log.add_argument("--region", metavar="PART", help="upper, middle or lower back")
    log.add_argument("--side", metavar="SIDE", help="left, right, both or middle")
    log.add_argument(
        "--spread", metavar="HOW_FAR",
        help="how far it went: back, buttock, thigh or below-knee (into the leg: get it checked)",
    )  # fmt: skip
    log.add_argument("--note", default="", metavar="TEXT", help="a note for this session")
    log.add_argument(
        "--stretches", nargs="+", action="extend", default=[], metavar="STRETCH",
        help="the stretches you did, by id or name (see 'crampui routine')",
    )  # fmt: skip
    log.set_defaults(handler=log_session)

    history = subparsers.add_parser(
        "history",
        help="list saved sessions, newest first",
        description="List every saved session, and every cramp logged on its own, newest first "
        "by date: a table, or JSON or CSV for scripts and spreadsheets.",
    )
    output = history.add_mutually_exclusive_group()
    output.add_argument(
        "--json", dest="format", action="store_const", const="json",
        help="a JSON list: each session's number, uid, times, items, outcome, cramps and note",
    )  # fmt: skip
    output.add_argument(
        "--csv", dest="format", action="store_const", const="csv",
        help="CSV with a header row: number, uid, local time, items, outcome, note, kind",
    )  # fmt: skip
    history.set_defaults(handler=show_history, format="table")


class ItemIdsHelp(argparse.Action):
    """``log --help``: the help, ending with the ids of the checklist in the history used."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        """Print the help with the item ids (the built-in ones if the history is unreadable)."""
        parser.epilog = items_epilog(getattr(namespace, "db", None) or db_named(sys.argv[1:]))
        parser.print_help()
        parser.exit()


def db_named(argv: Sequence[str]) -> str | None:
    """The ``--db`` value in ``argv``, if any (``--db`` given before the command name)."""
    for index, arg in enumerate(argv):
        if arg == "--db" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--db="):
            return arg.removeprefix("--db=")
    return None


def items_epilog(db: str | None) -> str:
    """The line listing the item ids of the history at ``db``, hidden ones named apart."""
    from crampui.checklist import items as checklist_items
    from crampui.content.store import default_content
    from crampui.history import HistoryError, HistoryStore

    content = default_content()
    try:
        entries = checklist_items.entries(content, HistoryStore(history_path(db)).item_settings())
    except (HistoryError, ValueError, OSError):
        entries = checklist_items.entries(content, [])
    shown_ids = ", ".join(e.id for e in entries if not e.hidden)
    hidden = ", ".join(e.id for e in entries if e.hidden)
    text = f"Checklist items: {shown_ids}."
    return text + (f" Hidden (see 'crampui items'): {hidden}." if hidden else "")


def _stretches_done(store: HistoryStore, named: Sequence[str]) -> list[StretchRecord]:
    """``--stretches``: each named stretch (id or name, the routine's own ones too) as done,
    once; ValueError with a "did you mean" for one that is not known."""
    from crampui.checklist.routines import current_routine, find_stretch_id
    from crampui.content.store import default_content
    from crampui.history.stretch_records import StretchRecord
    from crampui.usertext import refuse_undecoded

    content = default_content()
    routine = current_routine(store, content)
    ids: dict[str, None] = {}
    for name in named:
        refuse_undecoded(name, "--stretches")
        ids[find_stretch_id(content, routine, name)] = None
    return [StretchRecord(stretch_id, "done") for stretch_id in ids]


def _item_states(
    done: Sequence[str], skipped: Sequence[str], settings: Sequence[ItemSetting]
) -> list[ItemRecord]:
    """Every item the checklist shows, with its state (own items included).

    ValueError naming unknown, hidden or conflicting items; the did-you-mean covers every id.
    """
    from crampui.checklist import items as checklist_items
    from crampui.content.store import default_content
    from crampui.history import ItemRecord

    entries = checklist_items.entries(default_content(), settings)
    valid = [entry.id for entry in entries if not entry.hidden]
    hidden = [
        name
        for name in dict.fromkeys((*done, *skipped))
        if name in {entry.id for entry in entries if entry.hidden}
    ]
    if hidden:
        raise ValueError(
            f"{', '.join(hidden)}: hidden from your checklist; "
            f"'crampui items show {hidden[0]}' shows it again"
        )
    unknown = list(dict.fromkeys(name for name in (*done, *skipped) if name not in valid))
    if unknown:
        every_id = [entry.id for entry in entries]
        named = ", ".join(_with_suggestion(name, every_id) for name in unknown[:MAX_NAMED])
        if len(unknown) > MAX_NAMED:
            named += f" and {len(unknown) - MAX_NAMED} more"
        noun = "item" if len(unknown) == 1 else "items"
        raise ValueError(f"unknown checklist {noun} {named}; valid items: {', '.join(valid)}")
    both = [name for name in valid if name in done and name in skipped]
    if both:
        raise ValueError(f"{', '.join(both)}: an item cannot be both --done and --skip")
    return [
        ItemRecord(
            item_id, "done" if item_id in done else "skipped" if item_id in skipped else "pending"
        )
        for item_id in valid
    ]


def _with_suggestion(name: str, valid: Sequence[str]) -> str:
    """``name`` quoted (shortened), with the closest valid id as a hint when there is one."""
    from crampui.usertext import shown

    close = difflib.get_close_matches(name[:100], valid, n=1)
    return f"{shown(name, 40)} (did you mean {close[0]!r}?)" if close else shown(name, 40)


def open_store(args: argparse.Namespace) -> HistoryStore:
    """The history named by ``--db``; prints the recovery notice, if any, on stderr.

    HistoryError (one line) if the path cannot be used."""
    from crampui.cli.commands import usable_history_path
    from crampui.history import HistoryStore
    from crampui.usertext import terminal_safe

    store = HistoryStore(usable_history_path(args))
    if store.recovery_notice:
        print(f"crampui: warning: {terminal_safe(store.recovery_notice)}", file=sys.stderr)
    if store.sync_notice:
        print(f"crampui: {terminal_safe(store.sync_notice)}", file=sys.stderr)
    return store


def _refuse(error: Exception) -> int:
    """Report ``error`` as one safe line on stderr; the usage exit status."""
    from crampui.usertext import terminal_safe

    return fail(terminal_safe(str(error)))


def at_time(text: str) -> datetime:
    """``--at``: local ``YYYY-MM-DD HH:MM``, not in the future; ValueError saying what is wrong."""
    from crampui.checklist.session_edit import parse_local_time

    return parse_local_time(text, datetime.now().astimezone(), name="--at")


def log_session(args: argparse.Namespace) -> int:
    """Check the arguments, then save one session (and its outcome if given)."""
    from crampui.content.store import ContentError
    from crampui.history import HistoryError
    from crampui.history.entry import FieldNames, parse_note, parse_outcome, parse_place
    from crampui.usertext import refuse_undecoded

    names = FieldNames(
        "--severity", "--where", "--note", "add --cramp", "--region", "--side", "--spread"
    )
    try:
        refuse_undecoded(args.where, "--where")
        refuse_undecoded(args.note, "--note")
        place = parse_place(args.region, args.side, args.spread, names)
        outcome = parse_outcome(args.cramped, args.severity, args.where, names=names, place=place)
        note = parse_note(args.note, names.note)
        at = None if args.at is None else at_time(args.at)
        if not (args.done or args.skip or args.stretches or outcome is not None):
            raise ValueError(NOTHING_TO_LOG)
        store = open_store(args)
        items = _item_states(args.done, args.skip, store.item_settings())
        stretches = _stretches_done(store, args.stretches)
        session = store.add_session(items, note, outcome, at=at, stretches=stretches)
    except (ContentError, HistoryError, ValueError) as error:
        return _refuse(error)
    from crampui.wording import plural

    done, skipped = len(session.done_ids), len(session.skipped_ids)
    did = f"; {plural(len(stretches), 'stretch', 'stretches')}" if stretches else ""
    print(f"Saved session #{session.id} ({done} done, {skipped} skipped{did}).")
    if at is not None:
        from crampui.checklist.session_edit import happened_twice

        if happened_twice(at):
            print(
                f"{at:%Y-%m-%d %H:%M} happened twice that night (the clocks went back); "
                f"saved as the first, UTC{at:%z}."
            )
    if outcome is not None and outcome.cramped:
        print(cramp_advice(outcome))
    if args.db is None:  # the prompt's next ``crampui status`` is answered from its cache
        from crampui.insights.status_cache import refresh

        sys.stdout.flush()  # what was saved is shown before the status is worked out
        refresh(store)
    from crampui.insights import launch_cache

    launch_cache.refresh(store, store.path)  # the app's next launch need not read it
    return 0


def cramp_advice(outcome: Outcome) -> str:
    """The calm line after ``log --cramp``: what to watch for, or (a spread into the leg) where
    to go and how soon; the safety questions are left for the app, never answered here."""
    from crampui.content.safety import ADVICE, CLI_WATCH_LINE, SPREADS_INTO_LEG

    if outcome.spread in SPREADS_INTO_LEG:
        return f"Into the leg: {ADVICE['soon'].lead} {CLI_WATCH_LINE}"
    return CLI_WATCH_LINE


def show_history(args: argparse.Namespace) -> int:
    """Print every session, and every cramp logged on its own, as a table, JSON or CSV,
    newest first."""
    from crampui.history import HistoryError
    from crampui.insights.timeline import ON_ITS_OWN

    try:
        store = open_store(args)
        if args.format == "json":  # straight from the checked documents: no record built
            from crampui.history.export import history_json

            print(history_json(store.documents(), ON_ITS_OWN, _stretch_namer(store)))
            return 0
        from crampui.insights.timeline import timeline

        entries = timeline(store.sessions(), store.loose_episodes())
    except HistoryError as error:
        return _refuse(error)
    if args.format == "csv":
        write_csv(entries)
    elif not entries:
        print("No sessions yet.")
    else:
        from crampui.checklist.routines import stored_stretch_names
        from crampui.content.store import default_content

        print_table(entries, stored_stretch_names(store, default_content()))
    return 0


def _stretch_namer(store: HistoryStore) -> Callable[[str | None], str]:
    """Names a cramp's stretch as :func:`entry_as_json` does; the stored routine and the
    content are read (and their modules imported) only for the first cramp with a stretch."""

    @cache
    def named(stretch_id: str | None) -> str:
        from crampui.checklist.routines import NOT_RECORDED, stretch_label

        if stretch_id is None:
            return NOT_RECORDED
        return stretch_label(names(), stretch_id)

    @cache
    def names() -> dict[str, str]:
        from crampui.checklist.routines import stored_stretch_names
        from crampui.content.store import default_content

        return stored_stretch_names(store, default_content())

    return named


def entry_as_json(
    entry: Session | CrampEpisode, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A session, or a cramp logged on its own, as a JSON-ready dictionary with its ``kind``
    (``names``: the stored routine's stretch names, own stretches too; None: the starter
    set's)."""
    from crampui.history import Session
    from crampui.insights.episodes import episode_as_json
    from crampui.insights.timeline import ON_ITS_OWN

    if isinstance(entry, Session):
        return {"kind": "session", **session_as_json(entry, names)}
    return {"kind": ON_ITS_OWN, **episode_as_json(entry, None, names)}


def session_as_json(session: Session, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A session as a JSON-ready dictionary (times: ``saved_at`` UTC, ``local_time`` local),
    with its cramp episodes (uid, times, rep, side, seconds into the hold, the stretch named
    by ``names``), oldest first."""
    from crampui.insights.episodes import episode_as_json

    outcome = session.outcome
    return {
        "id": session.id,
        "uid": session.uid,
        "seq": session.seq,
        "saved_at": session.saved_at.isoformat(),
        "local_time": session.local_time.isoformat(),
        "done": list(session.done_ids),
        "skipped": list(session.skipped_ids),
        "pending": list(session.pending_ids),
        "outcome": None
        if outcome is None
        else {
            "cramped": outcome.cramped,
            "severity": outcome.severity,
            "where": outcome.where,
            "region": outcome.region,
            "side": outcome.side,
            "spread": outcome.spread,
            "red_flags": list(outcome.red_flags),
            "red_flag_answers": red_flag_answers(outcome),
            "advice_shown": outcome.advice_shown,
        },
        "episodes": [episode_as_json(episode, session, names) for episode in session.episodes],
        "stretches": [
            {"id": r.stretch_id, "status": r.status, "reason": r.reason} for r in session.stretches
        ],
        "note": session.note,
    }


def red_flag_answers(outcome: Outcome) -> dict[str, str]:
    """Each safety question asked: "yes" or "no" (a question not in it was not asked)."""
    answers = dict.fromkeys(outcome.red_flags, "yes")
    answers.update(dict.fromkeys(outcome.red_flags_no, "no"))
    return answers


def outcome_text(session: Session) -> str:
    """A short description of the outcome: 'cramped (6/10)', 'no cramp' or '-'."""
    if session.outcome is None:
        return "-"
    if not session.outcome.cramped:
        return "no cramp"
    severity = session.outcome.severity
    return "cramped" if severity is None else f"cramped ({severity}/10)"


def print_table(
    entries: Sequence[Session | CrampEpisode], names: Mapping[str, str] | None = None
) -> None:
    """Print the entries as aligned columns; the note comes last and is printed as is.

    A cramp logged on its own has no number and says so in the Outcome column, and in which
    stretch it came (named by ``names``, the stored routine's, own stretches too) in the note's.
    """
    from crampui.history import Session
    from crampui.insights.timeline import ON_ITS_OWN, episode_details
    from crampui.usertext import display_width, pad

    rows = [("#", "When", "Done", "Skipped", "Outcome", "Note")]
    for entry in entries:
        if not isinstance(entry, Session):
            when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
            rows.append(("-", when, "", "", ON_ITS_OWN, episode_details(entry, names)))
            continue
        rows.append(
            (
                str(entry.id),
                entry.local_time.strftime("%Y-%m-%d %H:%M"),
                f"{len(entry.done_ids)}/{len(entry.items)}",
                str(len(entry.skipped_ids)),
                outcome_text(entry),
                entry.note,
            )
        )
    widths = [max(display_width(row[column]) for row in rows) for column in range(5)]
    for row in rows:
        cells = [pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[5]]).rstrip())


def spreadsheet_safe(cell: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with ', so it stays text."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def write_csv(entries: Sequence[Session | CrampEpisode]) -> None:
    """Write the entries as CSV (header row first) on stdout; lists are joined with ';'."""
    from crampui.history import Session
    from crampui.insights.timeline import ON_ITS_OWN

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        if not isinstance(entry, Session):
            when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            writer.writerow(["", entry.uid, when, "", "", "yes", "", "", "", ON_ITS_OWN])
            continue
        outcome = entry.outcome
        cramped = "" if outcome is None else "yes" if outcome.cramped else "no"
        severity = "" if outcome is None or outcome.severity is None else str(outcome.severity)
        row = (
            str(entry.id),
            entry.uid,
            entry.local_time.strftime("%Y-%m-%d %H:%M:%S"),
            ";".join(entry.done_ids),
            ";".join(entry.skipped_ids),
            cramped,
            severity,
            "" if outcome is None else outcome.where,
            entry.note,
            "session",
        )
        writer.writerow([spreadsheet_safe(cell) for cell in row])
