"""Issue 28: a fuzz over every command's arguments.

Each command is run (in this process, through :func:`crampui.cli.main.run`, as the console script
runs it) with hundreds of bad values in each of its arguments. Whatever the value: no
traceback, an exit status of 0 or 2, no control character on the terminal, and when a command
refuses (status 2) the stored history is byte for byte and mode for mode what it was.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from crampui.cli.main import run

V = "\x00VALUE"
"""Where a template takes the bad value."""

TEMPLATES: tuple[tuple[str, ...], ...] = (
    (V,),
    ("--db", V, "history"),
    ("--db", V, "log", "--no-cramp"),
    ("log", "--at", V, "--no-cramp"),
    ("log", "--severity", V, "--cramp"),
    ("log", "--where", V, "--cramp"),
    ("log", "--note", V, "--done", "hydrate"),
    ("log", "--done", V),
    ("log", "--skip", V, "--no-cramp"),
    ("history", V),
    ("history", "--csv", V),
    ("episodes", V),
    ("items", V),
    ("items", "add", V),
    ("items", "add", "Walk the dog", "--cause", V),
    ("items", "add", "Walk the dog", "--detail", V),
    ("items", "hide", V),
    ("items", "show", V),
    ("items", "rename", V, "New label"),
    ("items", "rename", "hydrate", V),
    ("items", "move", V, "2"),
    ("items", "move", "hydrate", V),
    ("report", "--since", V),
    ("report", "--until", V),
    ("report", "--format", V),
    ("report", "-o", V),
    ("status", V),
    ("merge", V),
    ("cause", V),
    ("causes", V),
    ("faq", V),
    ("stretch", V),
    ("routine", "add", V),
    ("routine", "own", V),
    ("routine", "remove", V),
    ("routine", "move", "pelvic-tilt", V),
    ("routine", "set", V, "--hold", "10"),
    ("routine", "set", "pelvic-tilt", "--rest", V),
    ("log", "--stretches", V),
)
"""Every command and every argument it takes, with the place for the bad value."""

BAD_VALUES: tuple[str, ...] = (
    "", " ", "-", "--", "-1", "0", "00", "1_0", "+3", "٣", "３", "3.0", "1e9", "0x3", "9" * 40,
    "nan", "inf", "0001-01-01", "9999-12-31", "2026-02-30", "2000-01-01", "1999-12-31",
    "0002-01-01 00:00", "2026-03-29 02:30", "2026-13-01 00:00", "2026-01-01 24:00",
    "9999-12-31 23:59", "2030-01-01", "x" * 100_000, "\x1b]0;PWNED\x07", "\x1b[2J\x1b[H",
    "\x9b31m", "\u202eevil", "e\u0301", "\udcff\udcfe", "[bold]x[/]", "[@click=app.quit]x[/]",
    "%s%n", "{0}", "'", '"', "\n", "\t", "ＡＢＣ", "🙂" * 500, "マグネシウム", "hydrate ",
    "HYDRATE", "own-", "own-took-magnesium-2", "Drink a glass of water", "nerve", "poor",
    "history", "--help-me", "-o", "--db", "=x", "@SUM(A1)", ".", "..", "/", "/dev/null",
    "/dev/zero", "~", "~nobody/x", "a" * 300, "/".join(["d"] * 2000), "C:\\x", "\\\\server\\x",
    "file:///etc/passwd", "loop", "fifo", "afile/h.json", "missing/h.json", "folder",
)  # fmt: skip
"""Values people mistype and values an attacker tries; relative paths point into the test's
working folder (a symlink loop, a FIFO, a file and a folder are there)."""


@dataclass
class Tally:
    """What the fuzz ran and saw."""

    runs: int = 0
    refused: int = 0
    changed: int = 0
    """Runs that changed the history (accepted: a saved session, an added item, ...)."""
    problems: list[str] = field(default_factory=list)


def history_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the history folder: bytes and mode."""
    return {
        path.name: (path.read_bytes(), path.stat().st_mode)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@dataclass
class Workplace:
    """A small history and the folders a command writes, each kept as first made."""

    folder: Path
    """The history's folder."""
    kept: dict[Path, Path]
    """Each folder a command may write (history, settings, state, cache) -> its copy."""

    def restore(self) -> None:
        """Put every folder back as it was first made (after a command that changed it)."""
        for live, copy in self.kept.items():
            put_back(live, copy)


def put_back(live: Path, copy: Path) -> None:
    """Make the folder ``live`` hold what ``copy`` holds again, touching only what differs
    (a file is replaced, never written through: it may be a hard link to another)."""
    for path in sorted(live.rglob("*"), reverse=True):
        kept = copy / path.relative_to(live)
        if path.is_dir() and not path.is_symlink():
            if not kept.is_dir():
                shutil.rmtree(path)
        elif not kept.exists() or path.read_bytes() != kept.read_bytes():
            path.unlink()
    for kept in sorted(copy.rglob("*")):
        path = live / kept.relative_to(copy)
        if kept.is_dir():
            path.mkdir(exist_ok=True)
            shutil.copystat(kept, path)
        elif not path.exists():
            shutil.copy2(kept, path)
        else:
            shutil.copystat(kept, path)


@pytest.fixture
def workplace(
    tmp_path: Path, isolated_user_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workplace]:
    """A history (one session, one own item) in its own folder, and a working folder of traps."""
    folder = tmp_path / "history"
    folder.mkdir()
    db = folder / "h.json"
    monkeypatch.setenv("CRAMPUI_DB", str(db))
    work = tmp_path / "work"
    work.mkdir()
    (work / "loop").symlink_to(work / "loop")
    os.mkfifo(work / "fifo")
    (work / "afile").write_text("not a folder")
    (work / "folder").mkdir()
    monkeypatch.chdir(work)
    assert run(["log", "--done", "hydrate", "--no-cramp"]) == 0
    assert run(["items", "add", "Took magnesium"]) == 0
    kept = {live: tmp_path / "kept" / live.name for live in (folder, isolated_user_dirs)}
    for live, copy in kept.items():
        shutil.copytree(live, copy, symlinks=True)
    yield Workplace(folder, kept)


def fuzz(
    values: tuple[str, ...], place: Workplace, capsys: pytest.CaptureFixture[str], tally: Tally
) -> None:
    """Run every template with every value, adding what is wrong to ``tally``.

    Every run starts from the same small history: a command that changed it (status 0) is
    followed by putting the history, settings, state and caches back as they were.
    """
    first = history_state(place.folder)
    for template in TEMPLATES:
        for value in values:
            argv = [value if part == V else part for part in template]
            capsys.readouterr()
            try:
                status = run(argv)
            except SystemExit as leaving:
                status = leaving.code if isinstance(leaving.code, int) else 2
            except Exception as error:  # noqa: BLE001 - a traceback is what the fuzz hunts
                tally.problems.append(f"{argv!r:.120}: {type(error).__name__}: {error!s:.200}")
                place.restore()
                continue
            out, err = capsys.readouterr()
            tally.runs += 1
            said = f"{argv!r:.120} -> {status}: {err!r:.200}"
            if status not in (0, 2):
                tally.problems.append(f"status {said}")
            if any(char in out + err for char in "\x1b\x07\x9b") or "Traceback" in err:
                tally.problems.append(f"control character or traceback: {said}")
            changed = history_state(place.folder) != first
            if status == 2:
                tally.refused += 1
                if not err.startswith("crampui: ") or changed:
                    tally.problems.append(f"refused but changed the history or silent: {said}")
            if changed:
                tally.changed += 1
                place.restore()


def test_no_bad_argument_gives_a_traceback_or_changes_the_history(
    workplace: Workplace, capsys: pytest.CaptureFixture[str]
) -> None:
    tally = Tally()
    fuzz(BAD_VALUES, workplace, capsys, tally)
    assert tally.problems == [], "\n".join(tally.problems)
    assert tally.runs == len(TEMPLATES) * len(BAD_VALUES)
    assert tally.refused > tally.runs // 2
    with capsys.disabled():
        print(f"\nfuzz: {tally.runs} runs, {tally.refused} refused, {tally.changed} changed")


ALPHABET = (
    "0123456789-_+:. /\\'\"~aAzZé٣３🙂マ\x1b\x07\x9b\u202e\t\n[]@=%{}" + "\udcff"
)  # fmt: skip


@pytest.mark.slow
def test_random_arguments_give_no_traceback(
    workplace: Workplace, capsys: pytest.CaptureFixture[str]
) -> None:
    """Thousands of random values (seeded, so a failure repeats)."""
    chooser = random.Random(28)
    values = tuple("".join(chooser.choices(ALPHABET, k=chooser.randint(0, 40))) for _ in range(200))
    tally = Tally()
    fuzz(values, workplace, capsys, tally)
    assert tally.problems == [], "\n".join(tally.problems)
    with capsys.disabled():
        print(f"\nrandom fuzz: {tally.runs} runs, {tally.refused} refused, 0 problems")
