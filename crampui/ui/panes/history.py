"""The History tab: every saved session and every cramp logged on its own, streaks, the weekly
target, trends, a calendar heatmap, ranked patterns, and a key that writes the report.

What the pane shows follows its reactive state: ``shown`` (the entries and the day they are
counted to), ``wanted`` (the filter: which entries the table lists), ``undo_steps`` (what u can
take back: every edit, add and delete made here, newest last) and ``terminal_width`` (how the
table and the insights are laid out). The width is taken from the terminal after every layout
of the screen, also while the tab is hidden, so the tab is laid out for the terminal before it
opens.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text as RichText
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content as Text
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from crampui.checklist import items as checklist_items
from crampui.checklist.routines import stored_stretch_names, stretch_label
from crampui.checklist.session_edit import (
    EditedSession,
    backfill_time,
    changes,
    new_rows,
    session_rows,
)
from crampui.content.store import Content
from crampui.history import CrampEpisode, HistoryError, HistoryStore, Session
from crampui.insights import patterns as insights
from crampui.insights import trends
from crampui.insights.episodes import Logged
from crampui.insights.history_filter import HistoryFilter, filter_entries
from crampui.insights.history_undo import UNDO_KINDS, UndoKind, UndoStep, name_of, undo
from crampui.insights.timeline import Entry, timeline
from crampui.settings import Settings
from crampui.ui.long_lived import LONG_HISTORY, keep_out_of_collections
from crampui.ui.messages import SettingsChanged
from crampui.ui.panes.history_rows import describe_entry, entry_note, entry_title, row_cells
from crampui.ui.panes.history_shown import Shown
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.filter_history import FilterHistoryScreen
from crampui.ui.screens.outcome_flow import start_outcome_flow
from crampui.ui.screens.session_editor import SessionEditorScreen
from crampui.ui.store_thread import in_store_thread
from crampui.ui.widgets.heatmap import Heatmap
from crampui.ui.widgets.line_table import LineTable, TableColumn
from crampui.ui.widgets.trend_chart import TrendChart
from crampui.usertext import UserTextError
from crampui.wording import plural

if TYPE_CHECKING:
    from crampui.insights.report import Person

WIDE = 110
"""From this many columns the patterns sit beside the heatmap instead of above it."""
NARROW = 70
"""Below this many columns the table's cells are compact and the insights stack."""

EMPTY_MESSAGE = (
    "No sessions yet. Tick the checklist before your next workout and save it with ctrl+s, "
    "or press a to add one you did earlier."
)
NOT_ENOUGH_DATA = (
    f"Patterns appear once an item has at least {insights.MIN_EACH} sessions with it done and "
    f"{insights.MIN_EACH} without, each with an outcome."
)
NO_PATTERN = (
    f"No pattern: with and without each item, the share of sessions that cramped differs by "
    f"less than {insights.MIN_GAP_PERCENT} points."
)
NOT_PROOF = "These are patterns in your own data, not proof of cause."
MORE_WITH = "Cramped more often with"
FEWER_WITH = "Cramped less often with"
MAX_TARGET_KEY = 7
"""The t key steps the weekly target up to this many sessions, then back to off."""
TRENDS_TITLE = f"Cramped sessions and severity, last {trends.TREND_WEEKS} weeks"
MIN_NOTE_WIDTH = 12
Column = tuple[str, int]
"""A table column before the note: its name and width."""
PAGE_ROWS = 100
"""The newest sessions of a long history, shown while the rest is read."""
BACKGROUND_FROM = 2_000
"""From this many stored sessions (deleted ones' markers too) the history is read in a thread,
so the UI never waits for it."""
LOADING_MESSAGE = "Reading your history…"
SAVE_GROUP = "history-save"
"""The workers that save this tab's changes (each waits for the store's thread)."""
UNDO_LABELS: dict[UndoKind, str] = {
    "delete": "Undo delete",
    "edit": "Undo edit",
    "outcome": "Undo outcome",
    "add": "Undo add",
}
"""What the footer says u does, for the newest change."""


class EmptyHistory(Static, can_focus=True):
    """Says there is nothing yet; it takes focus so the tab's keys (u) keep working."""


class HistoryPane(Vertical):
    """The history table with a summary line, then trends, heatmap, item counts and patterns."""

    BINDINGS = [
        # priority: the app runs it as the key arrives, so the dialog is up for the next key
        Binding("o", "outcome", "Outcome", priority=True),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        # One u per kind of change: the footer shows the one that says what u undoes now.
        Binding("u", "undo", "Undo"),
        *(Binding("u", f"undo('{kind}')", UNDO_LABELS[kind]) for kind in UNDO_KINDS),
        # The target line names the keys the footer has no room for at 80 columns.
        Binding("c", "episodes", "Cramps", show=False),
        Binding("a", "add", "Add past", show=False),
        Binding("slash,f", "filter", "Find", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("r", "report", "Report", show=False),
        Binding("t", "target(1)", "Target", show=False),
        Binding("T", "target(-1)", "Target down", show=False),
    ]

    shown: var[Shown] = var(Shown, init=False)
    wanted: var[HistoryFilter] = var(HistoryFilter, init=False, bindings=True)
    """The filter: the table lists only the entries it keeps."""
    undo_steps: var[tuple[UndoStep, ...]] = var((), bindings=True)
    """The changes made in this tab, the latest last: u takes them back."""
    terminal_width: var[int] = var(0, init=False)
    wide: var[bool] = var(False, toggle_class="-wide")
    narrow: var[bool] = var(False, toggle_class="-narrow")

    def __init__(
        self,
        content: Content,
        store: HistoryStore,
        today: Callable[[], date] = date.today,
        settings: Callable[[], Settings] = Settings,
    ) -> None:
        """Show the history in ``store``; ``today`` gives the local date (tests pin it).

        ``settings`` returns the app's current settings (for the weekly target).
        """
        super().__init__(id="history-pane")
        self.content = content
        self.store = store
        self.today = today
        self.settings = settings
        self.note_width = 0
        self.listed: tuple[Entry, ...] = ()
        """The entries the table lists: those the filter keeps, newest first."""
        self.table_columns: list[Column] = []
        """The columns before the note, as last laid out."""
        self.column_cache: tuple[tuple[Entry, ...], bool, list[Column]] | None = None
        """The column widths last worked out: for which entries, in which width mode."""
        self.first_load = asyncio.Event()
        """Set once the history has been read for the first time."""
        self.read_again = False
        """A change was made here while the first read was under way."""
        self.select_when_read: Entry | int | None = None
        """The entry (or session number) to put the cursor on once the store is read again."""
        self.bindings_for: tuple[bool, bool] | None = None
        """The :meth:`selection_kind` the footer's keys were last worked out for."""

    def compose(self) -> ComposeResult:
        """Summary, table and details, then patterns, trends, the heatmap and item counts."""
        yield Static(id="history-summary")
        yield Static(id="history-target")
        yield Static(id="history-filter")
        yield EmptyHistory(EMPTY_MESSAGE, id="history-empty", markup=False)
        with Vertical(id="history-body"):
            with Vertical(id="history-main"):
                yield LineTable(id="history-table", highlighted=self.row_highlighted)
                yield Static(id="history-row-detail")
            with VerticalScroll(id="history-insights"):
                with Vertical(id="patterns-box"):
                    yield Static("Patterns in your data", classes="section-title")
                    yield Static(id="history-patterns")
                with Vertical(id="trends-box"):
                    yield Static(TRENDS_TITLE, classes="section-title")
                    yield TrendChart(id="trend-chart")
                    yield Static(id="trend-change")
                with Container(id="insights-grid"):
                    yield Heatmap(id="history-heatmap")
                    with Vertical(id="frequency-box"):
                        yield Static("How often each item is done", classes="section-title")
                        yield Static(id="item-frequency")

    async def on_mount(self) -> None:
        """Follow the terminal's width (even while hidden) and read the history in the store's
        thread: all of a short one; the newest rows of a long one, then the rest."""
        if not self.query("#history-table"):
            return  # the app began closing before this pane was fully composed
        self.screen.screen_layout_refresh_signal.subscribe(self, self.layout_refreshed)
        self.terminal_width = self.app.size.width
        try:
            first = await in_store_thread(self.store, self.first_read)
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            self.first_load.set()
            return
        if not self.is_attached:
            return  # the app is closing
        if first.complete:
            self.first_load.set()
            self.show_shown(first)
            return
        self.query_one(EmptyHistory).update(LOADING_MESSAGE)
        self.show_shown(first)
        self.call_after_refresh(self.load_in_background)  # the newest rows drawn first

    def first_read(self) -> Shown:
        """What the tab shows first: all of a short history, worked out; the newest
        :data:`PAGE_ROWS` sessions of a long one (built without the rest)."""
        if self.store.stored_sessions() < BACKGROUND_FROM:
            return self.read_shown().work_out()
        newest = tuple(self.store.recent_sessions(PAGE_ROWS))
        items = checklist_items.entries(self.content, self.store.item_settings())
        names = stored_stretch_names(self.store, self.content)
        return Shown(newest, self.today(), tuple(items), complete=False, stretch_names=names)

    @work(thread=True, exclusive=True, group="history-load")
    def load_in_background(self) -> None:
        """Read the history again unless what is shown is up to date, and work out what the
        tab shows (the table's column widths too) off the UI thread, then show it (unless a
        newer read was asked for meanwhile)."""
        try:
            if self.up_to_date():
                self.app.call_from_thread(self.select_pending)
                return
            shown: Shown | None = self.read_shown().work_out()
        except HistoryError as error:
            self.app.call_from_thread(
                self.notify, str(error), severity="error", timeout=10, markup=False
            )
            shown = None
        if shown is not None:
            self.columns(shown)  # the widths every entry's cells need
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.loaded, shown)

    def loaded(self, shown: Shown | None) -> None:
        """Show what a background read found."""
        self.query_one(EmptyHistory).update(EMPTY_MESSAGE)
        if shown is not None:
            self.show_shown(shown)
            if len(shown.entries) >= LONG_HISTORY:
                keep_out_of_collections()
        self.first_load.set()
        if self.read_again:
            self.read_again = False
            self.load_in_background()
            return
        self.select_pending()

    def select_pending(self) -> None:
        """Put the cursor on the entry a change asked for, now that it is read."""
        pending, self.select_when_read = self.select_when_read, None
        if isinstance(pending, int):
            self.select_session(pending)
        elif pending is not None:
            self.move_to(pending)

    def layout_refreshed(self, _screen: Screen[object]) -> None:
        """After each layout of the screen: lay the pane out for the terminal's width."""
        self.terminal_width = self.app.size.width

    def default_focus(self) -> Widget:
        """The table takes focus when the tab opens (the empty message when there is none)."""
        if self.shown.entries:
            return self.table
        return self.query_one(EmptyHistory)

    # -- reactive state ----------------------------------------------------------------------

    def watch_terminal_width(self, width: int) -> None:
        """Patterns beside the heatmap on wide screens, compact cells on narrow ones."""
        self.wide = width >= WIDE
        self.show_target(self.settings().weekly_target)  # as many key hints as fit
        compact = width < NARROW
        if compact != self.narrow:
            self.narrow = compact
            self.fill_table()
        elif self.available_note_width(self.columns()) != self.note_width:
            self.fill_table()

    def watch_shown(self, old: Shown, shown: Shown) -> None:
        """Redraw everything; keep the focus in the pane when the last entry goes or returns."""
        has_entries = bool(shown.entries)
        table = self.table
        empty = self.query_one(EmptyHistory)
        focused = self.screen.focused
        # Focus anywhere in a part about to be hidden (the table, the stats under it; or the
        # empty message) moves to what is shown instead, so the tab's keys (u) act at once.
        hidden = self.query_one("#history-body") if not has_entries else empty
        if focused is not None and hidden in focused.ancestors_with_self:
            self.screen.set_focus(empty if not has_entries else table)
        empty.display = not has_entries
        self.query_one("#history-body").display = has_entries
        self.query_one("#history-summary").display = bool(shown.sessions)
        self.fill_table()
        self.show_summary()
        self.show_target(self.settings().weekly_target)
        self.show_trends()
        self.show_insights()
        self.show_filter()
        self.refresh_bindings()

    def watch_wanted(self) -> None:
        """List what the filter keeps and say how much that is."""
        self.fill_table()
        self.show_filter()

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the store in a thread if it changed; what changed is redrawn when read.

        Sessions are listed by time, newest first, so a past session added later (or one whose
        time was edited) sits at its date.
        """
        if not self.first_load.is_set():
            return  # being read right now: that read shows it all
        # After the next frame: a tab switch is drawn before the read competes for the CPU.
        self.call_after_refresh(self.load_in_background)

    def up_to_date(self) -> bool:
        """Whether what is shown was read from the store as it is now, on the same day (this
        reads the store: called off the UI thread)."""
        try:
            revision = self.store.revision()
        except HistoryError:
            return False  # reading says why
        shown = self.shown
        return shown.revision == revision and shown.today == self.today()

    def changed(self, select: Entry | int | None = None) -> None:
        """After a change: re-read (again, once a first read under way is done), then put the
        cursor on ``select`` (an entry, or a session by its number) if given.

        While another tab is shown nothing is read: the tab reads when it is shown next (the
        app reloads it then), so a save in the Checklist or a change synced in never has a
        hidden tab competing with the keys for the CPU."""
        if select is not None:
            self.select_when_read = select
        if not self.first_load.is_set():
            self.read_again = True
        elif not self.tab_hidden():
            self.reload()

    def tab_hidden(self) -> bool:
        """Whether the pane's tab is not the one shown."""
        return not all(node.display for node in self.ancestors_with_self)

    def read_shown(self) -> Shown:
        """Every session and lone cramp in the store, newest first; HistoryError if unreadable."""
        revision = self.store.revision()  # taken first: a change made meanwhile reads again
        sessions = sorted(self.store.sessions(), key=lambda s: (s.saved_at, s.id), reverse=True)
        entries = tuple(timeline(sessions, self.store.loose_episodes()))
        items = checklist_items.entries(self.content, self.store.item_settings())
        names = stored_stretch_names(self.store, self.content)
        return Shown(entries, self.today(), tuple(items), revision=revision, stretch_names=names)

    def show_shown(self, shown: Shown) -> None:
        """Show ``shown``: everything that depends on it is redrawn."""
        self.shown = shown
        self.show_target(self.settings().weekly_target)

    @property
    def sessions(self) -> list[Session]:
        """The saved sessions shown, newest first."""
        return self.shown.sessions

    def show_summary(self) -> None:
        """Streaks and totals on one line (while a long history is read: that it is)."""
        if not self.shown.complete:
            self.query_one("#history-summary", Static).update(Text(LOADING_MESSAGE))
            return
        streaks = self.shown.streaks
        with_outcome = sum(session.outcome is not None for session in self.sessions)
        parts: list[Text | str | tuple[str, str]] = [
            ("Streak: ", "bold"),
            (plural(streaks.current, "day"), "bold $accent"),
            f" · best {streaks.best}",
            ("  ·  ", "$text-muted"),
            plural(len(self.sessions), "session"),
            f", {with_outcome} with an outcome",
        ]
        loose = len(self.shown.loose)
        if loose:
            parts.append(f" · {plural(loose, 'cramp')} on {'its' if loose == 1 else 'their'} own")
        self.query_one("#history-summary", Static).update(Text.assemble(*parts))

    def show_target(self, target: int) -> None:
        """This week's sessions against the weekly target and weeks met in a row; the r and t
        keys."""
        line = self.query_one("#history-target", Static)
        line.display = bool(self.sessions) and self.shown.complete
        if not target:
            line.update(self.with_key_hints(Text.styled("No weekly target", "$text-muted")))
            return
        progress = trends.day_target_progress(self.shown.days, self.today(), target)
        line.update(
            self.with_key_hints(
                Text.assemble(
                    ("Target: ", "bold"),
                    (
                        f"{progress.this_week}/{target} this week"
                        + ("" if progress.met else " so far"),
                        "bold $success" if progress.met else "bold $warning",
                    ),
                    f" · met {plural(progress.weeks_met, 'week')} in a row"
                    if progress.weeks_met
                    else "",
                )
            )
        )

    def with_key_hints(self, line: Text) -> Text:
        """``line`` and the keys the footer has no room for: beside it where they fit, else on
        a line of their own, so every key stays in view at any width."""
        hints = " · ".join(["t/T target", "r report", "c cramp log", "a add past", "/ find"])
        room = self.terminal_width - 2  # the line's padding
        full = Text.assemble(line, ("  ·  " + hints, "$text-muted"))
        if full.cell_length <= room:
            return full
        return Text.assemble(line, "\n", (hints, "$text-muted"))

    def show_filter(self) -> None:
        """While a filter is on: how many entries it shows, what it is, how to clear it."""
        line = self.query_one("#history-filter", Static)
        wanted = self.wanted
        line.display = wanted.active
        if wanted.active:
            line.update(
                Text.assemble(
                    (f"Showing {len(self.listed)} of {len(self.shown.entries)}", "bold $warning"),
                    " · ",
                    wanted.describe(),
                    ("  ·  / change · escape shows all", "$text-muted"),
                )
            )

    def show_trends(self) -> None:
        """Cramped sessions and average severity per week, and the change in the last weeks."""
        if not self.shown.complete:
            return
        weeks, today = self.shown.weeks, self.shown.day
        self.query_one(TrendChart).show(weeks)
        self.query_one("#trend-change", Static).update(Text(trends.change_in_words(weeks, today)))

    def show_insights(self) -> None:
        """The heatmap, how often each item is done, and the ranked item–cramp patterns."""
        if not self.shown.complete:
            return
        self.query_one(Heatmap).show(self.shown.grid, self.shown.day)
        listed = [  # a hidden item only while some session had it
            (item, freq)
            for item, freq in zip(self.shown.items, self.shown.frequencies, strict=True)
            if freq.total or not item.hidden
        ]
        counts = [f"{freq.done}/{freq.total}" for _item, freq in listed]
        width = max((len(count) for count in counts), default=0)
        self.query_one("#item-frequency", Static).update(
            Text("\n").join(
                Text.assemble((count.rjust(width), "bold"), "  ", Text(item.label))
                for (item, _freq), count in zip(listed, counts, strict=True)
            )
        )
        patterns = self.patterns_text()
        if self.shown.stretch_rates:
            patterns = Text("\n").join([patterns, self.stretches_text()])
        self.query_one("#history-patterns", Static).update(patterns)

    def stretches_text(self) -> Text:
        """Per stretch, in how many sessions it cramped, under its caution."""
        lines = [
            Text.styled("During your stretches:", "bold"),
            Text.styled(insights.STRETCH_CAUTION, "italic $text-muted"),
        ]
        lines += [
            Text.assemble(
                ("• ", "$accent"),
                insights.describe_stretch(
                    rate, stretch_label(self.shown.stretch_names, rate.stretch_id)
                ),
            )
            for rate in self.shown.stretch_rates
        ]
        return Text("\n").join(lines)

    def patterns_text(self) -> Text:
        """The patterns in two kinds, strongest first, under the "not proof" label."""
        patterns = self.shown.patterns
        if not (patterns.more_with or patterns.fewer_with):
            return Text.styled(NO_PATTERN if patterns.compared else NOT_ENOUGH_DATA, "$text-muted")
        lines = [Text.styled(f"{NOT_PROOF} {insights.CHANGED_TOGETHER}", "italic $text-muted")]
        for heading, found in ((FEWER_WITH, patterns.fewer_with), (MORE_WITH, patterns.more_with)):
            if found:
                lines.append(Text.styled(f"{heading}:", "bold"))
                lines += [
                    Text.assemble(
                        ("• ", "$accent"),
                        insights.describe(a, self.shown.label(a.item_id)),
                    )
                    for a in found
                ]
        return Text("\n").join(lines)

    # -- the table ---------------------------------------------------------------------------

    def columns(self, shown: Shown | None = None) -> list[Column]:
        """The columns before the note, each as wide as its longest cell (Cramps if any), for
        ``shown`` (what is shown now by default); worked out once per entries and width mode."""
        entries = (self.shown if shown is None else shown).entries
        known = self.column_cache
        if known is not None and known[0] is entries and known[1] == self.narrow:
            return list(known[2])
        names = ["When", "Checklist", "Outcome"]
        if any(isinstance(e, CrampEpisode) or insights.session_cramps(e) for e in entries):
            names.append("Cramps")
        longest = [len(name) for name in names]
        for entry in entries:  # measured, not kept: a row makes its cells when drawn
            for index, cell in enumerate(row_cells(entry, self.narrow)[: len(names)]):
                longest[index] = max(longest[index], cell.cell_len)
        widths = list(zip(names, longest, strict=True))
        self.column_cache = (entries, self.narrow, widths)
        return list(widths)

    def available_note_width(self, columns: list[Column]) -> int:
        """Columns left for the note after ``columns`` (0 if too few for a useful note).

        The table spans the terminal's width less its scrollbar gutter (always kept), so this
        is known while the tab is hidden too.
        """
        table = self.table
        inner = self.terminal_width - table.styles.scrollbar_size_vertical
        used = sum(width + 2 * table.cell_padding for _name, width in columns)
        left = inner - used - 2 * table.cell_padding
        return left if left >= MIN_NOTE_WIDTH else 0

    def fill_table(self) -> None:
        """One row per entry listed, newest first, the cursor staying on its row (the entry
        there when the store was re-read: a new cramp at the top is under it, ready for d).

        The table is virtual: a row's cells are made only when it is drawn."""
        table = self.table
        self.listed = filter_entries(self.shown.entries, self.wanted, self.shown.stretch_names)
        selected = self.selected_entry()
        self.table_columns = self.columns()
        self.note_width = self.available_note_width(self.table_columns)
        columns = [
            TableColumn(name.lower(), RichText(name), width) for name, width in self.table_columns
        ]
        if self.note_width:
            columns.append(TableColumn("note", RichText("Note"), self.note_width))
        table.show_rows(columns, len(self.listed), self.row_cells_at)
        if selected is not None:
            self.move_to(selected)
        self.show_row_detail()
        self.update_bindings()

    def row_cells_at(self, index: int) -> list[RichText]:
        """The cells of the table's row ``index``: the entry listed there, for the current
        width (made when the row is drawn, never kept here)."""
        entry = self.listed[index]
        cells = row_cells(entry, self.narrow)[: len(self.table_columns)]
        if self.note_width:
            note = entry_note(entry, self.shown.stretch_names)
            cells.append(RichText(note, no_wrap=True, overflow="ellipsis"))
        return cells

    def select_session(self, session_id: int) -> None:
        """Put the table cursor on session ``session_id`` (e.g. one just saved in the
        Checklist), if it is listed."""
        for entry in self.listed:
            if isinstance(entry, Session) and entry.id == session_id:
                self.move_to(entry)
                return

    def move_to(self, entry: Entry) -> None:
        """Put the table cursor on ``entry`` if it is listed (adding rows up to it)."""
        if entry in self.listed:
            self.table.move_cursor(row=self.listed.index(entry))

    def selected_entry(self) -> Entry | None:
        """The session or lone cramp under the table cursor."""
        table = self.table
        entries = self.listed
        if not table.row_count or not 0 <= table.cursor_row < len(entries):
            return None
        return entries[table.cursor_row]

    def selected_session(self) -> Session | None:
        """The session under the table cursor (None on a cramp logged on its own)."""
        entry = self.selected_entry()
        return entry if isinstance(entry, Session) else None

    @property
    def table(self) -> LineTable:
        """The history table."""
        return self.query_one("#history-table", LineTable)

    def row_highlighted(self, _row: int) -> None:
        """Describe the highlighted entry in full under the table, drawn in the cursor's
        frame; o needs a session."""
        self.show_row_detail(fit=False)
        self.update_bindings()

    def update_bindings(self) -> None:
        """Rebuild the footer's keys, only when what they need of the cursor's entry changed."""
        selection = self.selection_kind()
        if selection != self.bindings_for:
            self.bindings_for = selection
            self.refresh_bindings()  # rebuilds the footer: only when its keys change

    def selection_kind(self) -> tuple[bool, bool]:
        """What the keys that depend on the cursor (o, e, d) need: an entry, and a session."""
        entry = self.selected_entry()
        return entry is not None, isinstance(entry, Session)

    def show_row_detail(self, fit: bool = True) -> None:
        """The highlighted entry's skipped items, outcome details and full note; the line is
        made as tall as that needs (``fit``), or only taller (as the cursor moves)."""
        detail = self.query_one("#history-row-detail", Static)
        entry = self.selected_entry()
        detail.display = entry is not None
        if entry is None:
            return
        # Laid out again only when its height must change: a layout of the whole screen costs
        # more than the rest of a cursor move, so a move keeps a line that was taller (the
        # table does not jump as the cursor moves) and a refill fits it again.
        detail.update(
            describe_entry(entry, self.shown.label, self.shown.stretch_names), layout=False
        )
        size = detail.content_size
        needed = detail.get_content_height(size, self.app.size, size.width)
        tallest = detail.styles.max_height
        if tallest is not None and size.height >= tallest.value:
            needed = min(needed, size.height)
        if needed > size.height or (fit and needed != size.height):
            detail.refresh(layout=True)

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Outcome and edit need a session, delete an entry, report a session; u shows the
        binding that names the newest change (a dimmed "Undo" when there is none); escape
        clears a filter only while there is one."""
        if action in ("outcome", "edit"):
            return True if self.selected_session() is not None else None
        if action == "delete":
            return True if self.selected_entry() is not None else None
        if action == "undo":
            newest = self.undo_steps[-1].kind if self.undo_steps else ""
            if not parameters:
                return None if not newest else False
            return parameters[0] == newest
        if action == "clear_filter":
            return self.wanted.active
        if action == "report":
            return True if self.sessions else None
        return True

    def action_report(self) -> None:
        """Write the report (HTML, last 12 weeks) to a new file beside the history, off the UI
        thread, and say where it went."""
        from crampui.insights.report import Person

        settings = self.settings()
        person = Person.from_settings(settings.report_name, settings.report_birth_date)
        self.write_report(self.today(), person, settings.checked_session)

    @work(thread=True, group="report")
    def write_report(self, today: date, person: Person, checked_session: int) -> None:
        """Build the report of the history up to ``today`` and write it to a new file
        (``checked_session``: the newest advice said to be acted on)."""
        from crampui.insights.report import build_report, default_report_path, write_new_file

        path = default_report_path(self.store.path, today)
        try:
            report = build_report(
                self.store,
                self.content,
                None,
                today,
                person=person,
                checked_session=checked_session,
            )
            path = write_new_file(path, report)
        except HistoryError as error:
            self.app.call_from_thread(
                self.notify, str(error), severity="error", timeout=10, markup=False
            )
            return
        except OSError as error:
            message = f"Could not write the report to {path}: {error.strerror or error}"
            self.app.call_from_thread(
                self.notify, message, severity="error", timeout=10, markup=False
            )
            return
        self.app.call_from_thread(
            self.notify, f"Report written to {path}", title="Report", timeout=15, markup=False
        )

    def action_target(self, step: int = 1) -> None:
        """Step the weekly target by ``step`` (t up, T down) round off, 1, 2, … MAX_TARGET_KEY."""
        current = self.settings()
        target = (current.weekly_target + step) % (MAX_TARGET_KEY + 1)
        self.post_message(SettingsChanged(replace(current, weekly_target=target)))
        self.show_target(target)
        shown = f"{plural(target, 'session')} a week" if target else "off"
        self.notify(f"Weekly target: {shown}", title="Target", markup=False)

    async def action_outcome(self) -> None:
        """Add or change the outcome of the selected session (keys typed next reach it)."""
        session = self.selected_session()
        if session is not None:
            await self.prompt_outcome(session)

    async def prompt_outcome(self, session: Session) -> None:
        """Ask how ``session`` went (then the red-flag questions after a cramp) and store it;
        u puts the earlier outcome back."""

        def saved(updated: Session) -> None:
            self.remember(UndoStep("outcome", session))
            self.changed(updated)

        await start_outcome_flow(self, self.store, session, self.content, saved)

    def item_labels(self) -> tuple[dict[str, str], dict[str, str]]:
        """Every known item's label, and the items the checklist shows now (id: label), as
        read with the entries shown."""
        items = self.shown.items
        known = {entry.id: entry.label for entry in items}
        return known, {entry.id: entry.label for entry in items if not entry.hidden}

    def action_edit(self) -> None:
        """Edit the selected session's items, time, note and outcome (u undoes it)."""
        session = self.selected_session()
        if session is None:
            return
        known, shown = self.item_labels()
        editor = SessionEditorScreen(
            self.content,
            session_rows(session.items, known, shown),
            session.saved_at,
            self.store.clock,
            session=session,
        )

        def done(edited: EditedSession | None) -> None:
            if edited is not None:
                self.save_edit(session, edited)

        self.app.push_screen(editor, done)

    def save_edit(self, before: Session, edited: EditedSession) -> None:
        """Store what changed in ``before`` (in a worker), remembering ``before`` for undo."""
        changed = changes(before, edited)
        if not changed:
            self.notify(f"Nothing changed in session #{before.id}.", markup=False)
            return
        self.run_worker(self.store_edit(before, changed), group=SAVE_GROUP)

    async def store_edit(self, before: Session, changed: dict[str, Any]) -> None:
        """Write ``changed`` into session ``before`` in the store's thread, then show it."""
        try:
            updated = await in_store_thread(
                self.store, self.store.update_session, before.id, **changed
            )
        except (HistoryError, ValueError) as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except KeyError:
            message = f"Session #{before.id} is no longer in your history."
            self.notify(message, severity="error", markup=False)
            self.changed()
            return
        self.remember(UndoStep("edit", before))
        self.changed(updated)
        self.notify(f"Saved session #{updated.id}. Press u to undo.", markup=False)

    async def action_add(self) -> None:
        """Add a session done earlier: yesterday at this time unless changed (u undoes it)."""
        try:
            number = await in_store_thread(self.store, self.store.next_number)
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        editor = SessionEditorScreen(
            self.content,
            new_rows(self.item_labels()[1]),
            backfill_time(self.store.clock()),
            self.store.clock,
            number=number,
        )

        def done(edited: EditedSession | None) -> None:
            if edited is not None:
                self.save_new(edited)

        self.app.push_screen(editor, done)

    def save_new(self, edited: EditedSession) -> None:
        """Store the past session (in a worker), remembering it for undo."""
        self.run_worker(self.store_new(edited), group=SAVE_GROUP)

    async def store_new(self, edited: EditedSession) -> None:
        """Add ``edited`` as a session in the store's thread, then show it."""
        store = self.store
        try:
            added = await in_store_thread(
                store,
                store.add_session,
                edited.items,
                edited.note,
                edited.outcome,
                at=edited.saved_at,
            )
        except (HistoryError, ValueError) as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.remember(UndoStep("add", added))
        self.changed(added)
        self.notify(f"Added session #{added.id}. Press u to undo.", markup=False)

    def remember(self, step: UndoStep) -> None:
        """Put ``step`` on top of what u takes back."""
        self.undo_steps = (*self.undo_steps, step)

    def action_delete(self) -> None:
        """Delete the selected session or lone cramp after confirmation (u undoes it)."""
        entry = self.selected_entry()
        if entry is None:
            return

        def confirmed(delete: bool | None) -> None:
            if delete:
                self.run_worker(self.delete(entry), group=SAVE_GROUP)

        title = entry_title(entry)
        question = f"Delete {title}?"
        self.app.push_screen(ConfirmScreen(question, "Delete", "Keep", danger=True), confirmed)

    async def delete(self, entry: Entry) -> None:
        """Delete ``entry`` from the store in its thread, remembering it for undo."""
        store = self.store
        try:
            if isinstance(entry, Session):
                entry = await in_store_thread(store, store.delete_session, entry.id)
            else:
                entry = await in_store_thread(store, store.delete_episode, entry)
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except KeyError:
            pass  # already gone (deleted elsewhere): nothing to undo
        else:
            self.remember(UndoStep("delete", entry))
            self.notify(f"Deleted {name_of(entry)}. Press u to undo.", markup=False)
        self.changed()

    def action_undo(self, _kind: str = "") -> None:
        """Take back the newest change made in this tab: a delete, an edit, an added session
        or an outcome (``_kind`` only picks the footer label), in a worker.

        The step is taken off at once, so a second u takes back the change before it."""
        if not self.undo_steps:
            return
        step = self.undo_steps[-1]
        self.undo_steps = self.undo_steps[:-1]
        self.run_worker(self.store_undo(step), group=SAVE_GROUP)

    async def store_undo(self, step: UndoStep) -> None:
        """Take ``step`` back in the store's thread (kept for u again if that fails)."""
        try:
            undone = await in_store_thread(self.store, undo, self.store, step)
        except (HistoryError, UserTextError) as error:
            self.remember(step)
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except KeyError:
            message = f"Nothing to undo: {name_of(step.entry)} is no longer in your history."
            self.notify(message, severity="warning", markup=False)
            self.changed()
            return
        self.changed(undone.entry)
        self.notify(undone.message, markup=False)

    def action_filter(self) -> None:
        """Open the filter: text, cramp yes / no / any, and a date range."""

        def chosen(wanted: HistoryFilter | None) -> None:
            if wanted is not None:
                self.wanted = wanted

        FilterHistoryScreen.show(self.app, self.wanted, chosen)

    def action_clear_filter(self) -> None:
        """Show every entry again."""
        self.wanted = HistoryFilter()

    def action_episodes(self) -> None:
        """Open the cramp log: every episode, with delete and undo; this tab follows its changes."""
        from crampui.ui.screens.episodes import EpisodesScreen

        def opened(logged: Logged | None) -> None:
            if logged is not None:
                self.select_logged(logged)

        self.app.push_screen(EpisodesScreen(self.store, self.reload), opened)

    def select_logged(self, logged: Logged) -> None:
        """Put the table cursor on a cramp's session, or on the cramp logged on its own."""
        episode, session = logged
        if session is not None:
            self.select_session(session.id)
            return
        for entry in self.listed:
            if isinstance(entry, CrampEpisode) and entry.uid == episode.uid:
                self.move_to(entry)
                return
