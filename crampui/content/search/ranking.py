"""BM25F scoring of concepts over one collection (FAQs or causes), precomputed."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from crampui.content.search.concepts import MODIFIER_WEIGHT, Concept, is_modifier
from crampui.content.search.query import Query
from crampui.content.search.stemming import stem
from crampui.content.search.text import is_term, joins, word_parts

_K1 = 1.2
_B = 0.5

_COVERAGE = 0.5
_PHRASE_WEIGHT = 0.5


class _Match(NamedTuple):
    """How one concept matches a collection."""

    scores: dict[int, float]
    """Document index -> concept idf * BM25F term-frequency part."""
    surfaces: dict[int, frozenset[str]]
    """Document index -> surface words of that document that matched."""
    topical: dict[int, float]
    """Document index -> how much of the concept's importance the document covers: its idf
    times the matched term's weight times that of the best field it occurs in, relative to
    the first field (question, title), so that a document is credited for what it is about
    more than for a word in passing."""
    importance: float
    """How much the concept can add at most: its idf times its best weight here."""


class Corpus:
    """BM25F term frequencies and keyword phrases of one collection, precomputed."""

    def __init__(
        self, docs: Sequence[dict[str, Sequence[str]]], weights: dict[str, float], phrases: str
    ) -> None:
        """Index documents given as field name -> text segments; ``phrases`` names the field
        whose segments are curated phrases (FAQ keywords, cause titles)."""
        self.size = len(docs)
        self.weights = tuple(weights.values())
        self.words: set[str] = set()
        self.parts: set[str] = set()
        self._surfaces: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        counts = [
            [self._count(index, doc.get(name, ())) for name in weights]
            for index, doc in enumerate(docs)
        ]
        self._surfaces = {term: dict(by_doc) for term, by_doc in self._surfaces.items()}
        self.tf = {
            term: {index: tuple(field[term] for field in counts[index]) for index in by_doc}
            for term, by_doc in self._surfaces.items()
        }
        self.norms = _length_norms(counts)
        self.phrases = dict(self._phrases(docs, phrases, weights[phrases]))
        self.longest_phrase = max((len(key) for key in self.phrases), default=0)

    def _count(self, index: int, segments: Sequence[str]) -> Counter[str]:
        """Count the terms (and joined word pairs) of one field, remembering surface words."""
        counter: Counter[str] = Counter()
        for segment in segments:
            previous: tuple[str, str] | None = None
            for surface, part in word_parts(segment):
                if previous is not None and joins(previous[1], part):
                    self._add(counter, index, stem(previous[1] + part), {previous[0], surface})
                if not is_term(part):
                    previous = None
                    continue
                self.parts.add(part)
                self.words.add(stem(part))
                self._add(counter, index, stem(part), {surface})
                previous = (surface, part)
        return counter

    def _add(self, counter: Counter[str], index: int, term: str, surfaces: set[str]) -> None:
        """Count one term occurrence in a document."""
        counter[term] += 1
        self._surfaces[term][index] |= surfaces

    def _phrases(
        self, docs: Sequence[dict[str, Sequence[str]]], field: str, weight: float
    ) -> dict[tuple[str, ...], dict[int, tuple[float, frozenset[str]]]]:
        """Return phrase stems -> document -> (bonus, surface words) for multi-word phrases."""
        phrases: dict[tuple[str, ...], dict[int, tuple[float, frozenset[str]]]] = defaultdict(dict)
        for index, doc in enumerate(docs):
            for segment in doc.get(field, ()):
                words = list(word_parts(segment))
                # A modifier counts less in a phrase too: "bad form" is about form.
                terms = {
                    stem(part): MODIFIER_WEIGHT if is_modifier(part) else 1.0
                    for _, part in words
                    if is_term(part)
                }
                if len(words) < 2 or not terms:
                    continue
                bonus = (
                    _PHRASE_WEIGHT
                    * weight
                    * sum(self.idf(term) * factor for term, factor in terms.items())
                )
                surfaces = frozenset(surface for surface, part in words if is_term(part))
                phrases[tuple(stem(part) for _, part in words)][index] = (bonus, surfaces)
        return phrases

    def idf(self, term: str) -> float:
        """BM25 inverse document frequency of a term in this collection."""
        return bm25_idf(len(self.tf.get(term, {})), self.size)

    def match(self, concept: Concept) -> _Match:
        """Score a concept as one pseudo-term, BM25F style: per field, the weighted term
        counts of all its terms are summed and then saturated; the idf is that of the union
        of the documents it occurs in."""
        counts: dict[int, list[float]] = {}
        surfaces: dict[int, set[str]] = defaultdict(set)
        topical: dict[int, float] = defaultdict(float)
        top = 0.0
        for term, weight in concept:
            for index, tf in self.tf.get(term, {}).items():
                fields = counts.setdefault(index, [0.0] * len(self.weights))
                for field, count in enumerate(tf):
                    fields[field] += weight * count
                    if count:
                        centre = weight * self.weights[field] / self.weights[0]
                        topical[index] = max(topical[index], centre)
                surfaces[index] |= self._surfaces[term][index]
                top = max(top, weight)
        idf = bm25_idf(len(counts), self.size)
        return _Match(
            {index: idf * self._bm25f(index, fields) for index, fields in counts.items()},
            {index: frozenset(words) for index, words in surfaces.items()},
            {index: idf * centre for index, centre in topical.items()},
            idf * top,
        )

    def _bm25f(self, index: int, counts: list[float]) -> float:
        """Sum over fields of field weight times the saturated, length-normalised count."""
        return sum(
            weight * count * (_K1 + 1) / (count + _K1 * norm)
            for weight, count, norm in zip(self.weights, counts, self.norms[index], strict=True)
            if count
        )

    def rank(self, query: Query) -> list[tuple[int, float, frozenset[str]]]:
        """Return (document index, score, matched surface words) for every matching document.

        The BM25 sum is scaled by how much of the query's weight a document covers, then
        exact multi-word keyword phrases add a bonus.
        """
        totals: dict[int, float] = defaultdict(float)
        covered: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        possible = 0.0
        for concept in query.concepts:
            found = self.match(concept)
            possible += found.importance
            for index, score in found.scores.items():
                totals[index] += score
                covered[index] += found.topical[index]
                matched[index] |= found.surfaces[index]
        for index in totals:
            totals[index] *= 1 - _COVERAGE + _COVERAGE * covered[index] / possible
        for bonus_by_doc in self._phrases_in(query.stems):
            for index, (bonus, surfaces) in bonus_by_doc.items():
                totals[index] += bonus
                matched[index] |= surfaces
        return [(index, score, frozenset(matched[index])) for index, score in totals.items()]

    def _phrases_in(
        self, stems: tuple[str, ...]
    ) -> Iterator[dict[int, tuple[float, frozenset[str]]]]:
        """Yield the documents of every curated phrase that occurs word for word in the query."""
        for size in range(2, self.longest_phrase + 1):
            for start in range(len(stems) - size + 1):
                if found := self.phrases.get(stems[start : start + size]):
                    yield found


def _length_norms(counts: list[list[Counter[str]]]) -> list[tuple[float, ...]]:
    """BM25 length normalisation of every field of every document."""
    lengths = [[sum(field.values()) for field in doc] for doc in counts]
    fields = range(len(lengths[0])) if lengths else range(0)
    average = [max(1.0, sum(doc[f] for doc in lengths) / len(lengths)) for f in fields]
    return [tuple(1 - _B + _B * doc[f] / average[f] for f in fields) for doc in lengths]


def bm25_idf(df: int, size: int) -> float:
    """BM25 inverse document frequency, always positive."""
    return math.log(1 + (size - df + 0.5) / (df + 0.5))
