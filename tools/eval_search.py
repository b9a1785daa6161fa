"""Print top-1 / top-3 accuracy of the FAQ search over tests/search_queries.json, and misses.

Run: ``python tools/eval_search.py [queries.json]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crampui.search import SearchIndex, default_index

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "search_queries.json"


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


def main() -> None:
    """Evaluate the default index and print the figures."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else QUERIES
    cases = json.loads(path.read_text(encoding="utf-8"))
    top1, top3, misses = evaluate(default_index(), cases)
    print(f"{len(cases)} queries: top-1 {top1:.1%}, top-3 {top3:.1%}")
    for miss in misses:
        print("  miss", miss)


if __name__ == "__main__":
    main()
