"""``causes``, ``cause`` and ``faq``: read the shipped content from the command line."""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import textwrap
from typing import Any

from crampui.cli.commands import fail
from crampui.content.store import CATEGORIES, Cause, Content, ContentError, Faq, default_content

CLOSE_ENOUGH = 0.4
"""A question scoring below this against a query that found nothing is not suggested."""


def register(subparsers: Any) -> None:
    """Add the content commands to ``subparsers``."""
    causes = subparsers.add_parser(
        "causes", help="list the causes by category, or those matching QUERY best first"
    )
    causes.add_argument("query", nargs="*", metavar="QUERY", help="words or a number to filter by")
    causes.add_argument("--json", action="store_true", help="print JSON")
    causes.set_defaults(handler=list_causes)

    cause = subparsers.add_parser("cause", help="show one cause by number or slug")
    cause.add_argument("key", metavar="N|SLUG", help="cause number (1-12) or slug")
    cause.add_argument("--json", action="store_true", help="print JSON")
    cause.set_defaults(handler=show_cause)

    faq = subparsers.add_parser("faq", help="list the questions, best match first for QUERY")
    faq.add_argument("query", nargs="*", metavar="QUERY", help="words to search for")
    faq.add_argument("--json", action="store_true", help="print a JSON array, best first")
    faq.set_defaults(handler=search_faqs)


def cause_as_json(cause: Cause) -> dict[str, Any]:
    """A cause as a JSON-ready dictionary."""
    return {
        "number": cause.number,
        "slug": cause.slug,
        "title": cause.title,
        "category": cause.category,
        "summary": cause.summary,
        "why": cause.why,
        "what_to_do": list(cause.what_to_do),
        "red_flag": cause.red_flag,
        "professional_advice": cause.professional_advice,
        "related_faqs": list(cause.related_faqs),
        "checklist_items": list(cause.checklist_items),
    }


def faq_as_json(faq: Faq, score: float) -> dict[str, Any]:
    """An FAQ search result as a JSON-ready dictionary (what ``faq --json`` prints)."""
    return {
        "number": faq.number,
        "question": faq.question,
        "answer": faq.answer,
        "score": round(score, 4),
        "related_causes": list(faq.related_causes),
    }


def print_json(value: object) -> None:
    """Print ``value`` as indented JSON, non-ASCII kept."""
    print(json.dumps(value, indent=2, ensure_ascii=False))


def wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    """Wrap ``text`` to the terminal width; later lines start with ``hanging`` (default:
    ``indent``), so a wrapped bullet lines up under its text."""
    width = min(shutil.get_terminal_size().columns, 100) - 1
    later = indent if hanging is None else hanging
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=later)


def bullet(text: str, indent: str = "  ") -> str:
    """A wrapped ``- text`` bullet with a hanging indent."""
    return wrap(f"- {text}", indent=indent, hanging=indent + "  ")


def print_disclaimer(content: Content) -> None:
    """End plain output with the not-medical-advice note, as the app and --help do."""
    print()
    print(wrap(content.disclaimer))


def list_causes(args: argparse.Namespace) -> int:
    """Print every cause grouped by category, as the app lists them; with a query, the
    causes the app's filter would show, best first."""
    query = " ".join(args.query)
    try:
        content = default_content()
        causes = _filtered_causes(query) if query else []
    except ContentError as error:
        return fail(str(error))
    if args.json:
        answer = [cause_as_json(cause) for cause in (causes if query else content.causes)]
        print_json(answer)
        return 0
    if query and not causes:
        print(f"No cause matches {query!r}.")
    elif query:
        for cause in causes:
            print_cause_line(cause, with_category=True)
    else:
        for number, category in enumerate(CATEGORIES):
            if number:
                print()
            print(category.upper())
            for cause in content.causes_in(category):
                print_cause_line(cause)
    print_disclaimer(content)
    return 0


def _filtered_causes(query: str) -> list[Cause]:
    """The causes the app's Causes filter shows for ``query``, best first."""
    from crampui.content.search import default_index  # only a query needs the search engine

    return [hit.item for hit in default_index().filter_causes(query)]


def print_cause_line(cause: Cause, with_category: bool = False) -> None:
    """One cause of a list: number, title, a professional flag, then its summary."""
    flag = "  [see a professional]" if cause.red_flag else ""
    category = f" ({cause.category})" if with_category else ""
    print(f"{cause.number:>2}. {cause.title}{category}{flag}")
    print(wrap(cause.summary, indent="    "))


def show_cause(args: argparse.Namespace) -> int:
    """Print one cause in full."""
    try:
        content = default_content()
        cause = cause_named(content, args.key)
    except ContentError as error:
        return fail(str(error))
    except KeyError as error:
        return fail(str(error.args[0]) if error.args else f"no cause {args.key!r}")
    if args.json:
        print_json(cause_as_json(cause))
        return 0
    print(f"{cause.number}. {cause.title}  ({cause.category})")
    print()
    print(wrap(cause.summary))
    if cause.red_flag:
        print()
        print(wrap(f"SEE A PROFESSIONAL: {cause.professional_advice}"))
    print()
    print("Why it cramps")
    print(wrap(cause.why, indent="  "))
    print()
    print("What to do")
    for step in cause.what_to_do:
        print(bullet(step))
    if cause.related_faqs:
        print()
        print("Related questions")
        for faq in content.faqs_for(cause):
            print(wrap(f"{faq.number}. {faq.question}", indent="  "))
    if cause.checklist_items:
        print()
        print("Checklist items that help")
        for item in content.items_for(cause):
            print(bullet(item.label))
    print_disclaimer(content)
    return 0


def cause_named(content: Content, key: str) -> Cause:
    """The cause with number, slug or title ``key``, else the one cause with ``key`` as a word
    of its name ("nerve"); KeyError saying which causes match, or the closest names."""
    from crampui.usertext import shown

    try:
        return content.find_cause(key)
    except KeyError as error:
        problem = str(error.args[0])
    word = key.strip().casefold()
    matching = [
        c for c in content.causes if word in {*c.slug.split("-"), *c.title.casefold().split()}
    ]
    if len(matching) == 1:
        return matching[0]
    if matching:
        names = ", ".join(f"{c.number} {c.slug}" for c in matching)
        raise KeyError(f"{shown(key)} names {len(matching)} causes: {names}; give the number")
    close = difflib.get_close_matches(word[:100], [c.slug for c in content.causes], n=1)
    if not close:
        words = {part: c.slug for c in content.causes for part in c.slug.split("-")}
        close = [words[w] for w in difflib.get_close_matches(word[:100], words, n=1)]
    if close:
        raise KeyError(f"unknown cause {shown(key)} (did you mean '{close[0]}'?)")
    raise KeyError(problem.replace(repr(key), shown(key), 1))


def search_faqs(args: argparse.Namespace) -> int:
    """Print the FAQs, ranked by the query when one is given."""
    from crampui.content.search import default_index

    query = " ".join(args.query)
    try:
        content = default_content()
        hits = default_index().faqs(query)
    except ContentError as error:
        return fail(str(error))
    if args.json:
        answer = [faq_as_json(hit.item, hit.score) for hit in hits]
        print_json(answer)
        return 0
    if not hits:
        hits = [h for h in default_index().closest_faqs(query) if h.score >= CLOSE_ENOUGH]
        from crampui.usertext import shown

        print(
            f"No question matches {shown(query)}. "
            + ("Closest questions:" if hits else "Try other words; 'crampui faq' lists them all.")
        )
    for hit in hits:
        print(f"{hit.item.number:>2}. {hit.item.question}")
        print(wrap(hit.item.answer, indent="    "))
        print()
    print(wrap(content.disclaimer))
    return 0
