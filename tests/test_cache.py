"""The user cache (crampui.cache) is only a cache: every hostile shape is a quiet miss, a write
never follows a link or blocks a save, and a changed history is never answered from it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from crampui import __version__, cache
from crampui.history import HistoryStore, ItemRecord
from crampui.history.checked import note_checked, was_checked
from crampui.history.journal import journal_folder
from crampui.insights import status_cache
from tests.waiting import wait_for


def status_file() -> Path:
    """The status cache's file (in the test's own cache folder)."""
    return cache.cache_file(status_cache.NAME)


def crampui(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crampui ARGS`` in the test's environment (at most 30 s)."""
    return subprocess.run(
        [sys.executable, "-m", "crampui", *args],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env=os.environ.copy(),
        cwd=cwd,
    )


def log_sessions(path: Path, count: int) -> None:
    """Save ``count`` sessions into the history at ``path``."""
    store = HistoryStore(path)
    for _ in range(count):
        store.add_session([ItemRecord("hydrate", "done")])


def saved(value: object, version: str = __version__) -> bytes:
    """A cache file's bytes holding ``value`` as written by crampui ``version``."""
    return json.dumps({"version": version, "value": value}).encode()


def current_status_file() -> bytes:
    """The status cache as ``crampui status`` leaves it for the current history."""
    result = crampui("status")
    assert result.returncode == 0, result.stderr
    assert cache.read(status_cache.NAME) is not None
    return status_file().read_bytes()


# -- hostile shapes: each is a miss, and the commands still work -------------------------------


def make_fifo(path: Path) -> None:
    """A named pipe nobody writes to: opening it for reading the usual way waits forever."""
    os.mkfifo(path)


def make_directory(path: Path) -> None:
    """A directory where the file should be."""
    path.mkdir()


def make_link(path: Path) -> None:
    """A link to a valid status cache elsewhere (a cache file is never read through a link)."""
    target = path.with_name("elsewhere.json")
    target.write_bytes(current_status_file())
    path.unlink()
    path.symlink_to(target)


def make_huge(path: Path) -> None:
    """A 2 GiB sparse file: never read, whatever it holds."""
    with open(path, "wb") as file:
        file.truncate(2 * 1024**3)


def make_deep(path: Path) -> None:
    """JSON nested deeper than any parser's recursion limit."""
    path.write_bytes(b'{"version": "' + __version__.encode() + b'", "value": ' + b"[" * 60_000)


def make_wrong_types(path: Path) -> None:
    """The right version, with a status whose fields have the wrong types."""
    path.write_bytes(saved({"key": 1, "line": ["3 sessions"], "json": {"a": 1}}))


def make_other_version(path: Path) -> None:
    """A valid status written by another crampui version."""
    value = json.loads(current_status_file())["value"]
    path.write_bytes(saved(value, version="0.0.0-other"))


HOSTILE = {
    "fifo": make_fifo,
    "directory": make_directory,
    "symlink": make_link,
    "2 GiB sparse": make_huge,
    "deep JSON": make_deep,
    "wrong types": make_wrong_types,
    "other version": make_other_version,
}


@pytest.mark.parametrize("shape", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_status_cache_is_a_quiet_miss(shape: Callable[[Path], None]) -> None:
    """``status`` (a shell prompt's command) neither hangs, fails nor prints the cache; ``log``
    still saves; the next status counts the new session."""
    log_sessions(Path(os.environ["CRAMPUI_DB"]), 1)
    status_file().parent.mkdir(parents=True, exist_ok=True)
    status_file().unlink(missing_ok=True)
    shape(status_file())
    assert status_cache.cached() is None
    first = crampui("status")
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.startswith("1 session this week")
    logged = crampui("log", "--done", "hydrate", "--no-cramp")
    assert logged.returncode == 0, logged.stderr
    assert crampui("status").stdout.startswith("2 sessions this week")


def test_a_cache_folder_that_is_a_file_blocks_nothing() -> None:
    """With a regular file where the cache folder should be, every command works and saves."""
    cache.folder().parent.mkdir(parents=True, exist_ok=True)
    cache.folder().write_text("not a folder")
    for args in (["log", "--done", "hydrate", "--no-cramp"], ["status"], ["history", "--json"]):
        result = crampui(*args)
        assert (result.returncode, result.stderr) == (0, ""), args
    assert len(HistoryStore(Path(os.environ["CRAMPUI_DB"])).sessions()) == 1
    assert cache.folder().read_text() == "not a folder"


def test_checked_notes_with_wrong_types_are_ignored(tmp_path: Path) -> None:
    """A note of the right version whose values are not lists of integers means "check again"."""
    history = tmp_path / "h.json"
    status_file().parent.mkdir(parents=True, exist_ok=True)
    cache.cache_file("checked-histories").write_bytes(saved({str(history): ["1", 2.5]}))
    assert not was_checked(history, (1, 2))
    note_checked(history, (1, 2))
    assert was_checked(history, (1, 2))


def test_cache_text_reaches_the_terminal_cleaned() -> None:
    """A status cache carrying a terminal title sequence prints as plain text."""
    status_file().parent.mkdir(parents=True, exist_ok=True)
    key = status_cache.current_key()
    status_cache.save(key, "\x1b]0;owned\x07line\x9b31m", '{"line": "\x1b[2Jx"}')
    assert status_cache.cached() == "]0;ownedline31m"
    assert status_cache.cached(as_json=True) == '{"line": "[2Jx"}'
    printed = crampui("status")
    assert printed.stdout == "]0;ownedline31m\n"


def test_a_write_never_follows_a_link_and_is_private(tmp_path: Path) -> None:
    """A link planted at the cache file's name is replaced, never written through."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    status_file().parent.mkdir(parents=True, exist_ok=True)
    status_file().symlink_to(victim)
    status_cache.save("key", "line", "{}")
    assert victim.read_text() == "keep me"
    assert not status_file().is_symlink()
    assert oct(status_file().stat().st_mode & 0o777) == "0o600"
    assert [path.name for path in status_file().parent.iterdir()] == [status_file().name]


def test_too_large_a_value_is_not_written() -> None:
    """Nothing over the size cap is cached."""
    cache.write("big", "x" * cache.MAX_BYTES)
    assert not cache.cache_file("big").exists()


# -- stale by any key: a changed history is never answered from the cache ----------------------


def restore_mtime_after(path: Path, change: Callable[[], object]) -> None:
    """Make ``change`` to ``path`` and set its modification time back, as ``cp -p`` does.

    First waits until the file system's clock has moved past the file's change time, so the
    change is one a later key can see (file times tick in steps of a few milliseconds).
    """
    before = path.stat()
    probe = path.with_name("clock-probe")

    def clock_moved() -> bool:
        probe.write_text("tick")
        return probe.stat().st_ctime_ns > before.st_ctime_ns

    wait_for(clock_moved, "the file system clock to tick")
    change()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_stale_after_a_same_size_same_mtime_change() -> None:
    """The same bytes count rewritten in place with the old modification time is a miss."""
    history = Path(os.environ["CRAMPUI_DB"])
    log_sessions(history, 1)
    current_status_file()
    assert status_cache.cached() is not None
    size = history.stat().st_size

    def rewrite() -> None:
        with open(history, "r+b") as file:
            file.write(file.read())  # same bytes appended... then cut back to the same size
            file.truncate(size)

    restore_mtime_after(history, rewrite)
    assert history.stat().st_size == size
    assert status_cache.cached() is None


def test_stale_after_cp_p_of_an_older_copy(tmp_path: Path) -> None:
    """An older copy put back with ``cp -p`` (its old time kept) is answered afresh."""
    history = Path(os.environ["CRAMPUI_DB"])
    log_sessions(history, 1)  # the first save writes the file, with no journal yet
    older = tmp_path / "older.json"
    shutil.copy2(history, older)
    log_sessions(history, 1)
    assert crampui("status").stdout.startswith("2 sessions")

    def put_back() -> None:
        """The older copy of the history (the file, and no journal then) put back."""
        shutil.copy2(older, history)
        shutil.rmtree(journal_folder(history))

    restore_mtime_after(history, put_back)
    assert status_cache.cached() is None
    assert crampui("status").stdout.startswith("1 session ")


def test_a_relative_history_path_is_answered_per_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``CRAMPUI_DB=history.json`` in folder A and then in folder B: B gets B's sessions."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    log_sessions(first / "history.json", 1)
    log_sessions(second / "history.json", 2)
    monkeypatch.setenv("CRAMPUI_DB", "history.json")
    assert crampui("status", cwd=first).stdout.startswith("1 session ")
    assert crampui("status", cwd=second).stdout.startswith("2 sessions")
    assert crampui("status", cwd=first).stdout.startswith("1 session ")


def test_a_repointed_link_is_answered_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A history reached through a link that is then pointed at another file: a miss."""
    first, second, link = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "link.json"
    log_sessions(first, 1)
    log_sessions(second, 2)
    link.symlink_to(first)
    monkeypatch.setenv("CRAMPUI_DB", str(link))
    assert crampui("status").stdout.startswith("1 session ")
    link.unlink()
    link.symlink_to(second)
    assert status_cache.cached() is None
    assert crampui("status").stdout.startswith("2 sessions")


def test_a_conflict_copy_beside_the_history_is_a_miss() -> None:
    """A sync tool's conflict copy dropped beside the history changes the key."""
    history = Path(os.environ["CRAMPUI_DB"])
    log_sessions(history, 1)
    current_status_file()
    copy = history.with_name("history.sync-conflict-20261202-181500-ABC1234.json")
    shutil.copy2(history, copy)
    assert status_cache.cached() is None


def test_the_cache_lives_where_platformdirs_says() -> None:
    """No hard-coded ~/.cache: the folder follows XDG_CACHE_HOME through platformdirs."""
    assert cache.folder() == Path(os.environ["XDG_CACHE_HOME"]) / "crampui"


@pytest.mark.parametrize("shape", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_checked_note_blocks_no_save(shape: Callable[[Path], None]) -> None:
    """With any hostile shape at the checked-histories note, sessions are saved and listed
    (the file is simply checked again)."""
    notes = cache.cache_file("checked-histories")
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.unlink(missing_ok=True)
    if shape is make_link:  # a link to a valid note for this very history
        log_sessions(Path(os.environ["CRAMPUI_DB"]), 1)
        target = notes.with_name("elsewhere.json")
        notes.rename(target)
        notes.symlink_to(target)
    elif shape is make_other_version:
        notes.write_bytes(saved({}, version="0.0.0-other"))
    else:
        shape(notes)
    for _ in range(2):
        logged = crampui("log", "--done", "hydrate", "--no-cramp")
        assert (logged.returncode, logged.stderr) == (0, ""), logged.stderr
    listed = crampui("history", "--json")
    assert (listed.returncode, listed.stderr) == (0, "")
    assert len(json.loads(listed.stdout)) == (3 if shape is make_link else 2)


def test_a_value_that_cannot_be_written_is_skipped() -> None:
    """A path from undecodable bytes (a lone surrogate) is not cached and raises nothing."""
    cache.write("odd", {"/home/\udcff/history.json": [1]})
    assert not cache.cache_file("odd").exists()


def test_log_leaves_the_new_status_in_the_cache() -> None:
    """``crampui log`` keeps the status it leaves behind, so the prompt's next ``status`` is a
    hit: the cached line already counts the new session and says it was today."""
    history = Path(os.environ["CRAMPUI_DB"])
    log_sessions(history, 1)
    before = current_status_file()
    result = crampui("log", "--done", "hydrate", "--no-cramp")
    assert result.returncode == 0, result.stderr
    assert status_file().read_bytes() != before
    line = status_cache.cached()
    assert line is not None and line.startswith("2 sessions this week")
    assert "last session today" in line
    assert crampui("status").stdout.strip() == line


def test_a_log_to_another_history_leaves_the_status_cache_alone(tmp_path: Path) -> None:
    """The cache serves only the default history: ``log --db`` does not touch it."""
    log_sessions(Path(os.environ["CRAMPUI_DB"]), 1)
    before = current_status_file()
    other = tmp_path / "other.json"
    result = crampui("--db", str(other), "log", "--done", "hydrate")
    assert result.returncode == 0, result.stderr
    assert status_file().read_bytes() == before
    assert status_cache.cached() is not None
