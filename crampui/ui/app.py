"""The crampui Textual application."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Static

from crampui.clock import utc_now
from crampui.content.store import Content, default_content
from crampui.locations import (
    folder_missing,
    history_location_problem,
    history_path,
    named_history,
    path_text,
    settings_path,
)
from crampui.settings import Settings, load_settings, save_settings
from crampui.ui.panes.base import ReloadsOnShow, tab_content
from crampui.ui.panes.causes import CausesPane
from crampui.ui.screens.main_screen import MainScreen
from crampui.ui.store_thread import in_store_thread
from crampui.ui.widgets.app_footer import NARROW, AppFooter
from crampui.ui.widgets.cause_detail import CauseDetail
from crampui.ui.widgets.deferred import Deferred
from crampui.ui.widgets.tab_bar import TabBar
from crampui.ui.widgets.tabbed import Tabbed, TabPanel
from crampui.ui.widgets.touch_bar import TouchBar, touch_classes
from crampui.usertext import terminal_safe

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.worker import Worker

    from crampui.checklist.routines import Routine
    from crampui.checklist.timer import StretchResult, TimerStep
    from crampui.content.search import SearchIndex
    from crampui.history import CrampEpisode, HistoryStore, Session
    from crampui.insights.launch_cache import LastSession, LaunchFacts
    from crampui.insights.status import Status
    from crampui.ui.messages import (
        CrampReported,
        SettingsChanged,
        ShowCause,
        ShowFaq,
        ShowTab,
        StretchesDone,
    )
    from crampui.ui.panes.checklist import ChecklistPane
    from crampui.ui.screens.cramping import CrampingNowScreen
    from crampui.ui.widgets.checked_notice import CheckedNotice
    from crampui.ui.widgets.outcome_notice import OutcomeNotice

# Everything behind the first screen (the other panes, the history store, the dialogs) is
# imported when first needed, so the Causes tab appears as fast as a minimal Textual app.

SAME_WORKOUT = timedelta(hours=6)
"""A cramp this long after a saved checklist run still belongs to that session."""

SYNC_POLL_SECONDS = 3.0
"""How often the open app looks for what other computers changed in a synced history."""

SUB_TITLE = "General information, not medical advice · ? for help"
NARROW_SUB_TITLE = "Not medical advice · ? for help"
"""The header's subtitle below :data:`NARROW` columns, where the long one would be cut."""


TABS = {"causes": "Causes", "faq": "FAQ", "checklist": "Checklist", "history": "History"}
"""The tabs by id, in order: keys 1 to 4 (alt+1 to alt+4 in a text box) show them."""

STORE_TABS = ("checklist", "history")
"""The tabs whose content reads the history store when it is built."""


def launch_tab(last: LastSession | None, today: date, settings: Settings) -> str:
    """The tab to open on: History when the last run has no outcome yet (its prompt is there),
    the Checklist when no run was saved today (a workout is likely next), else Causes, as for
    a first launch or with :attr:`Settings.open_on_causes`."""
    if settings.open_on_causes or last is None:
        return "causes"
    if not last.has_outcome and last.id != settings.snoozed_session:
        return "history"
    if last.local_time.date() != today:
        return "checklist"
    return "causes"


def actions_provider() -> type[Provider]:
    """The palette's provider of the app's actions, imported when the palette first opens."""
    from crampui.ui.providers import ActionsProvider

    return ActionsProvider


def content_provider() -> type[Provider]:
    """The palette's provider of causes and FAQs, imported when the palette first opens."""
    from crampui.ui.providers import ContentProvider

    return ContentProvider


class CrampApp(App[int]):
    """Browse the causes of back cramps, search the FAQ, and track pre-stretch habits."""

    TITLE = "crampui"
    SUB_TITLE = SUB_TITLE
    CSS_PATH = "app.tcss"
    PANE_CSS = ("later.tcss", "panes/checklist.tcss", "panes/history.tcss")
    """Style sheets of what the first screen does not show (the FAQ tab, the help screen, the
    launch notice; the Checklist and History tabs), read once the first frame is up or when
    one of those is first needed."""
    COMMANDS = App.COMMANDS | {actions_provider, content_provider}
    AUTO_FOCUS = "#cause-list"
    # The tab keys are priority bindings: they switch tabs (and move focus) the moment the key
    # arrives, so keys typed right after them reach the new tab, not the one being left.
    # In a text box they are typed instead (see check_action); alt+1 to alt+4 work there too.
    BINDINGS = [
        Binding("1", "show_tab('causes')", "Causes", show=False, priority=True),
        Binding("2", "show_tab('faq')", "FAQ", show=False, priority=True),
        Binding("3", "show_tab('checklist')", "Checklist", show=False, priority=True),
        Binding("4", "show_tab('history')", "History", show=False, priority=True),
        *(
            Binding(f"alt+{number}", f"switch_tab('{tab}')", title, show=False, priority=True)
            for number, (tab, title) in enumerate(TABS.items(), start=1)
        ),
        Binding("f2", "cramping_now", "Cramp now", priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False, priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        db_path: str | None = None,
        content: Content | None = None,
        settings_file: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Create the app; ``db_path`` overrides where history is stored.

        ``clock`` (aware UTC time) and ``monotonic`` (timer seconds) are injectable so tests
        and screenshots are deterministic.
        """
        super().__init__()
        self.content = content or default_content()
        self.clock = clock or utc_now
        self.monotonic = monotonic
        self.history_file = history_path(db_path)
        self.named_history = named_history(db_path)
        self.settings_file = settings_file or settings_path()
        self.settings, self.settings_message = load_settings(self.settings_file)
        self.sync_poll_seconds = SYNC_POLL_SECONDS
        """Seconds between two looks for other computers' changes (tests shorten it)."""
        self.store: HistoryStore | None = None
        self.store_error: str | None = None
        self.kept_routine: Routine | None = None
        """The routine as last read or changed (None: not read yet)."""
        self.routine_lock = threading.Lock()
        """Held while the routine is read or written (in threads)."""
        self.store_lock = threading.Lock()
        """Held while the store is opened (which may be in a thread: see :meth:`launch_checks`)."""
        self.ready = asyncio.Event()
        """Set once the history is open and the launch checks have run."""
        self.building = asyncio.Lock()
        """Held while a tab's content is built (see :meth:`build_tab`)."""
        self.opened_ahead = False
        """Whether :meth:`open_store_ahead` has run to the end (or found the store unusable)."""
        self.filling: dict[str, Worker[None]] = {}
        """The workers filling a tab shown before the history was open, by pane id."""

    @functools.cached_property
    def search_index(self) -> SearchIndex:
        """One index of the app's own content for the Causes filter, FAQ box and palette,
        made (and its module imported) on first use: the first frame searches nothing."""
        from crampui.content.search import SearchIndex

        return SearchIndex.of(self.content)

    def open_store(self) -> HistoryStore | None:
        """Open the history store once; on failure remember why and return None."""
        with self.store_lock:
            if self.store is None and self.store_error is None:
                from crampui.history import HistoryError, HistoryStore

                problem = history_location_problem(self.history_file, named=self.named_history)
                try:
                    if problem:
                        raise HistoryError(problem[0].upper() + problem[1:] + ".")
                    self.store = HistoryStore(self.history_file, clock=self.clock)
                except HistoryError as error:
                    self.store_error = str(error)
        return self.store

    async def opened_store(self) -> HistoryStore | None:
        """The store, opened in a thread if not yet open (its saves are then asked for in the
        order they were made: nothing is awaited once it is open)."""
        return self.store or await asyncio.to_thread(self.open_store)

    def open_store_ahead(self) -> None:
        """Open the store and number its sessions (what the History tab first needs), off the
        UI thread."""
        from crampui.history import HistoryError

        store = self.open_store()
        with contextlib.suppress(HistoryError):  # the History tab says what is wrong
            if store is not None:
                store.last_session()
                store.take_in()  # what is there now: later changes are reported
        self.opened_ahead = True

    def today(self) -> date:
        """The user's local date, from the app's clock."""
        return self.clock().astimezone().date()

    def get_default_screen(self) -> Screen[None]:
        """The tabs' screen: one that does not repaint everything when the focus moves."""
        return MainScreen(id="_default")

    def compose(self) -> ComposeResult:
        """Header, the four tabs and the footer."""
        yield Header()
        with Tabbed(initial="causes"):
            with TabPanel("1 Causes", id="causes"):
                yield CausesPane(self.content, lambda: self.search_index)
            # Built when first shown (see build_tab): empty until then.
            yield TabPanel("2 FAQ", id="faq")
            yield TabPanel("3 Checklist", id="checklist")
            yield TabPanel("4 History", id="history")
        yield TouchBar()
        yield AppFooter()

    def deferred_panes(self) -> dict[str, Deferred]:
        """The tabs whose content is built the first time they are shown, by pane id."""
        return {
            deferred.pane_id: deferred
            for deferred in (
                Deferred("faq", self.faq_pane),
                Deferred("checklist", self.checklist_pane),
                Deferred("history", self.history_pane),
            )
        }

    async def build_tab(self, pane_id: str) -> None:
        """Build the content of tab ``pane_id`` unless it is built already.

        A hidden tab costs start-up time and memory only once the user opens it. Asked twice
        at once (a click and a key), it is built once.
        """
        deferred = self.deferred_panes().get(pane_id)
        if deferred is None or not self.screen_stack:
            return
        # Found from the tabs, not by a query of every widget on the screen (a few ms a switch).
        try:
            pane = self.screen_stack[0].query_one(Tabbed).get_pane(pane_id)
        except NoMatches:
            return  # not composed yet, or the app is closing
        if pane.children:
            return  # built already (or being filled): a tab switch costs no thread hop
        # The Checklist and History read the store. Once it is open (by the launch checks) they
        # are built at once; before that, the tab shows a placeholder at once and a worker
        # fills it when the store is open (opened and its sessions numbered in a thread, or
        # waited for there), so keys are never held up behind a long history. The FAQ reads
        # no history: it never waits for that.
        if pane_id in STORE_TABS and not self.opened_ahead:
            await deferred.mount_opening(pane)
            self.filling[pane_id] = self.run_worker(
                self.fill_tab(deferred, [pane]), group=f"fill-{pane_id}"
            )
            return
        async with self.building:
            if not pane.children:  # not built by a click or key meanwhile
                await deferred.mount_built(pane)

    async def fill_tab(self, deferred: Deferred, panes: list[Widget]) -> None:
        """Once the store is open (in a thread), replace the placeholders in ``panes`` with
        ``deferred``'s content and focus it if its tab is still shown."""
        try:
            await asyncio.to_thread(self.open_store_ahead)
            async with self.building:
                for pane in panes:
                    if await deferred.fill(pane):
                        tabbed = pane.query_ancestor(Tabbed)
                        if tabbed.active == pane.id:
                            self.focus_shown(tabbed, pane)
        finally:
            self.filling.pop(deferred.pane_id, None)

    def faq_pane(self) -> Widget:
        """The FAQ tab's content."""
        from crampui.ui.panes.faq import FaqPane

        return FaqPane(self.content, self.search_index)

    def checklist_pane(self) -> Widget:
        """The Checklist tab's content, or why history is unavailable."""
        from crampui.ui.panes.checklist import ChecklistPane

        self.load_pane_css()
        store = self.open_store()
        return self.unavailable_pane() if store is None else ChecklistPane(self.content, store)

    def history_pane(self) -> Widget:
        """The History tab's content, or why history is unavailable."""
        from crampui.ui.panes.history import HistoryPane

        self.load_pane_css()
        store = self.open_store()
        if store is None:
            return self.unavailable_pane()
        return HistoryPane(self.content, store, self.today, lambda: self.settings)

    def load_pane_css(self) -> None:
        """Read :attr:`PANE_CSS` once, in order, before the first pane that needs it is built.

        Keeping those rules out of the first screen's style sheet makes it faster to apply.
        """
        new = [
            path
            for path in (Path(__file__).parent / name for name in self.PANE_CSS)
            if not self.stylesheet.has_source(str(path), "")
        ]
        for path in new:
            self.stylesheet.read(path)
        if new:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def unavailable_pane(self) -> Widget:
        """Says why the history could not be opened."""
        return Static(
            f"Your history could not be opened.\n\n{self.store_error}",
            classes="banner red-flag",
            markup=False,
        )

    def on_mount(self) -> None:
        """Apply saved settings and, once the first screen is up, check the history."""
        self.settings, theme_message = self.settings.with_theme_checked(self.available_themes)
        self.theme = self.settings.theme
        for message in (self.settings_message, theme_message):
            if message:
                self.notify(message, title="Settings", severity="warning", timeout=8, markup=False)

    def on_ready(self) -> None:
        """With the first screen up, open and check the history in a worker, then be ready.

        The other tabs are built the first time they are shown (:meth:`build_tab`).
        """
        self.load_pane_css()
        self.run_worker(self.launch_checks(), group="ready")

    async def launch_checks(self) -> None:
        """Open the history and check it (in a thread: a long one takes a while), or take
        what the last launch found while nothing changed since, then set :attr:`ready`."""
        await self.offer_history_folder()
        facts = await asyncio.to_thread(self.launch_facts)
        if self.is_running:
            self.report_store_problems()
            if facts is not None:
                self.offer_missing_outcome(facts.last)
                self.notify_if_due(facts.status)
                await self.open_fitting_tab(facts.last)
            await self.freeze_long_history()
            self.set_interval(self.sync_poll_seconds, self.look_for_other_computers)
        self.ready.set()

    def launch_facts(self) -> LaunchFacts | None:
        """What the launch checks need (call it in a thread): as the last launch found it
        while the history, the day and the settings are the same
        (:mod:`crampui.insights.launch_cache`; the history is then opened only when a tab
        needs it), else read from the store, opened now; None if it cannot be read."""
        from crampui.history import HistoryError
        from crampui.insights import launch_cache

        settings, today = self.settings, self.today()
        target, checked = settings.weekly_target, settings.checked_session
        key = launch_cache.key(self.history_file, today, target, checked)
        facts = launch_cache.cached(key)
        if facts is not None:
            return facts
        self.open_store_ahead()
        store = self.store
        if store is None:
            return None
        try:
            facts = launch_cache.read_facts(store, today, target, checked)
        except HistoryError:
            return None  # the History tab says what is wrong
        if not (store.recovery_notice or store.sync_notice):
            launch_cache.save(key, facts)
        return facts

    async def freeze_long_history(self) -> None:
        """Keep a long history, as the launch checks read it, out of later garbage collections
        (:func:`~crampui.ui.long_lived.keep_out_of_collections`)."""
        from crampui.history import HistoryError
        from crampui.ui.long_lived import LONG_HISTORY, keep_out_of_collections

        if self.store is None:
            return
        with contextlib.suppress(HistoryError):  # check_history said why
            if await in_store_thread(self.store, self.store.stored_sessions) >= LONG_HISTORY:
                keep_out_of_collections()

    def look_for_other_computers(self) -> None:
        """Take in what other computers changed (in a thread), then show it."""
        if self.store is not None:
            self.run_worker(self.take_in_changes, thread=True, group="sync", exclusive=True)

    def take_in_changes(self) -> None:
        """Merge what came in from other computers; tell the UI thread if anything did."""
        from crampui.history import HistoryError

        assert self.store is not None
        try:
            changed, notice = self.store.take_in()
        except HistoryError:
            return  # the History tab says what is wrong when it reads
        if changed or notice:
            self.call_from_thread(self.took_in, notice)

    def took_in(self, notice: str | None) -> None:
        """Say what came in from other computers and show it."""
        if notice:
            self.notify(notice, title="History", timeout=15, markup=False)
        self.reload_history()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notice, with every control character escaped (a notice may quote a file name,
        and an escape sequence in one must not reach the terminal)."""
        super().notify(
            terminal_safe(message),
            title=terminal_safe(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    async def offer_history_folder(self) -> None:
        """A history named in a folder that does not exist: create the folder only on a yes."""
        folder = self.history_file.parent
        if not self.named_history or not await asyncio.to_thread(folder_missing, self.history_file):
            return
        from crampui.ui.screens.confirm import ConfirmScreen

        question = f"There is no folder {path_text(folder)}. Create it for a new history?"
        if await self.push_screen_wait(ConfirmScreen(question, "Create", "Don't create")):
            with contextlib.suppress(OSError, RecursionError):  # open_store says what is wrong
                await asyncio.to_thread(folder.mkdir, mode=0o700, parents=True)

    async def open_fitting_tab(self, last: LastSession | None) -> None:
        """Open the tab that fits now (:func:`launch_tab`), unless the user has begun on Causes
        (moved, typed or switched)."""
        if not self.untouched():
            return
        tab = launch_tab(last, self.today(), self.settings)
        if tab == "causes":
            return
        await self.build_tab(tab)  # keys typed meanwhile are read: the user may have begun
        if self.untouched():
            await self.action_show_tab(tab)

    def untouched(self) -> bool:
        """Whether the app is as it opened: on Causes, the first cause, nothing typed."""
        if len(self.screen_stack) != 1 or self.query_one(Tabbed).active != "causes":
            return False
        causes = self.query_one(CausesPane)
        return (
            self.focused is causes.results()
            and not causes.search_box().value
            and causes.query_one(CauseDetail).cause_number == self.content.causes[0].number
        )

    def on_resize(self, event: events.Resize) -> None:
        """Keep "? for help" in the header on a narrow terminal; lay out for a phone there."""
        self.sub_title = NARROW_SUB_TITLE if event.size.width < NARROW else SUB_TITLE
        touch_classes(self, event.size.width)

    def report_store_problems(self) -> None:
        """Report a history that could not be opened or was repaired (if it was opened)."""
        store = self.store
        if store is None and self.store_error is not None:
            self.notify(
                str(self.store_error), title="History", severity="error", timeout=15, markup=False
            )
            return
        if store is None:
            return
        if store.recovery_notice:
            self.notify(
                store.recovery_notice,
                title="History",
                severity="warning",
                timeout=15,
                markup=False,
            )
        if store.sync_notice:
            self.notify(store.sync_notice, title="History", timeout=15, markup=False)

    def notify_if_due(self, state: Status) -> None:
        """With a weekly target set, say when a session is due (``state``: the status at
        launch): a notification, never a dialog.

        After advice to get checked (for 14 days, or until answered) there is no nudge: a
        notice asks whether it has been checked instead.
        """
        from crampui.insights.status import day_name, status_line

        if state.advice is not None:
            from crampui.ui.widgets.checked_notice import CheckedNotice

            when = day_name(state.advice[1], state.today)
            self.mount(CheckedNotice(state.advice[0], when), before=self.query_one(AppFooter))
        elif state.due:
            self.notify(status_line(state), title="Weekly target", timeout=10, markup=False)

    def on_checked_notice_answered(self, message: CheckedNotice.Answered) -> None:
        """Remember that the advice was acted on (the nudges come back), or leave it be."""
        for notice in self.query("#checked-notice"):
            notice.remove()
        if message.checked:
            self.store_settings(replace(self.settings, checked_session=message.session_id))

    def offer_missing_outcome(self, last: LastSession | None) -> None:
        """If the last saved session (``last``, as found at launch) has no outcome yet (and was
        not put off), offer to add it.

        The offer is a notice above the footer, not a dialog: it never takes the keys the user
        has started typing.
        """
        if last is None or last.has_outcome or last.id == self.settings.snoozed_session:
            return
        from crampui.ui.widgets.outcome_notice import OutcomeNotice

        when = last.local_time.strftime("%a %d %b %H:%M")
        self.mount(OutcomeNotice(last.id, when), before=self.query_one(AppFooter))

    async def on_outcome_notice_answered(self, message: OutcomeNotice.Answered) -> None:
        """Add the outcome now, or remember that the user put this session off."""
        self.close_outcome_notice()
        if not message.add:
            self.store_settings(replace(self.settings, snoozed_session=message.session_id))
            return
        store = await self.opened_store()
        if store is None:
            return
        from crampui.history import HistoryError

        try:
            session = await in_store_thread(store, store.get, message.session_id)
        except HistoryError as error:
            self.notify(str(error), title="History", severity="error", markup=False)
            return
        await self.prompt_outcome(session)

    def close_outcome_notice(self) -> None:
        """Take the launch notice away, if it is shown."""
        for notice in self.query("OutcomeNotice"):
            notice.remove()

    async def prompt_outcome(self, session: Session) -> None:
        """Show the Checklist tab and run the outcome dialog for ``session`` from it."""
        from crampui.ui.panes.checklist import ChecklistPane

        await self.action_show_tab("checklist")
        for pane in self.query(ChecklistPane):
            await pane.prompt_outcome(session)

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen from the command palette."""
        if theme != self.settings.theme:
            self.store_settings(replace(self.settings, theme=theme))

    def on_settings_changed(self, message: SettingsChanged) -> None:
        """Save settings changed elsewhere in the app (e.g. the hold timer)."""
        self.store_settings(replace(message.settings, theme=self.theme))

    def store_settings(self, settings: Settings) -> None:
        """Keep ``settings`` and save them, telling the user if that fails."""
        self.settings = settings
        try:
            save_settings(settings, self.settings_file)
        except OSError as error:
            self.notify(
                f"Could not save settings to {self.settings_file}: {error.strerror or error}",
                title="Settings",
                severity="error",
                markup=False,
            )

    async def on_show_tab(self, message: ShowTab) -> None:
        """Switch tabs when a pane asks."""
        await self.action_show_tab(message.tab)

    async def action_show_tab(self, tab: str) -> None:
        """Switch to the tab with id ``tab`` (built first, if it is shown for the first time)
        and focus its main widget.

        Keys typed while it is built wait in the app's queue, so they reach the new tab once it
        is up; a tab shown before the history is open is not waited for (it shows a
        placeholder until it is filled: :meth:`build_tab`).
        """
        tabs = self.query_one(Tabbed)
        if tabs.active == tab:
            return
        pane = tabs.get_pane(tab)
        await self.build_tab(tab)
        if tabs.active == tab or not pane.is_attached:
            return  # switched by a click meanwhile, or the app is closing
        # Focus moves synchronously, before the old pane hides: focus left behind in a hidden
        # pane would switch straight back, and keys typed in between would be lost.
        self.screen.set_focus(self.default_focus(pane))
        tabs.active = tab

    async def action_run_in_tab(self, tab: str, action: str) -> None:
        """Run ``action`` (from the palette or the timer) in tab ``tab``'s pane, switching to
        it first; with no tab, on the app."""
        if not tab:
            await self.run_action(action)
            return
        await self.action_show_tab(tab)
        filling = self.filling.get(tab)
        if filling is not None:  # shown before the history was open: run it once filled
            self.run_worker(self.run_when_filled(filling, tab, action))
            return
        content = tab_content(self.query_one(Tabbed).get_pane(tab))
        if isinstance(content, Widget):
            await content.run_action(action)

    async def run_when_filled(self, filling: Worker[None], tab: str, action: str) -> None:
        """Run ``action`` in tab ``tab``'s content once ``filling`` has built it."""
        await filling.wait()
        content = tab_content(self.query_one(Tabbed).get_pane(tab))
        if isinstance(content, Widget):
            await content.run_action(action)

    async def action_switch_tab(self, tab: str) -> None:
        """Switch to tab ``tab`` even from a text box (alt+1 to alt+4)."""
        await self.action_show_tab(tab)

    @staticmethod
    def default_focus(pane: Widget) -> Widget | None:
        """The widget that should have focus when ``pane``'s tab opens, if it is mounted."""
        content = tab_content(pane)
        return None if content is None else content.default_focus()

    @on(Tabbed.TabActivated)
    async def tab_activated(self, event: Tabbed.TabActivated) -> None:
        """Build a tab shown for the first time (e.g. after a click) or refresh it; focus the
        shown pane's main widget."""
        if event.tabbed.active != event.pane.id or not self.screen_stack:
            return  # a stale activation (another tab chosen since), or the app is closing
        built = bool(event.pane.children)
        if not built and event.pane.id is not None:
            await self.build_tab(event.pane.id)
        if event.tabbed.active != event.pane.id or not self.screen_stack:
            return
        content = tab_content(event.pane)  # None while it is being built (and read)
        if built and isinstance(content, ReloadsOnShow):
            content.reload()
        self.focus_shown(event.tabbed, event.pane)

    def focus_shown(self, tabbed: Tabbed, pane: Widget) -> None:
        """Focus the main widget of ``pane``, the one ``tabbed`` shows, unless focus belongs
        where it is."""
        content = tab_content(pane)
        target = None if content is None else content.default_focus()
        if target is None:
            return  # nothing to focus: the pane is being filled or was emptied as the app closes
        # Focus already inside the pane (e.g. the filter box the user has started typing in,
        # since the switch) stays where it is; only focus left outside it is brought in.
        # Focus on the tab bar stays there too: the user is stepping through the tabs.
        # The tabs' own screen: a dialog opened meanwhile (the outcome from the launch notice)
        # keeps its focus.
        screen = tabbed.screen
        focused = screen.focused
        if isinstance(focused, TabBar):
            return
        if focused is not None and pane in focused.ancestors_with_self:
            return
        screen.set_focus(target)

    def action_help(self) -> None:
        """Open the help screen."""
        from crampui.ui.screens.help import HelpScreen

        self.load_pane_css()  # its rules, if it opens before the first frame is up
        self.push_screen(HelpScreen(self.content))

    def action_toggle_open_on_causes(self) -> None:
        """Switch between always opening on Causes and opening on the tab that fits."""
        on_causes = not self.settings.open_on_causes
        self.store_settings(replace(self.settings, open_on_causes=on_causes))
        when = "on Causes" if on_causes else "on the tab that fits (Checklist, History)"
        self.notify(f"crampui will open {when}.", title="At start", markup=False)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as Help writes them: "ctrl+s" in the footer too, not Textual's "^s"."""
        key = binding.key.split(",")[0]
        if not binding.key_display and key.startswith("ctrl+"):
            return key
        return super().get_key_display(binding)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab keys work on the main screen, outside text boxes; the timer has its own F2."""
        if action == "show_tab":
            return len(self.screen_stack) == 1 and not isinstance(self.focused, Input)
        if action == "switch_tab":
            return len(self.screen_stack) == 1
        # Asked of the screen, not checked with isinstance: this runs for every footer
        # refresh, and importing those screens here would load them before they are opened.
        if action == "help":
            return not getattr(self.screen, "SHOWS_HELP", False)
        if action == "cramping_now":
            return not getattr(self.screen, "HANDLES_CRAMPING_NOW", False)
        return True

    def action_cramping_now(self) -> None:
        """Show what to do during a cramp."""
        from crampui.ui.screens.cramping import CrampingNowScreen

        self.push_screen(
            CrampingNowScreen(self.content, clock=self.monotonic, now=self.clock().astimezone())
        )

    def on_checklist_pane_open_timer(self, message: ChecklistPane.OpenTimer) -> None:
        """Start the hold timer with the saved settings, or (the routine read in a thread)
        run the stretch routine."""
        if message.routine:
            self.run_worker(self.open_routine_timer, thread=True, group="routine")
        else:
            self.push_timer()

    def open_routine_timer(self) -> None:
        """Read the routine (in a thread) and run it in the timer."""
        from crampui.checklist.routines import timer_steps

        steps = tuple(timer_steps(self.content, self.routine()))
        self.call_from_thread(self.push_timer, steps)

    def push_timer(self, routine: tuple[TimerStep, ...] = ()) -> None:
        """Open the timer: one stretch with the saved settings, or the ``routine``."""
        from crampui.ui.screens.timer import TimerScreen

        self.push_screen(
            TimerScreen(
                self.settings,
                clock=self.monotonic,
                content=self.content,
                wall_clock=lambda: self.clock().astimezone(),
                routine=routine,
            )
        )

    def routine(self) -> Routine:
        """The person's stretch routine: as last changed here, else as stored, else the
        default one (read from disk only the first time: call it from a thread)."""
        from crampui.checklist.routines import current_routine, default_routine
        from crampui.history import HistoryError

        with self.routine_lock:
            if self.kept_routine is None:
                store = self.open_store()
                try:
                    routine = current_routine(store, self.content) if store else None
                except HistoryError:
                    routine = None
                self.kept_routine = routine or default_routine(self.content)
            return self.kept_routine

    def save_routine(self, routine: Routine) -> Routine:
        """Keep ``routine`` as the person's and store it in a thread; return it."""
        with self.routine_lock:
            self.kept_routine = routine
        self.run_worker(self.store_routine(), group="routine-save")
        return routine

    async def store_routine(self) -> None:
        """Store the routine as last changed in the store's thread, in turn with the other
        saves (whichever save runs last stores the newest)."""
        from crampui.history import HistoryError

        store = await self.opened_store()
        if store is None:
            return
        try:
            await in_store_thread(store, self.put_kept_routine, store)
        except HistoryError as error:
            self.notify(str(error), title="Routine not saved", severity="error", markup=False)

    def put_kept_routine(self, store: HistoryStore) -> None:
        """Store the routine as last changed (in the store's thread)."""
        with self.routine_lock:
            if self.kept_routine is not None:
                store.put_routine(self.kept_routine)

    def on_checklist_pane_edit_routine(self) -> None:
        """Open the routine editor (R in Checklist)."""
        self.action_edit_routine()

    def action_edit_routine(self) -> None:
        """Open the routine editor, the routine read in a thread."""
        self.run_worker(self.open_routine_editor, thread=True, group="routine")

    def open_routine_editor(self) -> None:
        """Read the routine (in a thread) and open the editor on it."""
        from crampui.ui.screens.routine_editor import RoutineEditorScreen

        routine = self.routine()
        editor = RoutineEditorScreen(self.content, routine, self.save_routine)
        self.call_from_thread(self.push_screen, editor)

    def on_stretches_done(self, message: StretchesDone) -> None:
        """Record how each stretch of a routine run went, in the store's thread."""
        self.run_worker(self.store_stretches(message.results), group="store")

    async def store_stretches(self, results: tuple[StretchResult, ...]) -> None:
        """Add ``results`` to the session of this workout (saved within the last hours), or
        save them as a session of their own (with the cramps logged during their stretches,
        stored on their own while no session existed), in the store's thread in turn with the
        other saves; then show it."""
        from crampui.history import HistoryError
        from crampui.history.stretch_records import MAX_STRETCHES, StretchRecord

        store = await self.opened_store()
        if store is None:
            return
        records = [StretchRecord(r.stretch_id, r.status.value, r.reason) for r in results]

        def put() -> None:
            current = self.current_session(store)
            if current is None:  # a session of its own, saved with its stretches in one write
                session = store.add_session([], stretches=records)
                ran = {record.stretch_id for record in records}
                for episode in store.loose_episodes():  # F2 during this run: into its session
                    if episode.stretch_id in ran and self.clock() - episode.at <= SAME_WORKOUT:
                        store.add_episode(episode, session.id)
            else:
                store.put_stretches(current.id, [*current.stretches, *records][-MAX_STRETCHES:])

        try:
            await in_store_thread(store, put)
        except HistoryError as error:
            self.notify(str(error), title="Stretches not saved", severity="error", markup=False)
            return
        if self.is_running:
            self.reload_history()

    def current_session(self, store: HistoryStore) -> Session | None:
        """The session of the workout under way: the last one, if saved within SAME_WORKOUT."""
        last = store.last_session()
        return last if last and self.clock() - last.saved_at <= SAME_WORKOUT else None

    def on_checklist_pane_session_saved(self, message: ChecklistPane.SessionSaved) -> None:
        """Show a newly saved session in the History tab, selected; drop a launch notice now
        answered."""
        from crampui.ui.panes.history import HistoryPane

        for pane in self.query(HistoryPane):
            pane.changed(message.session.id)
        if message.session.outcome is not None:
            from crampui.ui.widgets.outcome_notice import OutcomeNotice

            for notice in self.query(OutcomeNotice):
                if notice.session_id == message.session.id:
                    notice.remove()

    def reload_history(self) -> None:
        """Re-read the History tab, if it is mounted (after a change made elsewhere)."""
        from crampui.ui.panes.history import HistoryPane

        for pane in self.query(HistoryPane):
            pane.changed()

    def on_cramp_reported(self, message: CrampReported) -> None:
        """Store a cramp episode (in a worker), inside the current session when there is one."""
        self.run_worker(self.store_cramp(message, self.clock()), group="store")

    async def store_cramp(self, message: CrampReported, now: datetime) -> None:
        """Store the cramp reported at ``now`` in the store's thread (the store opened in a
        thread if it is not open yet), then show it."""
        from crampui.history import CrampEpisode, HistoryError

        store = await self.opened_store()
        if store is None:
            self.notify("The cramp was not logged: history is unavailable.", severity="error")
            return

        def add() -> CrampEpisode:
            current = self.current_session(store)
            return store.add_episode(
                CrampEpisode(
                    at=now,
                    repetition=message.repetition,
                    side=message.side,
                    seconds_into_hold=message.seconds_into_hold,
                    hold_seconds=message.hold_seconds,
                    stretch_id=message.stretch_id,
                ),
                current.id if current else None,
            )

        try:
            logged = await in_store_thread(store, add)
        except HistoryError as error:
            self.notify(
                str(error), title="Cramp not logged", severity="error", timeout=10, markup=False
            )
            return
        self.reload_history()
        from crampui.ui.screens.cramping import CrampingNowScreen

        for screen in self.screen_stack:
            if isinstance(screen, CrampingNowScreen) and screen.episode is None:
                screen.episode_logged(logged)

    def on_cramping_now_screen_mistaken(self, message: CrampingNowScreen.Mistaken) -> None:
        """Remove the cramp just logged by mistake (that one only, by its uid), in a worker."""
        store = self.store
        if store is not None:  # nothing was logged without a store (it opened to log it)
            self.run_worker(self.remove_cramp(store, message.episode), group="store")

    async def remove_cramp(self, store: HistoryStore, episode: CrampEpisode) -> None:
        """Delete ``episode`` in the store's thread and say so."""
        from crampui.history import HistoryError

        try:
            await in_store_thread(store, store.delete_episode, episode)
        except KeyError:
            pass  # already deleted (in History, or on another computer)
        except HistoryError as error:
            self.notify(str(error), title="Cramp kept", severity="error", timeout=10, markup=False)
            return
        self.reload_history()
        when = episode.at.astimezone()
        self.notify(f"Removed the cramp logged at {when:%H:%M}.", title="That was a mistake")

    async def on_show_cause(self, message: ShowCause) -> None:
        """Jump to a cause in the Causes tab."""
        await self.action_show_tab("causes")
        self.query_one(CausesPane).select_cause(message.number)

    async def on_show_faq(self, message: ShowFaq) -> None:
        """Jump to a question in the FAQ tab."""
        from crampui.ui.panes.faq import FaqPane

        await self.action_show_tab("faq")
        for pane in self.query(FaqPane):
            pane.select_faq(message.number, message.from_cause)
