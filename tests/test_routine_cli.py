"""``crampui routine`` and ``crampui log --stretches`` (issue 29), in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crampui.cli.main import run


def cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    """Run ``crampui --db DB ARGS``: the exit status, stdout and stderr."""
    status = run(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_routine_lists_the_default_stretches_until_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "h.json"
    status, out, _err = cli(capsys, db, "routine")
    assert status == 0
    assert out.splitlines()[2] == (
        "3. knee-to-chest  Knee to chest: hold 5 s · 5 reps · each side · rest 15 s"
    )
    assert not db.exists(), "listing stores nothing"
    status, out, _err = cli(capsys, db, "routine", "--json")
    rows = json.loads(out)
    assert [row["id"] for row in rows][:2] == ["knee-rolls", "bottom-to-heels"]
    assert rows[-1] | {"id": ""} == {
        "id": "",
        "stretch": "glute-stretch",
        "name": "Buttock stretch",
        "hold_seconds": 20,
        "repetitions": 2,
        "both_sides": True,
        "rest_seconds": 0,
        "own": False,
    }


def test_add_own_remove_move_and_set_are_stored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "h.json"
    assert cli(capsys, db, "routine", "add", "Knee to chest", "--hold", "20", "--sides", "one")[
        1
    ] == ("Added: 8. knee-to-chest-2  Knee to chest: hold 20 s · 5 reps · rest 15 s\n")
    status, out, _ = cli(capsys, db, "routine", "own", "Wall sit", "--note", "Back flat")
    assert (status, out) == (
        0,
        "Added: 9. own-wall-sit  Wall sit: hold 20 s · 3 reps · rest 15 s\n",
    )
    assert cli(capsys, db, "routine", "remove", "knee-to-chest-2")[0] == 0
    assert cli(capsys, db, "routine", "move", "own-wall-sit", "1")[1].startswith("Moved: 1. ")
    status, out, _ = cli(capsys, db, "routine", "set", "pelvic-tilt", "--reps", "3", "--rest", "0")
    assert out == "Changed: 5. pelvic-tilt  Pelvic tilt: hold 5 s · 3 reps\n"
    assert cli(capsys, db, "routine", "add", "knee-to-chest")[1].startswith(
        "Added: 9. knee-to-chest-3 "
    ), "a removed step id is never given again"
    rows = json.loads(cli(capsys, db, "routine", "--json")[1])
    assert rows[0]["name"] == "Wall sit" and rows[0]["own"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "knee-to-chst"], "no stretch 'knee-to-chst'; did you mean 'knee-to-chest'?"),
        (["remove", "pelvic-tlt"], "did you mean 'pelvic-tilt'?"),
        (["set", "pelvic-tilt"], "say what to change: --hold, --reps, --sides or --rest"),
        (["set", "pelvic-tilt", "--hold", "61"], "hold must be from 2 to 60, got 61"),
        (["move", "pelvic-tilt", "8"], "position must be from 1 to 7, got 8"),
        (["own", " "], "a stretch needs a name"),
        (["own", "Knee to chest"], "stretch knee-to-chest is already called 'Knee to chest'"),
    ],
)
def test_bad_routine_changes_are_one_line_exit_2_and_store_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "h.json"
    status, out, err = cli(capsys, db, "routine", *args)
    assert (status, out) == (2, "")
    assert err.startswith("crampui: error: ") and err.count("\n") == 1
    assert message in err
    assert not db.exists()


def test_log_stretches_records_them_done_and_refuses_unknown_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "h.json"
    assert cli(capsys, db, "routine", "own", "Wall sit")[0] == 0
    status, out, _ = cli(
        capsys, db, "log", "--stretches", "knee-to-chest", "Wall sit", "knee-to-chest", "--no-cramp"
    )
    assert (status, out.splitlines()[0]) == (
        0,
        "Saved session #1 (0 done, 0 skipped; 2 stretches).",
    )
    [session] = json.loads(cli(capsys, db, "history", "--json")[1])
    assert session["stretches"] == [
        {"id": "knee-to-chest", "status": "done", "reason": ""},
        {"id": "own-wall-sit", "status": "done", "reason": ""},
    ]
    before = db.read_bytes()
    status, out, err = cli(capsys, db, "log", "--stretches", "kne-to-chest", "--no-cramp")
    assert (status, out) == (2, "")
    assert "did you mean 'knee-to-chest'?" in err
    assert db.read_bytes() == before


def test_log_stretches_saves_the_session_with_its_stretches_in_one_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash or a sync between two writes would leave a session without its stretches."""
    from crampui.history.storage import AtomicJSONStorage

    db = tmp_path / "h.json"
    assert cli(capsys, db, "log", "--done", "hydrate", "--no-cramp")[0] == 0
    puts: list[list[Any]] = []
    real_put = AtomicJSONStorage.put

    def counting_put(self: AtomicJSONStorage, changes: Any, **kwargs: bool) -> None:
        puts.append(list(changes))
        real_put(self, changes, **kwargs)

    monkeypatch.setattr(AtomicJSONStorage, "put", counting_put)
    status, _out, _err = cli(capsys, db, "log", "--stretches", "knee-to-chest", "--no-cramp")
    assert status == 0
    [[(table, _uid, doc)]] = puts
    assert table == "sessions" and doc["stretches"] == [{"id": "knee-to-chest", "status": "done"}]
