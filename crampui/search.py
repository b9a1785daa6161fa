"""Rank the FAQs and causes for what a person types, not only for the article's own words.

The engine is a small BM25F ranker over the 12 FAQs (question > keywords > answer) and the
12 causes (title > slug > summary > why, what to do). A query is turned into *concepts*, one
per meaningful word or phrase; each concept is a set of index terms with weights:

* a light stemmer folds inflections (cramps / cramping / cramped -> ``cramp``);
* a synonym table maps words people type (GP, physio, thirsty, slouching, worn out...) onto
  words the content uses;
* unknown words are corrected with rapidfuzz (optimal string alignment distance, so a swapped
  pair of letters counts as one typo) against the precomputed vocabulary;
* joined and split words meet in the middle: adjacent words are also indexed joined
  ("warm up" -> ``warmup``), and an unknown word is split into two known ones;
* the last word of a query still being typed also matches as a prefix.

A document's score is the sum over concepts of its best weighted term score, so a synonym
never counts twice. Stop words carry no weight. Nothing here imports Textual.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Generic, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

if TYPE_CHECKING:
    from crampui.content import Cause, Faq

T = TypeVar("T")

_Concept = tuple[tuple[str, float], ...]
"""Index terms one query word or phrase stands for, each with a weight in (0, 1]."""

_K1 = 1.2
_B = 0.5
_FAQ_FIELDS = {"question": 3.0, "keywords": 2.0, "answer": 1.0}
_CAUSE_FIELDS = {"title": 3.0, "slug": 2.0, "summary": 1.5, "why": 1.0, "what_to_do": 1.0}
_JOINED_WEIGHT = 0.5
_PREFIX_WEIGHT = 0.7
_TYPO_PENALTY = 0.15
_PREFIX_MATCHES = 24
_FUZZY_MATCHES = 6
_MAX_TOKENS = 64
_MAX_DISTINCT_TOKENS = 32
_MAX_TOKEN_CHARS = 40
_CLOSEST_QUERY_CHARS = 200

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PART_RE = re.compile(r"\d+|[^\W\d_]+")
_APOSTROPHES = str.maketrans("", "", "'’")

STOP_WORDS = frozenset(
    """
    a about after again all also am an and any are as at be been being but by can could
    did do does doing for from get gets getting got had has have having he her here him his
    how i id if im in into is it its ive just let me might more most my myself no nor not of
    off on once only or other our out over own really same she so some such than that the
    their them then there these they this those through to too under until very was we were
    what when where which while who whom why will with would yes you your yours
    """.split()
)
"""Words that carry no weight: they never decide a ranking, but they never block one either."""

_SYNONYMS: tuple[tuple[float, str], ...] = (
    (0.8, "normal, common, uncommon, usual, typical, expected, everyone, natural, weird, strange"),
    (0.8, "continue, resume, keep, carry on, keep going, push through, power through, go on"),
    (0.8, "worsen, worse, exacerbate, aggravate, flare, irritate, make worse, hurt more"),
    (0.8, "pain, ache, aching, hurt, sore, soreness, painful, backache, agony"),
    (0.7, "hold, long, duration, second, sec, secs, minute, mins, how long, how many seconds"),
    (1.0, "15, fifteen"),
    (1.0, "30, thirty, half a minute"),
    (0.8, "bounce, bouncing, ballistic, jerk, jerky, pulse"),
    (
        0.8,
        "dehydration, dehydrated, hydration, hydrate, water, drink, fluid, thirsty, thirst, "
        "parched",
    ),
    (0.6, "prevent, prevention, avoid, stop, reduce"),
    (
        0.8,
        "doctor, physician, gp, physio, physiotherapist, physical therapist, chiropractor, "
        "chiro, osteopath, doc, medic, nurse, specialist, clinic, hospital, healthcare, "
        "health care, professional, consult, medical, see someone",
    ),
    (
        0.8,
        "posture, slouch, slouching, slouched, hunch, hunched, slump, slumped, alignment, "
        "form, ergonomic, ergonomics",
    ),
    (0.8, "warmup, warm up, warming up, warm, prepare, preparation, prep"),
    (0.8, "cold, chilly, chill, freezing, frozen, winter, cool"),
    (
        0.7,
        "electrolyte, potassium, magnesium, calcium, sodium, salt, mineral, banana, "
        "supplement, nutrient, vitamin",
    ),
    (
        0.8,
        "fatigue, fatigued, tired, tiredness, exhausted, exhaustion, worn out, weary, "
        "overworked, overworking, overtrained, overtraining, burnt out, burned out, drained, "
        "knackered",
    ),
    (
        0.7,
        "nerve, pinched, pinch, trapped, compressed, compression, squeezed, sciatica, "
        "sciatic, tingling, numb, numbness, pins and needles",
    ),
    (
        0.8,
        "cramp, spasm, seize, seizing, seized, charley horse, lock up, locks up, twinge, "
        "contraction",
    ),
    (0.8, "tight, tightness, stiff, stiffness, tense, tension, knotted, knot, rigid"),
    (0.8, "back, spine, spinal, lumbar, lower back, upper back"),
    (0.6, "stretch, yoga, pilates"),
    (0.7, "massage, rub, rubbing, knead, massaging"),
    (0.8, "foam, foamroller, foam roller, foam roll, foam rolling, roller"),
    (0.7, "condition, disorder, disease, illness, underlying"),
    (0.6, "technique, correct, correctly, proper, properly, right way, wrong way"),
    (0.8, "poor, bad, wrong, incorrect, improper"),
    (0.7, "overstretching, overstretch, too far, too much, too hard, overdo, overdoing"),
    (
        0.8,
        "persist, persistent, recur, recurring, recurrent, chronic, constant, frequent, "
        "keep coming back, keeps coming back, won't go away, wont go away, ongoing",
    ),
    (0.8, "severe, intense, extreme, excruciating, sharp, terrible, unbearable, agonizing"),
    (0.8, "necessary, need, needed, required, must, essential, have to, need to, mandatory"),
    (0.7, "exercise, workout, training, gym, lifting, sport, activity"),
    (0.7, "heat, hot, heating pad, heat pack, warmth, hot water bottle, sauna, bath, shower"),
    (0.7, "unfit, out of shape, deconditioned, beginner, conditioning, weak, inactive"),
)
"""Comma-separated groups of words and phrases that mean the same thing, each with the weight
a member gets when the person typed another member of the group."""


@dataclass(frozen=True)
class Hit(Generic[T]):
    """One ranked search result."""

    item: T
    """The Faq or Cause that matched."""
    score: float
    """Higher is better; 0.0 for every item when the query is empty."""
    matched: frozenset[str]
    """Lower-case surface words of the item's text that matched, for highlighting."""


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


def _loose_stems(word: str) -> Iterator[str]:
    """Yield rougher stems to try for an unknown word: roller -> roll, stiffness -> stiff."""
    for ending in ("ers", "er", "ness", "ful", "ment", "ity", "ive", "ous", "ally", "al", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            yield stem(word[: -len(ending)])


def _fold(word: str) -> str:
    """Return the matching form of one word: NFKC, case-folded, accents and apostrophes gone."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", word).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.translate(_APOSTROPHES)[:_MAX_TOKEN_CHARS]


def _words(text: str) -> Iterator[tuple[str, str]]:
    """Yield (lower-case surface word, folded part) pairs; 30s gives 30 and s."""
    for match in _WORD_RE.finditer(text):
        surface = match.group().lower()
        for part in _PART_RE.findall(_fold(surface)):
            yield surface, part


def _max_typos(word: str) -> int:
    """How many typos to forgive in a word: none up to 3 letters, 1 up to 7, else 2."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


class _Corpus:
    """BM25F scores of every term in every document of one collection, precomputed."""

    def __init__(self, docs: Sequence[dict[str, Sequence[str]]], weights: dict[str, float]):
        self.size = len(docs)
        self.surfaces: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        counts: list[dict[str, Counter[str]]] = []
        lengths: dict[str, list[int]] = {name: [] for name in weights}
        for index, doc in enumerate(docs):
            fields = {name: self._count(index, doc.get(name, ())) for name in weights}
            counts.append(fields)
            for name, counter in fields.items():
                lengths[name].append(sum(counter.values()))
        averages = {name: max(1.0, sum(v) / max(1, len(v))) for name, v in lengths.items()}
        self.scores = self._score(counts, weights, averages)

    def _count(self, index: int, segments: Sequence[str]) -> Counter[str]:
        """Count the terms (and joined word pairs) of one field, remembering surface words."""
        counter: Counter[str] = Counter()
        for segment in segments:
            previous: tuple[str, str] | None = None
            for surface, part in _words(segment):
                if part in STOP_WORDS or (len(part) == 1 and not part.isdigit()):
                    previous = None
                    continue
                self._add(counter, index, stem(part), {surface})
                if previous is not None and part.isalpha() and previous[1].isalpha():
                    self._add(counter, index, stem(previous[1] + part), {previous[0], surface})
                previous = (surface, part)
        return counter

    def _add(self, counter: Counter[str], index: int, term: str, surfaces: set[str]) -> None:
        """Count one term occurrence in a document."""
        counter[term] += 1
        self.surfaces[term][index] |= surfaces

    def _score(
        self,
        counts: list[dict[str, Counter[str]]],
        weights: dict[str, float],
        averages: dict[str, float],
    ) -> dict[str, dict[int, float]]:
        """Return term -> document -> idf * sum over fields of weight * saturated tf."""
        scores: dict[str, dict[int, float]] = {term: {} for term in self.surfaces}
        for term, docs in self.surfaces.items():
            idf = _idf(len(docs), self.size)
            for index in docs:
                total = 0.0
                for name, weight in weights.items():
                    field = counts[index][name]
                    if tf := field[term]:
                        norm = 1 - _B + _B * sum(field.values()) / averages[name]
                        total += weight * tf * (_K1 + 1) / (tf + _K1 * norm)
                scores[term][index] = idf * total
        return scores

    def rank(self, concepts: Sequence[_Concept]) -> list[tuple[int, float, frozenset[str]]]:
        """Return (document index, score, matched surface words) for every matching document."""
        totals: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        for concept in concepts:
            best: dict[int, float] = {}
            for term, weight in concept:
                for index, score in self.scores.get(term, {}).items():
                    best[index] = max(best.get(index, 0.0), weight * score)
                    matched[index] |= self.surfaces[term][index]
            for index, score in best.items():
                totals[index] += score
        return [(index, score, frozenset(matched[index])) for index, score in totals.items()]


def _idf(df: int, size: int) -> float:
    """BM25 inverse document frequency, always positive."""
    return float(__import__("math").log(1 + (size - df + 0.5) / (df + 0.5)))


class _QueryParser:
    """Turn a query into concepts over a fixed vocabulary of index terms."""

    def __init__(self, vocabulary: set[str], surface_words: Iterable[str]) -> None:
        self.vocabulary = vocabulary
        self.groups: dict[str, list[_Concept]] = defaultdict(list)
        self.phrases: dict[tuple[str, ...], list[_Concept]] = defaultdict(list)
        for weight, members in _SYNONYMS:
            self._add_group(weight, [m.strip() for m in members.split(",")])
        self.longest_phrase = max((len(p) for p in self.phrases), default=1)
        words = {w for w in surface_words if w.isalpha()} | STOP_WORDS
        words |= {_fold(w) for w in _SYNONYMS_WORDS() if " " not in w}
        self.choices = sorted(w for w in words if len(w) > 2)
        self.expand: Callable[[str, bool], tuple[_Concept, ...]] = functools.lru_cache(
            maxsize=8192
        )(self._expand)

    def _add_group(self, weight: float, members: list[str]) -> None:
        """Register a synonym group under each single word and each phrase it contains."""
        keys = [tuple(stem(part) for _, part in _words(member)) for member in members]
        singles = {key[0] for key in keys if len(key) == 1}
        singles |= {stem("".join(key)) for key in keys if len(key) > 1}
        for key in keys:
            own = set(key) | {stem("".join(key))}
            concept = tuple(
                (term, 1.0 if term in own else weight)
                for term in sorted(singles)
                if term in self.vocabulary
            )
            (self.groups[key[0]] if len(key) == 1 else self.phrases[key]).append(concept)

    def parse(self, query: str) -> tuple[_Concept, ...]:
        """Return the distinct concepts of a query; empty for a stop-word-only query."""
        parts = _query_parts(query)
        typing = bool(query) and query[-1].isalnum()
        return self._concepts(parts, typing)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one parser per index, kept for its life
    def _concepts(self, parts: tuple[str, ...], typing: bool) -> tuple[_Concept, ...]:
        """Return the concepts of folded query words, phrases first, then words and joins."""
        concepts: list[_Concept] = []
        stems = [stem(p) for p in parts]
        i = 0
        while i < len(parts):
            size = self._phrase_at(stems, i)
            if size:
                concepts.append(_merge(self.phrases[tuple(stems[i : i + size])]))
                i += size
                continue
            last = i == len(parts) - 1
            concepts.extend(self.expand(parts[i], typing and last))
            if not last and (joined := self._joined(parts[i], parts[i + 1])):
                concepts.append(joined)
            i += 1
        return tuple(dict.fromkeys(c for c in concepts if c))

    def _phrase_at(self, stems: list[str], start: int) -> int:
        """Return the length of the longest synonym phrase starting at ``start``, or 0."""
        for size in range(min(self.longest_phrase, len(stems) - start), 1, -1):
            if tuple(stems[start : start + size]) in self.phrases:
                return size
        return 0

    def _joined(self, left: str, right: str) -> _Concept | None:
        """Concept for two adjacent words written as one (warm up -> warmup), if indexed."""
        if left in STOP_WORDS or right in STOP_WORDS or not (left + right).isalpha():
            return None
        term = stem(left + right)
        return ((term, _JOINED_WEIGHT),) if term in self.vocabulary else None

    def _expand(self, word: str, typing: bool) -> tuple[_Concept, ...]:
        """Concepts for one folded query word: exact, loose stem, split, typo or prefix."""
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            return ()
        if exact := self._word_concept(word):
            return (exact,)
        if word.isdigit():
            return ()
        for loose in _loose_stems(word):
            if concept := self._stem_concept(loose):
                return (concept,)
        if split := self._split(word):
            return split
        guesses = self._typos(word) + (self._prefixes(word) if typing else ())
        return (_merge(guesses),) if guesses else ()

    def _word_concept(self, word: str) -> _Concept:
        """Concept for a correctly spelled word: its stem and its synonym groups."""
        return self._stem_concept(stem(word))

    def _stem_concept(self, term: str) -> _Concept:
        """Concept for a stem: itself if indexed, merged with every group that holds it."""
        own: list[_Concept] = [((term, 1.0),)] if term in self.vocabulary else []
        return _merge(own + self.groups.get(term, []))

    def _split(self, word: str) -> tuple[_Concept, ...]:
        """Two concepts if an unknown word is two known words run together (backpain)."""
        for cut in range(len(word) - 3, 2, -1):
            left, right = word[:cut], word[cut:]
            if left in STOP_WORDS or right in STOP_WORDS:
                continue
            if (first := self._word_concept(left)) and (second := self._word_concept(right)):
                return first, second
        return ()

    def _typos(self, word: str) -> tuple[_Concept, ...]:
        """Concepts of the closest vocabulary words within the typo budget, down-weighted."""
        budget = _max_typos(word)
        if not budget:
            return ()
        found = process.extract(
            word, self.choices, scorer=OSA.distance, score_cutoff=budget, limit=_FUZZY_MATCHES
        )
        if not found:
            return ()
        closest = min(distance for _, distance, _ in found)
        if any(choice in STOP_WORDS for choice, distance, _ in found if distance == closest):
            return ()
        factor = 1.0 - _TYPO_PENALTY * closest
        return tuple(
            _scaled(self._word_concept(choice), factor)
            for choice, distance, _ in found
            if distance == closest
        )

    def _prefixes(self, word: str) -> tuple[_Concept, ...]:
        """Concepts of vocabulary words that start with a word still being typed."""
        if len(word) < 3:
            return ()
        start = bisect.bisect_left(self.choices, word)
        matches = []
        for choice in islice(self.choices, start, start + _PREFIX_MATCHES):
            if not choice.startswith(word):
                break
            if choice not in STOP_WORDS:
                matches.append(_scaled(self._word_concept(choice), _PREFIX_WEIGHT))
        return tuple(matches)


def _SYNONYMS_WORDS() -> Iterator[str]:  # noqa: N802
    """Yield every member of every synonym group."""
    for _, members in _SYNONYMS:
        yield from (m.strip() for m in members.split(","))


def _merge(concepts: Iterable[_Concept]) -> _Concept:
    """Union of concepts, keeping each term's highest weight."""
    weights: dict[str, float] = {}
    for concept in concepts:
        for term, weight in concept:
            weights[term] = max(weights.get(term, 0.0), weight)
    return tuple(sorted(weights.items()))


def _scaled(concept: _Concept, factor: float) -> _Concept:
    """The concept with every weight multiplied by ``factor``."""
    return tuple((term, weight * factor) for term, weight in concept)


def _query_parts(query: str) -> tuple[str, ...]:
    """Folded words of a query, bounded to the first few distinct ones."""
    parts: list[str] = []
    distinct: set[str] = set()
    for _, part in islice(_words(query), _MAX_TOKENS):
        distinct.add(part)
        if len(distinct) > _MAX_DISTINCT_TOKENS:
            break
        parts.append(part)
    return tuple(parts)
