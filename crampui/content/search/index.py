"""The search index over FAQs and causes that every way of finding things shares."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar

from crampui.content.search.text import MAX_TOKENS, STOP_WORDS, WORD_RE, fold_text, word_parts

if TYPE_CHECKING:
    from crampui.content.search.query import Query, QueryParser
    from crampui.content.search.ranking import Corpus
    from crampui.content.store import Cause, Content, Faq, Stretch

T = TypeVar("T")


class _Numbered(Protocol):
    """An FAQ or a cause: anything with a number."""

    @property
    def number(self) -> int:
        """The item's number, from 1."""
        ...


N = TypeVar("N", bound=_Numbered)

FAQ_FIELDS = {"question": 3.0, "keywords": 2.0, "answer": 1.0}
"""The searched fields of an FAQ and their weights."""
CAUSE_FIELDS = {"title": 3.0, "slug": 2.0, "summary": 1.5, "why": 1.0, "what_to_do": 1.0}
"""The searched fields of a cause and their weights."""
STRETCH_FIELDS = {"name": 3.0, "keywords": 2.0, "cue": 1.5, "movement": 1.0, "start": 0.5}
"""The searched fields of a stretch and their weights."""

STRETCH_RELATIVE_FLOOR = 0.3
"""A stretch is offered if it scores at least this share of the best matching stretch."""
STRETCH_MIN_SCORE = 1.0
"""...and at least this much: "how long to hold" shares only common words with every one."""

STRETCH_GENERIC = frozenset({"stretch", "stretches", "stretching", "exercise", "exercises"})
"""Words every stretch is: left out of a stretch search ("stretch" alone finds none)."""

_CLOSEST_QUERY_CHARS = 200

FILTER_RELATIVE_FLOOR = 0.12
"""A cause stays in a filtered list if it scores at least this share of the best match."""

FAQ_RELATIVE_FLOOR = 0.4
"""A question stays in the FAQ tab's results if it scores at least this share of the best:
"my back seizes up" lists the questions about cramps and spasms, not eleven of twelve
because every question mentions the back."""


class Hit(Generic[T]):
    """One ranked search result (immutable; equal when its three fields are).

    A plain class rather than a dataclass: ``crampui faq`` ranks without importing
    :mod:`dataclasses`.
    """

    __slots__ = ("item", "score", "matched")

    item: T
    """The Faq or Cause that matched."""
    score: float
    """Higher is better; 0.0 for every item when the query is empty."""
    matched: frozenset[str]
    """Lower-case surface words of the item's text that matched, for highlighting."""

    def __init__(self, item: T, score: float, matched: frozenset[str]) -> None:
        """A hit on ``item`` with ``score``, ``matched`` being the words to highlight."""
        object.__setattr__(self, "item", item)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "matched", matched)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse changes: a hit is a value."""
        raise AttributeError(f"Hit is immutable: cannot set {name!r}")

    def _fields(self) -> tuple[object, float, frozenset[str]]:
        """The fields, for comparison and hashing."""
        return (self.item, self.score, self.matched)

    def __eq__(self, other: object) -> bool:
        """Hits are equal when item, score and matched words are."""
        return isinstance(other, Hit) and self._fields() == other._fields()

    def __hash__(self) -> int:
        """Hash of the fields."""
        return hash(self._fields())

    def __repr__(self) -> str:
        """``Hit(item=..., score=..., matched=...)``."""
        return f"Hit(item={self.item!r}, score={self.score!r}, matched={self.matched!r})"


class Engine(NamedTuple):
    """The precomputed parts of an index."""

    faqs: Corpus
    causes: Corpus
    parser: QueryParser
    questions: list[str]


class SearchIndex:
    """Search over FAQs and causes shared by every way of finding things; every query method
    is fast and never raises.

    Creating an index is cheap: the term tables are computed on the first query, so an app can
    make its index at start-up and hand it to every pane without slowing the first frame.
    """

    def __init__(
        self, faqs: Sequence[Faq], causes: Sequence[Cause], stretches: Sequence[Stretch] = ()
    ) -> None:
        """Index the FAQs, causes and stretches, kept in the order given (article order)."""
        self._faqs = tuple(faqs)
        self._causes = tuple(causes)
        self._stretches = tuple(stretches)

    @classmethod
    def of(cls, content: Content) -> SearchIndex:
        """The index of a content database's FAQs, causes and stretches."""
        return cls(content.faqs, content.causes, content.stretches)

    @functools.cached_property
    def _stretch_engine(self) -> tuple[Corpus, QueryParser]:
        """The stretches' own term table and parser (their words never change FAQ results)."""
        from crampui.content.search.query import QueryParser
        from crampui.content.search.ranking import Corpus

        corpus = Corpus([_stretch_fields(s) for s in self._stretches], STRETCH_FIELDS, "name")
        return corpus, QueryParser(set(corpus.tf), corpus.words, corpus.parts)

    def stretches(self, query: str) -> list[Hit[Stretch]]:
        """The stretches that match ``query``, best first, without passing mentions (under
        :data:`STRETCH_RELATIVE_FLOOR` of the best or :data:`STRETCH_MIN_SCORE`); none for a
        blank query."""
        words = [word for word in query.split() if word.casefold() not in STRETCH_GENERIC]
        if not words or not self._stretches:
            return []
        corpus, parser = self._stretch_engine
        hits = _ranked(self._stretches, corpus, parser.parse(" ".join(words)), "", None)
        floor = max(STRETCH_MIN_SCORE, hits[0].score * STRETCH_RELATIVE_FLOOR if hits else 0.0)
        return [hit for hit in hits if hit.score >= floor]

    @functools.cached_property
    def _engine(self) -> Engine:
        """Term tables, query parser and folded questions, computed on first use."""
        # Imported here, so that creating the app's index costs nothing at start-up.
        from crampui.content.search.query import QueryParser
        from crampui.content.search.ranking import Corpus

        faqs = Corpus([_faq_fields(faq) for faq in self._faqs], FAQ_FIELDS, "keywords")
        causes = Corpus([_cause_fields(cause) for cause in self._causes], CAUSE_FIELDS, "title")
        parser = QueryParser(
            set(faqs.tf) | set(causes.tf), faqs.words | causes.words, faqs.parts | causes.parts
        )
        return Engine(faqs, causes, parser, [fold_text(faq.question) for faq in self._faqs])

    def faqs(self, query: str, limit: int | None = None) -> list[Hit[Faq]]:
        """Return the FAQs that match, best first; all of them, score 0, for an empty query.

        A query that is just an FAQ's number puts that FAQ first.
        """
        engine = self._engine
        return _ranked(self._faqs, engine.faqs, engine.parser.parse(query), query, limit)

    def causes(self, query: str, limit: int | None = None) -> list[Hit[Cause]]:
        """Return the causes that match, best first; all of them, score 0, for an empty query.

        A query that is just a cause's number puts that cause first.
        """
        engine = self._engine
        return _ranked(self._causes, engine.causes, engine.parser.parse(query), query, limit)

    def filter_causes(self, query: str) -> list[Hit[Cause]]:
        """The causes a filter shows for ``query``: :meth:`causes` without passing mentions.

        A cause scoring under :data:`FILTER_RELATIVE_FLOOR` of the best (a word deep in another
        cause's explanation) is left out, so the list narrows to what was meant.
        """
        hits = self.causes(query)
        floor = hits[0].score * FILTER_RELATIVE_FLOOR if hits else 0.0
        return [hit for hit in hits if hit.score >= floor]

    def filter_faqs(self, query: str) -> list[Hit[Faq]]:
        """The questions the FAQ tab lists for ``query``: :meth:`faqs` without the ones that
        only share a common word (under :data:`FAQ_RELATIVE_FLOOR` of the best)."""
        hits = self.faqs(query)
        floor = hits[0].score * FAQ_RELATIVE_FLOOR if hits else 0.0
        return [hit for hit in hits if hit.score >= floor]

    def closest_faqs(self, query: str, n: int = 3) -> list[Hit[Faq]]:
        """Return ``n`` FAQs whose questions look most like the query, as loose suggestions.

        Meant for when :meth:`faqs` finds nothing: the score is rapidfuzz's WRatio over the
        question (0 to 1), ties and an empty query fall back to article order.
        """
        from rapidfuzz import fuzz, process  # loaded with the engine, not at start-up

        wanted = fold_text(query[:_CLOSEST_QUERY_CHARS])
        scores = process.extract(wanted, self._engine.questions, scorer=fuzz.WRatio, limit=None)
        by_index = {index: score / 100 for _, score, index in scores}
        order = sorted(range(len(self._faqs)), key=lambda i: (-by_index.get(i, 0.0), i))
        words = {part for _, part in islice(word_parts(wanted), MAX_TOKENS)} - STOP_WORDS
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


def _stretch_fields(stretch: Stretch) -> dict[str, Sequence[str]]:
    """The searchable text of a stretch, by field."""
    return {
        "name": (stretch.name,),
        "keywords": stretch.keywords,
        "cue": (stretch.cue,),
        "movement": (stretch.movement,),
        "start": (stretch.start,),
    }


def _ranked(
    items: tuple[N, ...], corpus: Corpus, query: Query, text: str, limit: int | None
) -> list[Hit[N]]:
    """Hits for the query, best first then in article order; everything for a blank query.

    When the text is an item's number, that item comes first (it is "9" in the list).
    """
    if query.blank:
        hits = [Hit(item, 0.0, frozenset()) for item in items]
    else:
        rows = sorted(corpus.rank(query), key=lambda row: (-row[1], row[0]))
        hits = [Hit(items[index], score, matched) for index, score, matched in rows if score > 0]
    number = text.strip()
    if number.isdigit() and (named := [item for item in items if str(item.number) == number]):
        best = max((hit.score for hit in hits), default=1.0)
        rest = [hit for hit in hits if hit.item is not named[0]]
        hits = [Hit(named[0], best + 1.0, frozenset({number})), *rest]
    return hits if limit is None else hits[: max(0, limit)]


def _similar_words(text: str, wanted: set[str]) -> frozenset[str]:
    """Surface words of the text whose folded form is close to one of the wanted words."""
    from rapidfuzz import fuzz

    return frozenset(
        surface
        for surface, part in word_parts(text)
        if part not in STOP_WORDS and any(fuzz.ratio(part, w, score_cutoff=75) for w in wanted)
    )


def highlight_spans(text: str, matched: Iterable[str]) -> list[tuple[int, int]]:
    """Return the sorted (start, end) spans of whole words of ``text`` found in ``matched``.

    Words are compared in lower case, exactly as :attr:`Hit.matched` stores them.
    """
    wanted = {word.lower() for word in matched}
    if not wanted:
        return []
    return [m.span() for m in WORD_RE.finditer(text) if m.group().lower() in wanted]


@functools.cache
def default_index() -> SearchIndex:
    """Return the index of the bundled content, made once per process."""
    from crampui.content.store import default_content

    return SearchIndex.of(default_content())
