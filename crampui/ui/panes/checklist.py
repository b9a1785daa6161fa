"""The Checklist tab: tick or skip each step before stretching, then save the run."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content as Text
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from crampui.checklist import items as checklist_items
from crampui.checklist.draft_writer import DraftWriter
from crampui.checklist.items import Entry
from crampui.content.store import ChecklistItem, Content
from crampui.history import HistoryError, HistoryStore, ItemRecord, ItemState, Session
from crampui.history.item_settings import ItemSetting
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.outcome import outcome_summary, session_counts, session_when
from crampui.ui.screens.outcome_flow import start_outcome_flow
from crampui.ui.screens.session_note import SessionNoteScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.store_thread import in_store_thread
from crampui.ui.widgets.checklist_item import ChecklistList, ItemDetail, item_row
from crampui.wording import plural

NARROW = 76
"""Below this many columns the detail box goes under the list instead of beside it."""

KEY_LINE = "s skip · o outcome · t timer · c customise · e note · n new run"
"""The tab's keys the footer has no room for at 80 or 60 columns (or never shows), kept in
view on one line."""

NARROW_KEY_LINE = KEY_LINE.replace(" · ", "  ")
"""The key line where :data:`KEY_LINE` does not fit on one line: spaced as the footer's keys
are, it fits 60 columns (on a phone's narrower screen it takes two lines, every key kept)."""

DRAFT_DELAY = 0.3
"""Seconds a change waits before the draft is written, so a quick run of ticks is one write."""


TOUCH_BUTTONS = (("save", "Save run"), ("skip", "Skip"), ("timer", "Timer"), ("outcome", "Outcome"))
"""The buttons shown for a finger (see crampui.ui.widgets.touch_bar): action and label."""


class ChecklistPane(Vertical):
    """The run in progress: one row per checklist item, progress, and the focused item's detail.

    The items are the user's checklist (:mod:`crampui.checklist.items`: own items in, hidden
    ones out), changed on the Customise screen; the run can carry a note, saved with it.
    Every change is kept as a draft in the store, so a half-finished run survives a restart.
    Drafts are written shortly after a change by a worker thread, never on the UI thread (a
    busy history file cannot freeze the tab), and a draft still waiting is written on quit.
    """

    BINDINGS = [
        Binding("space", "tick", "Tick"),
        Binding("s", "skip", "Skip"),
        Binding("ctrl+s", "save", "Save"),
        Binding("n", "new_run", "New run", show=False),
        Binding("o", "outcome", "Outcome"),
        Binding("t", "timer", "Timer"),
        Binding("r", "routine", "Routine", show=False),
        Binding("R", "edit_routine", "Edit routine", show=False),
        Binding("e", "note", "Note", show=False),
        Binding("c", "customise", "Customise"),
    ]

    @dataclass
    class SessionSaved(Message):
        """A run was saved as a new session, or a session's outcome was recorded."""

        session: Session

    @dataclass
    class OpenTimer(Message):
        """The user asked for the hold timer (``routine``: to run their stretch routine)."""

        routine: bool = False

    class EditRoutine(Message):
        """The user asked to edit their stretch routine."""

    def __init__(self, content: Content, store: HistoryStore) -> None:
        """Create the pane for the checklist in ``content``, saving into ``store``."""
        super().__init__(id="checklist-pane")
        self.content = content
        self.store = store
        self.entries: list[Entry] = checklist_items.visible(content, [])
        """The items shown: the built-in ones until the user's checklist is read (on mount)."""
        self.item_settings: list[ItemSetting] = []
        """The user's checklist settings as last read (Customise opens on them)."""
        self.last_run: Session | None = None
        """The last saved session, as last read or saved (o and t act on it)."""
        self.last_run_line: Text | None = None
        """What the last-run line shows (kept so an unchanged line is not laid out again)."""
        self.key_line = KEY_LINE
        """What the key line shows (kept so an unchanged line is not laid out again)."""
        self.records: dict[str, ItemRecord] = {}
        self.note = ""
        self.drafts = DraftWriter(store)
        self._draft_timer: Timer | None = None
        self.clear_records()

    def compose(self) -> ComposeResult:
        """Progress, the item list, the detail box, the last run and the run's note."""
        with Horizontal(id="checklist-progress-row"):
            yield ProgressBar(total=len(self.entries), show_eta=False, id="checklist-progress")
            yield Static(id="checklist-counts", markup=False)
        with Horizontal(id="checklist-body"):
            yield ChecklistList(*self.options(), id="checklist-items")
            yield ItemDetail(self.content, id="checklist-detail")
        yield Static(id="checklist-last-run")
        yield Static(id="checklist-note")
        yield Static(KEY_LINE, id="checklist-keys", markup=False)
        with Horizontal(id="checklist-buttons"):  # for a finger: shown on a phone or browser
            for action, label in TOUCH_BUTTONS:
                yield Button(Text(label), id=f"checklist-{action}", name=action)

    def options(self) -> list[Option]:
        """One list row per item shown."""
        return [Option(item_row(e.item, self.records[e.id]), id=e.id) for e in self.entries]

    async def on_mount(self) -> None:
        """Read the user's checklist and pick up a run left unfinished last time (in the
        store's thread), then show everything."""
        if not self.query("#checklist-items"):
            return  # the app began closing before this pane was fully composed
        self.show_entries(await self.read_entries())
        try:
            draft = await in_store_thread(self.store, self.store.draft)
        except (HistoryError, ValueError) as error:
            self.notify(
                f"Could not restore your unfinished run: {error}",
                severity="error",
                timeout=10,
                markup=False,
            )
            draft = None
        if draft is not None:
            self.records.update((r.item_id, r) for r in draft.items if r.item_id in self.records)
            self.note = draft.note
        for entry in self.entries:
            self.show_item(entry.item)
        self.show_progress()
        self.show_note()
        await self.read_last_run()
        self.query_one("#checklist-items", OptionList).highlighted = 0

    def on_resize(self, event: events.Resize) -> None:
        """Stack the detail under the list when there is no room for both side by side; the
        key line as long as fits on one line."""
        self.set_class(event.size.width < NARROW, "-narrow")
        keys = self.query_one("#checklist-keys", Static)
        room = event.size.width - keys.styles.gutter.width
        key_line = KEY_LINE if len(KEY_LINE) <= room else NARROW_KEY_LINE
        if key_line != self.key_line:  # a tab shown again is resized: no layout for nothing
            self.key_line = key_line
            keys.update(key_line)

    def on_show(self) -> None:
        """Refresh the last-run line when the tab comes into view (History may change it)."""
        self.run_worker(self.read_last_run(), group="last-run", exclusive=True)

    def default_focus(self) -> Widget:
        """The item list takes focus when the tab opens."""
        return self.query_one("#checklist-items", OptionList)

    # -- the run -----------------------------------------------------------------------------

    async def read_entries(self) -> list[Entry]:
        """The items the user's checklist shows (the built-in ones if it cannot be read),
        read in the store's thread."""
        try:
            settings = await in_store_thread(self.store, self.store.item_settings)
        except (HistoryError, ValueError) as error:
            self.notify(
                f"Could not read your checklist; showing the built-in one: {error}",
                severity="error",
                timeout=10,
                markup=False,
            )
            settings = []
        self.item_settings = settings
        return checklist_items.visible(self.content, settings)

    def item(self, item_id: str) -> ChecklistItem:
        """The shown item with this id; KeyError if the checklist does not show it."""
        for entry in self.entries:
            if entry.id == item_id:
                return entry.item
        raise KeyError(item_id)

    async def reload_items(self) -> None:
        """Show the checklist as the user has just set it up, keeping the run's answers for
        the items still there (new items start pending, hidden ones leave the run)."""
        self.show_entries(await self.read_entries())
        self.save_draft()

    def show_entries(self, entries: list[Entry]) -> None:
        """List ``entries``, keeping the run's answers for the items still there."""
        option_list = self.query_one("#checklist-items", OptionList)
        highlighted = self.highlighted_item()
        old_id = None if highlighted is None else highlighted.id
        self.entries = entries
        self.records = {
            e.id: self.records.get(e.id, ItemRecord(e.id, "pending")) for e in self.entries
        }
        option_list.clear_options()
        option_list.add_options(self.options())
        ids = [entry.id for entry in self.entries]
        option_list.highlighted = ids.index(old_id) if old_id in ids else 0
        current = self.highlighted_item()
        if current is not None:
            self.show_item(current)
        self.query_one("#checklist-progress", ProgressBar).update(total=len(self.entries))
        self.show_progress()

    def clear_records(self) -> None:
        """Every item back to pending."""
        self.records = {entry.id: ItemRecord(entry.id, "pending") for entry in self.entries}

    def items(self) -> list[ItemRecord]:
        """The run's items in checklist order."""
        return [self.records[entry.id] for entry in self.entries]

    def count(self, state: ItemState) -> int:
        """How many items are in ``state``."""
        return sum(record.state == state for record in self.records.values())

    def highlighted_item(self) -> ChecklistItem | None:
        """The item under the list cursor."""
        index = self.query_one("#checklist-items", OptionList).highlighted
        return None if index is None else self.entries[index].item

    def set_record(self, record: ItemRecord) -> None:
        """Change one item, redraw it and remember the run as a draft."""
        self.records[record.item_id] = record
        self.show_item(self.item(record.item_id))
        self.show_progress()
        self.save_draft()

    def save_draft(self) -> None:
        """Store the run in progress soon (or forget it when nothing is answered).

        Changes within :data:`DRAFT_DELAY` of each other are written together, by a worker.
        """
        self.drafts.queue(self.items(), self.note)
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self._draft_due)

    def _draft_due(self) -> None:
        """The delay is over: write what is queued."""
        self._draft_timer = None
        self.write_draft()

    @work(group="draft")
    async def write_draft(self) -> None:
        """Write the queued draft in the store's thread (in order with the run's save); say
        so if the store refuses it."""
        try:
            await in_store_thread(self.store, self.drafts.write_pending)
        except HistoryError as error:
            self.notify(
                f"Could not keep your unfinished run: {error}",
                severity="error",
                timeout=10,
                markup=False,
            )

    def on_unmount(self) -> None:
        """Write a draft still waiting, so nothing is lost on quit."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        # The one store write left on the UI thread, on purpose: the app is closing, and a
        # worker could be cut short with the run unwritten. If the store refuses, the earlier
        # draft stays as it was.
        with suppress(HistoryError):
            self.drafts.write_pending()

    def reset_run(self) -> None:
        """Start a clean run with every item pending, the cursor back on the first item."""
        self.clear_records()
        self.note = ""
        for entry in self.entries:
            self.show_item(entry.item)
        self.show_progress()
        self.show_note()
        self.query_one("#checklist-items", OptionList).highlighted = 0

    # -- display -----------------------------------------------------------------------------

    def show_item(self, item: ChecklistItem) -> None:
        """Redraw ``item``'s row, and the detail box if it is the highlighted one."""
        record = self.records[item.id]
        self.query_one("#checklist-items", OptionList).replace_option_prompt(
            item.id, item_row(item, record)
        )
        if self.highlighted_item() == item:
            self.query_one(ItemDetail).show(item, record, own=self.is_own(item.id))

    def is_own(self, item_id: str) -> bool:
        """Whether the item is one the user added."""
        return any(entry.own for entry in self.entries if entry.id == item_id)

    def show_progress(self) -> None:
        """Update the progress bar and the counts line."""
        done, skipped, pending = (self.count(s) for s in ("done", "skipped", "pending"))
        self.query_one("#checklist-progress", ProgressBar).update(progress=done + skipped)
        self.query_one("#checklist-counts", Static).update(
            f"{done} done · {skipped} skipped · {pending} open"
        )

    def show_note(self) -> None:
        """Show the run's note, if it has one, so it is seen before saving."""
        line = self.query_one("#checklist-note", Static)
        line.display = bool(self.note)
        line.update(
            Text.assemble(("Note ", "bold $accent"), self.note, (" · e to change", "$text-muted"))
        )

    async def read_last_run(self) -> None:
        """Read the last saved session in the store's thread and describe it."""
        try:
            session = await in_store_thread(self.store, self.store.last_session)
        except HistoryError:
            session = None
        with suppress(NoMatches):  # the pane is taken down (the app quit) while the store read
            self.show_last_run(session)

    def show_last_run(self, session: Session | None) -> None:
        """Describe ``session``, the last saved one (none: the line is hidden)."""
        self.last_run = session
        line = self.query_one("#checklist-last-run", Static)
        line.display = session is not None
        if session is None:
            return
        outcome = session.outcome
        text = Text.assemble(
            ("Last run ", "$text-muted"),
            f"#{session.id} · {session_when(session)} · {session_counts(session)} · ",
            ("no outcome yet, press o", "$text-warning")
            if outcome is None
            else outcome_summary(outcome),
        )
        if text != self.last_run_line:  # read again each time the tab shows: mostly unchanged
            self.last_run_line = text
            line.update(text)

    @on(OptionList.OptionHighlighted, "#checklist-items")
    def item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Describe the highlighted item."""
        if event.option_id in self.records:
            self.query_one(ItemDetail).show(
                self.item(event.option_id),
                self.records[event.option_id],
                own=self.is_own(event.option_id),
            )

    @on(OptionList.OptionSelected, "#checklist-items")
    def item_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item, or a click on its mark, toggles it, like space."""
        event.stop()
        self.action_tick()

    @on(Button.Pressed, "#checklist-buttons Button")
    async def touch_button(self, event: Button.Pressed) -> None:
        """A tap on Save run, Skip, Timer or Outcome: the same as its key, on the list."""
        event.stop()
        self.default_focus().focus()
        await self.app.run_action(str(event.button.name), self)

    # -- actions -----------------------------------------------------------------------------

    def action_tick(self) -> None:
        """Mark the highlighted item done, or back to pending if it was done (a safety check
        is asked as its question instead)."""
        item = self.highlighted_item()
        if item is None:
            return
        done = self.records[item.id].state == "done"
        if item.is_safety_check and not done:
            self.ask_safety_check(item)
        else:
            self.set_record(ItemRecord(item.id, "pending" if done else "done"))

    def ask_safety_check(self, item: ChecklistItem) -> None:
        """Ask the nerve check: no ticks it; yes means no stretching today (see
        :meth:`stop_for_today`); no answer leaves it open."""
        from crampui.ui.screens.nerve_check import NerveCheckScreen

        def answered(yes: bool | None) -> None:
            if yes is False:
                self.set_record(ItemRecord(item.id, "done"))
            elif yes:
                self.stop_for_today(item)

        self.app.push_screen(NerveCheckScreen(), answered)

    @work(group="safety-check", exclusive=True)
    async def stop_for_today(self, item: ChecklistItem) -> None:
        """A yes to the nerve check: show the soon-tier advice, then record the answer as a
        session of its own (no stretching; the timer is not opened) and clear the run."""
        from crampui.content.safety import NERVE_CHECK_YES, NERVE_CHECK_YES_FLAG
        from crampui.ui.screens.red_flags import RedFlagsScreen

        await self.app.push_screen_wait(
            RedFlagsScreen(self.content, advice_for=(NERVE_CHECK_YES_FLAG,))
        )
        self.set_record(ItemRecord(item.id, "skipped", NERVE_CHECK_YES))
        session = await self.store_run()
        if session is not None:
            self.notify(
                f"No stretching today. Your answer is saved with session #{session.id}; please "
                "see a GP or physiotherapist within days.",
                title="Safety check",
                markup=False,
            )

    def action_skip(self) -> None:
        """Skip the highlighted item, asking for an optional reason (a safety check cannot be
        skipped: it is asked as its question)."""
        item = self.highlighted_item()
        if item is None:
            return
        if item.is_safety_check:
            self.ask_safety_check(item)
            return
        record = self.records[item.id]

        def skipped(reason: str | None) -> None:
            if reason is not None:
                self.set_record(ItemRecord(item.id, "skipped", reason))

        self.app.push_screen(SkipReasonScreen(item.label, record.reason), skipped)

    def action_save(self) -> None:
        """Save the run as a session, asking first if some items are still open."""
        pending = self.count("pending")
        if not pending:
            self.save_run()
            return
        open_items = f"{plural(pending, 'item')} {'is' if pending == 1 else 'are'}"

        def confirmed(save: bool | None) -> None:
            if save:
                self.save_run()

        question = f"{open_items} still open. Save anyway?"
        self.app.push_screen(ConfirmScreen(question, "Save", "Keep going"), confirmed)

    @work(group="save-run")
    async def save_run(self) -> None:
        """Store the run (in a worker) and say so."""
        session = await self.store_run()
        if session is None:
            return
        done, skipped = len(session.done_ids), len(session.skipped_ids)
        self.notify(
            f"Saved session #{session.id} ({done} done, {skipped} skipped). "
            "Log how it went with o after your workout.",
            title="Run saved",
            markup=False,
        )

    async def store_run(self) -> Session | None:
        """Store the run as a session in the store's thread and start a clean one; on failure
        keep it on screen (so the user can try again) and return None."""
        try:
            session = await in_store_thread(
                self.store, self.store.add_session, self.items(), self.note
            )
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return None
        self.reset_run()
        self.save_draft()  # every item is pending again: the draft is cleared
        self.show_last_run(session)
        self.post_message(self.SessionSaved(session))
        return session

    def action_new_run(self) -> None:
        """Clear every tick, asking first if anything was ticked or skipped."""
        answered = len(self.records) - self.count("pending")
        if not answered:
            self.reset_run()
            self.save_draft()
            return

        def confirmed(clear: bool | None) -> None:
            if clear:
                self.reset_run()
                self.save_draft()

        question = f"Clear {plural(answered, 'answered item')} and start a new run?"
        self.app.push_screen(
            ConfirmScreen(question, "Start new run", "Keep this run", danger=True), confirmed
        )

    async def action_outcome(self) -> None:
        """Record how the last saved session went (keys typed next reach the dialog)."""
        session = self.last_run
        if session is None:
            self.notify(
                "No saved run yet: tick the checklist and save it with ctrl+s first.", markup=False
            )
            return
        await self.prompt_outcome(session)

    async def prompt_outcome(self, session: Session) -> None:
        """Ask how ``session`` went (then the red-flag questions after a cramp) and store it."""
        await start_outcome_flow(self, self.store, session, self.content, self.outcome_saved)

    def outcome_saved(self, session: Session) -> None:
        """Show and announce a session whose outcome was just stored."""
        self.run_worker(self.read_last_run(), group="last-run", exclusive=True)
        self.post_message(self.SessionSaved(session))

    def action_timer(self, routine: bool = False) -> None:
        """Ask the app to open the hold timer, or (``routine``) the stretch routine; not while
        the last run's nerve check was a yes: a new run whose check is answered no opens it
        again."""
        from crampui.content.safety import nerve_check_yes

        last = self.last_run
        if last is not None and nerve_check_yes(last):
            self.notify(
                "Your last safety check was a yes: no stretching until you have been checked. "
                "Once you have, answer the check again on a new run.",
                title="Safety check",
                severity="warning",
                markup=False,
            )
            return
        self.post_message(self.OpenTimer(routine))

    def action_edit_routine(self) -> None:
        """Ask the app to open the routine editor."""
        self.post_message(self.EditRoutine())

    def action_routine(self) -> None:
        """Ask the app to run the stretch routine in the timer (as :meth:`action_timer`)."""
        self.action_timer(routine=True)

    async def action_note(self) -> None:
        """Write or change the run's note (the session's one note): kept in the draft and saved
        with the run. The dialog is up when this returns, so keys typed next reach it."""

        def written(note: str | None) -> None:
            if note is not None and note != self.note:
                self.note = note
                self.show_note()
                self.save_draft()

        await self.app.push_screen(SessionNoteScreen(self.note), written)

    def action_customise(self) -> None:
        """Open the Customise screen; the list follows its changes when it closes."""
        from crampui.ui.screens.customise import CustomiseScreen

        def closed(_: None) -> None:
            self.run_worker(self.reload_items(), group="items")

        customise = CustomiseScreen(self.content, self.store, self.item_settings)
        self.app.push_screen(customise, closed)
