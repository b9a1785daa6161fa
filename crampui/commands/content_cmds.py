"""``causes``, ``cause`` and ``faq``: read the shipped content from the command line."""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap
from typing import Any

from crampui.commands import fail
from crampui.content import Cause, ContentError, Faq, default_content


def register(subparsers: Any) -> None:
    """Add the content commands to ``subparsers``."""
    causes = subparsers.add_parser("causes", help="list the twelve causes")
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
    """An FAQ search result as a JSON-ready dictionary."""
    return {
        "number": faq.number,
        "question": faq.question,
        "answer": faq.answer,
        "score": round(score, 4),
        "related_causes": list(faq.related_causes),
    }


def print_json(value: object) -> None:
    """Print ``value`` as indented JSON."""
    print(json.dumps(value, indent=2, ensure_ascii=False))


def wrap(text: str, indent: str = "") -> str:
    """Wrap ``text`` to the terminal width."""
    width = min(shutil.get_terminal_size().columns, 100) - 1
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def list_causes(args: argparse.Namespace) -> int:
    """Print every cause, grouped by category."""
    try:
        content = default_content()
    except ContentError as error:
        return fail(str(error))
    if args.json:
        print_json([cause_as_json(cause) for cause in content.causes])
        return 0
    for cause in content.causes:
        flag = "  [see a professional]" if cause.red_flag else ""
        print(f"{cause.number:>2}. {cause.title} ({cause.category}){flag}")
        print(wrap(cause.summary, indent="    "))
    return 0


def show_cause(args: argparse.Namespace) -> int:
    """Print one cause in full."""
    try:
        content = default_content()
        cause = content.find_cause(args.key)
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
        print(wrap(f"- {step}", indent="  "))
    if cause.related_faqs:
        print()
        print("Related questions")
        for faq in content.faqs_for(cause):
            print(wrap(f"{faq.number}. {faq.question}", indent="  "))
    if cause.checklist_items:
        print()
        print("Checklist items that help")
        for item in content.items_for(cause):
            print(f"  - {item.label}")
    return 0


def search_faqs(args: argparse.Namespace) -> int:
    """Print the FAQs, ranked by the query when one is given."""
    from crampui.search import default_index

    query = " ".join(args.query)
    try:
        hits = default_index().faqs(query)
    except ContentError as error:
        return fail(str(error))
    if args.json:
        print_json([faq_as_json(hit.item, hit.score) for hit in hits])
        return 0
    if not hits:
        print(f"No question matches {query!r}. Closest questions:")
        hits = default_index().closest_faqs(query)
    for hit in hits:
        print(f"{hit.item.number:>2}. {hit.item.question}")
        print(wrap(hit.item.answer, indent="    "))
        print()
    return 0
