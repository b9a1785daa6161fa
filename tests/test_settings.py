"""Tests for loading and saving user settings."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.history import engine
from crampui.settings import (
    DEFAULT_THEME,
    MAX_SETTINGS_BYTES,
    Settings,
    load_settings,
    save_settings,
)
from crampui.usertext import shown


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where the settings file goes in a test."""
    return tmp_path / "config" / "settings.json"


def write(path: Path, text: str) -> None:
    """Write raw text to the settings file, creating its directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_round_trip(path: Path) -> None:
    settings = Settings(theme="nord", hold_seconds=45, repetitions=5, bell=False, both_sides=False)
    save_settings(settings, path)
    assert load_settings(path) == (settings, None)


def test_missing_file_gives_defaults_silently(path: Path) -> None:
    assert load_settings(path) == (Settings(), None)


def test_partial_file_keeps_defaults_for_missing_fields(path: Path) -> None:
    write(path, '{"hold_seconds": 20}')
    assert load_settings(path) == (Settings(hold_seconds=20), None)


def test_saved_file_is_readable_json(path: Path) -> None:
    save_settings(Settings(), path)
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "theme": DEFAULT_THEME,
        "hold_seconds": 30,
        "repetitions": 3,
        "bell": True,
        "both_sides": True,
        "weekly_target": 0,
        "snoozed_session": 0,
        "checked_session": 0,
        "report_name": "",
        "report_birth_date": "",
        "open_on_causes": False,
    }


def test_the_report_name_line_is_kept_and_bad_values_fall_back(path: Path) -> None:
    """A name and date of birth for the report are optional settings; a date in the future,
    a date in another format or a name with control characters is ignored with a message."""
    write(path, json.dumps({"report_name": "Ann Example", "report_birth_date": "1970-03-02"}))
    settings, message = load_settings(path)
    assert (settings.report_name, settings.report_birth_date, message) == (
        "Ann Example",
        "1970-03-02",
        None,
    )
    write(path, json.dumps({"report_name": "A\u001b[2J", "report_birth_date": "02/03/1970"}))
    settings, message = load_settings(path)
    assert (settings.report_name, settings.report_birth_date) == ("", "")
    assert message is not None and "report_name" in message and "report_birth_date" in message
    write(path, json.dumps({"report_birth_date": "2999-01-01"}))
    assert load_settings(path)[0].report_birth_date == ""


@pytest.mark.parametrize("bad", [-1, "7", True, 1.5])
def test_a_bad_snoozed_session_falls_back_to_none(path: Path, bad: object) -> None:
    write(path, json.dumps({"snoozed_session": bad}))
    settings, message = load_settings(path)
    assert settings.snoozed_session == 0
    assert message is not None and "snoozed_session" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "expected a JSON object, got list"),
        ('"textual-dark"', "expected a JSON object, got str"),
        ("null", "expected a JSON object, got NoneType"),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_unusable_content_gives_defaults_and_a_message(
    path: Path, text: str, expected: str
) -> None:
    write(path, text)
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message is not None
    assert expected in message
    assert str(path) in message
    assert message.endswith("using defaults.")


def test_non_utf8_file_gives_defaults_and_a_message(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe{")
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message is not None and "UTF-8" in message


def test_unreadable_path_gives_defaults_and_a_message(path: Path) -> None:
    path.mkdir(parents=True)  # a directory where the file should be
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message is not None and "is not a settings file (it is a directory" in message


def test_a_fifo_is_refused_without_opening_it(path: Path) -> None:
    path.parent.mkdir(parents=True)
    os.mkfifo(path)  # opening it for reading would block until a writer came
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message is not None and "a FIFO" in message
    with pytest.raises(OSError, match="not a regular file"):
        save_settings(Settings(), path)
    assert path.is_fifo()


def test_an_oversized_file_is_not_read(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with path.open("wb") as file:
        file.truncate(MAX_SETTINGS_BYTES + 1)  # sparse: costs no disk space
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message is not None and f"over {MAX_SETTINGS_BYTES:,} bytes" in message


def test_values_from_the_file_are_quoted_short_and_escaped(path: Path) -> None:
    write(path, json.dumps({"theme": "[reverse]x[/]\x1b]52;c;aGk=\x07" + "y" * 5000, "k" * 900: 1}))
    _, message = load_settings(path)
    assert message is not None
    assert "\x1b" not in message and "\x07" not in message and "\n" not in message
    assert "[reverse]x[/]" in message  # shown literally: the app renders it without markup
    assert len(message) < 400


def test_a_corrupt_file_is_kept_before_a_save_overwrites_it(path: Path) -> None:
    write(path, '{"theme": "nord", "hold_seconds": ')
    save_settings(Settings(hold_seconds=20), path)
    [kept] = path.parent.glob("settings.json.corrupt-*")
    assert kept.read_text(encoding="utf-8") == '{"theme": "nord", "hold_seconds": '
    assert load_settings(path) == (Settings(hold_seconds=20), None)
    save_settings(Settings(hold_seconds=25), path)  # a good file is not copied again
    assert len(list(path.parent.glob("settings.json.corrupt-*"))) == 1


def test_save_fsyncs_the_directory(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(engine, "fsync_directory", synced.append)
    save_settings(Settings(), path)
    assert synced == [path.parent]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hold_seconds", "30"),
        ("hold_seconds", 30.5),
        ("hold_seconds", 14),
        ("hold_seconds", 61),
        ("hold_seconds", True),
        ("repetitions", 0),
        ("repetitions", 11),
        ("repetitions", None),
        ("bell", 1),
        ("bell", "yes"),
        ("both_sides", 0),
        ("theme", ""),
        ("theme", "   "),
        ("theme", 7),
        ("theme", "x" * 101),
    ],
)
def test_bad_field_falls_back_to_its_default_only(path: Path, field: str, value: object) -> None:
    write(path, json.dumps({"repetitions": 4, "theme": "nord", field: value}))
    settings, message = load_settings(path)
    kept = {"repetitions": 4, "theme": "nord"}
    kept.pop(field, None)
    assert settings == Settings(**kept)  # type: ignore[arg-type]
    assert message is not None
    assert field in message and shown(value) in message
    assert message.endswith("using defaults for those.")


def test_unknown_keys_are_ignored_and_reported(path: Path) -> None:
    write(path, '{"colour": "red", "hold_seconds": 20}')
    settings, message = load_settings(path)
    assert settings == Settings(hold_seconds=20)
    assert message is not None and "unknown setting 'colour'" in message


def test_several_problems_are_all_reported(path: Path) -> None:
    write(path, '{"hold_seconds": 99, "bell": "loud", "extra": 1}')
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message is not None
    assert all(word in message for word in ("hold_seconds", "bell", "'extra'"))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=8,
)


@given(JSON)
def test_load_never_raises_on_any_json(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "settings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    settings, _ = load_settings(path)
    assert isinstance(settings, Settings)


@given(st.binary(max_size=64))
def test_load_never_raises_on_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "settings.json"
    path.write_bytes(raw)
    settings, _ = load_settings(path)
    assert isinstance(settings, Settings)


@given(
    st.dictionaries(
        st.sampled_from(["theme", "hold_seconds", "repetitions", "bell", "both_sides", "x"]),
        st.none() | st.booleans() | st.integers(-5, 100) | st.floats() | st.text(max_size=5),
    )
)
def test_from_json_keeps_valid_fields_and_reports_the_rest(data: dict[str, object]) -> None:
    settings, problems = Settings.from_json(data)
    for key, value in data.items():
        # A kept value is the very object from the input (defaults are valid anyway).
        kept = key != "x" and getattr(settings, key) is value
        reported = any(p.startswith(f"{key} ") or p.endswith(repr(key)) for p in problems)
        assert kept != reported, (key, value, problems)
    assert len(problems) <= len(data)


def test_settings_reject_invalid_values() -> None:
    with pytest.raises(ValueError, match="hold_seconds"):
        Settings(hold_seconds=5)
    with pytest.raises(ValueError, match="bell"):
        dataclasses.replace(Settings(), bell=1)  # type: ignore[arg-type]


def test_known_theme_is_kept() -> None:
    settings = Settings(theme="nord")
    assert settings.with_theme_checked(["textual-dark", "nord"]) == (settings, None)


def test_unknown_theme_falls_back_to_default() -> None:
    settings = Settings(theme="no-such-theme", hold_seconds=20)
    checked, message = settings.with_theme_checked(iter(["textual-dark", "nord"]))
    assert checked == Settings(theme=DEFAULT_THEME, hold_seconds=20)
    assert message is not None and "no-such-theme" in message


def test_save_creates_directory_and_leaves_no_temp_files(path: Path) -> None:
    save_settings(Settings(hold_seconds=20), path)
    save_settings(Settings(hold_seconds=25), path)
    assert sorted(os.listdir(path.parent)) == ["settings.json"]
    assert load_settings(path) == (Settings(hold_seconds=25), None)


def test_failed_save_keeps_the_old_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings(hold_seconds=20), path)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_settings(Settings(hold_seconds=25), path)
    assert sorted(os.listdir(path.parent)) == ["settings.json"]
    assert load_settings(path) == (Settings(hold_seconds=20), None)


def test_a_symlinked_settings_file_keeps_its_link(path: Path, tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "crampui.json"
    target.parent.mkdir()
    path.parent.mkdir(parents=True)
    path.symlink_to(target)
    save_settings(Settings(hold_seconds=20), path)
    save_settings(Settings(hold_seconds=25), path)
    assert path.is_symlink() and load_settings(target) == (Settings(hold_seconds=25), None)
    assert sorted(os.listdir(path.parent)) == ["settings.json"]
