"""Words of a text or query: folding, tokens, stop words. Nothing here imports Textual."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import islice

MAX_TOKENS = 64
"""How many words of a query are read at most."""
_MAX_DISTINCT_TOKENS = 32
_MAX_TOKEN_CHARS = 40

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PART_RE = re.compile(r"\d+|[^\W\d_]+")
_APOSTROPHES = str.maketrans("", "", "'’")

_STOP_WORDS_TEXT = """
a about after again all also am an and any are arent as at be been being but by can cant
could did didnt do does doesnt doing dont for from get gets getting got had has have
having he her here him his how i id if ill im in into is isnt it its ive just let me
might more most my myself no nor not of off on once only or other ought our out over own
really same shall she should so some such than that thats the their them then there up
theres these they this those through to too under until us very was we were what whats
when where which while who whom why will with would yes you your youre yours
"""

STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""Words that carry no weight: they never decide a ranking, but they never block one either."""

PARTICLES = frozenset({"up"})
"""Stop words that still join the word before them: "warm up" is "warmup" and "cramping up"
a way of saying cramping, but "up" alone says nothing."""

_CLAUSE_WORDS_TEXT = """
when whenever if while because cause since after before until and but or so then though
although whether from
"""

CLAUSE_WORDS = frozenset(_CLAUSE_WORDS_TEXT.split())
"""Words that open a new clause or part of a sentence: a phrase never reaches across one
("should I stop if it cramps" is not "stop cramps", "keep them from coming back" is not
"keep coming back")."""

_CLAUSE_MARKS = re.compile(r"[,.;:!?()]")


def fold(word: str) -> str:
    """Return the matching form of one word: NFKC, case-folded, accents and apostrophes gone."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.translate(_APOSTROPHES)[:_MAX_TOKEN_CHARS]


def word_parts(text: str) -> Iterator[tuple[str, str]]:
    """Yield (lower-case surface word, folded part) pairs; 30s gives 30 and s."""
    for match in WORD_RE.finditer(text):
        surface = match.group().lower()
        for part in _PART_RE.findall(fold(surface)):
            yield surface, part


def is_term(part: str) -> bool:
    """Whether a folded word is indexed: not a stop word nor a lone letter."""
    return part not in STOP_WORDS and (len(part) > 1 or part.isdigit())


def joins(left: str, right: str) -> bool:
    """Whether two adjacent folded words also count joined (foam roll -> foamroll): both
    alphabetic, neither a stop word, except a particle on the right (warm up -> warmup)."""
    return (
        (left + right).isalpha()
        and left not in STOP_WORDS
        and (right not in STOP_WORDS or right in PARTICLES)
    )


def query_parts(query: str) -> tuple[tuple[str, ...], frozenset[int]]:
    """Folded words of a query, bounded to the first few distinct ones, and the positions of
    the words that follow punctuation (a comma, a full stop, a question mark...)."""
    parts: list[str] = []
    breaks: set[int] = set()
    distinct: set[str] = set()
    end = 0
    for match in islice(WORD_RE.finditer(query), MAX_TOKENS):
        if parts and _CLAUSE_MARKS.search(query, end, match.start()):
            breaks.add(len(parts))
        end = match.end()
        for part in _PART_RE.findall(fold(match.group().lower())):
            distinct.add(part)
            if len(distinct) > _MAX_DISTINCT_TOKENS or len(parts) >= MAX_TOKENS:
                return tuple(parts), frozenset(breaks)
            parts.append(part)
    return tuple(parts), frozenset(breaks)


def fold_text(text: str) -> str:
    """The folded words of a text joined by single spaces."""
    return " ".join(part for _, part in word_parts(text))
