"""``items``: list the checklist and change it (add own items, hide, show, rename, move).

Each change is checked against the current checklist before anything is written, prints one
line saying what happened, and is stored at once; bad input prints one line on stderr and
exits with status 2, storing nothing.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crampui.checklist.items import Entry
    from crampui.content.store import Content
    from crampui.history import HistoryStore
    from crampui.history.item_settings import ItemSetting

ACTIONS = ("add", "hide", "show", "rename", "move")
"""The changes ``items`` makes, in ``--help`` order."""


def register(subparsers: Any) -> None:
    """Add the ``items`` command and its actions to ``subparsers``."""
    from crampui.cli.main import action_parser, whole_number

    items = subparsers.add_parser(
        "items",
        description="List your checklist, or change it: add your own items, hide, show, "
        "rename or move any item. Ids never change, so past sessions keep their items.",
        epilog="Without an action, lists every item (hidden ones too) with its position.",
    )
    items.add_argument("--json", action="store_true", help="list the items as JSON")
    items.set_defaults(handler=list_items)
    actions = items.add_subparsers(title="actions", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return action_parser(actions, name, help_text, change_items)

    add = action("add", "add your own item at the end of the checklist")
    add.add_argument("label", metavar="LABEL", help="what the item says")
    add.add_argument("--detail", default="", metavar="TEXT", help="a sentence shown beside it")
    add.add_argument(
        "--cause", dest="causes", nargs="+", action="extend", type=whole_number, default=[],
        metavar="N", help="numbers of the causes it relates to (see 'crampui causes')",
    )  # fmt: skip
    action("hide", "hide an item from the checklist (past sessions keep it)").add_argument(
        "item_id", metavar="ID"
    )
    action("show", "show a hidden item again").add_argument("item_id", metavar="ID")
    rename = action("rename", "give an item a new label (its id stays)")
    rename.add_argument("item_id", metavar="ID")
    rename.add_argument("label", metavar="LABEL")
    move = action("move", "move an item to a position (1 is the top; hidden items count)")
    move.add_argument("item_id", metavar="ID")
    move.add_argument("position", metavar="POSITION", type=whole_number)


def _open(args: argparse.Namespace) -> tuple[Content, HistoryStore, list[ItemSetting]]:
    """The content, the history named by ``--db`` and its checklist settings."""
    from crampui.cli.commands.history_cmds import open_store
    from crampui.content.store import default_content

    store = open_store(args)
    return default_content(), store, store.item_settings()


def _refuse(error: Exception) -> int:
    """``error`` as one safe line on stderr; the usage exit status."""
    from crampui.cli.commands import fail
    from crampui.usertext import terminal_safe

    return fail(terminal_safe(str(error)))


def list_items(args: argparse.Namespace) -> int:
    """Print every item, hidden ones too, as a table or as JSON."""
    from crampui.checklist import items as checklist_items
    from crampui.content.store import ContentError
    from crampui.history import HistoryError

    try:
        content, _, settings = _open(args)
    except (ContentError, HistoryError, ValueError) as error:
        return _refuse(error)
    entries = checklist_items.entries(content, settings)
    if args.json:
        print(json.dumps([entry_as_json(e) for e in entries], indent=2, ensure_ascii=False))
    else:
        print_table(entries)
    return 0


def entry_as_json(entry: Entry) -> dict[str, Any]:
    """One item as a JSON-ready dictionary."""
    return {
        "position": entry.position,
        "id": entry.id,
        "label": entry.label,
        "detail": entry.item.detail,
        "causes": list(entry.item.causes),
        "own": entry.own,
        "hidden": entry.hidden,
    }


def print_table(entries: Sequence[Entry]) -> None:
    """Print the items as aligned columns (by display width: CJK and emoji take two): position,
    id, label, marks and causes."""
    rows = [("#", "Id", "Item", "", "Causes")]
    rows += [
        (
            str(e.position),
            e.id,
            e.label,
            ", ".join(e.marks),
            " ".join(map(str, e.item.causes)),
        )
        for e in entries
    ]
    from crampui.usertext import display_width, pad

    widths = [max(display_width(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        cells = [row[0].rjust(widths[0])]
        cells += [pad(cell, width) for cell, width in zip(row[1:4], widths[1:], strict=True)]
        print("  ".join([*cells, row[4]]).rstrip())


def change_items(args: argparse.Namespace) -> int:
    """Make one change to the checklist, store it and say what happened."""
    from crampui.checklist import items as checklist_items
    from crampui.content.store import ContentError
    from crampui.history import HistoryError
    from crampui.usertext import refuse_undecoded

    try:
        content, store, settings = _open(args)
        before = {e.id: e for e in checklist_items.entries(content, settings)}
        item_id = getattr(args, "item_id", "")
        for field in ("label", "detail"):
            refuse_undecoded(getattr(args, field, ""), field)
        if args.action == "add":
            item_id, changes = checklist_items.add(
                content, settings, args.label, args.detail, args.causes
            )
        elif args.action == "move":
            changes = checklist_items.move(content, settings, item_id, args.position)
        elif args.action == "rename":
            changes = checklist_items.rename(content, settings, item_id, args.label)
        else:
            change = checklist_items.hide if args.action == "hide" else checklist_items.show
            changes = change(content, settings, item_id)
        store.put_item_settings(changes)
        after = checklist_items.find(content, store.item_settings(), item_id)
    except (ContentError, HistoryError, ValueError) as error:
        return _refuse(error)
    print(described(args.action, before.get(item_id), after, content))
    return 0


def described(action: str, before: Entry | None, after: Entry, content: Content) -> str:
    """One line saying what ``action`` did to the item."""
    from crampui.checklist.items import guards_red_flag
    from crampui.usertext import shown

    name = f"{after.id} {shown(after.label, 60)}"
    if action == "add":
        return f"Added {name} at position {after.position}."
    if action == "move":
        return f"Moved {name} to position {after.position}."
    if action == "rename":
        old = "" if before is None else f"{shown(before.label, 60)} -> "
        return f"Renamed {after.id}: {old}{shown(after.label, 60)}."
    if action == "show":
        return f"{name} is shown again, at position {after.position}."
    if guards_red_flag(content, after):
        return (
            f"Hid {name}. It checks for signs that need a professional: if you have them, "
            f"see one before stretching. 'crampui items show {after.id}' brings it back."
        )
    return f"Hid {name}; past sessions keep it. 'crampui items show {after.id}' brings it back."
