"""Issue 28: the installed ``crampui`` behaves like a well-made Unix tool.

Every test runs the console script installed beside this interpreter, as a person or a script
would, and checks what reaches the terminal and what is left on disk.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest

CRAMPUI = str(Path(sys.executable).with_name("crampui"))
"""The ``crampui`` console script of the environment running the tests."""


def crampui(
    *args: str | bytes,
    env: Mapping[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``crampui ARGS`` with text output captured (UTF-8)."""
    return subprocess.run(
        [CRAMPUI, *args],
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=60,
    )


def refused(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    """Exit status 2, nothing on stdout, one escaped ``crampui: error:`` line with ``phrases``."""
    assert result.returncode == 2, result
    assert not result.stdout
    assert result.stderr.startswith("crampui: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A history with one session in it."""
    path = tmp_path / "h.json"
    assert crampui("--db", str(path), "log", "--no-cramp").returncode == 0
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and mode."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mode)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# -- 1. tracebacks where one line was promised; closed pipes -----------------------------------

HISTORY_COMMANDS = [
    ["history"],
    ["history", "--json"],
    ["log", "--no-cramp"],
    ["episodes"],
    ["items"],
    ["report"],
    ["status"],
    ["merge", "other.json"],
]


@pytest.mark.parametrize("command", HISTORY_COMMANDS, ids=" ".join)
def test_a_symlink_loop_as_the_history_is_one_line(tmp_path: Path, command: list[str]) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    refused(crampui("--db", str(loop), *command), "symlink loop")
    refused(crampui(*command, env={"CRAMPUI_DB": str(loop)}), "symlink loop")


@pytest.mark.parametrize("command", HISTORY_COMMANDS, ids=" ".join)
def test_a_name_too_long_and_a_file_as_folder_are_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    refused(crampui("--db", str(tmp_path / ("a" * 300) / "h.json"), *command), "too long")
    (tmp_path / "afile").write_text("x")
    refused(crampui("--db", str(tmp_path / "afile" / "h.json"), *command), "not a folder")


@pytest.mark.parametrize(
    "args", [["faq", "--json"], ["cause", "9", "--json"], ["causes"], ["history", "--csv"]]
)
def test_a_closed_pipe_ends_quietly_with_the_shell_status(
    db: Path, args: list[str], tmp_path: Path
) -> None:
    """Like ``crampui faq --json | head -1``: the reader is gone before anything is written."""
    for _ in range(2):  # the second run answers from a cache where the command keeps one
        reader, writer = os.pipe()
        os.close(reader)
        try:
            result = crampui("--db", str(db), *args, stdout=writer)
        finally:
            os.close(writer)
        assert (result.returncode, result.stderr) == (141, "")


# -- 2. history newest first by date, number and uid in CSV ----------------------------------


def test_history_is_newest_first_by_date_in_every_format(db: Path) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert (
        crampui("--db", str(db), "log", "--no-cramp", "--at", f"{yesterday} 08:00").returncode == 0
    )
    assert crampui("--db", str(db), "log", "--cramp", "--note", "newest").returncode == 0
    table = crampui("--db", str(db), "history").stdout.splitlines()
    assert [line.split()[0] for line in table[1:]] == ["3", "1", "2"]
    listed = json.loads(crampui("--db", str(db), "history", "--json").stdout)
    assert [session["id"] for session in listed] == [3, 1, 2]
    rows = list(csv.DictReader(io.StringIO(crampui("--db", str(db), "history", "--csv").stdout)))
    assert [row["number"] for row in rows] == ["3", "1", "2"]
    assert [row["uid"] for row in rows] == [session["uid"] for session in listed]


# -- 3. a missing folder is created only on request -----------------------------------------


def test_a_history_in_a_missing_folder_needs_create(tmp_path: Path) -> None:
    typo = tmp_path / "Syncthnig" / "crampui" / "h.json"
    refused(crampui("--db", str(typo), "log", "--no-cramp"), "does not exist", "--create")
    refused(crampui("items", "add", "Walk", env={"CRAMPUI_DB": str(typo)}), "--create")
    assert not (tmp_path / "Syncthnig").exists()
    created = crampui("--db", str(typo), "--create", "log", "--no-cramp")
    assert created.returncode == 0, created.stderr
    assert typo.is_file() and (typo.parent.stat().st_mode & 0o777) == 0o700
    assert crampui("--db", str(typo), "history").returncode == 0


# -- 4. absurd dates -------------------------------------------------------------------------


def test_at_before_2000_or_in_a_clock_change_gap_is_refused(db: Path) -> None:
    before = db.read_bytes()
    berlin = {"TZ": "Europe/Berlin"}
    refused(crampui("--db", str(db), "log", "--no-cramp", "--at", "0002-01-01 00:00"), "2000")
    gap = crampui("--db", str(db), "log", "--no-cramp", "--at", "2026-03-29 02:30", env=berlin)
    refused(gap, "clocks went forward")
    assert db.read_bytes() == before
    twice = crampui("--db", str(db), "log", "--no-cramp", "--at", "2026-10-25 02:30", env=berlin)
    assert twice.returncode == 0
    assert "happened twice" in twice.stdout and "UTC+0200" in twice.stdout


def test_report_periods_are_bounded_and_dash_is_stdout(db: Path, tmp_path: Path) -> None:
    report = ["--db", str(db), "report"]
    refused(crampui(*report, "--since", "0001-01-01"), "before 2000")
    refused(crampui(*report, "--until", "0001-01-01"), "before 2000")
    refused(crampui(*report, "--since", "0001-01-01", "--until", "9999-12-31"))
    refused(crampui(*report, "--until", "2030-01-01"), "in the future")
    refused(crampui(*report, "--since", "2001-01-01"), "at most two years")
    refused(crampui(*report, "--since", date.today().isoformat(), "--until", "2026-01-01"))
    result = crampui(*report, "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()


# -- 5. no terminal --------------------------------------------------------------------------


def test_the_app_without_a_terminal_says_so_and_exits_2(db: Path) -> None:
    for args in ([], ["--db", str(db)]):
        result = crampui(*args)
        refused(result, "needs a terminal", "crampui history")


# -- 6. file mode and owner ------------------------------------------------------------------


def test_saving_keeps_the_mode_and_respects_read_only(db: Path) -> None:
    db.chmod(0o640)
    assert crampui("--db", str(db), "log", "--no-cramp").returncode == 0
    assert db.stat().st_mode & 0o777 == 0o640
    db.chmod(0o444)
    before = db.read_bytes()
    refused(crampui("--db", str(db), "log", "--no-cramp"), "read-only", "chmod u+w")
    assert db.read_bytes() == before and db.stat().st_mode & 0o777 == 0o444


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_saving_keeps_the_owner(db: Path) -> None:
    os.chown(db, 4321, 4321)
    db.chmod(0o644)
    assert crampui("--db", str(db), "log", "--no-cramp").returncode == 0
    info = db.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (4321, 4321, 0o644)


# -- 7. duplicate labels ---------------------------------------------------------------------


def test_items_add_refuses_a_label_an_item_has(db: Path) -> None:
    built_in = json.loads(crampui("--db", str(db), "items", "--json").stdout)[0]
    copy = "  " + built_in["label"].upper().replace(" ", "   ")
    refused(crampui("--db", str(db), "items", "add", copy), f"item {built_in['id']} already")
    assert crampui("--db", str(db), "items", "add", "Took magnesium").returncode == 0
    refused(
        crampui("--db", str(db), "items", "add", "took  MAGNESIUM"),
        "own-took-magnesium already has the label",
    )
    ids = [item["id"] for item in json.loads(crampui("--db", str(db), "items", "--json").stdout)]
    assert "own-took-magnesium-2" not in ids and ids.count("own-took-magnesium") == 1


# -- 8. errors that point somewhere useful ---------------------------------------------------


def test_errors_name_the_subcommand_help_and_suggest(db: Path) -> None:
    refused(crampui("items", "move", "hydrate"), "see 'crampui items move --help'")
    refused(crampui("history", "--bogus"), "see 'crampui history --help'")
    refused(crampui("histroy"), "did you mean 'history'?")
    refused(crampui("cause", "nerv"), "did you mean 'nerve-compression'?")
    shown = crampui("cause", "nerve")
    assert shown.returncode == 0 and shown.stdout.startswith("9. Nerve compression")
    refused(crampui("cause", "poor"), "names 2 causes")
    huge = crampui("cause", "x" * 100_000)
    refused(huge)
    assert len(huge.stderr) < 500 and re.search("'x{50,60}…", huge.stderr)
    assert len(crampui("histroy" + "y" * 100_000).stderr) < 500


def test_a_question_nothing_is_close_to_suggests_nothing() -> None:
    result = crampui("faq", "zzzzqqq")
    assert result.returncode == 0
    assert "Closest questions" not in result.stdout and "Try other words" in result.stdout
    assert " 1. " not in result.stdout


# -- 9. output -------------------------------------------------------------------------------


def test_tables_align_by_display_width(db: Path) -> None:
    for label in ("マグネシウムを飲んだ", "coffee ☕ break"):
        assert crampui("--db", str(db), "items", "add", label).returncode == 0
    lines = crampui("--db", str(db), "items").stdout.splitlines()
    columns = {display_column(line, "your item") for line in lines if "your item" in line}
    assert len(columns) == 1


def display_column(line: str, text: str) -> int:
    """The terminal column where ``text`` starts in ``line`` (CJK and ☕ take two)."""
    import unicodedata

    before = line[: line.index(text)]
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in before)


def test_an_ascii_locale_is_reported_not_stored_garbled(db: Path) -> None:
    before = db.read_bytes()
    ascii_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    env = {key: value for key, value in os.environ.items() if key != "PYTHONIOENCODING"}
    result = subprocess.run(
        [CRAMPUI, "--db", str(db), "log", "--no-cramp", "--note", "café☕".encode()],
        env={**env, **ascii_locale},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2 and b"UTF-8 locale" in result.stderr
    assert db.read_bytes() == before


def test_history_help_describes_its_formats() -> None:
    text = crampui("history", "--help").stdout
    assert "--json" in text and "uid" in text and "CSV with a header row" in text


def test_report_header_counts_weeks_and_days(db: Path) -> None:
    until = date.today()
    since = until - timedelta(days=77)  # 11 weeks and a day
    result = crampui(
        "--db", str(db), "report", "--format", "md", "--since", since.isoformat(), "-o", "-",
        cwd=db.parent,
    )  # fmt: skip
    assert "(11 weeks and 1 day)" in result.stdout and "(12 weeks)" not in result.stdout


# -- 10. hostile paths and numbers -----------------------------------------------------------


def test_paths_are_escaped_in_messages(tmp_path: Path) -> None:
    hostile = tmp_path / "x\x1b]0;PWNED\x07" / "h.json"
    result = crampui("--db", str(hostile), "history")
    refused(result, "\\x1b]0;PWNED\\x07")
    os.mkfifo(tmp_path / "fifo\x1b[2J")  # a folder is a place for the report, not an error
    refused(crampui("report", "-o", str(tmp_path / "fifo\x1b[2J")), "\\x1b[2J")


def test_report_o_writes_only_a_regular_file(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    refused(crampui("--db", str(db), "report", "-o", str(fifo)), "FIFO")
    refused(crampui("--db", str(db), "report", "-o", os.devnull), "character device")
    (tmp_path / "target.html").write_text("mine")
    (tmp_path / "link.html").symlink_to(tmp_path / "target.html")
    refused(crampui("--db", str(db), "report", "-o", str(tmp_path / "link.html")), "symlink")
    assert (tmp_path / "target.html").read_text() == "mine"
    deep = tmp_path.joinpath(*["d"] * 2000, "r.html")
    refused(crampui("--db", str(db), "report", "-o", str(deep)))
    written = crampui("--db", str(db), "report", "-o", str(tmp_path / "r.html"))
    assert written.returncode == 0 and (tmp_path / "r.html").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("number", ["1_0", "+3", "٣", "3.0", " 3", "0x3"])
def test_numbers_are_ascii_digits_only(db: Path, number: str) -> None:
    before = db.read_bytes()
    refused(crampui("--db", str(db), "items", "move", "hydrate", number), "whole number")
    refused(crampui("--db", str(db), "items", "add", "Walk", "--cause", number), "whole number")
    assert db.read_bytes() == before


# -- 11. make test explains its skips ---------------------------------------------------------


def test_make_test_prints_skip_reasons_and_readme_names_syncthing() -> None:
    root = Path(__file__).parent.parent
    pytest_line = next(
        line
        for line in (root / "Makefile").read_text().splitlines()
        if line.startswith("PYTEST :=")
    )
    assert " -rs" in pytest_line
    assert "`syncthing`" in (root / "README.md").read_text()
