"""The Customise screen and the run's note, driven by keys, checked on screen and in the store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from crampui.checklist import items as checklist_items
from crampui.content.store import Content
from crampui.history import HistoryError, HistoryStore, ItemRecord
from crampui.history.item_settings import ItemSetting
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.customise import CustomiseScreen
from crampui.ui.screens.help import KEYS
from crampui.ui.screens.item_form import ItemFormScreen
from crampui.ui.screens.session_note import SessionNoteScreen
from tests.pane_harness import Clock, PaneApp, wait_for_dialog
from tests.test_help_screen import bound_keys
from tests.waiting import wait_for_screen, wait_for_screen_gone, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 30)


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """A history store with a fixed clock."""
    return HistoryStore(tmp_path / "history.json", clock=Clock())


def checklist_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the Checklist pane."""
    return PaneApp(lambda: ChecklistPane(content, store))


def pane(pilot: Pilot[None]) -> ChecklistPane:
    """The Checklist pane."""
    return pilot.app.query_one(ChecklistPane)


def rows(pilot: Pilot[Any], selector: str) -> dict[str, str]:
    """Each option's id and plain text in the list ``selector`` of the active screen."""
    option_list = pilot.app.screen.query_one(selector, OptionList)
    found = {}
    for index in range(option_list.option_count):
        option = option_list.get_option_at_index(index)
        found[str(option.id)] = str(getattr(option.prompt, "plain", option.prompt))
    return found


async def open_customise(pilot: Pilot[Any]) -> CustomiseScreen:
    """Press c and wait for the Customise screen with its list focused."""
    await pilot.press("c")
    screen = await wait_for_screen(pilot, CustomiseScreen)
    await wait_until(pilot, lambda: screen.entries, "the items to be listed")
    return screen


async def highlight(pilot: Pilot[Any], screen: CustomiseScreen, item_id: str) -> None:
    """Put the Customise list's cursor on ``item_id``."""
    index = [entry.id for entry in screen.entries].index(item_id)
    screen.query_one("#customise-items", OptionList).highlighted = index
    await wait_until(
        pilot,
        lambda: (entry := screen.highlighted()) is not None and entry.id == item_id,
        f"the cursor on {item_id}",
    )


async def add_item(pilot: Pilot[Any], label: str, causes: str = "") -> None:
    """Press a, fill in the form and save it; wait until the form closes."""
    await pilot.press("a")
    await wait_for_dialog(pilot, ItemFormScreen, "#item-label")
    await pilot.press(*label, "tab", "tab", *causes, "enter")
    await wait_for_screen_gone(pilot, ItemFormScreen)


def entries(content: Content, store: HistoryStore) -> dict[str, checklist_items.Entry]:
    """The stored checklist by id."""
    return {e.id: e for e in checklist_items.entries(content, store.item_settings())}


async def test_add_hide_rename_move_then_the_checklist_and_a_saved_run_follow(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("space")  # hydrate done: the run in progress keeps it
        screen = await open_customise(pilot)

        await add_item(pilot, "Took magnesium", "4")
        own = entries(content, store)["own-took-magnesium"]
        assert (own.label, own.own, own.item.causes) == ("Took magnesium", True, (4,))
        assert (
            rows(pilot, "#customise-items")["own-took-magnesium"] == "10  Took magnesium  your item"
        )
        assert screen.highlighted() == own  # the cursor follows the new item

        await highlight(pilot, screen, "posture")
        await pilot.press("h")
        await wait_until(pilot, lambda: entries(content, store)["posture"].hidden, "posture hidden")
        await wait_until(
            pilot, lambda: rows(pilot, "#customise-items")["posture"].endswith("hidden"), "shown"
        )

        await highlight(pilot, screen, "eat-balanced")
        await pilot.press("r")
        form = await wait_for_dialog(pilot, ItemFormScreen, "#item-label")
        assert form.query_one("#item-label", Input).value == "Eat well, with enough minerals"
        form.query_one("#item-label", Input).value = ""
        await pilot.press(*"Ate a banana", "enter")
        await wait_for_screen_gone(pilot, ItemFormScreen)
        assert entries(content, store)["eat-balanced"].label == "Ate a banana"

        await highlight(pilot, screen, "own-took-magnesium")
        await pilot.press("left_square_bracket", "shift+up")
        await wait_until(
            pilot,
            lambda: entries(content, store)["own-took-magnesium"].position == 8,
            "own item moved up twice",
        )
        await wait_until(
            pilot,
            lambda: list(rows(pilot, "#customise-items"))[7] == "own-took-magnesium",
            "the move shown",
        )

        await pilot.press("escape")
        await wait_for_screen_gone(pilot, CustomiseScreen)
        checklist = rows(pilot, "#checklist-items")
        assert "posture" not in checklist
        assert checklist["own-took-magnesium"] == "[ ] Took magnesium"
        assert checklist["eat-balanced"] == "[ ] Ate a banana"
        assert list(checklist).index("own-took-magnesium") == 6  # 8th of all, 7th of those shown
        assert pane(pilot).records["hydrate"].state == "done"

        option_list = pilot.app.query_one("#checklist-items", OptionList)
        option_list.highlighted = list(checklist).index("own-took-magnesium")
        await pilot.press("space")
        detail = pilot.app.query_one("#item-own", Static)
        assert detail.display and "Your item" in str(detail.render())
        for item_id in checklist:
            if item_id != "own-took-magnesium":
                pane(pilot).set_record(ItemRecord(item_id, "done"))
        await pilot.press("ctrl+s")
        await wait_until(pilot, store.last_session, "the run to be saved")
        session = store.last_session()
        assert session is not None
        assert "own-took-magnesium" in session.done_ids
        assert "posture" not in {record.item_id for record in session.items}
        assert len(session.items) == 9


async def test_a_red_flag_item_is_hidden_only_after_a_warning(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        screen = await open_customise(pilot)
        await highlight(pilot, screen, "no-nerve-symptoms")
        await pilot.press("h")
        confirm = await wait_for_screen(pilot, ConfirmScreen)
        assert "healthcare professional" in confirm.question
        await pilot.press("escape")  # keep it
        await wait_for_screen_gone(pilot, ConfirmScreen)
        assert not entries(content, store)["no-nerve-symptoms"].hidden
        await pilot.press("h")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.click("#confirm-yes")
        await wait_until(
            pilot, lambda: entries(content, store)["no-nerve-symptoms"].hidden, "it to be hidden"
        )
        await pilot.press("h")  # showing it again needs no question
        await wait_until(
            pilot, lambda: not entries(content, store)["no-nerve-symptoms"].hidden, "shown again"
        )


async def test_bad_form_input_is_explained_in_the_form(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await open_customise(pilot)
        await pilot.press("a")
        form = await wait_for_dialog(pilot, ItemFormScreen, "#item-label")
        await pilot.press(*"Slept well", "tab", "tab", *"3 99", "enter")
        error = form.query_one("#item-form-error", Static)
        await wait_until(pilot, lambda: error.display, "the error to show")
        assert str(error.render()) == "no cause 99: causes are numbered 1 to 12"
        assert pilot.app.screen is form and store.item_settings() == []
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, ItemFormScreen)
        assert store.item_settings() == []


async def test_a_refused_save_is_a_notice_and_nothing_is_lost(
    content: Content, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full = True
    put_item_settings = store.put_item_settings

    def refused_while_full(changes: Sequence[ItemSetting]) -> None:
        if disk_full:
            raise HistoryError("the disk is full")
        put_item_settings(changes)

    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_customise(pilot)
        monkeypatch.setattr(store, "put_item_settings", refused_while_full)
        listed = rows(pilot, "#customise-items")
        await highlight(pilot, screen, "posture")
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: app.notices, "a notice")
        assert "Could not save your checklist: the disk is full" in app.notices[-1][0]
        assert rows(pilot, "#customise-items") == listed
        assert screen.highlighted() == entries(content, store)["posture"]

        await pilot.press("a")
        form = await wait_for_dialog(pilot, ItemFormScreen, "#item-label")
        await pilot.press(*"Slept well", "enter")
        error = form.query_one("#item-form-error", Static)
        await wait_until(pilot, lambda: error.display, "the error to show")
        assert "the disk is full" in str(error.render())
        assert pilot.app.screen is form  # still open, the label as typed
        assert form.query_one("#item-label", Input).value == "Slept well"

        disk_full = False
        await pilot.press("enter")  # the same form, tried again
        await wait_for_screen_gone(pilot, ItemFormScreen)
        assert "own-slept-well" in entries(content, store)
        assert "own-slept-well" in rows(pilot, "#customise-items")


async def test_customise_shows_a_change_made_elsewhere_since_the_checklist_was_read(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        assert "posture" in rows(pilot, "#checklist-items")
        elsewhere = HistoryStore(store.path)  # another process, e.g. the CLI
        elsewhere.put_item_settings(checklist_items.hide(content, [], "posture"))
        screen = await open_customise(pilot)
        await wait_until(
            pilot, lambda: rows(pilot, "#customise-items")["posture"].endswith("hidden"), "read"
        )
        assert screen.settings == store.item_settings()


async def test_the_last_shown_item_stays(content: Content, store: HistoryStore) -> None:
    settings: list[ItemSetting] = []
    for item in content.checklist[1:]:
        settings += checklist_items.hide(content, settings, item.id)
        store.put_item_settings(settings)
        settings = store.item_settings()
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        assert list(rows(pilot, "#checklist-items")) == ["hydrate"]
        screen = await open_customise(pilot)
        await highlight(pilot, screen, "hydrate")
        await pilot.press("h")
        await wait_until(pilot, lambda: app.notices, "a notice")
        assert "last item shown" in app.notices[-1][0]
        assert not entries(content, store)["hydrate"].hidden


async def test_the_note_is_kept_in_the_draft_and_saved_with_the_run(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        note_line = pilot.app.query_one("#checklist-note", Static)
        assert not note_line.display
        await pilot.press("e")
        await wait_for_dialog(pilot, SessionNoteScreen, "#session-note")
        await pilot.press(*"stiff [b]after[/b] driving", "enter")
        await wait_for_screen_gone(pilot, SessionNoteScreen)
        assert note_line.display
        assert "stiff [b]after[/b] driving" in str(note_line.render())
        await wait_until(pilot, lambda: not pane(pilot).drafts.pending, "the draft write")
        draft = store.draft()
        assert draft is not None and draft.note == "stiff [b]after[/b] driving"
        for item_id in list(pane(pilot).records):
            pane(pilot).set_record(ItemRecord(item_id, "done"))
        await pilot.press("ctrl+s")
        await wait_until(pilot, store.last_session, "the run to be saved")
        session = store.last_session()
        assert session is not None and session.note == "stiff [b]after[/b] driving"
        assert pane(pilot).note == "" and not note_line.display


async def test_escape_leaves_the_note_as_it_was(content: Content, store: HistoryStore) -> None:
    store.save_draft([ItemRecord("hydrate", "done")], "before")
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        assert pane(pilot).note == "before"
        await pilot.press("e")
        await wait_for_dialog(pilot, SessionNoteScreen, "#session-note")
        await pilot.press(*" changed", "escape")
        await wait_for_screen_gone(pilot, SessionNoteScreen)
        assert pane(pilot).note == "before"


def test_help_lists_every_customise_key() -> None:
    [(_, rows)] = [section for section in KEYS if section[0] == "Customise"]
    listed = {word for key, _ in rows for word in key.replace(",", " ").split()} - {"or"}
    assert bound_keys(CustomiseScreen.BINDINGS) <= listed


def footer_labels(pilot: Pilot[None]) -> set[str]:
    """The descriptions of the keys the active screen's footer shows now."""
    active = pilot.app.screen.active_bindings.values()
    return {binding.description for _node, binding, enabled, _tip in active if enabled}


async def test_the_footer_says_whether_h_hides_or_shows_the_item(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        screen = await open_customise(pilot)
        await highlight(pilot, screen, "posture")
        assert "Hide" in footer_labels(pilot) and "Show" not in footer_labels(pilot)
        await pilot.press("h")
        await wait_until(pilot, lambda: "Show" in footer_labels(pilot), "h to say Show")
        assert "Hide" not in footer_labels(pilot)
        await pilot.press("h")
        await wait_until(pilot, lambda: not entries(content, store)["posture"].hidden, "shown")
        assert "Hide" in footer_labels(pilot)
