"""The search index of the bundled content, built once and kept in the user cache.

Building the term tables and the query parser takes far longer than a query, so the first
process that needs the bundled content's index saves its tables, with the FAQs' printed
fields, to ``$XDG_CACHE_HOME/crampui/search-index.bin`` (``marshal`` of built-in values).
Later processes load them instead: ``crampui faq QUERY --json`` ranks a new query from that
file without loading the content, its validator or (unless a word needs correcting)
rapidfuzz. The restored tables are the same values, so the ranking is exactly the same.

The file is keyed by :func:`index_key`: a hash of the content file and of the search code,
crampui's version and the Python that wrote it. On read, the key, a BLAKE2b hash of the
payload and the shape of the tables are checked; a missing, stale, damaged or foreign file
is a miss and the index is built afresh (and saved again). It is only ever a cache.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from crampui import content_cache
from crampui.search.index import CAUSE_FIELDS, Engine, SearchIndex
from crampui.search.query import QueryParser
from crampui.search.ranking import Corpus, CorpusState

FORMAT = "crampui-search-index-1"
"""Part of the key; change it whenever what the file holds changes meaning."""

_CORPUS_TYPES = (int, tuple, set, set, dict, dict, list, dict)
_PARSER_TYPES = (set, set, dict, dict, dict, list)


class FaqFields(Protocol):
    """What an FAQ's JSON answer shows: a :class:`~crampui.content.Faq` or a :class:`FaqRow`."""

    @property
    def number(self) -> int:
        """The FAQ's number, from 1."""
        ...

    @property
    def question(self) -> str:
        """The question."""
        ...

    @property
    def answer(self) -> str:
        """The answer."""
        ...

    @property
    def related_causes(self) -> tuple[int, ...]:
        """Numbers of the causes the FAQ links to."""
        ...


class FaqRow(NamedTuple):
    """The fields of an FAQ that ``faq --json`` prints, as saved with the index."""

    number: int
    question: str
    answer: str
    related_causes: tuple[int, ...]


def faq_as_json(faq: FaqFields, score: float) -> dict[str, Any]:
    """An FAQ search result as a JSON-ready dictionary (what ``faq --json`` prints)."""
    return {
        "number": faq.number,
        "question": faq.question,
        "answer": faq.answer,
        "score": round(score, 4),
        "related_causes": list(faq.related_causes),
    }


def cache_file() -> str:
    """Where the bundled content's index is kept."""
    return os.path.join(content_cache.cache_dir(), "search-index.bin")


def index_key() -> str | None:
    """The key of the current content and code, or None when the content cannot be read."""
    content = content_cache.content_key()
    if content is None:
        return None
    return f"{FORMAT}:{sys.implementation.cache_tag}:{content}"


def save(key: str, engine: Engine, faqs: Sequence[FaqFields]) -> None:
    """Keep ``engine``'s tables and the FAQs' fields under ``key``; failures are ignored.

    The FAQ side (what ``faq`` needs) and the causes' tables are two marshal blobs, so a
    query over the FAQs loads only the first; equal tuples and strings are stored once.
    """
    rows = [(f.number, f.question, f.answer, tuple(f.related_causes)) for f in faqs]
    shared: dict[object, Any] = {}
    main = _shared((engine.faqs.state(), engine.parser.state(), engine.questions, rows), shared)
    causes = _shared(engine.causes.state(), shared)
    payload = marshal.dumps((marshal.dumps(main), marshal.dumps(causes)))
    digest = content_cache.digest(payload).hexdigest()
    path = cache_file()
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(f"{key}\n{digest}\n".encode() + payload)
        os.replace(temporary, path)
    except OSError:
        try:  # noqa: SIM105 - contextlib is an import the fast path avoids
            os.unlink(temporary)
        except OSError:
            pass


def _shared(value: Any, seen: dict[object, Any]) -> Any:
    """``value`` with equal strings and tuples made one object, which marshal writes once.

    Tuples are told apart by their marshal form, so ``(1,)`` and ``(1.0,)`` stay distinct.
    """
    if type(value) is str:
        return seen.setdefault(value, value)
    if type(value) is tuple:
        items = tuple(_shared(item, seen) for item in value)
        return seen.setdefault(marshal.dumps(items), items)
    if type(value) in (list, set, frozenset):
        return type(value)(_shared(item, seen) for item in value)
    if type(value) is dict:
        return {_shared(k, seen): _shared(v, seen) for k, v in value.items()}
    return value


def load(key: str, with_causes: bool = True) -> tuple[Engine, list[FaqRow]] | None:
    """The engine and FAQ rows saved under ``key`` (without the causes' tables, then empty,
    unless ``with_causes``), or None if no file holds exactly what :func:`save` wrote.

    Never trusted blindly: the key must match (it covers the content and the code that wrote
    the file, so the same code reads it), the BLAKE2b hash must match every byte after it, and the
    tables must have the shape :func:`save` gives them; anything else is a miss.
    """
    try:
        with open(cache_file(), "rb") as file:
            data = file.read()
        header, digest, payload = data.split(b"\n", 2)
        if header != key.encode() or digest != content_cache.digest(payload).hexdigest().encode():
            return None
        main_blob, causes_blob = marshal.loads(payload)
        faqs, parser, questions, rows = marshal.loads(main_blob)
        causes = marshal.loads(causes_blob) if with_causes else _no_causes()
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (_is_corpus(faqs) and _is_corpus(causes) and _is_parser(parser)):
        return None
    if not (type(questions) is type(rows) is list and len(questions) == len(rows) == faqs[0]):
        return None
    if not all(_is_row(row) for row in rows):
        return None
    engine = Engine(
        Corpus.restored(faqs), Corpus.restored(causes), QueryParser.restored(parser), questions
    )
    return engine, [FaqRow(*row) for row in rows]


def _no_causes() -> CorpusState:
    """The tables of no causes, for an index of the FAQs only."""
    return Corpus([], CAUSE_FIELDS, "title").state()


def _is_corpus(state: Any) -> bool:
    """Whether ``state`` has the shape of a :data:`~crampui.search.ranking.CorpusState`."""
    return (
        type(state) is tuple
        and len(state) == len(_CORPUS_TYPES)
        and all(type(item) is kind for item, kind in zip(state, _CORPUS_TYPES, strict=True))
        and len(state[6]) == state[0]
        and state[4].keys() == state[5].keys()
    )


def _is_parser(state: Any) -> bool:
    """Whether ``state`` has the shape of a :data:`~crampui.search.query.ParserState`."""
    return (
        type(state) is tuple
        and len(state) == len(_PARSER_TYPES)
        and all(type(item) is kind for item, kind in zip(state, _PARSER_TYPES, strict=True))
        and all(key in state[3] for keys in state[4].values() for key in keys)
    )


def _is_row(row: Any) -> bool:
    """Whether ``row`` is a saved :class:`FaqRow`."""
    return (
        type(row) is tuple
        and len(row) == 4
        and type(row[0]) is int
        and type(row[1]) is str
        and type(row[2]) is str
        and type(row[3]) is tuple
        and all(type(number) is int for number in row[3])
    )


def bundled_index() -> SearchIndex:
    """The index of the bundled content, its tables loaded from the cache when saved there."""
    from crampui.content import default_content

    content = default_content()
    return SearchIndex(content.faqs, content.causes, bundled=True)


def faq_answer(query: str) -> list[dict[str, Any]] | None:
    """What ``crampui faq QUERY --json`` prints, ranked from the saved index without loading
    the content; None when no valid index is saved for the current content and code."""
    key = index_key()
    saved = None if key is None else load(key, with_causes=False)
    if saved is None:
        return None
    engine, rows = saved
    index = SearchIndex.restored(rows, engine)
    return [faq_as_json(hit.item, hit.score) for hit in index.faqs(query)]
