"""``routine``: show the stretch routine and change it (add, remove, move, set, own).

Each change is worked out by :mod:`crampui.checklist.routines` before anything is written, prints
one line saying what happened, and is stored at once; bad input (an unknown stretch or step gets a
"did you mean") prints one line on stderr and exits with status 2, storing nothing.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crampui.checklist.routines import Routine, RoutineStep
    from crampui.content.store import Content

SIDES = {"both": True, "one": False}
"""What ``--sides`` takes: each side in turn, or one position."""


def register(subparsers: Any) -> None:
    """Add the ``routine`` command and its actions to ``subparsers``."""
    from crampui.cli.main import action_parser, whole_number

    routine = subparsers.add_parser(
        "routine",
        description="Show your stretch routine, or change it: add a stretch (see 'crampui "
        "stretches') or your own, remove, move, or set a stretch's hold, count, sides or rest. "
        "Step ids never change and are never given again.",
        epilog="Without an action, lists the routine's stretches in order.",
    )
    routine.add_argument("--json", action="store_true", help="print the routine as JSON")
    routine.set_defaults(handler=show_routine)
    actions = routine.add_subparsers(title="actions", metavar="ACTION")

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return action_parser(actions, name, help_text, change_routine)

    def dose(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--hold", type=whole_number, metavar="S", help="seconds to hold")
        parser.add_argument("--reps", type=whole_number, metavar="N", help="repetitions")
        parser.add_argument("--sides", choices=list(SIDES), help="each side, or one position")
        parser.add_argument("--rest", type=whole_number, metavar="S", help="rest after it")

    add = action("add", "add a stretch at the end (its usual hold and count unless given)")
    add.add_argument("stretch", metavar="STRETCH", help="a stretch id or name")
    dose(add)
    own = action("own", "add your own stretch (a name, and a note shown on the timer)")
    own.add_argument("name", metavar="NAME")
    own.add_argument("--note", default="", metavar="TEXT", help="a one-line cue")
    action("remove", "remove a stretch (its id is never given again)").add_argument(
        "step_id", metavar="ID"
    )
    move = action("move", "move a stretch to a position (1 is the first)")
    move.add_argument("step_id", metavar="ID")
    move.add_argument("position", metavar="POSITION", type=whole_number)
    change = action("set", "change a stretch's hold, count, sides or rest")
    change.add_argument("step_id", metavar="ID")
    dose(change)


def step_as_json(content: Content, routine: Routine, step: RoutineStep) -> dict[str, Any]:
    """One step as a JSON-ready dictionary."""
    from crampui.checklist.routines import stretch_name

    return {
        "id": step.step_id,
        "stretch": step.stretch_id,
        "name": stretch_name(content, routine, step.stretch_id),
        "hold_seconds": step.hold_seconds,
        "repetitions": step.repetitions,
        "both_sides": step.both_sides,
        "rest_seconds": step.rest_seconds,
        "own": step.stretch_id not in {s.id for s in content.stretches},
    }


def _refuse(error: Exception) -> int:
    """``error`` as one safe line on stderr; the usage exit status."""
    from crampui.cli.commands import fail
    from crampui.usertext import terminal_safe

    return fail(terminal_safe(str(error)))


def show_routine(args: argparse.Namespace) -> int:
    """Print the routine, in order, as lines or as JSON."""
    from crampui.checklist.routines import current_routine
    from crampui.cli.commands.history_cmds import open_store
    from crampui.content.store import ContentError, default_content
    from crampui.history import HistoryError

    try:
        content = default_content()
        routine = current_routine(open_store(args), content)
    except (ContentError, HistoryError, ValueError) as error:
        return _refuse(error)
    steps = [step_as_json(content, routine, step) for step in routine.steps]
    if args.json:
        print(json.dumps(steps, indent=2, ensure_ascii=False))
        return 0
    for number, step in enumerate(routine.steps, start=1):
        print(step_line(number, steps[number - 1]["name"], step))
    return 0


def step_line(number: int, name: str, step: RoutineStep) -> str:
    """One stretch of the routine: "3. knee-to-chest  Knee to chest: hold 5 s · 5 reps · each
    side · rest 15 s"."""
    from crampui.content.store import dose_text
    from crampui.usertext import terminal_safe

    dose = dose_text(step.hold_seconds, step.repetitions, step.both_sides, step.rest_seconds)
    return f"{number}. {step.step_id}  {terminal_safe(name)}: {dose}"


def change_routine(args: argparse.Namespace) -> int:
    """Make one change to the routine, store it and say what happened."""
    from crampui.checklist import routines
    from crampui.cli.commands.history_cmds import open_store
    from crampui.content.store import ContentError, default_content
    from crampui.history import HistoryError
    from crampui.usertext import refuse_undecoded

    try:
        content = default_content()
        store = open_store(args)
        routine = routines.current_routine(store, content)
        dose = {
            "hold_seconds": getattr(args, "hold", None),
            "repetitions": getattr(args, "reps", None),
            "both_sides": SIDES.get(getattr(args, "sides", None) or ""),
            "rest_seconds": getattr(args, "rest", None),
        }
        step_id = getattr(args, "step_id", "")
        if args.action == "add":
            refuse_undecoded(args.stretch, "stretch")
            routine = routines.add_step(content, routine, args.stretch, **dose)
            step_id = routine.steps[-1].step_id
        elif args.action == "own":
            for field in ("name", "note"):
                refuse_undecoded(getattr(args, field), field)
            _stretch_id, routine = routines.add_own_stretch(content, routine, args.name, args.note)
            step_id = routine.steps[-1].step_id
        elif args.action == "remove":
            routine = routines.remove_step(routine, step_id)
        elif args.action == "move":
            routine = routines.move_step(routine, step_id, args.position)
        else:
            if all(value is None for value in dose.values()):
                raise ValueError("say what to change: --hold, --reps, --sides or --rest")
            routine = routines.set_step(routine, step_id, **dose)
        routine = store.put_routine(routine)
    except (ContentError, HistoryError, ValueError) as error:
        return _refuse(error)
    print(described(args.action, content, routine, step_id))
    return 0


def described(action: str, content: Content, routine: Routine, step_id: str) -> str:
    """One line saying what ``action`` did to step ``step_id``."""
    from crampui.checklist.routines import find_step

    if action == "remove":
        return f"Removed {step_id} from the routine; it has {len(routine.steps)} stretches now."
    step = find_step(routine, step_id)
    position = routine.steps.index(step) + 1
    line = step_line(position, step_as_json(content, routine, step)["name"], step)
    verb = {"add": "Added", "own": "Added", "move": "Moved", "set": "Changed"}[action]
    return f"{verb}: {line}"
