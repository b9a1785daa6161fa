"""Tests for crampui.content.store: the bundled content db and the validating loader."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crampui.content.store import (
    CATEGORIES,
    MAX_CONTENT_BYTES,
    Cause,
    ChecklistItem,
    Content,
    ContentError,
    Faq,
    content_path,
    default_content,
    load_content,
)

ARTICLE = Path(
    os.environ.get(
        "CRAMPUI_ARTICLE",
        Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt",
    )
)
"""The source article, in ``../shared`` beside the repository (as in CI)."""

SLUGS = (
    "dehydration",
    "overstretching",
    "muscle-fatigue",
    "electrolyte-imbalance",
    "poor-warm-up",
    "poor-posture",
    "tight-muscles",
    "lack-of-conditioning",
    "nerve-compression",
    "underlying-conditions",
    "cold-muscles",
    "stretching-technique",
)
CATEGORY_OF = {
    "Hydration & nutrition": (1, 4),
    "Preparation": (5, 11),
    "Technique": (2, 6, 12),
    "Muscle state": (3, 7, 8),
    "Medical": (9, 10),
}
BOILERPLATE = ("See also", "262.run", "Laura", "Returning to Running", "SLC Marathon", "Quarantine")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def all_strings(value: Any) -> Iterator[str]:
    """Yield every string in a JSON value, keys excluded."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)


def raw_db() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(content_path().read_text(encoding="utf-8"))
    return data


def sentences(text: str) -> int:
    """Count sentences by their closing punctuation."""
    return len(re.findall(r"[.!?](?=\s|$)", text))


def words(text: str) -> str:
    """Normalise text to lower-case words joined by single spaces, padded with spaces."""
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))) + " "


# --- the bundled content ------------------------------------------------------------------


def test_bundled_db_is_found_and_loads(content: Content) -> None:
    assert content_path().is_file()
    assert content.title == "Why your back cramps when you stretch"
    assert default_content() is default_content()
    assert default_content() == content


def test_db_file_is_pretty_printed_tinydb_json() -> None:
    text = content_path().read_text(encoding="utf-8")
    data = json.loads(text)
    assert set(data) == {"meta", "causes", "faqs", "checklist", "stretches"}
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    for table in data.values():
        assert all(key.isdigit() for key in table)


def test_stretches_are_the_starter_set_with_a_caution_each(content: Content) -> None:
    ids = [stretch.id for stretch in content.stretches]
    assert ids == [
        "knee-rolls",
        "bottom-to-heels",
        "knee-to-chest",
        "pelvic-tilt",
        "cat-camel",
        "back-extension",
        "glute-stretch",
    ]
    technique = content.cause_by_slug("stretching-technique")
    overstretching = content.cause_by_slug("overstretching")
    for stretch in content.stretches:
        assert "leg" in stretch.caution and "stop" in stretch.caution.casefold(), stretch.id
        assert {technique, overstretching} <= set(content.causes_for(stretch)), stretch.id
        assert len(stretch.cue) <= 50, stretch.id  # one line on the timer at 60 columns
    assert content.stretch("knee-to-chest").both_sides
    assert not content.stretch("pelvic-tilt").both_sides
    tight = content.cause_by_slug("tight-muscles")
    assert tight in content.causes_for(content.stretch("glute-stretch"))
    with pytest.raises(KeyError):
        content.stretch("splits")


def test_meta(content: Content) -> None:
    assert 2 <= sentences(content.intro) <= 3
    assert "not medical advice" in content.disclaimer
    assert "healthcare professional" in content.disclaimer
    urgent = " ".join(content.urgent).lower()
    for sign in ("saddle", "urine", "bowel", "weakness", "walking", "chest pain", "fever"):
        assert sign in urgent
    see_soon = " ".join(content.see_soon).lower()
    for sign in ("down a leg", "keep coming back", "medicine", "fall", "weight loss", "cancer"):
        assert sign in see_soon


def test_twelve_causes_in_article_order(content: Content) -> None:
    assert [c.number for c in content.causes] == list(range(1, 13))
    assert tuple(c.slug for c in content.causes) == SLUGS


def test_twelve_faqs_in_article_order(content: Content) -> None:
    assert [f.number for f in content.faqs] == list(range(1, 13))
    assert all(f.question.endswith("?") for f in content.faqs)


def test_categories(content: Content) -> None:
    assert tuple(CATEGORY_OF) == CATEGORIES
    for category, numbers in CATEGORY_OF.items():
        assert tuple(c.number for c in content.causes_in(category)) == numbers
    assert {c.category for c in content.causes} == set(CATEGORIES)
    with pytest.raises(KeyError):
        content.causes_in("Nutrition")


def test_cause_fields_follow_the_style(content: Content) -> None:
    for cause in content.causes:
        assert cause.title and len(cause.title) <= 30
        assert sentences(cause.summary) == 1, cause.slug
        assert 2 <= sentences(cause.why) <= 3, cause.slug
        assert 3 <= len(cause.what_to_do) <= 5, cause.slug
        assert all(sentences(step) == 1 for step in cause.what_to_do), cause.slug
        assert cause.related_faqs, cause.slug


def test_red_flags_are_exactly_nerve_and_medical(content: Content) -> None:
    assert [c.number for c in content.causes if c.red_flag] == [9, 10]
    for cause in content.causes:
        if cause.red_flag:
            advice = cause.professional_advice.lower()
            assert "urgent" in advice and "weakness" in advice and "numbness" in advice
        else:
            assert cause.professional_advice == ""
    assert "down a" in content.cause(9).professional_advice


def test_cause_faq_links_resolve_and_are_symmetric(content: Content) -> None:
    for cause in content.causes:
        for faq in content.faqs_for(cause):
            assert cause in content.causes_for(faq)
        assert len(content.faqs_for(cause)) == len(cause.related_faqs)
    for faq in content.faqs:
        assert faq.related_causes
        for cause in content.causes_for(faq):
            assert faq in content.faqs_for(cause)
        assert len(content.causes_for(faq)) == len(faq.related_causes)


def test_checklist(content: Content) -> None:
    assert 7 <= len(content.checklist) <= 10
    assert [i.order for i in content.checklist] == list(range(1, len(content.checklist) + 1))
    for item in content.checklist:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", item.id)
        longest = 60 if item.is_safety_check else 40  # a safety check is asked as a question
        assert len(item.label) <= longest and not item.label.endswith(".")
        assert sentences(item.detail) == 1
        assert content.item(item.id) is item
        for cause in content.causes_for(item):
            assert item in content.items_for(cause)
    for cause in content.causes:
        assert len(content.items_for(cause)) == len(cause.checklist_items)
        if cause.number != 10:
            assert cause.checklist_items, cause.slug
    nerve = content.item("no-nerve-symptoms")
    assert nerve.causes == (9, 10) and "professional" in nerve.detail


def test_faq_answers(content: Content) -> None:
    for faq in content.faqs:
        assert 2 <= sentences(faq.answer) <= 4, faq.number
        assert 8 <= len(faq.keywords) <= 20, faq.number
        assert len({k.lower() for k in faq.keywords}) == len(faq.keywords), faq.number
    hold = content.faq(4).answer.lower()
    assert "15 to 30 seconds" in hold and "without bouncing" in hold and "gradually" in hold
    cramp = content.faq(2).answer.lower()
    assert "stop" in cramp and "massage" in cramp and "resume" in cramp
    assert "healthcare professional" in content.faq(7).answer


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (2, {"keep going", "continue", "push through", "stop", "massage"}),
        (4, {"how long", "seconds", "duration", "hold time", "count", "timer"}),
        (5, {"water", "drink", "hydration", "thirsty", "fluids"}),
        (6, {"prevent", "avoid", "stop cramps"}),
        (7, {"doctor", "physician", "GP", "physio", "healthcare professional", "when to worry"}),
        (8, {"slouching", "alignment", "form", "hunched"}),
        (9, {"warmup", "warm-up", "warm up", "cold muscles"}),
        (10, {"potassium", "magnesium", "calcium", "salt", "minerals", "banana", "supplements"}),
        (11, {"tired", "exhausted", "fatigued", "worn out", "overworked"}),
        (12, {"sciatica", "pinched nerve", "trapped nerve", "tingling", "numbness"}),
    ],
)
def test_faq_keywords(content: Content, number: int, expected: set[str]) -> None:
    assert expected <= set(content.faq(number).keywords)


def test_no_site_boilerplate() -> None:
    text = "\n".join(all_strings(raw_db()))
    for phrase in BOILERPLATE:
        assert phrase.lower() not in text.lower(), phrase


def test_wording_promises_no_more_than_the_source(content: Content) -> None:
    """Issue 24 point 11: endurance comes from strengthening, not stretching (FAQ 6); stretching
    "can help" back pain, as the article says, rather than "usually helps" (FAQ 3); the article
    speaks of low mineral levels, not "too much" (cause 4); and no "within safe limits"."""
    text = words("\n".join(all_strings(raw_db())))
    for overstated in ("keeping going", "usually helps", "too little or too much", "safe limits"):
        assert words(overstated) not in text, overstated
    assert "strength" in content.faq(6).answer
    assert words("can help") in words(content.faq(3).answer)
    assert content.cause(4).summary.startswith("Low levels of minerals")


def test_no_article_sentence_is_copied() -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"article not available at {ARTICLE} (set CRAMPUI_ARTICLE)")
    article = ARTICLE.read_text(encoding="utf-8")
    pieces = [p for line in article.splitlines() for p in re.split(r"(?<=[.?!:])\s+", line)]
    long_ones = [words(p) for p in pieces if len(words(p).split()) >= 8]
    assert len(long_ones) >= 30  # the split really found the article's sentences
    for text in all_strings(raw_db()):
        for sentence in long_ones:
            assert sentence not in words(text), f"copied from the article: {sentence.strip()!r}"


# --- lookups --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["3", " 3 ", "muscle-fatigue", "Muscle-Fatigue", "MUSCLE-FATIGUE", "muscle fatigue"]
)
def test_find_cause(content: Content, key: str) -> None:
    assert content.find_cause(key) is content.cause(3)


@pytest.mark.parametrize("key", ["0", "13", "", "fatigue", "dehydration!"])
def test_find_cause_unknown_explains(content: Content, key: str) -> None:
    with pytest.raises(KeyError) as info:
        content.find_cause(key)
    message = info.value.args[0]
    assert "1 to 12" in message and "muscle-fatigue" in message


def test_lookups(content: Content) -> None:
    for cause in content.causes:
        assert content.cause(cause.number) is cause
        assert content.cause_by_slug(cause.slug) is cause
        assert content.find_cause(str(cause.number)) is cause
        assert content.find_cause(cause.slug.upper()) is cause
    assert isinstance(content.cause(1), Cause)
    assert isinstance(content.faq(1), Faq)
    assert isinstance(content.item("hydrate"), ChecklistItem)
    assert content.items_for(content.cause(5)) == (content.item("warm-up"),)
    assert content.causes_for(content.item("plan-holds")) == (content.cause(2), content.cause(12))
    assert content.faqs_for(content.cause(1)) == (content.faq(5),)
    for lookup in (
        lambda: content.cause(13),
        lambda: content.cause_by_slug("cramps"),
        lambda: content.faq(0),
        lambda: content.item("nap"),
    ):
        with pytest.raises(KeyError):
            lookup()


# --- the loader -----------------------------------------------------------------------------


def test_loader_never_writes(tmp_path: Path) -> None:
    path = content_path()
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_content(path)
    load_content()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_loads_a_valid_copy(tmp_path: Path) -> None:
    copy = tmp_path / "content.json"
    copy.write_bytes(content_path().read_bytes())
    assert load_content(copy) == load_content()


Mutation = Callable[[dict[str, Any]], Any]


def drop(table: str, key: str, field: str | None = None) -> Mutation:
    def mutate(db: dict[str, Any]) -> None:
        if field is None:
            del db[table][key]
        else:
            del db[table][key][field]

    return mutate


def setting(table: str, key: str, field: str, value: Any) -> Mutation:
    def mutate(db: dict[str, Any]) -> None:
        db[table][key][field] = value

    return mutate


def appending(table: str, key: str, field: str, value: Any) -> Mutation:
    def mutate(db: dict[str, Any]) -> None:
        db[table][key][field].append(value)

    return mutate


def keep_checklist(count: int) -> Mutation:
    def mutate(db: dict[str, Any]) -> None:
        db["checklist"] = {k: v for k, v in db["checklist"].items() if int(k) <= count}

    return mutate


BROKEN: dict[str, tuple[Mutation, str]] = {
    "missing field": (drop("causes", "7", "why"), "cause 7 is missing field 'why'"),
    "11 causes": (drop("causes", "12"), "expected 12 causes, found 11"),
    "11 FAQs": (drop("faqs", "1"), "expected 12 FAQs, found 11"),
    "6 checklist items": (keep_checklist(6), "expected 7 to 10 checklist items, found 6"),
    "missing table": (lambda db: db.pop("faqs"), "table 'faqs' is missing"),
    "dangling FAQ link": (
        appending("faqs", "3", "related_causes", 14),
        "FAQ 3 links to unknown cause 14",
    ),
    "dangling cause link": (
        appending("causes", "1", "related_faqs", 13),
        "cause 1 links to unknown FAQ 13",
    ),
    "dangling checklist link": (
        appending("checklist", "1", "causes", 14),
        "checklist item 'hydrate' links to unknown cause 14",
    ),
    "unknown checklist item": (
        appending("causes", "1", "checklist_items", "foo"),
        "cause 1 links to unknown checklist item 'foo'",
    ),
    "one-way FAQ link": (
        appending("faqs", "5", "related_causes", 2),
        "FAQ 5 links to cause 2, which does not link back",
    ),
    "one-way checklist link": (
        appending("checklist", "1", "causes", 3),
        "checklist item 'hydrate' links to cause 3, which does not link back",
    ),
    "string for text": (
        setting("causes", "2", "title", 5),
        "cause 2 field 'title' should be a string, got int",
    ),
    "string for number": (
        setting("faqs", "4", "number", "4"),
        "FAQ 4 field 'number' should be an integer, got str",
    ),
    "bool as text": (
        setting("causes", "9", "red_flag", "yes"),
        "cause 9 field 'red_flag' should be a boolean, got str",
    ),
    "list of numbers": (
        setting("faqs", "6", "keywords", [1, 2]),
        "FAQ 6 field 'keywords' should be a list of strings",
    ),
    "empty text": (setting("causes", "5", "summary", " "), "cause 5 field 'summary' is empty"),
    "number mismatch": (setting("causes", "3", "number", 4), "cause 3 has number 4"),
    "duplicate slug": (
        setting("causes", "2", "slug", "dehydration"),
        "duplicate cause slug 'dehydration'",
    ),
    "duplicate item id": (
        setting("checklist", "2", "id", "hydrate"),
        "duplicate checklist item id 'hydrate'",
    ),
    "unknown category": (
        setting("causes", "4", "category", "Diet"),
        "cause 4 has unknown category 'Diet'",
    ),
    "red flag without advice": (
        setting("causes", "10", "professional_advice", ""),
        "cause 10 is a red flag but its field 'professional_advice' is empty",
    ),
    "schema version": (
        setting("meta", "1", "schema_version", 2),
        "unsupported schema_version 2",
    ),
    "bad document": (setting("causes", "1", "why", None), "field 'why' should be a string"),
    "document not an object": (
        lambda db: db["faqs"].update({"3": ["x"]}),
        "table 'faqs' has a bad document '3'",
    ),
    "document id not an ASCII number": (
        lambda db: db["faqs"].update({"\u00b2": db["faqs"]["3"]}),
        "table 'faqs' has a bad document '\u00b2'",
    ),
    "stretch hold too short": (
        setting("stretches", "1", "hold_seconds", 1),
        "stretch 1 field 'hold_seconds' should be from 2 to 60, got 1",
    ),
    "stretch reps too many": (
        setting("stretches", "2", "repetitions", 11),
        "stretch 2 field 'repetitions' should be from 1 to 10, got 11",
    ),
    "stretch without caution": (
        setting("stretches", "3", "caution", ""),
        "stretch 3 field 'caution' is empty",
    ),
    "stretch linked to unknown cause": (
        appending("stretches", "4", "causes", 13),
        "stretch 4 links to unknown cause 13",
    ),
    "stretch sold as a treatment": (
        setting("stretches", "5", "cue", "This stretch will cure your cramps."),
        "stretch 5 reads as a treatment (cure)",
    ),
    "duplicate stretch id": (
        setting("stretches", "6", "id", "knee-rolls"),
        "duplicate stretch id 'knee-rolls'",
    ),
    "missing stretches table": (
        lambda db: db.pop("stretches"),
        "table 'stretches' is missing",
    ),
    "numbers not 1 to 12": (
        lambda db: db["faqs"].update({"0": {**db["faqs"].pop("12"), "number": 0}}),
        "FAQ numbers must run from 1 to 12",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_content_is_reported(tmp_path: Path, case: str) -> None:
    mutate, expected = BROKEN[case]
    db = raw_db()
    mutate(db)
    path = tmp_path / "content.json"
    path.write_text(json.dumps(db, indent=2), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ContentError) as info:
        load_content(path)
    assert str(info.value).startswith("content.json: ")
    assert expected in str(info.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "content.json is not valid JSON: "),
        (b"", "content.json is empty or not a TinyDB database"),
        (b"[1, 2, 3]", "content.json is empty or not a TinyDB database"),
        (b'{"meta": "\xff"}', "content.json is not valid UTF-8"),
    ],
)
def test_unreadable_content_is_reported(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "content.json"
    path.write_bytes(data)
    with pytest.raises(ContentError, match=re.escape(expected)):
        load_content(path)
    assert path.read_bytes() == data


def test_truncated_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "content.json"
    full = content_path().read_bytes()
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(ContentError, match="content.json is not valid JSON"):
        load_content(path)


def test_missing_file_is_reported_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "content.json"
    with pytest.raises(ContentError, match="content.json not found"):
        load_content(path)
    assert not path.exists() and not path.parent.exists()


def test_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="cannot be read"):
        load_content(tmp_path)


def test_build_gradually_item_says_what_its_detail_says(content: Content) -> None:
    """The checklist label names the slow build-up of depth and duration its detail explains."""
    item = content.item("build-gradually")
    assert "depth" in item.label.lower() and "duration" in item.label.lower()
    assert "slowly" in item.label.lower() and "slowly" in item.detail.lower()


def test_a_content_path_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "content.json"
    os.mkfifo(path)  # opening it for reading would block until a writer came
    with pytest.raises(ContentError, match="content.json cannot be read: .*not a regular file"):
        load_content(path)


def test_an_oversized_content_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "content.json"
    with path.open("wb") as file:
        file.truncate(MAX_CONTENT_BYTES + 1)  # sparse: no bytes to read, only the size
    with pytest.raises(ContentError, match="content.json is over 1,048,576 bytes"):
        load_content(path)
