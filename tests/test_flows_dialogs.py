"""The outcome, red-flag and skip-reason dialogs do what they say, even with keys in a burst."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static
from textual.widgets._toast import Toast

from crampui.content.safety import QUESTIONS
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome, Session
from crampui.history.records import MAX_NOTE_LENGTH
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.widgets.app_footer import AppFooter
from crampui.usertext import MAX_USER_TEXT
from tests.pane_harness import Clock, PaneApp, wait_for_dialog
from tests.waiting import wait_for_focus, wait_for_screen_gone, wait_for_workers, wait_until

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 30)
FIRST_FLAG = f"#flag-{QUESTIONS[0].id}"
ALL_NO = "n" * len(QUESTIONS)
PLACE_FIELDS = ("tab", "tab", "tab")
"""Tab past the region, side and spread choices."""
CHARACTERS = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b"}
"""The character a terminal sends for each named key used here."""


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    """An empty history with a fixed clock."""
    return HistoryStore(tmp_path / "history.json", clock=Clock())


def checklist_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the Checklist pane."""
    return PaneApp(lambda: ChecklistPane(content, store))


def send_keys(pilot: Pilot[Any], *keys: str) -> None:
    """Queue every key at once, with no wait between them (names such as "tab", or characters).

    Like ``tests.keys.send_burst``, for bursts that mix named keys with text.
    """
    for key in keys:
        name = "space" if key == " " else key
        pilot.app.post_message(events.Key(name, CHARACTERS.get(name, key)))


async def open_outcome(pilot: Pilot[Any], session: Session) -> OutcomeScreen:
    """Start the outcome flow for ``session`` from the Checklist pane; wait for the dialog."""
    await pilot.app.query_one(ChecklistPane).prompt_outcome(session)
    return await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")


async def finish_flow(pilot: Pilot[Any]) -> None:
    """Wait until every dialog of the flow has closed and its worker has stored the answer."""
    await wait_for_screen_gone(pilot, OutcomeScreen)
    await wait_for_screen_gone(pilot, RedFlagsScreen)
    await wait_for_workers(pilot)


def answers(screen: RedFlagsScreen) -> dict[str, bool | None]:
    """The red-flag answers as the dialog will record them."""
    return screen.answers()


# -- item 3: choosing Yes leaves focus where the user put it ------------------------------------


async def test_choosing_yes_does_not_move_focus(content: Content, store: HistoryStore) -> None:
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await open_outcome(pilot, session)
        await pilot.press("right")
        assert dialog.cramped() is True
        assert pilot.app.focused is dialog.query_one("#outcome-cramped")


@pytest.mark.parametrize("save", [("enter",), ("tab", "enter")], ids=["enter", "save-button"])
async def test_a_burst_after_yes_fills_each_field_in_tab_order(
    content: Content, store: HistoryStore, save: tuple[str, ...]
) -> None:
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await open_outcome(pilot, session)
        send_keys(pilot, "right", "tab", "8", *PLACE_FIELDS, "tab", *"lower back")
        send_keys(pilot, "tab", *"my note", *save)
        await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        await pilot.press(*ALL_NO, "enter")
        await finish_flow(pilot)
    saved = store.get(session.id)
    assert saved.outcome is not None
    assert (saved.outcome.cramped, saved.outcome.severity, saved.outcome.where, saved.note) == (
        True,
        8,
        "lower back",
        "my note",
    )


# -- item 5: red-flag answers typed as a burst --------------------------------------------------


async def open_red_flags(pilot: Pilot[Any], session: Session) -> RedFlagsScreen:
    """Open the flow for ``session``, answer a cramp (severity 6) and wait for the red flags."""
    await open_outcome(pilot, session)
    await pilot.press("right", "tab", "6", "enter")
    return await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)


async def test_a_burst_of_answers_records_every_question(
    content: Content, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RedFlagsScreen, "UNLOCK_SECONDS", 1000.0)
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await open_red_flags(pilot, session)
        send_keys(pilot, "y", *ALL_NO[1:], "enter")
        advice = dialog.query_one("#red-flag-advice")
        await wait_until(pilot, lambda: advice.display, "the advice after a yes")
        first = QUESTIONS[0].id
        assert answers(dialog) == {question.id: question.id == first for question in QUESTIONS}
        assert dialog.flagged == (first,)


async def test_enter_on_a_question_moves_on_without_answering(
    content: Content, store: HistoryStore
) -> None:
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await open_red_flags(pilot, session)
        send_keys(pilot, "enter", "n")
        first, second_id = QUESTIONS[0].id, QUESTIONS[1].id
        second = dialog.query_one(f"#flag-{second_id}")
        await wait_until(pilot, lambda: answers(dialog)[second_id] is False, "second: no")
        assert answers(dialog)[first] is None
        assert pilot.app.focused is not second  # moved on to the next unanswered question
        await pilot.press("escape")
        await finish_flow(pilot)
    assert store.get(session.id).outcome is None


# -- item 4: editing an outcome keeps its safety record -----------------------------------------


def flagged_session(store: HistoryStore) -> Session:
    """A session whose outcome recorded a cramp with leg pain and showed the advice."""
    session = store.add_session([ItemRecord("warm-up", "done")])
    return store.set_outcome(
        session.id, Outcome(True, 8, "lower back", ("leg-pain",), advice_shown=True)
    )


async def test_editing_shows_the_earlier_answers(content: Content, store: HistoryStore) -> None:
    session = flagged_session(store)
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await open_outcome(pilot, session)
        assert dialog.cramped() is True
        await pilot.press("ctrl+s")  # the outcome as it was
        red_flags = await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        assert set(answers(red_flags).values()) == {None}  # no earlier yes among today's
        assert list(red_flags.query("RadioButton.-on")) == []  # nothing answered for them


async def test_answering_again_never_drops_the_safety_record(
    content: Content, store: HistoryStore
) -> None:
    session = flagged_session(store)
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await open_outcome(pilot, session)
        await pilot.press("ctrl+s")
        red_flags = await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        await pilot.press(*ALL_NO)  # every answer now no
        assert answers(red_flags) == dict.fromkeys(answers(red_flags), False)
        await pilot.press("enter")
        await finish_flow(pilot)
    outcome = store.get(session.id).outcome
    assert outcome is not None
    assert outcome.red_flags == ("leg-pain",)
    assert outcome.advice_shown is True


async def test_editing_to_no_cramp_keeps_the_safety_record(
    content: Content, store: HistoryStore
) -> None:
    session = flagged_session(store)
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await open_outcome(pilot, session)
        await pilot.click("#outcome-cramped-no")
        await wait_until(pilot, lambda: dialog.cramped() is False, "the answer no")
        await pilot.press("ctrl+s")
        await finish_flow(pilot)
    outcome = store.get(session.id).outcome
    assert outcome is not None and not outcome.cramped
    assert (outcome.red_flags, outcome.advice_shown) == (("leg-pain",), True)


# -- item 12: a paste longer than the limit keeps its beginning, with a count -------------------


def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal does (one Paste event)."""
    pilot.app.post_message(events.Paste(text))


async def test_a_long_reason_pasted_keeps_the_first_characters(
    content: Content, store: HistoryStore
) -> None:
    pasted = "".join(f"{n:04d} " for n in range(500))  # 2,500 characters
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("s")
        dialog = await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        box = dialog.query_one("#skip-reason", Input)
        assert not box.border_subtitle
        paste(pilot, pasted)
        await wait_until(pilot, lambda: box.value, "the pasted reason")
        assert box.value == pasted[:MAX_USER_TEXT]
        assert box.border_subtitle == "2,000 / 2,000"
        await pilot.press("x")  # full: nothing more goes in
        assert box.value == pasted[:MAX_USER_TEXT]
        await pilot.press("enter")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        first = content.checklist[0].id
        record = pilot.app.query_one(ChecklistPane).records[first]
        assert (record.state, record.reason) == ("skipped", pasted[:MAX_USER_TEXT].strip())


async def test_the_count_shows_near_the_limit(content: Content, store: HistoryStore) -> None:
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.press("s")
        dialog = await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        box = dialog.query_one("#skip-reason", Input)
        paste(pilot, "a" * 1700)
        await wait_until(pilot, lambda: box.value, "the pasted reason")
        assert not box.border_subtitle
        paste(pilot, "b" * 150)
        await wait_until(pilot, lambda: len(box.value) == 1850, "the second paste")
        assert box.border_subtitle == "1,850 / 2,000"


async def test_a_long_note_pasted_keeps_the_first_characters(
    content: Content, store: HistoryStore
) -> None:
    session = store.add_session([])
    pasted = "n" * (MAX_NOTE_LENGTH + 1000)
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await open_outcome(pilot, session)
        await pilot.press("n", "tab")  # no cramp; on to the note
        note = dialog.query_one("#outcome-note", Input)
        await wait_until(pilot, lambda: pilot.app.focused is note, "focus on the note")
        paste(pilot, pasted)
        await wait_until(pilot, lambda: note.value, "the pasted note")
        assert note.border_subtitle == f"{MAX_NOTE_LENGTH:,} / {MAX_NOTE_LENGTH:,}"
        await pilot.press("enter")
        await finish_flow(pilot)
    saved = store.get(session.id)
    assert saved.outcome is not None and saved.note == "n" * MAX_NOTE_LENGTH


# -- item 9: each dialog shows its own keys, and no toast covers the outcome's Save -------------


def footer_keys(pilot: Pilot[Any]) -> list[str]:
    """The descriptions of the keys in the footer drawn on the active screen (the dialog's
    own: the app's one-line footer, not Textual's)."""
    screen = pilot.app.screen
    assert not screen.query(Footer), "a dialog draws the app's footer, not Textual's"
    footers = [footer for footer in screen.query(AppFooter) if footer.region]
    return [key.description for footer in footers for key in footer.shown()]


async def test_dialogs_show_their_own_footer_keys(content: Content, store: HistoryStore) -> None:
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await wait_for_dialog(pilot, SkipReasonScreen, "#skip-reason")
        skip_keys = await wait_until(pilot, lambda: footer_keys(pilot), "the dialog's footer")
        assert "Cancel" in skip_keys and "Tick" not in skip_keys
        await pilot.press("escape")
        await wait_for_screen_gone(pilot, SkipReasonScreen)
        await open_outcome(pilot, session)
        outcome_keys = await wait_until(pilot, lambda: footer_keys(pilot), "the dialog's footer")
        assert {"Save", "Cancel"} <= set(outcome_keys) and "Tick" not in outcome_keys
        await pilot.press("right", "ctrl+s")
        await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        flag_keys = await wait_until(pilot, lambda: footer_keys(pilot), "the dialog's footer")
        assert {"Yes", "No", "Cancel"} <= set(flag_keys) and "Skip" not in flag_keys


async def test_the_run_saved_toast_leaves_the_outcome_dialog_clear(
    content: Content, store: HistoryStore
) -> None:
    app = checklist_app(content, store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for item in content.checklist:
            await pilot.press("space", *(["n"] if item.is_safety_check else []), "down")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: list(app.screen.query(Toast)), "the Run saved toast")
        await pilot.press("o")
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        buttons = [dialog.query_one(f"#outcome-{name}", Button) for name in ("save", "cancel")]
        box = dialog.query_one(".dialog").region
        await wait_until(pilot, lambda: all(b.region for b in buttons), "the buttons laid out")
        await pilot.wait_for_scheduled_animations()
        covering = [toast for toast in dialog.query(Toast) if toast.region.overlaps(box)]
        assert covering == []


# -- item 11: the advice at 80x24 says there is more below, and its hint fits -------------------


def shown_in(widget: Widget, container: Widget) -> bool:
    """Whether any of ``widget`` is inside ``container``'s visible region."""
    return bool(widget.region) and container.region.overlaps(widget.region)


async def test_the_advice_signals_the_professional_part_below_the_fold(
    content: Content, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RedFlagsScreen, "UNLOCK_SECONDS", 1000.0)
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=(80, 24)) as pilot:
        dialog = await open_red_flags(pilot, session)
        await pilot.press(*ALL_NO[:5], "y", *ALL_NO[6:], "enter")
        body = await wait_for_focus(pilot, "#red-flag-advice-body")
        professional = dialog.query_one("#red-flag-then-list", Static)
        more = dialog.query_one("#red-flag-more", Static)
        await wait_until(pilot, lambda: body.region and body.max_scroll_y, "the advice laid out")
        assert shown_in(professional, body) or (more.display and shown_in(more, dialog))
        assert "more below" in str(more.render())
        await pilot.press("end")
        await wait_until(pilot, lambda: not more.display, "the sign gone at the end")
        assert shown_in(professional, body)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_the_advice_hint_fits_on_one_line(
    content: Content, store: HistoryStore, size: tuple[int, int]
) -> None:
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=size) as pilot:
        dialog = await open_red_flags(pilot, session)
        await pilot.press("y", *ALL_NO[1:], "enter")
        await wait_for_focus(pilot, "#red-flag-advice-body")
        dialog.unlock()  # what the timer does after UNLOCK_SECONDS
        hint = dialog.query_one("#red-flag-advice-hint", Static)
        await wait_until(pilot, lambda: "I understand" in str(hint.render()), "the unlocked hint")
        await wait_until(pilot, lambda: hint.region, "the hint laid out")
        assert hint.region.height == 1


# -- item 15: the dialogs are whole at 60x20 ----------------------------------------------------


def inside(widget: Widget, size: tuple[int, int]) -> bool:
    """Whether all of ``widget`` is drawn within a terminal of ``size``."""
    region = widget.region
    return bool(region) and region.right <= size[0] and region.bottom <= size[1]


async def test_the_dialogs_are_whole_at_60x20(content: Content, store: HistoryStore) -> None:
    session = store.add_session([])
    size = (60, 20)
    async with checklist_app(content, store).run_test(size=size) as pilot:
        outcome = await open_outcome(pilot, session)
        hint = outcome.query_one(".dialog-hint", Static)
        parts = [outcome.query_one(f"#outcome-{name}") for name in ("save", "cancel", "cramped")]
        await wait_until(pilot, lambda: all(inside(part, size) for part in parts), "the fields")
        await pilot.press("n", "tab")  # the note scrolls into view when it has focus
        note = await wait_for_focus(pilot, "#outcome-note")
        await wait_until(pilot, lambda: inside(note, size), "the note scrolled into view")
        await pilot.press("y")  # typed into the note, not an answer
        await pilot.press("shift+tab")
        assert inside(hint, size) and hint.region.bottom < size[1] - 1  # above the footer
        await pilot.press("right", "ctrl+s")
        flags = await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        await pilot.press(*ALL_NO[:-1])
        last = flags.query(".red-flag-question").last(Static)
        await wait_until(pilot, lambda: inside(last, size), "the last question scrolled in")
        assert "shape" in " ".join(last.render_line(y).text for y in range(last.size.height))
        assert inside(flags.query_one("#red-flag-continue"), size)
