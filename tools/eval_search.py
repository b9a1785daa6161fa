"""Print top-1 / top-3 accuracy of the FAQ search, and the misses.

Run: ``python tools/eval_search.py [queries.json ...]`` (default: tests/search_queries.json and
tests/search_queries_fresh.json). Each file is scored twice: on the bundled content, and on
the same content with every FAQ's keyword field removed, to show how much the ranking owes
to the curated keywords.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from crampui.content.search import SearchIndex, default_index
from crampui.content.store import default_content

TESTS = Path(__file__).resolve().parent.parent / "tests"
QUERY_FILES = (TESTS / "search_queries.json", TESTS / "search_queries_fresh.json")


def evaluate(index: SearchIndex, cases: list[dict[str, object]]) -> tuple[float, float, list[str]]:
    """Return (top-1 share, top-3 share, descriptions of the queries that missed top-1)."""
    top1 = top3 = 0
    misses: list[str] = []
    for case in cases:
        query, wanted = str(case["query"]), case["faq"]
        ranked = [hit.item.number for hit in index.faqs(query, limit=3)]
        top1 += ranked[:1] == [wanted]
        top3 += wanted in ranked
        if ranked[:1] != [wanted]:
            misses.append(f"{query!r}: wanted {wanted}, got {ranked}")
    return top1 / len(cases), top3 / len(cases), misses


def index_without_keywords() -> SearchIndex:
    """An index of the bundled content with every FAQ's keyword field emptied."""
    content = default_content()
    return SearchIndex([replace(faq, keywords=()) for faq in content.faqs], content.causes)


def main() -> None:
    """Evaluate each query file on both indexes and print the figures."""
    paths = [Path(arg) for arg in sys.argv[1:]] or [p for p in QUERY_FILES if p.exists()]
    indexes = {"with keywords": default_index(), "keywords removed": index_without_keywords()}
    for path in paths:
        cases = json.loads(path.read_text(encoding="utf-8"))
        for label, index in indexes.items():
            top1, top3, misses = evaluate(index, cases)
            print(f"{path.name}, {label}: {len(cases)} queries, top-1 {top1:.1%}, top-3 {top3:.1%}")
            for miss in misses:
                print("  miss", miss)


if __name__ == "__main__":
    main()
