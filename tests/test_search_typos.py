"""Typo candidates (crampui.search.typos) are exactly rapidfuzz's."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from crampui.search import default_index
from crampui.search.text import query_parts
from crampui.search.typos import closest, osa_distance

CHOICES = default_index()._engine.parser.choices


def rapidfuzz_closest(word: str, choices: list[str], budget: int) -> list[tuple[str, int, int]]:
    """What the parser asked rapidfuzz before crampui.search.typos."""
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=budget, limit=6)
    return [(choice, int(distance), index) for choice, distance, index in found]


def query_words() -> list[str]:
    """Every folded word of the pinned queries, and each with a letter dropped or doubled."""
    words: set[str] = set()
    for name in ("search_queries.json", "search_queries_fresh.json"):
        for row in json.loads((Path(__file__).parent / name).read_text()):
            words.update(query_parts(row["query"])[0])
    typos = {w[:1] + w[2:] for w in words} | {w[:2] + w[1:] for w in words}
    return sorted(words | typos)


def test_candidates_match_rapidfuzz_for_every_query_word() -> None:
    """For budgets 1 and 2, the same candidates in the same order as rapidfuzz's extract."""
    for word in query_words():
        for budget in (1, 2):
            assert closest(word, CHOICES, budget, 6) == rapidfuzz_closest(word, CHOICES, budget)


@given(st.text(alphabet="abcdehilmnorstuw", max_size=12), st.integers(min_value=0, max_value=3))
def test_candidates_match_rapidfuzz_for_any_word(word: str, budget: int) -> None:
    """Any word, any budget: rapidfuzz's answer, ties in the order of the choices."""
    assert closest(word, CHOICES, budget, 6) == rapidfuzz_closest(word, CHOICES, budget)


@given(st.text(alphabet="abcdé’", max_size=9), st.text(alphabet="abcdé’", max_size=9))
def test_distance_is_rapidfuzz_osa(left: str, right: str) -> None:
    """The bit-parallel distance is the optimal string alignment distance."""
    assert osa_distance(left, right) == OSA.distance(left, right)


def test_distance_examples() -> None:
    """A swap counts one; OSA never edits a letter twice (ca -> abc is 3)."""
    assert osa_distance("stretch", "strecth") == 1
    assert osa_distance("ca", "ac") == 1
    assert osa_distance("ca", "abc") == 3
    assert osa_distance("", "abc") == 3
    assert osa_distance("hydration", "hydration") == 0
