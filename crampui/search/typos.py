"""Typo candidates: the vocabulary words within a few OSA edits of a query word.

The same answer as ``rapidfuzz.process.extract(word, choices, scorer=OSA.distance,
score_cutoff=budget, limit=limit)`` (``tests/test_search_typos.py`` compares them), computed in
a few hundred microseconds without importing rapidfuzz, whose import alone costs a command
line query more than the whole search: only words of about the right length are compared,
each with Hyyrö's bit-parallel OSA distance.
"""

from __future__ import annotations

from collections.abc import Sequence


def osa_distance(word: str, other: str) -> int:
    """The optimal string alignment distance: insertions, deletions, substitutions and
    swaps of adjacent letters, each counting one, no letter edited twice."""
    if not word:
        return len(other)
    return _distance(_masks(word), len(word), other)


def _masks(word: str) -> dict[str, int]:
    """For each letter of ``word``, the bit mask of the positions it holds."""
    masks: dict[str, int] = {}
    bit = 1
    for letter in word:
        masks[letter] = masks.get(letter, 0) | bit
        bit <<= 1
    return masks


def _distance(masks: dict[str, int], size: int, other: str) -> int:
    """OSA distance from the word of ``size`` letters whose :func:`_masks` are ``masks``
    (Hyyrö 2003, on Python's unbounded integers)."""
    vp = (1 << size) - 1
    vn = d0 = previous = 0
    distance = size
    top = 1 << (size - 1)
    for letter in other:
        pm = masks.get(letter, 0)
        swapped = (((~d0) & pm) << 1) & previous
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn | swapped
        hp = vn | ~(d0 | vp)
        hn = d0 & vp
        if hp & top:
            distance += 1
        elif hn & top:
            distance -= 1
        hp = (hp << 1) | 1
        vp = (hn << 1) | ~(d0 | hp)
        vn = hp & d0
        previous = pm
    return distance


def closest(
    word: str, choices: Sequence[str], budget: int, limit: int
) -> list[tuple[str, int, int]]:
    """(choice, distance, index) of the choices at most ``budget`` edits from ``word``,
    nearest first, then in the order of ``choices``; at most ``limit`` of them."""
    size = len(word)
    found: list[tuple[str, int, int]] = []
    masks = _masks(word)
    for index, choice in enumerate(choices):
        if abs(len(choice) - size) > budget:
            continue  # every distance is at least the difference in length
        distance = _distance(masks, size, choice) if size else len(choice)
        if distance <= budget:
            found.append((choice, distance, index))
    found.sort(key=lambda row: row[1])  # stable: ties stay in choice order
    return found[: max(0, limit)]
