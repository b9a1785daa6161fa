"""A light English stemmer: cramps, cramping and cramped all become ``cramp``."""

from __future__ import annotations

from collections.abc import Iterator


def stem(word: str) -> str:
    """Return a light stem of a lower-case word: cramps, cramping, cramped -> ``cramp``.

    Plurals, -ing and -ed endings, -ation/-sion/-tion and a final e are removed, so that
    stretch, stretches and stretching all meet, and dehydrated meets dehydration.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    base = _strip_plural(word)
    stripped = _strip_verb_ending(base)
    if stripped != base:
        return stripped
    base = _strip_noun_ending(base)
    return base[:-1] if base.endswith("e") and len(base) > 3 else base


def _strip_plural(word: str) -> str:
    """Remove a plural or third-person ``s``: injuries -> injury, muscles -> muscle."""
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _strip_verb_ending(word: str) -> str:
    """Remove -ing or -ed when a syllable is left: stopped -> stop, bouncing -> bounc."""
    for ending, keep in (("ing", 2), ("ed", 3)):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= keep and _has_vowel(base):
            return _undouble(base)
    return word


def _strip_noun_ending(word: str) -> str:
    """Remove -ion after t or s (dehydration -> dehydrat) and -ly (gradually -> gradual)."""
    if word.endswith("ion") and len(word) > 6 and word[-4] in "ts":
        return word[:-3]
    if word.endswith("ly") and len(word) > 5:
        return word[:-2]
    return word


def _has_vowel(text: str) -> bool:
    """Whether the text holds a vowel (y included)."""
    return any(ch in "aeiouy" for ch in text)


def _undouble(word: str) -> str:
    """Drop one of a doubled final consonant, except l, s and z: stopp -> stop, roll stays."""
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsz":
        return word[:-1]
    return word


def loose_stems(word: str) -> Iterator[str]:
    """Yield rougher stems to try for an unknown word: roller -> roll, stiffness -> stiff."""
    for ending in ("ers", "er", "ness", "ful", "ment", "ity", "ive", "ous", "ally", "al", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            yield stem(word[: -len(ending)])
