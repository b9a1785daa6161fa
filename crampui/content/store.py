"""Load and validate the read-only content database (db/content.json) into dataclasses."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from crampui.history.engine import FileTooLargeError, read_regular

CATEGORIES: tuple[str, ...] = (
    "Hydration & nutrition",
    "Preparation",
    "Technique",
    "Muscle state",
    "Medical",
)
"""Cause categories, in display order."""

SCHEMA_VERSION = 1
"""The only content schema this module understands."""

_CAUSES = _FAQS = 12
_CHECKLIST_SIZE = (7, 10)
_STRETCHES = (5, 12)
MIN_STRETCH_HOLD = 2
"""The shortest hold a stretch may have: mobility moves are held for a breath or a few seconds."""
MAX_STRETCH_HOLD = 60
"""The longest hold a stretch may have."""
MAX_STRETCH_REPETITIONS = 10
"""The most repetitions a stretch may have."""
TREATMENT_WORDS = ("cure", "cures", "treat", "treats", "treatment", "heal", "heals", "fix", "fixes")
"""Words no stretch's text may use: a stretch is never shown as a treatment."""
ITEM_KINDS = ("habit", "safety")
"""A checklist item's kind: a habit that helps prevent a cause, or a safety check."""
_MAY_BE_EMPTY = frozenset({"professional_advice", "related_faqs", "checklist_items"})
_T = TypeVar("_T")
_Record = TypeVar("_Record", "Cause", "Faq", "ChecklistItem", "Stretch")
_TABLES = {
    "meta": "meta",
    "causes": "cause",
    "faqs": "FAQ",
    "checklist": "checklist item",
    "stretches": "stretch",
}
_JSON_TYPES: dict[type, str] = {
    str: "a string",
    int: "an integer",
    bool: "a boolean",
    list: "a list",
}


class ContentError(Exception):
    """The content database is missing, broken or incomplete."""


@dataclass(frozen=True)
class Cause:
    """One of the twelve reasons a back may cramp during a stretch."""

    number: int
    slug: str
    title: str
    category: str
    summary: str
    why: str
    what_to_do: tuple[str, ...]
    red_flag: bool
    professional_advice: str
    related_faqs: tuple[int, ...]
    checklist_items: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    """A frequently asked question with its answer and search keywords."""

    number: int
    question: str
    answer: str
    related_causes: tuple[int, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistItem:
    """A step of the before-you-stretch checklist."""

    id: str
    order: int
    label: str
    detail: str
    causes: tuple[int, ...]
    kind: str = "habit"
    """"habit" (something done to prevent a cramp) or "safety" (a check for warning signs,
    never a habit: insights leave it out)."""

    @property
    def is_safety_check(self) -> bool:
        """Whether this item checks for warning signs instead of preventing a cause."""
        return self.kind == "safety"


@dataclass(frozen=True)
class Stretch:
    """A gentle back stretch of the starter set: how to do it, its usual dose and caution."""

    id: str
    order: int
    name: str
    cue: str
    """One line shown on the timer while it runs."""
    start: str
    """Where you start (the position)."""
    movement: str
    """What you do."""
    watch_for: str
    """What to watch for."""
    caution: str
    """When to stop and get advice; shown wherever the stretch is."""
    hold_seconds: int
    repetitions: int
    both_sides: bool
    causes: tuple[int, ...]
    """The causes it relates to."""
    keywords: tuple[str, ...]
    """More words to find it by."""

    @property
    def number(self) -> int:
        """Its place in the starter set, from 1 (what search ranks by when typed)."""
        return self.order


@dataclass(frozen=True)
class Content:
    """The whole validated content database."""

    title: str
    intro: str
    disclaimer: str
    urgent: tuple[str, ...]
    see_soon: tuple[str, ...]
    causes: tuple[Cause, ...]
    faqs: tuple[Faq, ...]
    checklist: tuple[ChecklistItem, ...]
    stretches: tuple[Stretch, ...] = ()

    def stretch(self, stretch_id: str) -> Stretch:
        """Return the stretch with this id; KeyError if there is none."""
        return _pick(self.stretches, lambda s: s.id == stretch_id, f"no stretch {stretch_id!r}")

    def cause(self, number: int) -> Cause:
        """Return the cause with this number; KeyError if there is none."""
        return _pick(self.causes, lambda c: c.number == number, f"no cause number {number}")

    def cause_by_slug(self, slug: str) -> Cause:
        """Return the cause with this slug; KeyError if there is none."""
        return _pick(self.causes, lambda c: c.slug == slug, f"no cause called {slug!r}")

    def find_cause(self, key: str) -> Cause:
        """Find a cause by number ("3"), slug or title, ignoring case; KeyError otherwise."""
        wanted = key.strip().lower()
        slugs = ", ".join(c.slug for c in self.causes)
        return _pick(
            self.causes,
            lambda c: wanted in (str(c.number), c.slug, c.title.lower()),
            f"unknown cause {key!r}: use a number from 1 to {len(self.causes)} or one of: {slugs}",
        )

    def faq(self, number: int) -> Faq:
        """Return the FAQ with this number; KeyError if there is none."""
        return _pick(self.faqs, lambda f: f.number == number, f"no FAQ number {number}")

    def item(self, item_id: str) -> ChecklistItem:
        """Return the checklist item with this id; KeyError if there is none."""
        return _pick(self.checklist, lambda i: i.id == item_id, f"no checklist item {item_id!r}")

    def causes_in(self, category: str) -> tuple[Cause, ...]:
        """Return the causes in a category, by number; KeyError for an unknown category."""
        if category not in CATEGORIES:
            raise KeyError(f"unknown category {category!r}")
        return tuple(cause for cause in self.causes if cause.category == category)

    def faqs_for(self, cause: Cause) -> tuple[Faq, ...]:
        """Return the FAQs linked to a cause, by number."""
        return tuple(faq for faq in self.faqs if faq.number in cause.related_faqs)

    def causes_for(self, faq_or_item: Faq | ChecklistItem | Stretch) -> tuple[Cause, ...]:
        """Return the causes linked to an FAQ, a checklist item or a stretch, by number."""
        numbers = faq_or_item.related_causes if isinstance(faq_or_item, Faq) else faq_or_item.causes
        return tuple(cause for cause in self.causes if cause.number in numbers)

    def items_for(self, cause: Cause) -> tuple[ChecklistItem, ...]:
        """Return the checklist items that address a cause, in checklist order."""
        return tuple(item for item in self.checklist if item.id in cause.checklist_items)


def dose_text(hold_seconds: int, repetitions: int, both_sides: bool, rest_seconds: int = 0) -> str:
    """A stretch's dose in words: "hold 5 s · 5 reps · each side · rest 15 s" (no sides for one
    position, no rest when there is none)."""
    from crampui.wording import plural

    sides = " · each side" if both_sides else ""
    rest = f" · rest {rest_seconds} s" if rest_seconds else ""
    return f"hold {hold_seconds} s · {plural(repetitions, 'rep')}{sides}{rest}"


def _pick(items: Iterable[_T], match: Callable[[_T], bool], missing: str) -> _T:
    """Return the first item that matches, or raise KeyError(missing)."""
    for item in items:
        if match(item):
            return item
    raise KeyError(missing)


class _Doc:
    """One raw document, read field by field with located error messages."""

    def __init__(self, file: str, kind: str, doc_id: int, raw: dict[str, Any]) -> None:
        self.file, self.where, self.doc_id, self.raw = file, f"{kind} {doc_id}", doc_id, raw

    def error(self, problem: str) -> ContentError:
        """Return a ContentError naming the file and this document."""
        return ContentError(f"{self.file}: {self.where} {problem}")

    def value(self, name: str, annotation: str) -> Any:
        """Return a field checked against a dataclass annotation such as "tuple[int, ...]"."""
        kind = {"str": str, "int": int, "bool": bool}.get(annotation, list)
        if name not in self.raw:
            raise self.error(f"is missing field {name!r}")
        value: Any = self.raw[name]
        if (got := type(value)) is not kind:
            raise self.error(f"field {name!r} should be {_JSON_TYPES[kind]}, got {got.__name__}")
        if kind is str:
            value = value.strip()
        if kind in (str, list) and not value and name not in _MAY_BE_EMPTY:
            raise self.error(f"field {name!r} is empty")
        if name in ("number", "order") and value != self.doc_id:
            raise self.error(f"has {name} {value} but is stored under document id {self.doc_id}")
        if kind is list:
            item = str if annotation == "tuple[str, ...]" else int
            if not all(type(v) is item and str(v).strip() for v in value):
                raise self.error(
                    f"field {name!r} should be a list of {_JSON_TYPES[item].split()[-1]}s"
                )
            return tuple(v.strip() if isinstance(v, str) else v for v in value)
        return value

    def build(self, cls: type[_Record]) -> _Record:
        """Build a Cause, Faq, ChecklistItem or Stretch, reading the fields in declaration order."""
        present = [f for f in fields(cls) if f.name in self.raw or f.default is MISSING]
        return cls(**{f.name: self.value(f.name, str(f.type)) for f in present})


MAX_CONTENT_BYTES = 1024 * 1024
"""The content database is about 32 KB; a file above this is not read."""


def content_path() -> Path:
    """Return the bundled content db: inside the installed package, else the source checkout."""
    here = Path(__file__).parent.parent
    packaged = here / "db" / "content.json"
    return packaged if packaged.exists() else here.parent / "db" / "content.json"


def _read(path: Path) -> dict[str, list[_Doc]]:
    """Read every table (parsed once, read-only), checking the TinyDB layout: an object of
    tables, each an object of documents under numeric ids, kept in file order."""
    file = path.name
    try:
        data = read_regular(path, MAX_CONTENT_BYTES)
        if data is None:
            raise FileNotFoundError(path)
        raw = json.loads(data.decode("utf-8")) if data else None
        if not isinstance(raw, dict):
            raise ContentError(f"{file} is empty or not a TinyDB database: {path}")
        tables: dict[str, list[_Doc]] = {}
        for name, kind in _TABLES.items():
            table = raw.get(name)
            if not isinstance(table, dict):
                raise ContentError(f"{file}: table {name!r} is missing or not an object")
            for key, doc in table.items():
                if not (key.isascii() and key.isdigit()) or not isinstance(doc, dict):
                    raise ContentError(f"{file}: table {name!r} has a bad document {key!r}")
            tables[name] = [_Doc(file, kind, int(key), dict(doc)) for key, doc in table.items()]
        return tables
    except FileNotFoundError:
        raise ContentError(f"{file} not found: {path}") from None
    except json.JSONDecodeError as exc:
        raise ContentError(f"{file} is not valid JSON: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ContentError(f"{file} is not valid UTF-8: {exc}") from exc
    except FileTooLargeError:
        raise ContentError(f"{file} is over {MAX_CONTENT_BYTES:,} bytes: {path}") from None
    except OSError as exc:  # FileTypeError included: a FIFO or folder is never opened
        raise ContentError(f"{file} cannot be read: {exc}") from exc


def _cause(doc: _Doc) -> Cause:
    """Build a Cause, checking its category and red-flag advice too."""
    cause = doc.build(Cause)
    if cause.category not in CATEGORIES:
        raise doc.error(f"has unknown category {cause.category!r}; use one of {CATEGORIES}")
    if cause.red_flag and not cause.professional_advice:
        raise doc.error("is a red flag but its field 'professional_advice' is empty")
    return cause


def _stretch(doc: _Doc, cause_numbers: set[int]) -> Stretch:
    """Build a Stretch, checking its dose, its causes and that it never claims to treat."""
    stretch = doc.build(Stretch)
    for name, value, high in (
        ("hold_seconds", stretch.hold_seconds, MAX_STRETCH_HOLD),
        ("repetitions", stretch.repetitions, MAX_STRETCH_REPETITIONS),
    ):
        low = MIN_STRETCH_HOLD if name == "hold_seconds" else 1
        if not low <= value <= high:
            raise doc.error(f"field {name!r} should be from {low} to {high}, got {value}")
    for number in stretch.causes:
        if number not in cause_numbers:
            raise doc.error(f"links to unknown cause {number}")
    text = " ".join((stretch.name, stretch.cue, stretch.start, stretch.movement)).casefold()
    words = set(re.findall(r"[a-z]+", text + " " + stretch.watch_for.casefold()))
    if claims := sorted(words.intersection(TREATMENT_WORDS)):
        raise doc.error(f"reads as a treatment ({', '.join(claims)}): describe the movement only")
    return stretch


def _check_table(file: str, noun: str, keys: dict[str, list[Any]], low: int, high: int) -> None:
    """Check how many documents a table holds and that each kind of key is unique."""
    count = len(next(iter(keys.values())))
    if not low <= count <= high:
        wanted = str(low) if low == high else f"{low} to {high}"
        raise ContentError(f"{file}: expected {wanted} {noun}s, found {count}")
    for key_name, values in keys.items():
        for value in values:
            if values.count(value) > 1:
                raise ContentError(f"{file}: duplicate {noun} {key_name} {value!r}")


def _check_links(
    file: str, src: str, dst: str, links: dict[Any, Any], back: dict[Any, Any]
) -> None:
    """Check that every src -> dst link resolves and that the dst links back to its src."""
    for key, targets in links.items():
        for target in targets:
            if target not in back:
                raise ContentError(f"{file}: {src} {key!r} links to unknown {dst} {target!r}")
            if key not in back[target]:
                raise ContentError(
                    f"{file}: {src} {key!r} links to {dst} {target!r}, which does not link back"
                )


def _validate(file: str, tables: dict[str, list[_Doc]]) -> Content:
    """Turn raw tables into a Content, raising ContentError at the first problem."""
    if len(tables["meta"]) != 1:
        raise ContentError(
            f"{file}: table 'meta' should hold one document, not {len(tables['meta'])}"
        )
    meta = tables["meta"][0]
    if (version := meta.value("schema_version", "int")) != SCHEMA_VERSION:
        raise meta.error(f"has unsupported schema_version {version} (expected {SCHEMA_VERSION})")
    texts = {name: meta.value(name, "str") for name in ("title", "intro", "disclaimer")}
    lists = {name: meta.value(name, "tuple[str, ...]") for name in ("urgent", "see_soon")}
    causes = sorted((_cause(doc) for doc in tables["causes"]), key=lambda c: c.number)
    faqs = sorted((doc.build(Faq) for doc in tables["faqs"]), key=lambda f: f.number)
    items = sorted((doc.build(ChecklistItem) for doc in tables["checklist"]), key=lambda i: i.order)
    for item in items:
        if item.kind not in ITEM_KINDS:
            kinds = ", ".join(ITEM_KINDS)
            raise ContentError(
                f"{file}: checklist item {item.id!r} has kind {item.kind!r} ({kinds})"
            )
    cause_keys: dict[str, list[Any]] = {
        "number": [c.number for c in causes],
        "slug": [c.slug for c in causes],
    }
    _check_table(file, "cause", cause_keys, _CAUSES, _CAUSES)
    _check_table(file, "FAQ", {"number": [f.number for f in faqs]}, _FAQS, _FAQS)
    _check_table(file, "checklist item", {"id": [i.id for i in items]}, *_CHECKLIST_SIZE)
    for what, numbers in (("cause", [c.number for c in causes]), ("FAQ", [f.number for f in faqs])):
        if numbers != list(range(1, len(numbers) + 1)):
            raise ContentError(f"{file}: {what} numbers must run from 1 to {len(numbers)}")
    cause_faqs = {c.number: c.related_faqs for c in causes}
    cause_items = {c.number: c.checklist_items for c in causes}
    faq_causes = {f.number: f.related_causes for f in faqs}
    item_causes = {i.id: i.causes for i in items}
    _check_links(file, "cause", "FAQ", cause_faqs, faq_causes)
    _check_links(file, "cause", "checklist item", cause_items, item_causes)
    _check_links(file, "FAQ", "cause", faq_causes, cause_faqs)
    _check_links(file, "checklist item", "cause", item_causes, cause_items)
    cause_numbers = set(cause_faqs)
    stretches = sorted(
        (_stretch(doc, cause_numbers) for doc in tables["stretches"]), key=lambda s: s.order
    )
    _check_table(file, "stretch", {"id": [s.id for s in stretches]}, *_STRETCHES)
    return Content(
        **texts,
        **lists,
        causes=tuple(causes),
        faqs=tuple(faqs),
        checklist=tuple(items),
        stretches=tuple(stretches),
    )


def load_content(path: Path | None = None) -> Content:
    """Load and validate the content db read-only (never writes); raise ContentError if bad."""
    path = content_path() if path is None else Path(path)
    return _validate(path.name, _read(path))


@cache
def default_content() -> Content:
    """Return the bundled content, loaded and validated once per process."""
    return load_content()
