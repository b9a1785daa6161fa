"""Time FAQ ranking per query and per keystroke: ``python benchmarks/bench_search.py``.

The "N words" rows run ``default_index().faqs(query)`` many times over a realistic query set
(warm caches: the same query asked again). The "as typed" rows time each prefix of every
realistic query once, as a person typing it makes them, on an index that has seen none of
them (cold caches). The "cold caches" row asks a fresh misspelled query every time. Each row
gives the median and 99th percentile in microseconds.
"""

from __future__ import annotations

import random
import statistics
import string
import time
from collections.abc import Callable, Sequence

from crampui.content.search import SearchIndex, default_index
from crampui.content.store import default_content

REPETITIONS = 200
"""How many times each query of a set is timed."""

QUERIES_BY_WORDS: dict[int, tuple[str, ...]] = {
    1: ("doctor", "dehydraton", "warmup", "posture", "sciatica", "15", "stretchign", "tired"),
    2: ("pinched nerve", "30 seconds", "warm up", "foam roller", "bad posture", "worn out"),
    3: ("how many seconds", "should i continue", "low magnesium levels", "tired back muscles"),
    4: ("how long to hold", "is this cramp normal", "does stretching prevent cramps"),
    5: ("how long should i hold", "can dehydration cause back cramps", "see a physio about it"),
}
"""Realistic queries by number of words."""

TYPED = "how long to hold it"
"""A query typed one keystroke at a time."""

TYPED_CAUSE = "dehydraton"
"""A misspelled cause typed into the Causes filter one keystroke at a time."""


def keystrokes(text: str) -> tuple[str, ...]:
    """Every prefix of a text, as the search box sees it while it is typed."""
    return tuple(text[:end] for end in range(1, len(text) + 1))


def time_queries(
    search: Callable[[str], object], queries: Sequence[str], repetitions: int
) -> list[float]:
    """Return one timing in microseconds per call of ``search`` over every query."""
    timings: list[float] = []
    for _ in range(repetitions):
        for query in queries:
            start = time.perf_counter_ns()
            search(query)
            timings.append((time.perf_counter_ns() - start) / 1000)
    return timings


def typed_once(
    search_of: Callable[[SearchIndex], Callable[[str], object]], texts: Sequence[str]
) -> list[float]:
    """One timing in microseconds per keystroke of each text, every prefix searched once, on
    a new index per text (its tables built beforehand, untimed): what typing it costs."""
    timings: list[float] = []
    for text in texts:
        index = SearchIndex.of(default_content())
        index.faqs("")  # builds the term tables
        timings += time_queries(search_of(index), keystrokes(text), 1)
    return timings


def summarise(name: str, timings: list[float]) -> dict[str, object]:
    """A result row: median and 99th percentile in microseconds."""
    p99 = statistics.quantiles(timings, n=100)[98] if len(timings) > 1 else timings[0]
    return {
        "benchmark": name,
        "runs": len(timings),
        "median_us": round(statistics.median(timings), 1),
        "p99_us": round(p99, 1),
    }


def cold_queries(count: int) -> list[str]:
    """Distinct three-word queries with a fresh random typo in each word, so that no cache
    (whole query or single word) has seen them before."""
    rng = random.Random(0)
    words = ("stretching", "dehydration", "electrolytes", "physiotherapist", "posture", "muscles")

    def typo(word: str) -> str:
        at = rng.randrange(len(word))
        return word[:at] + rng.choice(string.ascii_lowercase) + word[at + 1 :]

    return [" ".join(typo(rng.choice(words)) for _ in range(3)) for _ in range(count)]


def run(repetitions: int = REPETITIONS) -> list[dict[str, object]]:
    """Run every benchmark and return one row per benchmark."""
    index: SearchIndex = default_index()
    rows = [
        summarise(
            f"faq rank, {words} word{'s' * (words > 1)}, asked again (warm)",
            time_queries(index.faqs, q, repetitions),
        )
        for words, q in QUERIES_BY_WORDS.items()
    ]
    typed = [TYPED, *(query for queries in QUERIES_BY_WORDS.values() for query in queries)]
    rows.append(summarise("faq rank per keystroke, as typed", typed_once(lambda i: i.faqs, typed)))
    rows.append(
        summarise("cause rank per keystroke, as typed", typed_once(lambda i: i.causes, typed))
    )
    rows.append(
        summarise(
            f"cause filter per keystroke, as typed, {TYPED_CAUSE!r}",
            typed_once(lambda i: i.filter_causes, [TYPED_CAUSE]),
        )
    )
    rows.append(summarise("faq rank, cold caches", time_queries(index.faqs, cold_queries(500), 1)))
    return rows


def main() -> None:
    """Print the benchmark table."""
    start = time.perf_counter()
    default_index().faqs("")  # the term tables are built on the first query
    print(f"index built in {(time.perf_counter() - start) * 1000:.1f} ms")
    rows = run()
    width = max(len(str(row["benchmark"])) for row in rows)
    print(f"{'benchmark':<{width}}  {'runs':>6}  {'median us':>10}  {'p99 us':>8}")
    for row in rows:
        print(
            f"{row['benchmark']!s:<{width}}  {row['runs']!s:>6}  "
            f"{row['median_us']!s:>10}  {row['p99_us']!s:>8}"
        )


if __name__ == "__main__":
    main()
