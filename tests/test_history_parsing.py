"""Parsing a long history record by record gives exactly what one ``json.loads`` gives."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.history import codec, parsing
from crampui.history.errors import UnreadableError
from crampui.history.parsing import record_by_record

DECODER = json.JSONDecoder()
scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
records = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
tables = st.dictionaries(
    st.text(max_size=6), st.dictionaries(st.text(max_size=6), records, max_size=4), max_size=3
)


@given(tables, st.booleans())
def test_it_agrees_with_json_loads_on_any_object_of_objects(data: Any, spaced: bool) -> None:
    text = json.dumps(data, indent=1 if spaced else None, ensure_ascii=spaced)
    parsed = record_by_record(text, DECODER)
    assert parsed == json.loads(text)
    assert [list(table) for table in parsed.values()] == [list(t) for t in data.values()]


@pytest.mark.parametrize(
    "text",
    ['{"a": {"b": 1}', '{"a": {"b" 1}}', '{"a": {"b": 1}} x', "[]", '{"a": {"b": 1},}', ""],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises((ValueError, IndexError)):
        record_by_record(text, DECODER)


def decoded_in_a_thread(raw: bytes) -> Any:
    """What ``codec.decode`` returns (or raises) in a thread other than the main one."""
    found: list[Any] = []
    thread = threading.Thread(target=lambda: found.append(outcome(raw)))
    thread.start()
    thread.join()
    return found[0]


def outcome(raw: bytes) -> Any:
    try:
        return codec.decode(raw)
    except UnreadableError as error:
        return f"UnreadableError: {error}"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"sessions": {"a": {"note": "x", "seq": 1}}, "meta": {"1": {"schema_version": 2}}}',
        b'{"sessions": {"a": {"n": NaN}}}',
        b'{"sessions": {"a": {"n": 1e400}}}',
        b'{"sessions": [1, 2]}',
        b'{"sessions": {"a": 1}',
        '{"sessions": {"a": "caf\u00e9"}}'.encode("utf-16"),
    ],
    ids=["good", "nan", "too large", "a list table", "cut short", "utf-16"],
)
def test_decode_in_a_thread_is_the_same_as_on_the_main_thread(
    raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codec, "RECORD_BY_RECORD_FROM", 1)
    assert decoded_in_a_thread(raw) == outcome(raw)
    assert parsing.RECORD_BY_RECORD_FROM > 1, "only the codec's threshold was lowered"


def test_a_thread_reads_a_large_file_record_by_record(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.dumps({"sessions": {f"s{n}": {"seq": n} for n in range(50)}}).encode()
    monkeypatch.setattr(codec, "RECORD_BY_RECORD_FROM", len(raw))

    def whole_file(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed in one call")

    monkeypatch.setattr(codec.json, "loads", whole_file)
    assert decoded_in_a_thread(raw) == {"sessions": {f"s{n}": {"seq": n} for n in range(50)}}
