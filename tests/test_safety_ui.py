"""The safety flows in the app (Pilot, keys as one burst): nothing answered for the person,
advice that follows the symptoms, the nerve check as a question, no nudge after advice."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Button, RadioButton, Static

from crampui.cli.main import run
from crampui.content.safety import NERVE_CHECK_ID, NERVE_CHECK_YES, QUESTIONS
from crampui.content.store import Content
from crampui.history import HistoryStore, ItemRecord, Outcome, Session
from crampui.settings import Settings, load_settings, save_settings
from crampui.ui.app import CrampApp
from crampui.ui.panes.checklist import ChecklistPane
from crampui.ui.panes.history import HistoryPane
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.help import HelpScreen
from crampui.ui.screens.nerve_check import NerveCheckScreen
from crampui.ui.screens.outcome import OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.widgets.checked_notice import CheckedNotice
from tests.clocks import FakeMonotonic, FakeWallClock
from tests.pane_harness import Clock, PaneApp, wait_for_dialog
from tests.waiting import (
    wait_for_app_ready,
    wait_for_focus,
    wait_for_screen,
    wait_for_screen_gone,
    wait_for_workers,
    wait_until,
)

pytestmark = [pytest.mark.ui, pytest.mark.usefixtures("utc")]

SIZE = (100, 32)
FIRST_FLAG = f"#flag-{QUESTIONS[0].id}"
ALL_NO = "n" * len(QUESTIONS)
NAMED = {"enter": "\r", "tab": "\t", "escape": "\x1b"}


def burst(pilot: Pilot[Any], *keys: str) -> None:
    """Queue every key at once, with no wait between them."""
    for key in keys:
        pilot.app.post_message(events.Key(key, NAMED.get(key, key)))


def logged_from_cli(path: Path, *args: str) -> HistoryStore:
    """``crampui --db PATH log ARGS`` run through the CLI entry; the store at ``path``."""
    assert run(["--db", str(path), "log", *args]) == 0
    return HistoryStore(path, clock=Clock())


def history_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the History pane."""
    return PaneApp(lambda: HistoryPane(content, store), tab="History")


def checklist_app(content: Content, store: HistoryStore) -> PaneApp:
    """The harness app showing the Checklist pane."""
    return PaneApp(lambda: ChecklistPane(content, store))


def only_session(store: HistoryStore) -> Session:
    """The one session in ``store``."""
    (session,) = store.sessions()
    return session


# -- 24.1 / 27.4: the outcome dialog never changes what was recorded ---------------------------


async def test_o_enter_keeps_a_cramp_logged_from_the_cli(
    tmp_path: Path, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    store = logged_from_cli(tmp_path / "h.json", "--cramp", "--severity", "8")
    async with history_app(content, store).run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: pilot.app.query(HistoryPane), "the History pane")
        burst(pilot, "o", "enter")
        dialog = await wait_for_screen(pilot, RedFlagsScreen)  # the answer, as shown, saved
        await pilot.press("escape")  # the questions are not answered now
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        assert not dialog.is_attached
        await wait_for_workers(pilot)
    outcome = only_session(store).outcome
    assert outcome is not None and (outcome.cramped, outcome.severity) == (True, 8)


async def test_the_dialog_opens_on_the_stored_answer(
    tmp_path: Path, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    store = logged_from_cli(tmp_path / "h.json", "--cramp", "--severity", "8")
    async with history_app(content, store).run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: pilot.app.query(HistoryPane), "the History pane")
        await pilot.press("o")
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        yes = dialog.query_one("#outcome-cramped-yes", RadioButton)
        await wait_until(pilot, lambda: yes.has_class("-selected"), "the highlight on Yes")
        assert yes.value and not dialog.query_one("#outcome-cramped-no").has_class("-selected")
        assert "enter saves as shown" in str(dialog.query_one(".dialog-hint", Static).render())


async def test_y_n_and_the_arrows_change_the_answer(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    session = store.add_session([], outcome=Outcome(True, 8))
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.app.query_one(ChecklistPane).prompt_outcome(session)
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        burst(pilot, "n")
        await wait_until(pilot, lambda: dialog.cramped() is False, "n: no")
        burst(pilot, "y")
        await wait_until(pilot, lambda: dialog.cramped() is True, "y: yes")
        burst(pilot, "left")
        await wait_until(pilot, lambda: dialog.cramped() is False, "left: no")
        burst(pilot, "enter")  # saves No, as shown
        await wait_for_screen_gone(pilot, OutcomeScreen)
        await wait_for_workers(pilot)
    outcome = store.get(session.id).outcome
    assert outcome is not None and outcome.cramped is False


# -- 24.2: never answered for the person -------------------------------------------------------


async def test_a_cli_cramp_offers_the_questions_unanswered(
    tmp_path: Path, content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    store = logged_from_cli(tmp_path / "h.json", "--cramp")
    async with history_app(content, store).run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: pilot.app.query(HistoryPane), "the History pane")
        await pilot.press("o")
        await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        await pilot.press("ctrl+s")
        dialog = await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        assert set(dialog.answers().values()) == {None}
        assert [button for button in dialog.query(RadioButton) if button.value] == []
        burst(pilot, *["enter"] * (len(QUESTIONS) + 2))  # enter moves on, answers nothing
        await wait_for_focus(pilot, f"#flag-{QUESTIONS[2].id}")  # round to the first still open
        assert set(dialog.answers().values()) == {None}
        await pilot.click("#red-flag-continue")
        error = dialog.query_one("#red-flag-error", Static)
        await wait_until(pilot, lambda: error.display, "please answer every question")
        assert set(dialog.answers().values()) == {None}
        await pilot.press("escape")
        await wait_for_workers(pilot)
    outcome = only_session(store).outcome
    assert outcome is not None and (outcome.red_flags, outcome.red_flags_no) == ((), ())


async def test_answers_are_stored_as_given(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    session = store.add_session([], outcome=Outcome(True, 4))
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.app.query_one(ChecklistPane).prompt_outcome(session)
        await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        burst(pilot, "enter")
        await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
        burst(pilot, *ALL_NO, "enter")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        await wait_for_workers(pilot)
    outcome = store.get(session.id).outcome
    assert outcome is not None
    assert outcome.red_flags == () and set(outcome.red_flags_no) == {q.id for q in QUESTIONS}


# -- 24.3: the advice leads with where to go and how soon ---------------------------------------


async def advice_for(pilot: Pilot[Any], session: Session, keys: str) -> RedFlagsScreen:
    """Open the flow for the cramp ``session``, answer ``keys`` and wait for the advice."""
    await pilot.app.query_one(ChecklistPane).prompt_outcome(session)
    await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
    burst(pilot, "enter")
    dialog = await wait_for_dialog(pilot, RedFlagsScreen, FIRST_FLAG)
    burst(pilot, *keys, "enter")
    await wait_for_focus(pilot, "#red-flag-advice-body")
    return dialog


def text(dialog: RedFlagsScreen, selector: str) -> str:
    """What a Static of the dialog says."""
    return str(dialog.query_one(selector, Static).render())


@pytest.mark.parametrize(
    ("yes_to", "title", "lead"),
    [
        ("saddle-numbness", "Get medical help now", "Go to an emergency department (A&E) now"),
        ("leg-spread", "Please get this checked within days", "See a GP or physiotherapist"),
    ],
    ids=["urgent", "soon"],
)
async def test_the_advice_follows_the_tier(
    content: Content, tmp_path: Path, yes_to: str, title: str, lead: str
) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    session = store.add_session([], outcome=Outcome(True, 4))
    keys = "".join("y" if q.id == yes_to else "n" for q in QUESTIONS)
    async with checklist_app(content, store).run_test(size=(80, 24)) as pilot:
        dialog = await advice_for(pilot, session, keys)
        assert text(dialog, "#red-flag-title") == title
        assert text(dialog, "#red-flag-lead").startswith(lead)
        button = dialog.query_one("#red-flag-understood", Button)
        assert button.disabled  # cannot be closed by accident


async def test_urgent_beats_soon(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    session = store.add_session([], outcome=Outcome(True, 4))
    keys = "".join("y" if q.id in ("leg-spread", "bladder-bowel") else "n" for q in QUESTIONS)
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        dialog = await advice_for(pilot, session, keys)
        assert text(dialog, "#red-flag-title") == "Get medical help now"
        summary = text(dialog, "#red-flag-summary")
        assert "new bladder or bowel trouble" in summary and "down one leg" in summary


# -- 24 build list: where it cramped, structured -----------------------------------------------


async def test_a_spread_into_the_leg_leads_to_the_nerve_advice(
    content: Content, tmp_path: Path
) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    session = store.add_session([])
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        await pilot.app.query_one(ChecklistPane).prompt_outcome(session)
        dialog = await wait_for_dialog(pilot, OutcomeScreen, "#outcome-cramped")
        notice = dialog.query_one("#outcome-leg-notice")
        assert not notice.display
        # yes; severity 6; region: upper -> middle -> lower; side: the first, left;
        # spread: back -> buttock -> thigh
        burst(pilot, "y", "tab", "6", "tab", "right", "right", "tab", "space", "tab")
        burst(pilot, "right", "right")
        await wait_until(pilot, lambda: notice.display, "the nerve advice at once")
        assert dialog.chosen == {
            "cramped": "yes",
            "region": "lower",
            "side": "left",
            "spread": "thigh",
        }
        burst(pilot, "ctrl+s")
        flags = await wait_for_screen(pilot, RedFlagsScreen)
        await wait_until(pilot, lambda: flags.query(RadioButton), "the questions")
        assert flags.answers()["leg-spread"] is True  # the person chose it: shown as a yes
        assert flags.query_one("#flag-leg-spread-yes", RadioButton).value
        assert {answer for q, answer in flags.answers().items() if q != "leg-spread"} == {None}
        await wait_for_focus(pilot, FIRST_FLAG)
        burst(pilot, *ALL_NO[:5], "enter", *ALL_NO[6:], "enter")
        await wait_for_focus(pilot, "#red-flag-advice-body")
        assert text(flags, "#red-flag-title") == "Please get this checked within days"


# -- 24.4: F2 says what to do if it went into the leg or does not pass ------------------------


async def test_cramping_now_covers_the_leg_and_a_cramp_that_does_not_pass() -> None:
    app = CrampApp()
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, CrampingNowScreen)
        steps = str(screen.query_one("#cramp-steps", Static).render())
        assert "buttock or leg" in steps and "Stop for today" in steps
        assert "Not passed within a few minutes?" in steps
        assert steps.rstrip().endswith("Otherwise, resume gently once it has passed.")


# -- 24.6: the nerve check is a question -------------------------------------------------------


def to_nerve_check(content: Content) -> list[str]:
    """Keys that move the checklist cursor down to the nerve check."""
    index = [item.id for item in content.checklist].index(NERVE_CHECK_ID)
    return ["down"] * index


async def test_yes_to_the_nerve_check_means_no_stretching_today(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RedFlagsScreen, "UNLOCK_SECONDS", 1000.0)  # unlocked below, not by time
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    app = checklist_app(content, store)
    async with app.run_test(size=SIZE) as pilot:
        burst(pilot, "space", *to_nerve_check(content), "space")  # tick the first, then ask
        await wait_for_screen(pilot, NerveCheckScreen)
        burst(pilot, "y")
        advice = await wait_for_screen(pilot, RedFlagsScreen)
        await wait_for_focus(pilot, "#red-flag-advice-body")
        assert str(advice.query_one("#red-flag-title", Static).render()) == (
            "Please get this checked within days"
        )
        assert advice.query_one("#red-flag-understood", Button).disabled
        advice.unlock()  # what the timer does after UNLOCK_SECONDS
        await pilot.click("#red-flag-understood")
        await wait_for_screen_gone(pilot, RedFlagsScreen)
        await wait_until(pilot, lambda: store.count() == 1, "the answer recorded")
        await wait_for_workers(pilot)
        burst(pilot, "t")
        await wait_until(
            pilot,
            lambda: any("no stretching until" in message for message, _ in app.notices),
            "the timer refused",
        )
        assert not any(isinstance(m, ChecklistPane.OpenTimer) for m in app.messages)
    session = only_session(store)
    check = next(record for record in session.items if record.item_id == NERVE_CHECK_ID)
    assert (check.state, check.reason) == ("skipped", NERVE_CHECK_YES)


async def test_the_nerve_check_cannot_be_skipped_silently(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        pane = pilot.app.query_one(ChecklistPane)
        burst(pilot, *to_nerve_check(content), "s")
        await wait_for_screen(pilot, NerveCheckScreen)
        assert not isinstance(pilot.app.screen, SkipReasonScreen)
        burst(pilot, "escape")  # not answered: it stays open
        await wait_for_screen_gone(pilot, NerveCheckScreen)
        assert pane.records[NERVE_CHECK_ID].state == "pending"
        burst(pilot, "space")
        await wait_for_screen(pilot, NerveCheckScreen)
        burst(pilot, "n")
        await wait_until(pilot, lambda: pane.records[NERVE_CHECK_ID].state == "done", "no")
        detail = str(pilot.app.query_one("#item-causes", Static).render())
        assert detail.startswith("Checks for signs of:") and "prevent" not in detail


async def test_enter_does_not_answer_the_nerve_check(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.json", clock=Clock())
    async with checklist_app(content, store).run_test(size=SIZE) as pilot:
        pane = pilot.app.query_one(ChecklistPane)
        burst(pilot, *to_nerve_check(content), "space")
        screen = await wait_for_screen(pilot, NerveCheckScreen)
        burst(pilot, "enter", "space")
        await wait_until(pilot, lambda: screen.query(Button), "the dialog laid out")
        assert isinstance(pilot.app.screen, NerveCheckScreen)
        assert pane.records[NERVE_CHECK_ID].state == "pending"


# -- 24.7: no nudge after advice; the launch notice asks whether it was checked ---------------

NOW = datetime(2026, 11, 25, 18, 30, tzinfo=timezone.utc)


def advised_app(tmp_path: Path) -> CrampApp:
    """An app whose history had advice to get checked four days ago, with a target of 3."""
    store = HistoryStore(tmp_path / "history.json", clock=lambda: NOW - timedelta(days=4))
    flagged = Outcome(True, 7, red_flags=("leg-spread",), advice_shown=True)
    store.add_session([ItemRecord("warm-up", "done")], outcome=flagged)
    save_settings(Settings(weekly_target=3), tmp_path / "settings.json")
    return CrampApp(
        db_path=str(tmp_path / "history.json"),
        settings_file=tmp_path / "settings.json",
        clock=FakeWallClock(NOW),
        monotonic=FakeMonotonic(),
    )


async def test_the_launch_asks_whether_it_was_checked_instead_of_nudging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = advised_app(tmp_path)
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **_options: said.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_app_ready(pilot)
        notice = app.query_one(CheckedNotice)
        assert not [message for message in said if "a session is due" in message]
        await pilot.click("#checked-notice-yes")
        await wait_until(pilot, lambda: not notice.is_attached, "the notice answered")
        await wait_until(
            pilot,
            lambda: load_settings(tmp_path / "settings.json")[0].checked_session == 1,
            "the answer stored",
        )


async def test_help_starts_with_the_red_flags(content: Content) -> None:
    app = CrampApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_app_ready(pilot)
        await pilot.press("question_mark")
        screen = await wait_for_screen(pilot, HelpScreen)
        body = screen.query_one("#help-body", VerticalScroll)
        urgent = screen.query_one("#help-urgent", Static)
        await wait_until(pilot, lambda: urgent.region, "the help laid out")
        assert body.region.contains_region(urgent.region)  # on the first screen at 80x24
        keys = screen.query_one("#help-keys", Static)
        soon = screen.query_one("#help-soon", Static)
        assert urgent.region.y < soon.region.y < keys.region.y
        assert "Emergency department" in str(urgent.render())
