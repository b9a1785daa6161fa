"""Files crampui did not write: each numbered case of issue 10, through the real CLI.

Every run must exit 0 or 2, print at most a one-line message, never a traceback or a control
character, and lose nothing (the original bytes stay in the file or in a ``.corrupt-`` copy).

``CRAMPUI_UNDER_TEST=/path/to/venv/bin/crampui`` runs the same cases against an installed
wheel instead of ``python -m crampui`` from this tree.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crampui.history import (
    MAX_FILE_BYTES,
    HistoryStore,
    HistoryWriteError,
    ItemRecord,
    engine,
    migrations,
    recovery,
)
from crampui.history.engine import FileTooLargeError, FileTypeError, read_regular
from crampui.history.records import MAX_NUMBER
from crampui.locations import local_folder
from tests.history_files import history_bytes, history_tables

GOOD = {"meta": {"1": {"schema_version": 1}}}
CONTROL = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))} - {"\n"}
HOSTILE = "\x1b]52;c;aGVsbG8=\x07osc \x1b[2Jclear \x9b31mred \u202eflip\u202c \x1bPdcs\x1b\\ end"
HOSTILE_CLEAN = "osc clear red flip end"


def crampui(
    *args: str, db: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m crampui --db DB ARGS``; check the rules every run must keep."""
    installed = os.environ.get("CRAMPUI_UNDER_TEST")
    command = [installed] if installed else [sys.executable, "-m", "crampui"]
    result = subprocess.run(
        [*command, "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=timeout,
    )
    assert result.returncode in (0, 2), result
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream, stream[-3000:]
        assert not CONTROL & set(stream), repr(stream[:500])
    assert result.stderr.count("\n") <= 1, result.stderr
    return result


def refused(result: subprocess.CompletedProcess[str], message: str) -> None:
    """Exit 2 with a one-line error containing ``message``."""
    assert result.returncode == 2, result
    assert result.stderr.startswith("crampui: error: ") and message in result.stderr


def recovered(result: subprocess.CompletedProcess[str]) -> None:
    """Exit 0 with a one-line warning that the file was moved aside."""
    assert result.returncode == 0, result
    assert result.stderr.startswith("crampui: warning: ")
    assert ".corrupt-" in result.stderr


def session_doc(**fields: object) -> dict[str, object]:
    """A valid stored session document, with ``fields`` changed."""
    doc: dict[str, object] = {"seq": 1, "saved_at": "2026-11-25T20:15:30.123456+00:00"}
    doc.update(fields)
    return doc


def write_tables(db: Path, **tables: object) -> bytes:
    """Write a current-schema file with ``tables`` (given as schema 1); return its bytes."""
    raw = json.dumps(migrations.migrate_v1({**GOOD, **tables})).encode()
    db.write_bytes(raw)
    return raw


def corrupt_copies(db: Path) -> list[Path]:
    """The ``.corrupt-`` files beside ``db``."""
    return sorted(db.parent.glob(f"{db.name}.corrupt-*"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The history file, alone in its own folder."""
    (tmp_path / "data").mkdir()
    return tmp_path / "data" / "history.json"


# -- 1: only regular files, and only so much of them -------------------------------------------


@pytest.mark.parametrize("command", [("history",), ("log", "--no-cramp")])
def test_1_a_fifo_is_refused_without_hanging(db: Path, command: tuple[str, ...]) -> None:
    os.mkfifo(db)
    refused(crampui(*command, db=db, timeout=20), "is not a history file (it is a FIFO")
    assert stat.S_ISFIFO(os.lstat(db).st_mode)
    assert sorted(p.name for p in db.parent.iterdir()) == ["history.json"]


def make_device(path: Path, minor: int) -> None:
    """A character device like /dev/null (minor 3) or /dev/zero (5), in a temporary folder."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")


@pytest.mark.parametrize("minor", [3, 5], ids=["null-like", "zero-like"])
def test_1_a_device_node_is_refused_and_left_in_place(db: Path, minor: int) -> None:
    make_device(db, minor)
    refused(crampui("log", "--no-cramp", db=db, timeout=20), "it is a character device")
    refused(crampui("history", db=db, timeout=20), "it is a character device")
    assert stat.S_ISCHR(os.lstat(db).st_mode)  # not replaced by a regular file


def test_1_the_reader_never_opens_a_real_device() -> None:
    with pytest.raises(FileTypeError, match="character device"):
        read_regular(Path("/dev/zero"), 1024)  # a stat only: nothing is read or written


def test_1_a_file_above_the_size_limit_is_refused_untouched(db: Path) -> None:
    with db.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk space used
    refused(crampui("history", db=db), "is larger than 64 MiB")
    refused(crampui("log", "--no-cramp", db=db), "it was left untouched")
    assert db.stat().st_size == MAX_FILE_BYTES + 1 and not corrupt_copies(db)


def test_1_reading_stops_at_the_limit(db: Path) -> None:
    db.write_bytes(b"x" * 101)
    with pytest.raises(FileTooLargeError):
        read_regular(db, 100)
    assert read_regular(db, 101) == b"x" * 101


# -- 2: control characters stored in the file never reach the terminal ----------------------


def test_2_control_characters_in_the_file_are_cleaned_on_output(db: Path) -> None:
    outcome = {"cramped": True, "where": HOSTILE[:150], "note": HOSTILE}
    doc = session_doc(
        note=HOSTILE, skipped="loosen", reasons={"loosen": HOSTILE}, outcome=outcome,
        episodes=[{"at": "2026-11-25T20:15:31+00:00", "side": "\x1b[2Jleft"}],
    )  # fmt: skip
    raw = write_tables(db, sessions={"1": doc})
    for form in ((), ("--csv",), ("--json",)):
        result = crampui("history", *form, db=db)
        assert result.returncode == 0 and result.stderr == ""
        assert HOSTILE_CLEAN in result.stdout
    [session] = json.loads(crampui("history", "--json", db=db).stdout)
    assert session["note"] == HOSTILE_CLEAN  # both notes, the same words: read as one note
    assert session["episodes"][0]["side"] == "left"
    store = HistoryStore(db)
    assert store.get(1).items[0].reason == HOSTILE_CLEAN
    stored = history_tables(db)["sessions"]  # reading cleans what it shows, not the file
    assert stored == json.loads(raw)["sessions"]


# -- 3: out-of-range times are malformed data ------------------------------------------------


@pytest.mark.parametrize(
    ("saved_at", "tz"),
    [
        ("9999-12-31T23:59:59-05:00", "UTC"),
        ("0001-01-01T00:00:00+05:00", "UTC"),
        ("9999-12-31T10:00:00+00:00", "Pacific/Kiritimati"),
        ("0001-01-01T05:00:00+00:00", "Etc/GMT+12"),
    ],
)
def test_3_an_out_of_range_time_is_recovered(db: Path, saved_at: str, tz: str) -> None:
    crampui("log", "--done", "hydrate", db=db)
    crampui("log", "--done", "hydrate", "posture", db=db)
    own = HistoryStore(db)  # the command line's device
    own.compact()  # both sessions in its store
    tables = json.loads(own.store_path.read_bytes())
    [second] = [doc for doc in tables["sessions"].values() if doc["seq"] == 2]
    second["saved_at"] = saved_at
    own.store_path.write_text(json.dumps(tables))
    recovered(crampui("history", db=db, env={"TZ": tz}))
    assert "saved_at is out of range" in corrupt_notice(own.store_path)
    assert crampui("log", "--no-cramp", db=db, env={"TZ": tz}).returncode == 0
    # the backup, with the second session as this computer's journal kept it, and the new one
    assert len(json.loads(crampui("history", "--json", db=db).stdout)) == 3


def corrupt_notice(db: Path) -> str:
    """What a fresh store says about the corrupt copy next to ``db``."""
    [copy] = corrupt_copies(db)
    probe = copy.parent.parent / "probe.json"
    probe.write_bytes(copy.read_bytes())
    notice = HistoryStore(probe).recovery_notice
    assert notice is not None
    return notice


def test_3_the_latest_valid_time_shows_in_every_timezone(db: Path) -> None:
    write_tables(db, sessions={"1": session_doc(saved_at="9999-12-30T23:00:00+00:00")})
    for tz in ("Pacific/Kiritimati", "Etc/GMT+12", "UTC"):
        result = crampui("history", db=db, env={"TZ": tz})
        assert result.returncode == 0 and result.stderr == "" and "9999-12-3" in result.stdout


# -- 4, 5, 6: nesting, bad next_seq, numbers JSON cannot write back --------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b'{"meta": {"1": {"schema_version": 1}}, "sessions": ' + b"[" * 100_000,
        b'{"meta": {"1": {"schema_version": 1}}, "x": {"1": {"y": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}}}",
        b"[" * 100_000,
    ],
    ids=["unclosed", "closed", "whole file"],
)
def test_4_deep_nesting_is_recovered(db: Path, raw: bytes) -> None:
    db.write_bytes(raw)
    recovered(crampui("history", db=db))
    assert corrupt_copies(db)[0].read_bytes() == raw
    assert crampui("log", "--no-cramp", db=db).returncode == 0


@pytest.mark.parametrize("next_seq", ["abc", None, 7.5, -1, True, 10**40])
def test_5_a_bad_next_seq_is_recovered_and_saving_works(db: Path, next_seq: object) -> None:
    db.write_text(json.dumps({"meta": {"1": {"schema_version": 1, "next_seq": next_seq}}}))
    result = crampui("log", "--no-cramp", db=db)
    recovered(result)
    assert "next_seq" in result.stderr
    assert crampui("log", "--no-cramp", db=db).stdout == "Saved session #2 (0 done, 0 skipped).\n"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"meta": {"1": {"schema_version": 1}}, "unknown": {"1": {"v": 1e400}}}',
        b'{"meta": {"1": {"schema_version": 1}}, "sessions": {"1": {"seq": 1, '
        b'"saved_at": "2026-11-25T20:15:30+00:00", "extra": -1e400}}}',
        b'{"meta": {"1": {"schema_version": 1}}, "unknown": {"1": {"v": "\\ud800"}}}',
    ],
    ids=["1e400 in an unknown table", "-1e400 in an extra field", "a lone surrogate"],
)
def test_6_values_a_save_could_not_write_back_are_recovered(db: Path, raw: bytes) -> None:
    db.write_bytes(raw)
    recovered(crampui("log", "--no-cramp", db=db))
    for _ in range(2):  # every later save works
        result = crampui("log", "--no-cramp", db=db)
        assert result.returncode == 0 and result.stderr == ""
    assert corrupt_copies(db)[0].read_bytes() == raw


# -- 8: a newer-schema backup is never overwritten -------------------------------------------


def test_8_a_corrupt_file_with_a_newer_schema_backup_is_left_alone(db: Path) -> None:
    db.write_bytes(b"{broken")
    backup = local_folder(db, create=True) / "history.json.bak"
    backup.write_text('{"meta": {"1": {"schema_version": 9}}, "sessions": {}}')
    before = backup.read_bytes()
    for _ in range(2):
        refused(crampui("log", "--no-cramp", db=db), "written by a newer crampui (schema 9)")
    refused(crampui("history", db=db), "Upgrade crampui")
    assert backup.read_bytes() == before and db.read_bytes() == b"{broken"
    assert not corrupt_copies(db)


def test_8_an_unusable_backup_is_moved_aside_not_overwritten(db: Path) -> None:
    db.write_bytes(b"{broken")
    backup = local_folder(db, create=True) / "history.json.bak"
    backup.write_bytes(b"also broken")
    result = crampui("log", "--no-cramp", db=db)
    recovered(result)
    assert "The unusable backup was moved to" in result.stderr
    crampui("log", "--no-cramp", db=db)
    [kept] = local_folder(db).glob("history.json.bak.corrupt-*")
    assert kept.read_bytes() == b"also broken"


# -- 9: a full disk during recovery never claims "unchanged" falsely -------------------------


def full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_9_a_restore_that_cannot_be_written_puts_the_file_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(db)
    store.add_session([ItemRecord("hydrate", "done")])
    store.compact()
    store.add_session([ItemRecord("hydrate", "done")])
    store.compact()  # the backup holds the first session, this computer's journal the second
    own = store.store_path
    own.write_bytes(b"{corrupt")
    monkeypatch.setattr(recovery, "atomic_write", full_disk)
    with pytest.raises(HistoryWriteError, match="No space left on device. Your data is unchanged"):
        HistoryStore(db)
    assert own.read_bytes() == b"{corrupt"  # it is true: unchanged
    assert not corrupt_copies(own)
    monkeypatch.undo()
    assert HistoryStore(db).count() == 2  # space again: the backup is restored, the journal on it


def test_9_if_the_file_cannot_be_put_back_the_message_says_where_it_is(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(db)
    store.add_session([ItemRecord("hydrate", "done")])
    store.compact()
    store.add_session([ItemRecord("hydrate", "done")])
    store.compact()  # the backup holds the first session, this computer's journal the second
    own = store.store_path
    own.write_bytes(b"{corrupt")
    real_replace = os.replace

    def replace_once(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(source).name.startswith(f"{own.name}.corrupt-"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))  # the move back fails too
        real_replace(source, target)

    monkeypatch.setattr(recovery, "atomic_write", full_disk)
    monkeypatch.setattr(recovery.os, "replace", replace_once)
    with pytest.raises(HistoryWriteError) as caught:
        HistoryStore(db)
    message = str(caught.value)
    assert "unchanged" not in message
    [copy] = corrupt_copies(own)
    assert f"The unreadable file is at {copy}" in message and copy.read_bytes() == b"{corrupt"


# -- 10: a symlinked history keeps its link ---------------------------------------------------


def test_10_a_symlink_is_followed_and_its_target_keeps_getting_the_writes(db: Path) -> None:
    (db.parent / "synced").mkdir()
    target = db.parent / "synced" / "history.json"
    link = db
    link.symlink_to(target)  # dangling until the first save
    for _ in range(3):
        assert crampui("log", "--no-cramp", db=link).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    store = HistoryStore(link)
    store.compact()
    assert len(history_tables(target)["sessions"]) == 3
    assert sorted(p.name for p in db.parent.iterdir()) == ["history.json", "synced"]
    assert store.backup_path.exists() and store.store_path.parent.parent == target.parent
    assert len(json.loads(crampui("history", "--json", db=link).stdout)) == 3


# -- 11: any output encoding, huge arguments -------------------------------------------------


def test_11_an_ascii_terminal_gets_escapes_not_a_traceback(db: Path) -> None:
    ascii_only = {"PYTHONIOENCODING": "ascii"}
    assert crampui("log", "--done", "hydrate", "--note", "café · 日本", db=db).returncode == 0
    for form in ((), ("--csv",), ("--json",)):
        result = crampui("history", *form, db=db, env=ascii_only)
        assert result.returncode == 0 and result.stdout.isascii()
    assert "caf\\xe9" in crampui("history", db=db, env=ascii_only).stdout
    result = crampui("log", "--done", "naïve", db=db, env=ascii_only)
    refused(result, "unknown checklist item")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--cramp", "--severity", "9" * 5000), "--severity must be a whole number from 0 to 10"),
        (("--done", "x" * 100_000), "unknown checklist item 'xxxx"),
        (("--done", *(f"item{n}" for n in range(500))), "and 495 more"),
        (("--where", "w" * 100_000, "--cramp"), "--where is 100,000 characters"),
        (("--bogus", "y" * 100_000), "unrecognized arguments"),
    ],
)
def test_11_huge_arguments_give_a_short_message(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    result = crampui("log", *args, db=db)
    refused(result, message)
    assert len(result.stderr) < 600 and not db.exists()


# -- 12: reads create nothing; a log needs something to log ---------------------------------


def test_12_reading_creates_no_lock_file(db: Path) -> None:
    assert crampui("log", "--no-cramp", db=db).returncode == 0
    (local_folder(db) / "lock").unlink()
    for form in ((), ("--csv",), ("--json",)):
        assert crampui("history", *form, db=db).returncode == 0
    assert sorted(p.name for p in db.parent.iterdir()) == ["history.json", "history.json.journal"]


def test_12_a_bare_log_is_refused(db: Path) -> None:
    refused(crampui("log", db=db), "nothing to log")
    refused(crampui("log", "--note", "only a note", db=db), "nothing to log")
    assert not db.exists()


def test_engine_refuses_to_replace_a_non_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(FileTypeError):
        engine.atomic_write(fifo, b"{}")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- issue 25: journals, merged copies and drafts that crampui did not write -------------------


def test_25_a_journal_that_is_a_symlink_is_never_written_through(db: Path) -> None:
    assert crampui("log", "--no-cramp", db=db).returncode == 0
    assert crampui("log", "--no-cramp", db=db).returncode == 0
    (found, *_) = (db.parent / "history.json.journal").glob("*.jsonl")
    journal = found.with_name(found.name.split(".")[0] + ".jsonl")  # this computer's own
    victim = db.parent.parent / "elsewhere.txt"
    victim.write_text("a line without its newline")
    journal.unlink(missing_ok=True)
    journal.symlink_to(victim)
    result = crampui("log", "--no-cramp", db=db)
    refused(result, "Could not save")
    assert victim.read_text() == "a line without its newline"
    assert crampui("history", db=db).returncode == 0


def test_25_a_fifo_or_folder_among_the_journals_is_left_alone(db: Path) -> None:
    assert crampui("log", "--no-cramp", db=db).returncode == 0
    folder = db.parent / "history.json.journal"
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / "fifo.jsonl")
    (folder / "folder.jsonl").mkdir()
    for _ in range(2):
        result = crampui("history", "--json", db=db, timeout=20)
        assert result.returncode == 0 and len(json.loads(result.stdout)) == 1
    assert crampui("log", "--no-cramp", db=db, timeout=20).returncode == 0
    assert stat.S_ISFIFO(os.lstat(folder / "fifo.jsonl").st_mode)


def test_25_a_merged_folder_that_is_a_symlink_keeps_the_copies_in_place(db: Path) -> None:
    HistoryStore(db, device="aaaaaaaaaaaa").add_session([ItemRecord("hydrate", "done")])
    copy = db.with_name("history.sync-conflict-20261202-181500-ABCDEFG.json")
    other = db.parent.parent / "other.json"
    HistoryStore(other, device="bbbbbbbbbbbb").add_session([ItemRecord("hydrate", "done")])
    copy.write_bytes(history_bytes(other))  # a conflict copy from an earlier layout
    outside = db.parent.parent / "outside"
    outside.mkdir()
    (local_folder(db, create=True) / "merged").symlink_to(outside)
    result = crampui("history", "--json", db=db)
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 2
    assert "could not move" in result.stderr
    assert copy.exists() and list(outside.iterdir()) == []


@pytest.mark.parametrize("field", ["changed_at", "device"])
@pytest.mark.parametrize("value", [5, None, ["x"], "not a time or id"])
def test_25_a_draft_with_a_malformed_version_is_recovered_and_saving_works(
    db: Path, field: str, value: object
) -> None:
    store = HistoryStore(db, device="aaaaaaaaaaaa")
    store.add_session([ItemRecord("hydrate", "done")])
    store.save_draft([ItemRecord("hydrate", "done")])
    store.compact()  # the draft in its store
    data = json.loads(store.store_path.read_text())
    data["draft"]["1"][field] = value
    store.store_path.write_text(json.dumps(data))
    assert crampui("history", db=db).returncode == 0
    assert crampui("log", "--no-cramp", db=db).returncode == 0
    assert len(json.loads(crampui("history", "--json", db=db).stdout)) >= 1


@pytest.mark.parametrize("where", ["seq", "next_seq"])
def test_25_numbers_at_the_largest_allowed_never_block_a_save(db: Path, where: str) -> None:
    store = HistoryStore(db, device="aaaaaaaaaaaa")
    first = store.add_session([ItemRecord("hydrate", "done")])
    data = json.loads(store.store_path.read_text())
    if where == "seq":
        data["sessions"][first.uid]["seq"] = MAX_NUMBER
    else:
        data["meta"]["1"]["next_seq"] = MAX_NUMBER
    store.store_path.write_text(json.dumps(data))
    for _ in range(3):
        assert crampui("log", "--no-cramp", db=db).returncode == 0
    store = HistoryStore(db, device="aaaaaaaaaaaa")
    numbers = [session.id for session in store.sessions()]
    assert len(numbers) == len(set(numbers)) == 4
    assert store.recovery_notice is None
    added = store.add_session([])
    assert store.get(added.id).uid == added.uid  # the number it is shown with


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_25_a_device_id_that_cannot_be_stored_stays_the_same_run_after_run(
    tmp_path: Path, kind: str
) -> None:
    from crampui.history.device import DEVICE_FILE, device_id

    config = tmp_path / "config"
    config.mkdir()
    if kind == "folder":
        (config / DEVICE_FILE).mkdir()
    else:
        os.mkfifo(config / DEVICE_FILE)
    first = device_id(config)
    assert device_id(config) == first and len(first) == 12
    assert device_id(tmp_path) != first  # another folder (another config): another id


def test_25_a_device_id_copied_from_another_computer_gets_a_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A config folder copied to a second computer brings the first one's id: the second
    computer makes its own (once), the first keeps its id, and nothing saved is lost."""
    from crampui.history.device import COMPUTER_FILE, DEVICE_FILE, device_id

    config = tmp_path / "config"
    config.mkdir()
    (config / DEVICE_FILE).write_text("aaaaaaaaaaaa\n")  # made by an earlier version
    assert device_id(config) == "aaaaaaaaaaaa" and (config / COMPUTER_FILE).is_file()
    copied = tmp_path / "copied"
    shutil.copytree(config, copied)
    (copied / COMPUTER_FILE).write_text("0123456789abcdef\n")  # as noted on another computer
    monkeypatch.setenv("CRAMPUI_CONFIG_DIR", str(copied))
    db = tmp_path / "history.json"
    first = HistoryStore(db, device="aaaaaaaaaaaa").add_session([ItemRecord("hydrate", "done")])
    second = HistoryStore(db).add_session([ItemRecord("hydrate", "done")])
    new = device_id(copied)
    assert new != "aaaaaaaaaaaa" and device_id(copied) == new
    assert device_id(config) == "aaaaaaaaaaaa"
    HistoryStore(db).compact()  # every session in the file
    devices = {doc["device"] for doc in history_tables(db)["sessions"].values()}
    assert devices == {"aaaaaaaaaaaa", new}
    assert [s.uid for s in HistoryStore(db).sessions()] == [second.uid, first.uid]
