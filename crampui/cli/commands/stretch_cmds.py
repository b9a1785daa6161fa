"""``stretches`` and ``stretch``: the starter set of gentle back stretches on the command line."""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from crampui.cli.commands import fail
from crampui.cli.commands.content_cmds import bullet, print_disclaimer, print_json, wrap
from crampui.content.store import Content, ContentError, Stretch, default_content, dose_text


def register(subparsers: Any) -> None:
    """Add the stretch commands to ``subparsers``."""
    stretches = subparsers.add_parser("stretches", help="list the stretches")
    stretches.add_argument("--json", action="store_true", help="print JSON")
    stretches.set_defaults(handler=list_stretches)

    stretch = subparsers.add_parser("stretch", help="show one stretch by id or name")
    stretch.add_argument("key", metavar="ID", help="stretch id (see 'crampui stretches')")
    stretch.add_argument("--json", action="store_true", help="print JSON")
    stretch.set_defaults(handler=show_stretch)


def stretch_as_json(content: Content, stretch: Stretch) -> dict[str, Any]:
    """A stretch as a JSON-ready dictionary, its causes by number and slug."""
    return {
        "id": stretch.id,
        "name": stretch.name,
        "cue": stretch.cue,
        "start": stretch.start,
        "movement": stretch.movement,
        "watch_for": stretch.watch_for,
        "caution": stretch.caution,
        "hold_seconds": stretch.hold_seconds,
        "repetitions": stretch.repetitions,
        "both_sides": stretch.both_sides,
        "causes": [{"number": c.number, "slug": c.slug} for c in content.causes_for(stretch)],
    }


def stretch_named(content: Content, key: str) -> Stretch:
    """The stretch with id or name ``key`` (any case); KeyError with "did you mean" otherwise."""
    from crampui.usertext import shown

    wanted = key.strip().casefold()
    for stretch in content.stretches:
        if wanted in (stretch.id, stretch.name.casefold()):
            return stretch
    names = {s.id: s.id for s in content.stretches} | {
        s.name.casefold(): s.id for s in content.stretches
    }
    close = difflib.get_close_matches(wanted[:100], list(names), n=1, cutoff=0.5)
    if close:
        raise KeyError(f"unknown stretch {shown(key)} (did you mean '{names[close[0]]}'?)")
    ids = ", ".join(s.id for s in content.stretches)
    raise KeyError(f"unknown stretch {shown(key)}: use one of {ids}")


def list_stretches(args: argparse.Namespace) -> int:
    """Print every stretch with its cue and dose."""
    try:
        content = default_content()
    except ContentError as error:
        return fail(str(error))
    if args.json:
        print_json([stretch_as_json(content, s) for s in content.stretches])
        return 0
    for stretch in content.stretches:
        print(f"{stretch.id:<16} {stretch.name}")
        print(wrap(stretch.cue, indent=" " * 17))
        dose = dose_text(stretch.hold_seconds, stretch.repetitions, stretch.both_sides)
        print(wrap(dose, indent=" " * 17))
    print()
    print(wrap(content.stretches[0].caution))
    print_disclaimer(content)
    return 0


def show_stretch(args: argparse.Namespace) -> int:
    """Print one stretch in full, with its caution."""
    try:
        content = default_content()
        stretch = stretch_named(content, args.key)
    except ContentError as error:
        return fail(str(error))
    except KeyError as error:
        return fail(str(error.args[0]))
    if args.json:
        print_json(stretch_as_json(content, stretch))
        return 0
    print(f"{stretch.name}  ({stretch.id})")
    print(wrap(dose_text(stretch.hold_seconds, stretch.repetitions, stretch.both_sides)))
    for heading, text in (
        ("Start", stretch.start),
        ("What to do", stretch.movement),
        ("Watch for", stretch.watch_for),
        ("Caution", stretch.caution),
    ):
        print()
        print(heading)
        print(wrap(text, indent="  "))
    print()
    print("Related causes")
    for cause in content.causes_for(stretch):
        print(bullet(f"{cause.number}. {cause.title}"))
    print_disclaimer(content)
    return 0
