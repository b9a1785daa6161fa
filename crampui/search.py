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

Each concept is scored as one BM25F pseudo-term (its terms' weighted counts are summed per
field, then saturated, with the idf of all the documents it occurs in), so a synonym never
counts twice and a rare synonym cannot outshine the word typed. The sum over concepts is
scaled by the share of the query's weight a document covers, and a query that contains a
curated keyword phrase (or cause title) word for word earns that document a bonus. Stop words
carry no weight. Nothing here imports Textual.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

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
_COVERAGE = 0.5
_PHRASE_WEIGHT = 0.5
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

_STOP_WORDS_TEXT = """
a about after again all also am an and any are arent as at be been being but by can cant
could did didnt do does doesnt doing dont for from get gets getting got had has have
having he her here him his how i id if ill im in into is isnt it its ive just let me
might more most my myself no nor not of off on once only or other ought our out over own
really same shall she should so some such than that thats the their them then there
theres these they this those through to too under until us very was we were what whats
when where which while who whom why will with would yes you your youre yours
"""

STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""Words that carry no weight: they never decide a ranking, but they never block one either."""

_SYNONYMS: tuple[tuple[float, str], ...] = (
    (
        0.8,
        "normal, common, uncommon, usual, typical, expected, everyone, everybody, anyone else, "
        "other people, natural, weird, strange",
    ),
    (0.8, "continue, resume, keep, carry on, keep going, push through, power through, go on"),
    (0.8, "worsen, worse, exacerbate, aggravate, flare, irritate, harm, damage, injure, injury"),
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
    (0.6, "prevent, prevention, avoid, stop, reduce, fewer, less often"),
    (
        0.8,
        "doctor, physician, gp, physio, physiotherapist, physical therapist, chiropractor, "
        "chiro, osteopath, doc, medic, nurse, specialist, clinic, hospital, healthcare, "
        "health care, professional, consult, medical, see someone, get it checked, get checked, "
        "checkup, check up",
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
        "sciatic, tingling, numb, numbness, pins and needles, disc, slipped disc, herniated, "
        "bulging disc",
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


class _Match(NamedTuple):
    """How one concept matches a collection."""

    scores: dict[int, float]
    """Document index -> concept idf * BM25F term-frequency part."""
    surfaces: dict[int, frozenset[str]]
    """Document index -> surface words of that document that matched."""
    importance: float
    """How much the concept can add at most: its idf times its best weight here."""


class _Corpus:
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
        self.tf = {
            term: {index: tuple(field[term] for field in counts[index]) for index in by_doc}
            for term, by_doc in self._surfaces.items()
        }
        self.norms = _length_norms(counts)
        self.phrases = self._phrases(docs, phrases, weights[phrases])
        self.longest_phrase = max((len(key) for key in self.phrases), default=0)
        self.match: Callable[[_Concept], _Match] = functools.lru_cache(maxsize=4096)(self._match)

    def _count(self, index: int, segments: Sequence[str]) -> Counter[str]:
        """Count the terms (and joined word pairs) of one field, remembering surface words."""
        counter: Counter[str] = Counter()
        for segment in segments:
            previous: tuple[str, str] | None = None
            for surface, part in _words(segment):
                if not _is_term(part):
                    previous = None
                    continue
                self.parts.add(part)
                self.words.add(stem(part))
                self._add(counter, index, stem(part), {surface})
                if previous is not None and part.isalpha() and previous[1].isalpha():
                    self._add(counter, index, stem(previous[1] + part), {previous[0], surface})
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
                words = list(_words(segment))
                terms = {stem(part) for _, part in words if _is_term(part)}
                if len(words) < 2 or not terms:
                    continue
                bonus = _PHRASE_WEIGHT * weight * sum(self.idf(term) for term in terms)
                surfaces = frozenset(surface for surface, part in words if _is_term(part))
                phrases[tuple(stem(part) for _, part in words)][index] = (bonus, surfaces)
        return phrases

    def idf(self, term: str) -> float:
        """BM25 inverse document frequency of a term in this collection."""
        return _idf(len(self.tf.get(term, {})), self.size)

    def _match(self, concept: _Concept) -> _Match:
        """Score a concept as one pseudo-term, BM25F style: per field, the weighted term
        counts of all its terms are summed and then saturated; the idf is that of the union
        of the documents it occurs in."""
        counts: dict[int, list[float]] = {}
        surfaces: dict[int, set[str]] = defaultdict(set)
        top = 0.0
        for term, weight in concept:
            for index, tf in self.tf.get(term, {}).items():
                fields = counts.setdefault(index, [0.0] * len(self.weights))
                for field, count in enumerate(tf):
                    fields[field] += weight * count
                surfaces[index] |= self._surfaces[term][index]
                top = max(top, weight)
        idf = _idf(len(counts), self.size)
        return _Match(
            {index: idf * self._bm25f(index, fields) for index, fields in counts.items()},
            {index: frozenset(words) for index, words in surfaces.items()},
            idf * top,
        )

    def _bm25f(self, index: int, counts: list[float]) -> float:
        """Sum over fields of field weight times the saturated, length-normalised count."""
        return sum(
            weight * count * (_K1 + 1) / (count + _K1 * norm)
            for weight, count, norm in zip(self.weights, counts, self.norms[index], strict=True)
            if count
        )

    def rank(self, query: _Query) -> list[tuple[int, float, frozenset[str]]]:
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
                covered[index] += found.importance
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


def _is_term(part: str) -> bool:
    """Whether a folded word is indexed: not a stop word nor a lone letter."""
    return part not in STOP_WORDS and (len(part) > 1 or part.isdigit())


def _idf(df: int, size: int) -> float:
    """BM25 inverse document frequency, always positive."""
    return math.log(1 + (size - df + 0.5) / (df + 0.5))


class _Query(NamedTuple):
    """A parsed query."""

    concepts: tuple[_Concept, ...]
    """One concept per meaningful word, phrase or joined pair, without repeats."""
    stems: tuple[str, ...]
    """Stems of every query word, stop words included, for phrase matching."""
    blank: bool
    """Whether the query has no word but stop words (or none at all)."""


class _QueryParser:
    """Turn a query into concepts over a fixed vocabulary of index terms."""

    def __init__(self, vocabulary: set[str], words: set[str], parts: set[str]) -> None:
        """Prepare synonyms, phrases and typo candidates for the index terms in ``vocabulary``,
        of which ``words`` are single words (the rest are joined pairs); ``parts`` are the
        folded words of the indexed text."""
        self.vocabulary = vocabulary
        self.words = words
        self.groups: dict[str, list[_Concept]] = defaultdict(list)
        self.phrases: dict[tuple[str, ...], list[_Concept]] = defaultdict(list)
        for weight, members in _SYNONYMS:
            self._add_group(weight, [m.strip() for m in members.split(",")])
        self.longest_phrase = max((len(p) for p in self.phrases), default=1)
        choices = {part for part in parts if part.isalpha()} | STOP_WORDS
        choices |= {_fold(w) for w in _synonym_words() if " " not in w}
        self.choices = sorted(w for w in choices if len(w) > 2)
        self.expand: Callable[[str, bool], tuple[_Concept, ...]] = functools.lru_cache(
            maxsize=8192
        )(self._expand)
        self.concepts: Callable[[tuple[str, ...], bool], tuple[_Concept, ...]] = (
            functools.lru_cache(maxsize=1024)(self._concepts)
        )

    def _add_group(self, weight: float, members: list[str]) -> None:
        """Register a synonym group under each single word and each phrase it contains."""
        parts = [tuple(part for _, part in _words(member)) for member in members]
        singles = {stem("".join(words)) for words in parts}
        for words in parts:
            own = {stem(word) for word in words} | {stem("".join(words))} | _pairs(words)
            concept = tuple(
                (term, 1.0 if term in own else weight)
                for term in sorted(singles | _pairs(words))
                if term in self.vocabulary
            )
            key = tuple(stem(word) for word in words)
            (self.groups[key[0]] if len(key) == 1 else self.phrases[key]).append(concept)

    def parse(self, query: str) -> _Query:
        """Parse a query; no concepts for an empty or stop-word-only query."""
        parts = _query_parts(query)
        typing = bool(query) and query[-1].isalnum()
        stems = tuple(stem(part) for part in parts)
        blank = not any(_is_term(part) for part in parts)
        return _Query(self.concepts(parts, typing), stems, blank)

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
        """Concept for two adjacent words also written as one, if the index has that word
        (over stretching -> overstretching) or that pair (foam rolling -> foamroll)."""
        if not (left + right).isalpha():
            return None
        term = stem(left + right)
        stop = left in STOP_WORDS or right in STOP_WORDS
        indexed = term in self.words or (not stop and term in self.vocabulary)
        return ((term, _JOINED_WEIGHT),) if indexed else None

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


def _synonym_words() -> Iterator[str]:
    """Yield every member of every synonym group."""
    for _, members in _SYNONYMS:
        yield from (m.strip() for m in members.split(","))


def _pairs(words: Sequence[str]) -> set[str]:
    """Joined stems of adjacent words, as the index stores them: keep coming -> keepcom."""
    return {
        stem(left + right)
        for left, right in pairwise(words)
        if left not in STOP_WORDS and right not in STOP_WORDS and (left + right).isalpha()
    }


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


class SearchIndex:
    """Precomputed search over FAQs and causes; every query method is fast and never raises."""

    def __init__(self, faqs: Sequence[Faq], causes: Sequence[Cause]) -> None:
        """Index the FAQs and causes, kept in the order given (article order)."""
        self._faqs = tuple(faqs)
        self._causes = tuple(causes)
        self._faq_corpus = _Corpus(
            [_faq_fields(faq) for faq in self._faqs], _FAQ_FIELDS, "keywords"
        )
        self._cause_corpus = _Corpus(
            [_cause_fields(cause) for cause in self._causes], _CAUSE_FIELDS, "title"
        )
        self._parser = _QueryParser(
            set(self._faq_corpus.tf) | set(self._cause_corpus.tf),
            self._faq_corpus.words | self._cause_corpus.words,
            self._faq_corpus.parts | self._cause_corpus.parts,
        )
        self._questions = [_fold_text(faq.question) for faq in self._faqs]

    def faqs(self, query: str, limit: int | None = None) -> list[Hit[Faq]]:
        """Return the FAQs that match, best first; all of them, score 0, for an empty query."""
        return _ranked(self._faqs, self._faq_corpus, self._parser.parse(query), limit)

    def causes(self, query: str, limit: int | None = None) -> list[Hit[Cause]]:
        """Return the causes that match, best first; all of them, score 0, for an empty query."""
        return _ranked(self._causes, self._cause_corpus, self._parser.parse(query), limit)

    def closest_faqs(self, query: str, n: int = 3) -> list[Hit[Faq]]:
        """Return ``n`` FAQs whose questions look most like the query, as loose suggestions.

        Meant for when :meth:`faqs` finds nothing: the score is rapidfuzz's WRatio over the
        question (0 to 1), ties and an empty query fall back to article order.
        """
        wanted = _fold_text(query[:_CLOSEST_QUERY_CHARS])
        scores = process.extract(wanted, self._questions, scorer=fuzz.WRatio, limit=None)
        by_index = {index: score / 100 for _, score, index in scores}
        order = sorted(range(len(self._faqs)), key=lambda i: (-by_index.get(i, 0.0), i))
        words = {part for _, part in islice(_words(wanted), _MAX_TOKENS)} - STOP_WORDS
        return [
            Hit(self._faqs[i], by_index.get(i, 0.0), _similar_words(self._faqs[i].question, words))
            for i in order[: max(0, n)]
        ]


def _faq_fields(faq: Faq) -> dict[str, Sequence[str]]:
    """The searchable text of an FAQ, by field."""
    return {"question": (faq.question,), "keywords": faq.keywords, "answer": (faq.answer,)}


def _cause_fields(cause: Cause) -> dict[str, Sequence[str]]:
    """The searchable text of a cause, by field."""
    return {
        "title": (cause.title,),
        "slug": (cause.slug,),
        "summary": (cause.summary,),
        "why": (cause.why,),
        "what_to_do": cause.what_to_do,
    }


def _ranked(
    items: tuple[T, ...], corpus: _Corpus, query: _Query, limit: int | None
) -> list[Hit[T]]:
    """Hits for the query, best first then in article order; everything for a blank query."""
    if query.blank:
        hits = [Hit(item, 0.0, frozenset()) for item in items]
    else:
        rows = sorted(corpus.rank(query), key=lambda row: (-row[1], row[0]))
        hits = [Hit(items[index], score, matched) for index, score, matched in rows if score > 0]
    return hits if limit is None else hits[: max(0, limit)]


def _fold_text(text: str) -> str:
    """The folded words of a text joined by single spaces."""
    return " ".join(part for _, part in _words(text))


def _similar_words(text: str, wanted: set[str]) -> frozenset[str]:
    """Surface words of the text whose folded form is close to one of the wanted words."""
    return frozenset(
        surface
        for surface, part in _words(text)
        if part not in STOP_WORDS and any(fuzz.ratio(part, w, score_cutoff=75) for w in wanted)
    )


def highlight_spans(text: str, matched: Iterable[str]) -> list[tuple[int, int]]:
    """Return the sorted (start, end) spans of whole words of ``text`` found in ``matched``.

    Words are compared in lower case, exactly as :attr:`Hit.matched` stores them.
    """
    wanted = {word.lower() for word in matched}
    if not wanted:
        return []
    return [m.span() for m in _WORD_RE.finditer(text) if m.group().lower() in wanted]


@functools.cache
def default_index() -> SearchIndex:
    """Return the index of the bundled content, built once per process."""
    from crampui.content import default_content

    content = default_content()
    return SearchIndex(content.faqs, content.causes)
