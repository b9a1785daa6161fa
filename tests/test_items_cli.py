"""``crampui items`` and own items in ``crampui log``, run as a user would (``run(argv)``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crampui.cli.main import run
from crampui.history import HistoryStore
from crampui.locations import local_folder
from tests.test_history_cli import assert_usage_error, crampui


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the history lives for one test."""
    return tmp_path / "h.json"


class Cli:
    """Runs crampui commands in this process against one history, capturing the output."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        """Exit status, stdout and stderr of ``crampui --db DB ARGS``."""
        self.capsys.readouterr()
        try:
            status = run(["--db", str(self.db), *args])
        except SystemExit as leaving:  # argparse errors and --help
            status = int(leaving.code or 0)
        out, err = self.capsys.readouterr()
        return status, out, err

    def listed(self) -> list[dict[str, object]]:
        """``crampui items --json``, parsed."""
        status, out, err = self("items", "--json")
        assert status == 0, err
        parsed: list[dict[str, object]] = json.loads(out)
        return parsed


@pytest.fixture
def cli(db: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The command line on the test's history."""
    return Cli(db, capsys)


def refused(result: tuple[int, str, str], message: str) -> None:
    """Exit status 2, nothing on stdout, one ``crampui: error:`` line naming ``message``."""
    status, out, err = result
    assert status == 2 and out == ""
    assert err.startswith("crampui: error: ") and err.count("\n") == 1
    assert message in err and "Traceback" not in err


def test_items_lists_the_built_in_checklist(cli: Cli) -> None:
    status, out, err = cli("items")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["#", "Id", "Item", "Causes"]
    assert lines[1].split()[:2] == ["1", "hydrate"] and lines[1].endswith("1")
    assert len(lines) == 10
    assert not cli.db.exists()  # listing stores nothing


def test_add_hide_rename_move_and_show(cli: Cli) -> None:
    assert cli("items", "add", "Took magnesium", "--detail", "with dinner", "--cause", "4") == (
        0,
        "Added own-took-magnesium 'Took magnesium' at position 10.\n",
        "",
    )
    status, out, _ = cli("items", "hide", "posture")
    assert status == 0 and out.startswith("Hid posture 'Set up with a neutral spine'; past")
    assert cli("items", "rename", "hydrate", "Water first")[1] == (
        "Renamed hydrate: 'Drink a glass of water' -> 'Water first'.\n"
    )
    assert (
        cli("items", "move", "own-took-magnesium", "1")[1]
        == "Moved own-took-magnesium 'Took magnesium' to position 1.\n"
    )
    listed = cli.listed()
    assert listed[0] == {
        "position": 1,
        "id": "own-took-magnesium",
        "label": "Took magnesium",
        "detail": "with dinner",
        "causes": [4],
        "own": True,
        "hidden": False,
    }
    assert listed[1]["label"] == "Water first"
    assert [e["id"] for e in listed if e["hidden"]] == ["posture"]
    table = cli("items")[1]
    assert "your item" in table.splitlines()[1] and "hidden" in table
    assert cli("items", "show", "posture")[1] == (
        "posture 'Set up with a neutral spine' is shown again, at position 8.\n"
    )
    stored = {s.item_id: s for s in HistoryStore(cli.db).item_settings()}
    assert stored["own-took-magnesium"].own and not stored["posture"].hidden


def test_hiding_the_red_flag_item_says_why_it_matters(cli: Cli) -> None:
    status, out, _ = cli("items", "hide", "no-nerve-symptoms")
    assert status == 0 and "signs that need a professional" in out
    assert out.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("hide", "postur"), "no checklist item 'postur'; did you mean 'posture'?"),
        (("show", "posture"), "posture is not hidden"),
        (("add", "  "), "a label cannot be empty"),
        (("add", "x" * 81), "a label is at most 80 characters"),
        (("add", "ok", "--cause", "13"), "no cause 13: causes are numbered 1 to 12"),
        (("add", "ok", "--cause", "two"), "argument --cause: 'two' is not a whole number"),
        (("move", "hydrate", "0"), "position must be from 1 to 9, got 0"),
        (("move", "hydrate", "top"), "'top' is not a whole number"),
        (("rename", "hydrate", "\x1b[31m"), "a label cannot be empty"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else None,
)
def test_bad_input_is_one_line_and_stores_nothing(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    refused(cli("items", *args), message)
    assert not cli.db.exists()


def test_the_last_shown_item_cannot_be_hidden(cli: Cli) -> None:
    ids = [entry["id"] for entry in cli.listed()]
    for item_id in ids[1:]:
        assert cli("items", "hide", str(item_id))[0] == 0
    refused(cli("items", "hide", str(ids[0])), "is the last item shown")


def test_own_ids_are_never_reused(cli: Cli) -> None:
    cli("items", "add", "First")
    cli("items", "hide", "own-first")
    assert cli("items", "add", "First!")[1].startswith("Added own-first-2 ")


def test_label_markup_is_kept_literally(cli: Cli) -> None:
    cli("items", "add", "[bold]Took[/] magnesium\x07")
    assert cli.listed()[-1]["label"] == "[bold]Took[/] magnesium"


def test_log_accepts_own_item_ids_and_refuses_hidden_ones(cli: Cli) -> None:
    cli("items", "add", "Took magnesium")
    cli("items", "hide", "posture")
    status, out, err = cli("log", "--done", "own-took-magnesium", "hydrate", "--no-cramp")
    assert (status, err) == (0, "") and out == "Saved session #1 (2 done, 0 skipped).\n"
    [session] = HistoryStore(cli.db).sessions()
    assert set(session.done_ids) == {"own-took-magnesium", "hydrate"}
    assert "posture" not in {record.item_id for record in session.items}
    assert "own-took-magnesium" in {record.item_id for record in session.items}
    refused(cli("log", "--done", "posture"), "posture: hidden from your checklist")
    refused(cli("log", "--skip", "own-tok-magnesium"), "did you mean 'own-took-magnesium'?")
    assert len(HistoryStore(cli.db).sessions()) == 1


def test_log_help_lists_own_and_hidden_item_ids(cli: Cli, db: Path) -> None:
    cli("items", "add", "Took magnesium")
    cli("items", "hide", "posture")
    for result in (crampui("log", "--help", db=db), crampui("log", "--db", str(db), "--help")):
        text = " ".join(result.stdout.split())
        assert result.returncode == 0, result.stderr
        assert "no-nerve-symptoms, own-took-magnesium." in text
        assert "Hidden (see 'crampui items'): posture." in text
        assert "Checklist items: hydrate," in text


def test_items_help_describes_every_action(cli: Cli) -> None:
    status, out, _ = cli("items", "--help")
    assert status == 0
    for action in ("add", "hide", "show", "rename", "move"):
        assert f"    {action} " in out


def test_items_add_after_the_command_takes_db(db: Path) -> None:
    result = crampui("items", "add", "Took magnesium", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert [s.item_id for s in HistoryStore(db).item_settings()] == ["own-took-magnesium"]
    assert_usage_error(crampui("items", "hide", "nothing", db=db), "no checklist item")


def test_items_imports_no_textual(db: Path) -> None:
    from tests.test_cli_imports import run_with_importtime

    _, modules = run_with_importtime("items", "--db", str(db))
    assert "crampui.cli.commands.items_cmds" in modules
    assert not [name for name in modules if name == "textual" or name.startswith("textual.")]


def test_a_version_1_history_takes_own_items_and_keeps_its_sessions(cli: Cli, db: Path) -> None:
    """Own items live in schema 2's ``items`` table: a schema-1 file is migrated first (its
    copy kept), its sessions keep their items, and the new items work beside them."""
    version_1 = {
        "meta": {"1": {"schema_version": 1, "next_seq": 3}},
        "sessions": {
            "1": {"seq": 1, "saved_at": "2026-11-20T18:00:00+00:00", "done": "hydrate",
                  "skipped": "posture", "reasons": {"posture": "sore"}, "note": "old one"},
            "2": {"seq": 2, "saved_at": "2026-11-21T18:00:00+00:00", "done": "hydrate posture",
                  "episodes": [{"at": "2026-11-21T18:05:00+00:00", "repetition": 2}]},
        },
        "episodes": {"1": {"at": "2026-11-22T09:00:00+00:00"}},
    }  # fmt: skip
    db.write_text(json.dumps(version_1))
    assert cli("items", "add", "Took magnesium")[0] == 0
    assert cli("items", "hide", "posture")[0] == 0
    assert list(local_folder(db).glob(f"{db.name}.pre-stores-*")), "the version-1 file is kept"
    assert cli("log", "--done", "own-took-magnesium", "hydrate", "--no-cramp")[0] == 0
    sessions = HistoryStore(db).sessions()
    assert [(s.id, s.done_ids, s.skipped_ids) for s in sessions] == [
        (3, ("hydrate", "own-took-magnesium"), ()),
        (2, ("hydrate", "posture"), ()),
        (1, ("hydrate",), ("posture",)),
    ]
    assert sessions[2].items[1].reason == "sore" and len(sessions[1].episodes) == 1
    assert len(HistoryStore(db).loose_episodes()) == 1
    listed = {row["id"]: row for row in cli.listed()}
    assert listed["posture"]["hidden"] and listed["own-took-magnesium"]["own"]
