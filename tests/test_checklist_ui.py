"""The Checklist tab driven through the keyboard and mouse, checked on screen and in the store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, ProgressBar, Static

from crampui.content.safety import QUESTIONS
from crampui.content.store import Content
from crampui.history import Draft, HistoryStore, HistoryWriteError, ItemRecord, Outcome, Session
from crampui.locations import local_folder
from crampui.ui.panes import checklist
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.usertext import MAX_USER_TEXT
from tests.pane_harness import Clock, PaneApp, wait_for_dialog
from tests.snapshots import TINY
from tests.waiting import (
    wait_for_focus,
    wait_for_screen_gone,
    wait_for_workers,
    wait_until,
)

FIRST_FLAG = f"#flag-{QUESTIONS[0].id}"
ALL_NO = "n" * len(QUESTIONS)
PAST_THE_PLACE = ("tab", "tab", "tab", "tab")
"""From the severity, tab past the region, side and spread choices to "where, your words"."""
SIZE = (100, 30)


pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where the history lives for one test."""
    return tmp_path / "history.json"


@pytest.fixture
def store(db: Path) -> HistoryStore:
    """A history store with a fixed clock."""
    return HistoryStore(db, clock=Clock())


def checklist_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the Checklist pane."""
    return PaneApp(lambda: ChecklistPane(content, store))


def pane(pilot: Pilot[None]) -> ChecklistPane:
    """The pane under test."""
    return pilot.app.query_one(ChecklistPane)


def row_text(pilot: Pilot[None], item_id: str) -> str:
    """The plain text of an item's row in the list."""
    option_list = pilot.app.query_one("#checklist-items", OptionList)
    prompt = option_list.get_option(item_id).prompt
    return str(getattr(prompt, "plain", prompt))


def states(pilot: Pilot[None]) -> dict[str, str]:
    """Each item's state in the pane."""
    return {item_id: record.state for item_id, record in pane(pilot).records.items()}


def on_top(pilot: Pilot[None], screen: Screen[Any]) -> bool:
    """Whether ``screen`` is the one shown."""
    return pilot.app.screen is screen


def static_text(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows."""
    return str(pilot.app.screen.query_one(selector, Static).render())


async def skip_highlighted(pilot: Pilot[None], reason: str) -> None:
    """Press s, type ``reason`` and confirm; wait until the item is skipped."""
    item = pane(pilot).highlighted_item()
    assert item is not None
    await pilot.press("s")
    await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
    await pilot.press(*reason, "enter")
    await wait_until(
        pilot, lambda: pane(pilot).records[item.id].state == "skipped", f"{item.id} to be skipped"
    )


async def written_draft(pilot: Pilot[None]) -> Draft | None:
    """The stored draft, once the pane's worker has written every change made so far."""
    await wait_until(pilot, lambda: not pane(pilot).drafts.pending, "the draft to be written")
    return pane(pilot).store.draft()


async def save_all_done(pilot: Pilot[None]) -> Session:
    """Tick every item and save the run; return the stored session."""
    for item_id in list(pane(pilot).records):
        pane(pilot).set_record(ItemRecord(item_id, "done"))
    await pilot.press("ctrl+s")
    return await wait_until(pilot, pane(pilot).store.last_session, "the run saved")


async def test_space_ticks_and_unticks(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("space")
        first = content.checklist[0].id
        assert states(pilot)[first] == "done"
        assert row_text(pilot, first).startswith("[✓] ")
        draft = await written_draft(pilot)
        assert draft is not None and ItemRecord(first, "done") in draft.items
        await pilot.press("space")
        assert states(pilot)[first] == "pending"
        assert row_text(pilot, first).startswith("[ ] ")


async def test_a_click_on_the_mark_toggles_an_item(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        second = content.checklist[1].id
        await pilot.click("#checklist-items", offset=(2, 1))  # on "[ ]"
        await wait_until(pilot, lambda: states(pilot)[second] == "done", "the click to tick it")
        assert states(pilot)[second] == "done"
        await pilot.click("#checklist-items", offset=(2, 1))
        await wait_until(pilot, lambda: states(pilot)[second] == "pending", "the click to untick")
        assert states(pilot)[second] == "pending"


async def test_a_click_on_the_label_selects_without_ticking(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        third = content.checklist[2]
        await pilot.click("#checklist-items", offset=(10, 2))
        await wait_until(pilot, lambda: pane(pilot).highlighted_item() == third, "the third row")
        assert states(pilot)[third.id] == "pending"


async def test_after_saving_the_cursor_is_back_on_the_first_item(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        items = len(content.checklist)
        keys = [
            key
            for item in content.checklist
            for key in ("space", *(["n"] if item.is_safety_check else []), "down")
        ]
        await pilot.press(*keys[:-1])  # all ticked (the nerve check answered no), cursor last
        await wait_until(pilot, lambda: pane(pilot).count("done") == items, "all ticked")
        option_list = pilot.app.query_one("#checklist-items", OptionList)
        assert option_list.highlighted == items - 1
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: store.count() == 1, "the run saved")
        await wait_until(pilot, lambda: option_list.highlighted == 0, "the cursor at the top")


async def test_the_last_run_line_stays_on_one_line_at_80_columns(
    content: Content, store: HistoryStore
) -> None:
    session = store.add_session([])
    store.set_outcome(session.id, Outcome(True, 5, where="lower back, left", advice_shown=True))
    async with checklist_app(content, store).run_test(size=(80, 24)) as pilot:
        line = pilot.app.query_one("#checklist-last-run", Static)
        await wait_until(pilot, lambda: "#1" in str(line.render()), "the last run line")
        assert line.size.height == 1


async def test_up_down_move_and_the_detail_follows(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        assert content.checklist[0].detail in static_text(pilot, "#item-detail")
        await pilot.press("down", "down")
        warm_up = content.checklist[2]
        assert static_text(pilot, "#item-detail") == warm_up.detail
        prevents = ", ".join(cause.title for cause in content.causes_for(warm_up))
        assert static_text(pilot, "#item-causes") == f"Helps prevent: {prevents}"
        assert not pilot.app.query_one("#item-red-flag").display
        await pilot.press("up")
        assert content.checklist[1].detail in static_text(pilot, "#item-detail")


async def test_nerve_item_shows_the_red_flag_banner(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        index = [item.id for item in content.checklist].index("no-nerve-symptoms")
        await pilot.press(*["down"] * index)
        banner = pilot.app.query_one("#item-red-flag", Static)
        assert banner.display and banner.has_class("red-flag")
        assert "See a healthcare professional" in str(banner.render())
        assert "Nerve compression" in static_text(pilot, "#item-causes")


async def test_skip_with_a_reason(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")
        await skip_highlighted(pilot, "no time")
        warm_up = content.checklist[2]
        assert pane(pilot).records[warm_up.id] == ItemRecord(warm_up.id, "skipped", "no time")
        assert row_text(pilot, warm_up.id) == f"[–] {warm_up.label}\n    skipped: no time"
        assert static_text(pilot, "#item-state") == "Skipped: no time"
        draft = await written_draft(pilot)
        assert draft is not None
        assert ItemRecord(warm_up.id, "skipped", "no time") in draft.items


async def test_skip_without_a_reason_and_space_turns_it_done(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await skip_highlighted(pilot, "")
        first = content.checklist[0]
        assert pane(pilot).records[first.id] == ItemRecord(first.id, "skipped")
        assert row_text(pilot, first.id).endswith("skipped")
        await pilot.press("space")
        assert states(pilot)[first.id] == "done"


async def test_escape_cancels_a_skip(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        await pilot.press(*"never mind", "escape")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        assert not isinstance(pilot.app.screen, SkipReasonScreen)
        assert states(pilot)[content.checklist[0].id] == "pending"
        assert await written_draft(pilot) is None


async def test_an_overlong_reason_is_refused_in_the_dialog(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("s")
        dialog = await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        dialog.query_one("#skip-reason", Input).value = "x" * (MAX_USER_TEXT + 1)
        await pilot.press("enter")
        error = dialog.query_one("#skip-error", Static)
        await wait_until(pilot, lambda: error.display, "the error under the reason")
        assert isinstance(pilot.app.screen, SkipReasonScreen)
        assert error.display
        assert str(error.render()) == "Reason is 2,001 characters; the limit is 2,000"
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        assert states(pilot)[content.checklist[0].id] == "pending"


async def test_progress_bar_and_counts(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        bar = pilot.app.query_one("#checklist-progress", ProgressBar)
        total = len(content.checklist)
        assert (bar.total, bar.progress) == (total, 0)
        await pilot.press("space", "down", "space", "down")
        await skip_highlighted(pilot, "sore")
        assert bar.progress == 3
        counts = f"2 done · 1 skipped · {total - 3} open"
        assert static_text(pilot, "#checklist-counts") == counts


async def test_save_with_open_items_asks_then_stores(content: Content, store: HistoryStore) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "down", "space", "down")
        await skip_highlighted(pilot, "no time")
        await pilot.press("ctrl+s")
        screen = await wait_for_dialog(pilot, ConfirmScreen, "#confirm-yes")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        open_items = len(content.checklist) - 3
        assert screen.question == f"{open_items} items are still open. Save anyway?"
        assert str(screen.query_one("#confirm-yes", Button).label) == "Save"
        assert str(screen.query_one("#confirm-no", Button).label) == "Keep going"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.messages, "the run to be saved and announced")

        [session] = store.sessions()
        ids = [item.id for item in content.checklist]
        assert session.done_ids == (ids[0], ids[1])
        assert session.skipped_ids == (ids[2],)
        assert ItemRecord(ids[2], "skipped", "no time") in session.items
        assert len(session.pending_ids) == open_items
        assert await written_draft(pilot) is None
        assert set(states(pilot).values()) == {"pending"}
        assert (
            f"Saved session #{session.id} (2 done, 1 skipped). "
            "Log how it went with o after your workout.",
            "information",
        ) in app.notices
        assert [m.session for m in app.messages if isinstance(m, ChecklistPane.SessionSaved)] == [
            session
        ]
        assert static_text(pilot, "#checklist-last-run").startswith(f"Last run #{session.id} · ")


async def test_keep_going_saves_nothing(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("space", "ctrl+s")
        await wait_for_dialog(pilot, ConfirmScreen, "#confirm-yes")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, ConfirmScreen)
        assert store.count() == 0
        assert states(pilot)[content.checklist[0].id] == "done"


async def test_a_complete_run_saves_without_asking(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        session = await save_all_done(pilot)
        assert not isinstance(pilot.app.screen, ConfirmScreen)
        assert len(session.done_ids) == len(content.checklist)


async def test_a_failed_save_keeps_the_run(
    content: Content, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = "Could not save to x: No space left on device. Your data is unchanged; try again."

    def full_disk(*args: object, **kwargs: object) -> Session:
        raise HistoryWriteError(message)

    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(store, "add_session", full_disk)
        for item in content.checklist:
            await pilot.press("space", *(["n"] if item.is_safety_check else []), "down")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: (message, "error") in app.notices, "the failure said")
        assert set(states(pilot).values()) == {"done"}
        monkeypatch.undo()
        assert store.count() == 0
        draft = await written_draft(pilot)
        assert draft is not None and {r.state for r in draft.items} == {"done"}
        # The user can retry once the problem is fixed.
        await pilot.press("ctrl+s")
        assert store.count() == 1


async def test_the_draft_survives_quit_and_relaunch(content: Content, db: Path) -> None:
    first = checklist_app(content, HistoryStore(db, clock=Clock()))
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("space", "down", "down")
        await skip_highlighted(pilot, "sore calves")
        before = dict(pane(pilot).records)
        await pilot.press("q")
    again = checklist_app(content, HistoryStore(db, clock=Clock()))
    async with again.run_test(size=SIZE) as pilot:
        assert pane(pilot).records == before
        assert row_text(pilot, content.checklist[0].id).startswith("[✓]")
        assert row_text(pilot, content.checklist[2].id).endswith("skipped: sore calves")


async def test_a_busy_history_file_does_not_freeze_the_checklist(
    content: Content, db: Path, store: HistoryStore
) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        first, second = (item.id for item in content.checklist[:2])
        with FileLock(str(local_folder(db, create=True) / "lock")):  # another crampui saves
            await pilot.press("space", "down", "space")
            assert (states(pilot)[first], states(pilot)[second]) == ("done", "done")
            assert row_text(pilot, second).startswith("[✓]")
            assert app.notices == []
        draft = await written_draft(pilot)
    assert draft is not None
    assert {ItemRecord(first, "done"), ItemRecord(second, "done")} <= set(draft.items)


async def test_quick_changes_are_one_write_made_on_quit(
    content: Content, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checklist, "DRAFT_DELAY", 1000.0)  # nothing is written before quit
    store = HistoryStore(db, clock=Clock())
    writes: list[tuple[ItemRecord, ...]] = []
    save_draft = store.save_draft

    def counted(items: Sequence[ItemRecord], note: str = "") -> Draft:
        writes.append(tuple(items))
        return save_draft(items, note)

    monkeypatch.setattr(store, "save_draft", counted)
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("space", "down", "space", "down", "space", "up", "space")
        assert writes == []
        expected = pane(pilot).items()
        await pilot.press("q")
    assert writes == [tuple(expected)]
    draft = HistoryStore(db, clock=Clock()).draft()
    assert draft is not None and set(draft.items) == set(expected)


async def test_new_run_asks_then_clears(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("space", "down", "space")
        await pilot.press("n")
        screen = await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")  # the safe answer
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert screen.question == "Clear 2 answered items and start a new run?"
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, ConfirmScreen)
        assert states(pilot)[content.checklist[0].id] == "done"
        await pilot.press("n")
        await wait_for_dialog(pilot, ConfirmScreen, "#confirm-no")
        await pilot.click("#confirm-yes")
        await wait_until(
            pilot, lambda: set(states(pilot).values()) == {"pending"}, "the run to be cleared"
        )
        assert set(states(pilot).values()) == {"pending"}
        assert await written_draft(pilot) is None
        assert store.count() == 0


async def test_timer_key_asks_the_app(content: Content, store: HistoryStore) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await wait_until(
            pilot,
            lambda: any(isinstance(m, ChecklistPane.OpenTimer) for m in app.messages),
            "the OpenTimer message",
        )
        assert any(isinstance(m, ChecklistPane.OpenTimer) for m in app.messages)


async def test_outcome_needs_a_saved_session(content: Content, store: HistoryStore) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert not isinstance(app.screen, OutcomeScreen)
        assert any(text.startswith("No saved run yet") for text, _ in app.notices)


async def open_outcome(pilot: Pilot[None]) -> OutcomeScreen:
    """Press o and wait for the outcome dialog, its cramp question focused."""
    await pilot.press("o")
    return await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")


async def answer_cramped(pilot: Pilot[None]) -> None:
    """Answer Yes to "did your back cramp?", then tab to the severity field."""
    await pilot.press("right", "tab")
    await wait_for_focus(pilot, "#outcome-severity")


async def answer_no_cramp(pilot: Pilot[None]) -> None:
    """Answer No to "did your back cramp?", then tab to the note (the cramp fields are off)."""
    await pilot.press("n")
    dialog = pilot.app.screen
    assert isinstance(dialog, OutcomeScreen)
    await wait_until(pilot, lambda: dialog.cramped() is False, "the answer no")
    await pilot.press("tab")
    await wait_for_focus(pilot, "#outcome-note")


async def fill_cramp_outcome(pilot: Pilot[None]) -> RedFlagsScreen:
    """Answer the outcome dialog: cramped, severity 7, where, a note; return the red flags."""
    await open_outcome(pilot)
    assert isinstance(pilot.app.screen, OutcomeScreen)
    await answer_cramped(pilot)
    await pilot.press("7", *PAST_THE_PLACE, *"lower back, left", "tab", *"after the gym", "enter")
    return await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)


async def test_outcome_with_a_red_flag_shows_advice_that_keys_cannot_close(
    content: Content, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RedFlagsScreen, "UNLOCK_SECONDS", 1000.0)
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        session = await save_all_done(pilot)
        await fill_cramp_outcome(pilot)
        screen = app.screen
        assert isinstance(screen, RedFlagsScreen)
        leg = [question.id for question in QUESTIONS].index("leg-spread")
        await pilot.press(*ALL_NO[:leg], "y", *ALL_NO[leg + 1 :])  # down one leg: yes
        assert app.focused is screen.query_one("#red-flag-continue")
        await pilot.press("enter")
        advice_box = screen.query_one("#red-flag-advice")
        await wait_until(pilot, lambda: advice_box.display, "the advice")
        assert screen.query_one("#red-flag-advice").display
        summary = str(screen.query_one("#red-flag-summary", Static).render())
        assert "pain, tingling or numbness down one leg" in summary
        lead = str(screen.query_one("#red-flag-lead", Static).render())
        assert lead.startswith("See a GP or physiotherapist within the next few days")
        button = screen.query_one("#red-flag-understood", Button)
        assert button.disabled

        await pilot.press("escape", "enter", "space", "q", "y", "n", "tab", "enter")
        await wait_until(pilot, lambda: button.region, "the advice to be laid out")
        await pilot.click("#red-flag-understood")
        assert on_top(pilot, screen)
        assert store.get(session.id).outcome is None

        screen.unlock()  # what the timer does after UNLOCK_SECONDS
        assert not button.disabled
        assert app.focused is not button
        await pilot.press("escape", "enter", "space")
        assert on_top(pilot, screen)

        await pilot.press("tab")
        assert app.focused is button
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        assert not on_top(pilot, screen)
        await wait_for_workers(pilot)

    saved = store.get(session.id)
    outcome = saved.outcome
    assert outcome is not None
    assert outcome.cramped and outcome.severity == 7
    assert outcome.where == "lower back, left"
    assert saved.note == "after the gym"
    assert outcome.red_flags == ("leg-spread",)
    assert outcome.advice_shown is True


async def test_outcome_with_no_red_flags_shows_no_advice(
    content: Content, store: HistoryStore
) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        session = await save_all_done(pilot)
        await fill_cramp_outcome(pilot)
        screen = app.screen
        assert isinstance(screen, RedFlagsScreen)
        await pilot.press(*ALL_NO, "enter")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        await wait_for_workers(pilot)
        assert not on_top(pilot, screen)
        assert not screen.advice_shown
        assert (f"Outcome saved for session #{session.id}.", "information") in app.notices
    outcome = store.get(session.id).outcome
    assert outcome is not None and outcome.cramped and outcome.severity == 7
    assert outcome.red_flags == ()
    assert outcome.advice_shown is False


async def test_red_flag_questions_must_all_be_answered(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await save_all_done(pilot)
        dialog = await fill_cramp_outcome(pilot)
        await pilot.click("#red-flag-continue")
        error = dialog.query_one("#red-flag-error", Static)
        await wait_until(pilot, lambda: error.display, "the error under the questions")
        screen = pilot.app.screen
        assert isinstance(screen, RedFlagsScreen)
        assert str(screen.query_one("#red-flag-error", Static).render()).startswith(
            "Please answer every question"
        )


async def test_no_cramp_skips_the_red_flag_questions(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        session = await save_all_done(pilot)
        screen = await open_outcome(pilot)
        assert isinstance(pilot.app.screen, OutcomeScreen)
        await answer_no_cramp(pilot)
        assert screen.query_one("#outcome-severity", Input).disabled
        await pilot.press(*"fine today", "enter")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_for_workers(pilot)
        assert not isinstance(pilot.app.screen, (OutcomeScreen, RedFlagsScreen))
        assert "no cramp" in static_text(pilot, "#checklist-last-run")
    saved = store.get(session.id)
    assert saved.outcome is not None
    assert (saved.outcome.cramped, saved.outcome.severity, saved.note) == (
        False,
        None,
        "fine today",
    )


@pytest.mark.parametrize(
    ("severity", "message"),
    [("11", "Severity must be a whole number from 0 to 10."), ("-1", "Severity must")],
)
async def test_a_bad_severity_keeps_the_dialog_open(
    content: Content, store: HistoryStore, severity: str, message: str
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        session = await save_all_done(pilot)
        dialog = await open_outcome(pilot)
        await answer_cramped(pilot)
        await pilot.press(*severity, "enter")
        error = dialog.query_one("#outcome-error", Static)
        await wait_until(pilot, lambda: error.display, "the error under the fields")
        screen = pilot.app.screen
        assert isinstance(screen, OutcomeScreen)
        assert str(screen.query_one("#outcome-error", Static).render()).startswith(message)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_for_workers(pilot)
        assert store.get(session.id).outcome is None


async def test_outcome_needs_a_cramp_answer(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await save_all_done(pilot)
        dialog = await open_outcome(pilot)
        await pilot.click("#outcome-save")
        error_line = dialog.query_one("#outcome-error", Static)
        await wait_until(pilot, lambda: error_line.display, "the error under the fields")
        screen = pilot.app.screen
        assert isinstance(screen, OutcomeScreen)
        error = str(screen.query_one("#outcome-error", Static).render())
        assert error == "Choose whether your back cramped: No or Yes."


async def test_cancelling_the_red_flag_questions_saves_nothing(
    content: Content, store: HistoryStore
) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        session = await save_all_done(pilot)
        await fill_cramp_outcome(pilot)
        assert isinstance(pilot.app.screen, RedFlagsScreen)
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        await wait_for_workers(pilot)
        assert not isinstance(pilot.app.screen, RedFlagsScreen)
    assert store.get(session.id).outcome is None


async def test_prompt_outcome_edits_any_session(content: Content, store: HistoryStore) -> None:
    older = store.add_session([ItemRecord(content.checklist[0].id, "done")])
    store.add_session([])
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pane(pilot).prompt_outcome(older)
        screen = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        assert isinstance(pilot.app.screen, OutcomeScreen)
        assert f"Session #{older.id}" in str(screen.query_one(".dialog-subtitle", Static).render())
        await answer_no_cramp(pilot)
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_for_workers(pilot)
    outcome = store.get(older.id).outcome
    assert outcome is not None and not outcome.cramped


def drawn_text(widget: Static) -> str:
    """What ``widget`` draws, its lines joined by single spaces."""
    lines = [widget.render_line(y).text for y in range(widget.size.height)]
    return " ".join(" ".join(lines).split())


async def test_at_60x20_the_detail_wraps_and_the_counts_show(
    content: Content, store: HistoryStore
) -> None:
    width, _height = TINY
    async with checklist_app(content, store).run_test(size=TINY) as pilot:
        await pilot.press("space", "down")
        detail = pilot.app.query_one("#item-detail", Static)
        item = content.checklist[1]
        await wait_until(pilot, lambda: detail.region, "the detail laid out")
        assert detail.region.right <= width
        assert drawn_text(detail) == item.detail
        counts = pilot.app.query_one("#checklist-counts", Static)
        assert counts.region.right <= width
        assert drawn_text(counts) == f"1 done · 0 skipped · {len(content.checklist) - 1} open"
        items = pilot.app.query_one("#checklist-items", OptionList)
        assert items.region.right <= width
