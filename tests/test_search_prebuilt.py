"""The bundled content's search index kept in the user cache (crampui.search.prebuilt)."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crampui import content_cache
from crampui.content import Cause, Faq, default_content
from crampui.search import Hit, SearchIndex, prebuilt
from crampui.search.prebuilt import faq_as_json
from tests.test_cli_imports import run_with_importtime

QUERY_FILES = ("search_queries.json", "search_queries_fresh.json")


def queries() -> list[str]:
    """Every query of the pinned query files, and each one cut short as while typing."""
    asked = [
        row["query"]
        for name in QUERY_FILES
        for row in json.loads((Path(__file__).parent / name).read_text())
    ]
    typing = [query[: max(1, len(query) // 2)] for query in asked]
    return list(dict.fromkeys(["", "9", "hold", "stretchng", "dehidration", *asked, *typing]))


QUERIES = queries()


def fresh() -> SearchIndex:
    """An index of the bundled content built from scratch (no cache key)."""
    return SearchIndex.of(default_content())


def cached_index() -> SearchIndex:
    """An index of the bundled content that loads or saves its tables in the cache."""
    return prebuilt.bundled_index()


def as_rows(hits: list[Hit[Faq]] | list[Hit[Cause]]) -> list[tuple[int, float, frozenset[str]]]:
    """Hits as (number, exact score, matched words)."""
    return [(hit.item.number, hit.score, hit.matched) for hit in hits]


def built_and_saved() -> SearchIndex:
    """An index whose tables were just built and saved, then one that loads them."""
    first = cached_index()
    first.faqs("warm")  # builds the tables and saves them
    assert Path(prebuilt.cache_file()).exists()
    return cached_index()


@pytest.fixture(scope="module")
def saved_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A cache directory holding the saved index (built once per module)."""
    cache = str(tmp_path_factory.mktemp("cache"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("XDG_CACHE_HOME", cache)
        built_and_saved()
    yield cache


@pytest.fixture
def indexes(saved_cache: str, monkeypatch: pytest.MonkeyPatch) -> tuple[SearchIndex, SearchIndex]:
    """A freshly built index and one restored from the saved file, that cache in use."""
    monkeypatch.setenv("XDG_CACHE_HOME", saved_cache)
    restored = cached_index()
    restored.faqs("")
    assert prebuilt.load(str(prebuilt.index_key())) is not None
    return fresh(), restored


def test_the_restored_index_ranks_every_pinned_query_exactly_as_a_fresh_one(
    indexes: tuple[SearchIndex, SearchIndex],
) -> None:
    """FAQs, causes and the Causes filter: same items, same order, same scores to the bit,
    same matched words, for every query of the pinned files (whole and half typed)."""
    built, restored = indexes
    for query in QUERIES:
        assert as_rows(restored.faqs(query)) == as_rows(built.faqs(query)), query
        assert as_rows(restored.causes(query)) == as_rows(built.causes(query)), query
        assert as_rows(restored.filter_causes(query)) == as_rows(built.filter_causes(query))


def test_the_command_line_answer_is_the_fresh_ranking(
    indexes: tuple[SearchIndex, SearchIndex],
) -> None:
    """What ``faq QUERY --json`` prints from the saved index (without loading the content)
    is what the command computes from a fresh index."""
    built, _ = indexes
    for query in QUERIES[::3]:  # each call reads the file: a third of them is plenty
        expected = [faq_as_json(hit.item, hit.score) for hit in built.faqs(query)]
        assert prebuilt.faq_answer(query) == expected, query


def test_no_saved_index_is_no_answer() -> None:
    """Without a saved index the fast path declines, and the command computes the answer."""
    assert not Path(prebuilt.cache_file()).exists()
    assert prebuilt.faq_answer("how long") is None


def corruptions(data: bytes) -> dict[str, bytes]:
    """Ways a saved file can be wrong: damaged, cut, stale, or well-signed but misshapen."""
    header, digest, payload = data.split(b"\n", 2)
    flipped = bytearray(payload)
    flipped[len(flipped) // 2] ^= 0x40
    wrong_shape = marshal.dumps((marshal.dumps((1, 2, 3, 4)), marshal.dumps(())))
    signed = content_cache.digest(wrong_shape).hexdigest().encode()
    return {
        "empty": b"",
        "no header": payload,
        "cut short": data[: len(data) // 2],
        "a flipped byte": b"\n".join((header, digest, bytes(flipped))),
        "another content or code": b"\n".join((b"crampui-search-index-1:x:stale", digest, payload)),
        "signed but misshapen": b"\n".join((header, signed, wrong_shape)),
        "not marshal": b"\n".join(
            (header, content_cache.digest(b"junk").hexdigest().encode(), b"junk")
        ),
    }


@pytest.mark.parametrize("kind", list(corruptions(b"k\nd\npayload")))
def test_a_damaged_or_stale_file_is_ignored_and_rebuilt(kind: str) -> None:
    """A bad file is never used: load says None, the index is built afresh and ranks as a
    fresh one, and a good file replaces the bad one."""
    built_and_saved()
    path = Path(prebuilt.cache_file())
    bad = corruptions(path.read_bytes())[kind]
    path.write_bytes(bad)
    key = str(prebuilt.index_key())
    assert prebuilt.load(key) is None
    assert prebuilt.faq_answer("how long") is None
    index = cached_index()
    assert as_rows(index.faqs("how long do i hold")) == as_rows(fresh().faqs("how long do i hold"))
    assert path.read_bytes() != bad
    assert prebuilt.load(key) is not None


def test_the_key_follows_the_content_and_the_code() -> None:
    """The key names the format, the Python and the content key (content file + code)."""
    key = str(prebuilt.index_key())
    assert key.startswith(f"{prebuilt.FORMAT}:{sys.implementation.cache_tag}:")
    assert key.endswith(str(content_cache.content_key()))
    assert any(path.endswith("prebuilt.py") for path in content_cache.code_files())
    assert any(path.endswith("content_cmds.py") for path in content_cache.code_files())


def crampui(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crampui ARGV`` in the isolated user directories."""
    return subprocess.run(
        [sys.executable, "-m", "crampui", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_new_query_is_ranked_from_the_saved_index_without_the_heavy_imports() -> None:
    """After one ``faq`` run, a query never asked loads neither the content, argparse,
    dataclasses, hashlib (OpenSSL) nor rapidfuzz (even with a typo to correct), and prints
    the same answer as the full command does."""
    assert crampui("faq", "warm", "up", "--json").returncode == 0
    query = "how lnog shuold i hold a strech"
    out, modules = run_with_importtime("faq", query, "--json")
    heavy = {"crampui.content", "crampui.cli", "argparse", "dataclasses", "tinydb"}
    heavy |= {"rapidfuzz", "hashlib"}
    assert heavy.isdisjoint(modules)
    expected = [faq_as_json(hit.item, hit.score) for hit in fresh().faqs(query)]
    assert json.loads(out) == expected
    Path(prebuilt.cache_file()).unlink()
    Path(content_cache.cache_file()).unlink()
    full = crampui("faq", query, "--json")
    assert (full.returncode, full.stdout) == (0, out)
