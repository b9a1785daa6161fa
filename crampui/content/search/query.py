"""Turn what a person types into concepts over the index's vocabulary: synonyms, phrases,
typos (rapidfuzz's OSA distance), joined and split words, and prefixes while typing."""

from __future__ import annotations

import bisect
from collections import defaultdict
from itertools import islice, pairwise
from typing import NamedTuple

from crampui.content.search.concepts import (
    FRAMES,
    MODIFIER_WEIGHT,
    SYNONYMS,
    WORD_FORMS,
    Concept,
    is_modifier,
    joined_pairs,
    merge,
    scaled,
    synonym_words,
)
from crampui.content.search.stemming import loose_stems, stem
from crampui.content.search.text import (
    CLAUSE_WORDS,
    STOP_WORDS,
    fold,
    is_term,
    joins,
    query_parts,
    word_parts,
)

_JOINED_WEIGHT = 0.5
_PREFIX_WEIGHT = 0.7
_TYPO_PENALTY = 0.15
_PREFIX_MATCHES = 24
_FUZZY_MATCHES = 6
_PHRASE_GAP = 2
_SHORT_WORD = 5


def _max_typos(word: str) -> int:
    """How many typos to forgive in a word: none up to 3 letters, 1 up to 7, else 2."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


class Query(NamedTuple):
    """A parsed query."""

    concepts: tuple[Concept, ...]
    """One concept per meaningful word, phrase or joined pair, without repeats."""
    stems: tuple[str, ...]
    """Stems of every query word, stop words included, for phrase matching."""
    blank: bool
    """Whether the query has no word but stop words (or none at all)."""


class QueryParser:
    """Turn a query into concepts over a fixed vocabulary of index terms."""

    def __init__(self, vocabulary: set[str], words: set[str], parts: set[str]) -> None:
        """Prepare synonyms, phrases and typo candidates for the index terms in ``vocabulary``,
        of which ``words`` are single words (the rest are joined pairs); ``parts`` are the
        folded words of the indexed text."""
        self.vocabulary = vocabulary
        self.words = words
        self.groups: dict[str, list[Concept]] = defaultdict(list)
        self.phrases: dict[tuple[str, ...], list[Concept]] = defaultdict(list)
        for weight, members in SYNONYMS:
            self._add_group(weight, [m.strip() for m in members.split(",")])
        for frame in FRAMES.split(","):
            self.phrases[tuple(stem(part) for _, part in word_parts(frame))].append(())
        self.phrase_starts: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in sorted(self.phrases, key=len, reverse=True):
            self.phrase_starts[key[0]].append(key)
        choices = {part for part in parts if part.isalpha()} | STOP_WORDS
        choices |= {fold(w) for w in synonym_words() if " " not in w}
        self.choices = sorted(w for w in choices if len(w) > 2)
        self.groups = dict(self.groups)
        self.phrases = dict(self.phrases)
        self.phrase_starts = dict(self.phrase_starts)

    def _add_group(self, weight: float, members: list[str]) -> None:
        """Register a synonym group under each single word and each phrase it contains."""
        parts = [tuple(part for _, part in word_parts(member)) for member in members]
        singles = {stem("".join(words)) for words in parts}
        for words in parts:
            # A word of a phrase stands for the group only if it is a member by itself:
            # "keep away" is about prevention, but "keep" alone is not.
            own = {stem("".join(words))} | joined_pairs(words) | {stem(w) for w in words} & singles
            concept = tuple(
                (term, 1.0 if term in own else weight)
                for term in sorted(singles | joined_pairs(words))
                if term in self.vocabulary
            )
            key = tuple(stem(word) for word in words)
            (self.groups[key[0]] if len(key) == 1 else self.phrases[key]).append(concept)

    def parse(self, query: str) -> Query:
        """Parse a query; no concepts for an empty or stop-word-only query."""
        parts, breaks = query_parts(query)
        typing = bool(query) and query[-1].isalnum()
        stems = tuple(stem(part) for part in parts)
        blank = not any(is_term(part) for part in parts)
        return Query(self.concepts(parts, breaks, typing), stems, blank)

    def concepts(
        self, parts: tuple[str, ...], breaks: frozenset[int], typing: bool
    ) -> tuple[Concept, ...]:
        """Return the concepts of folded query words, phrases first, then words and joins;
        ``breaks`` are the positions of words that follow punctuation."""
        concepts: list[Concept] = []
        stems = [stem(p) for p in parts]
        used: set[int] = set()
        for i, part in enumerate(parts):
            if i in used:
                continue
            if positions := self._phrase_at(stems, i, used | breaks):
                used.update(positions)
                phrase = merge(self.phrases[tuple(stems[p] for p in positions)])
                if all(is_modifier(parts[p]) or parts[p] in STOP_WORDS for p in positions):
                    phrase = scaled(phrase, MODIFIER_WEIGHT)
                concepts.append(phrase)
                continue
            last = i == len(parts) - 1
            expanded = self.expand(part, typing and last)
            if is_modifier(part):
                expanded = tuple(scaled(concept, MODIFIER_WEIGHT) for concept in expanded)
            concepts.extend(expanded)
            if not last and (joined := self._joined(part, parts[i + 1])):
                concepts.append(joined)
        return tuple(dict.fromkeys(c for c in concepts if c))

    def _phrase_at(
        self, stems: list[str], start: int, blocked: set[int] | frozenset[int]
    ) -> tuple[int, ...]:
        """Positions of the longest synonym phrase starting at ``start``, or ().

        Stop words and up to two other words may sit between two content words of a phrase,
        as people say "keep my back cramps away" for "keep away" and "slipped a disc" for
        "slipped disc";
        a stop word of a phrase must be next to its neighbours ("how I hold" is not "how long
        do I hold"), and no phrase reaches across punctuation or a word such as "if" or "when"
        that opens a new clause.
        """
        for key in self.phrase_starts.get(stems[start], ()):
            positions = [start]
            for previous, word in pairwise(key):
                tight = word in STOP_WORDS and previous in STOP_WORDS
                found = self._next_word(stems, positions[-1] + 1, word, blocked, tight)
                if found is None:
                    break
                positions.append(found)
            else:
                return tuple(positions)
        return ()

    @staticmethod
    def _next_word(
        stems: list[str], start: int, word: str, blocked: set[int] | frozenset[int], tight: bool
    ) -> int | None:
        """Position of ``word`` from ``start`` on, or None: right at ``start`` if ``tight``,
        else past stop words and at most :data:`_PHRASE_GAP` other words, within the clause.
        ``blocked`` holds the positions already taken by a phrase and those after punctuation."""
        others = 0
        for at in range(start, len(stems) if not tight else min(start + 1, len(stems))):
            if at in blocked or stems[at] in CLAUSE_WORDS and stems[at] != word:
                return None
            if stems[at] == word:
                return at
            if stems[at] not in STOP_WORDS:
                others += 1
                if others > _PHRASE_GAP:
                    return None
        return None

    def _joined(self, left: str, right: str) -> Concept | None:
        """Concept for two adjacent words also written as one, if the index has that word
        (over stretching -> overstretching) or that pair (foam rolling -> foamroll).

        A pair means what its words mean, so it stands for the indexed pairs of their synonyms
        too: "back spasm" is also "back cramp", and is no rarer than that.
        """
        if not (left + right).isalpha():
            return None
        term = stem(left + right)
        if not (term in self.words or (joins(left, right) and term in self.vocabulary)):
            return None
        weights = {term: _JOINED_WEIGHT}
        for first, left_weight in self._word_concept(left):
            for second, right_weight in self._word_concept(right):
                pair, weight = first + second, _JOINED_WEIGHT * left_weight * right_weight
                if pair in self.vocabulary and weight > weights.get(pair, 0.0):
                    weights[pair] = weight
        return tuple(sorted(weights.items()))

    def expand(self, word: str, typing: bool) -> tuple[Concept, ...]:
        """Concepts for one folded query word: exact, loose stem, split, typo or prefix."""
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            return ()
        if exact := self._word_concept(WORD_FORMS.get(word, word)):
            return (exact,)
        if word.isdigit():
            return ()
        for loose in loose_stems(word):
            if concept := self._stem_concept(loose):
                return (concept,)
        if split := self._split(word):
            return split
        guesses = self._typos(word) + (self._prefixes(word) if typing else ())
        return (merge(guesses),) if guesses else ()

    def _word_concept(self, word: str) -> Concept:
        """Concept for a correctly spelled word: its stem and its synonym groups."""
        return self._stem_concept(stem(word))

    def _stem_concept(self, term: str) -> Concept:
        """Concept for a stem: itself if indexed, merged with every group that holds it."""
        own: list[Concept] = [((term, 1.0),)] if term in self.vocabulary else []
        return merge(own + self.groups.get(term, []))

    def _split(self, word: str) -> tuple[Concept, ...]:
        """Two concepts if an unknown word is two known words run together (backpain)."""
        for cut in range(len(word) - 3, 2, -1):
            left, right = word[:cut], word[cut:]
            if left in STOP_WORDS or right in STOP_WORDS:
                continue
            if (first := self._word_concept(left)) and (second := self._word_concept(right)):
                return first, second
        return ()

    def _typos(self, word: str) -> tuple[Concept, ...]:
        """Concepts of the closest vocabulary words within the typo budget, down-weighted."""
        budget = _max_typos(word)
        if not budget:
            return ()
        # Imported on the first word outside the vocabulary: most queries never need it.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found = process.extract(
            word, self.choices, scorer=OSA.distance, score_cutoff=budget, limit=_FUZZY_MATCHES
        )
        if len(word) <= _SHORT_WORD:
            # A short real word is one letter away from many others (deal, meal, heal): only
            # trust a correction that keeps the first letter, which people rarely mistype.
            found = [row for row in found if row[0][0] == word[0]]
        if not found:
            return ()
        nearest = min(distance for _, distance, _ in found)
        if any(choice in STOP_WORDS for choice, distance, _ in found if distance == nearest):
            return ()
        factor = 1.0 - _TYPO_PENALTY * nearest
        return tuple(
            scaled(self._word_concept(choice), factor)
            for choice, distance, _ in found
            if distance == nearest
        )

    def _prefixes(self, word: str) -> tuple[Concept, ...]:
        """Concepts of vocabulary words that start with a word still being typed."""
        if len(word) < 3:
            return ()
        start = bisect.bisect_left(self.choices, word)
        matches = []
        for choice in islice(self.choices, start, start + _PREFIX_MATCHES):
            if not choice.startswith(word):
                break
            if choice not in STOP_WORDS:
                matches.append(scaled(self._word_concept(choice), _PREFIX_WEIGHT))
        return tuple(matches)
