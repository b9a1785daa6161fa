"""The History tab: every saved session, streaks, the weekly target, trends, a calendar heatmap,
patterns, and a key that writes the report for a professional."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from rich.text import Text as RichText
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content as Text
from textual.widget import Widget
from textual.widgets import DataTable, Static

from crampui import insights, trends
from crampui.content import Content
from crampui.history import CrampEpisode, HistoryError, HistoryStore, Session
from crampui.messages import SettingsChanged
from crampui.screens.confirm import ConfirmScreen
from crampui.screens.outcome import (
    cramp_summary,
    outcome_summary,
    plural,
    session_counts,
    session_when,
)
from crampui.screens.outcome_flow import record_outcome
from crampui.settings import Settings
from crampui.widgets.heatmap import Heatmap
from crampui.widgets.trend_chart import TrendChart

WIDE = 110
"""From this many columns the patterns sit beside the heatmap instead of below it."""

HEATMAP_WEEKS = 12
EMPTY_MESSAGE = (
    "No sessions yet. Tick the checklist before your next workout and save it with ctrl+s."
)
NOT_ENOUGH_DATA = (
    "Insights appear once you have at least 5 sessions with and without an item, "
    "each with an outcome."
)
NOT_PROOF = "These are patterns in your own data, not proof of cause."
MAX_TARGET_KEY = 7
"""The t key steps the weekly target up to this many sessions, then back to off."""
TRENDS_TITLE = f"Cramps and severity, last {trends.TREND_WEEKS} weeks"
MIN_NOTE_WIDTH = 12


class HistoryPane(Vertical):
    """The session table with a summary line, and the heatmap and insights."""

    BINDINGS = [
        Binding("o", "outcome", "Outcome"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("r", "report", "Report", show=False),  # the target line names r and t: the
        Binding("t", "target", "Target", show=False),  # footer is full at 80 columns
    ]

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
        self.sessions: list[Session] = []
        self.deleted: list[Session] = []
        self.note_width = 0

    def compose(self) -> ComposeResult:
        """Summary, table and details, then the heatmap, item counts and patterns."""
        yield Static(id="history-summary")
        yield Static(id="history-target")
        yield Static(EMPTY_MESSAGE, id="history-empty", markup=False)
        with Vertical(id="history-body"):
            with Vertical(id="history-main"):
                yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="history-row-detail")
            with VerticalScroll(id="history-insights"):
                with Vertical(id="trends-box"):
                    yield Static(TRENDS_TITLE, classes="section-title")
                    yield TrendChart(id="trend-chart")
                    yield Static(id="trend-change")
                with Container(id="insights-grid"):
                    yield Heatmap(id="history-heatmap")
                    with Vertical(id="frequency-box"):
                        yield Static("How often each item is done", classes="section-title")
                        yield Static(id="item-frequency")
                    with Vertical(id="patterns-box"):
                        yield Static("Patterns in your data", classes="section-title")
                        yield Static(id="history-patterns")

    def on_mount(self) -> None:
        """Load the history."""
        if not self.query("#history-table"):
            return  # the app began closing before this pane was fully composed
        self.reload()

    def default_focus(self) -> Widget:
        """The table takes focus when the tab opens."""
        return self.query_one("#history-table", DataTable)

    def on_resize(self, event: events.Resize) -> None:
        """Put the patterns beside the heatmap on wide screens; fit the note column."""
        self.set_class(event.size.width >= WIDE, "-wide")
        self.call_after_refresh(self.fit_note_column)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the store and redraw everything."""
        try:
            self.sessions = self.store.sessions()
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        has_sessions = bool(self.sessions)
        self.query_one("#history-empty").display = not has_sessions
        self.query_one("#history-body").display = has_sessions
        self.query_one("#history-summary").display = has_sessions
        self.fill_table()
        self.show_summary()
        self.show_target(self.settings().weekly_target)
        self.show_trends()
        self.show_insights()
        self.refresh_bindings()

    def show_summary(self) -> None:
        """Streaks and totals on one line."""
        streaks = insights.streaks(self.sessions, self.today())
        with_outcome = sum(session.outcome is not None for session in self.sessions)
        self.query_one("#history-summary", Static).update(
            Text.assemble(
                ("Streak: ", "bold"),
                (plural(streaks.current, "day"), "bold $accent"),
                f" · best {streaks.best}",
                ("  ·  ", "$text-muted"),
                plural(len(self.sessions), "session"),
                f", {with_outcome} with an outcome",
            )
        )

    def show_target(self, target: int) -> None:
        """This week's sessions against the weekly target and weeks met in a row; the r and t
        keys."""
        line = self.query_one("#history-target", Static)
        line.display = bool(self.sessions)
        keys = ("  ·  t target · r report", "$text-muted")
        if not target:
            line.update(Text.assemble(("No weekly target", "$text-muted"), keys))
            return
        progress = trends.target_progress(self.sessions, self.today(), target)
        line.update(
            Text.assemble(
                ("Target: ", "bold"),
                (
                    f"{progress.this_week}/{target} this week",
                    "bold $success" if progress.met else "bold $warning",
                ),
                f" · met {plural(progress.weeks_met, 'week')} in a row",
                keys,
            )
        )

    def show_trends(self) -> None:
        """Cramps and average severity per week, and the change between the two halves."""
        today = self.today()
        weeks = trends.weekly_trends(self.sessions, today, loose=self.loose_episodes())
        self.query_one(TrendChart).show(weeks)
        self.query_one("#trend-change", Static).update(Text(trends.change_in_words(weeks, today)))

    def loose_episodes(self) -> list[CrampEpisode]:
        """Cramps logged outside a session (none if the store cannot be read)."""
        try:
            return self.store.loose_episodes()
        except HistoryError:
            return []

    def show_insights(self) -> None:
        """The heatmap, how often each item is done, and item–cramp patterns."""
        today = self.today()
        grid = insights.heatmap(self.sessions, today, weeks=HEATMAP_WEEKS)
        self.query_one(Heatmap).show(grid, today)
        items = self.content.checklist
        frequencies = insights.item_frequency(self.sessions, [item.id for item in items])
        counts = [f"{freq.done}/{freq.total}" for freq in frequencies]
        width = max(len(count) for count in counts)
        self.query_one("#item-frequency", Static).update(
            Text("\n").join(
                Text.assemble((count.rjust(width), "bold"), "  ", item.label)
                for item, count in zip(items, counts, strict=True)
            )
        )
        found = insights.associations(self.sessions, [item.id for item in items])
        patterns = self.query_one("#history-patterns", Static)
        if not found:
            patterns.update(Text.styled(NOT_ENOUGH_DATA, "$text-muted"))
            return
        lines = [Text.styled(NOT_PROOF, "italic $text-muted")]
        lines += [
            Text.assemble(
                ("• ", "$accent"), insights.describe(a, self.content.item(a.item_id).label)
            )
            for a in found
        ]
        patterns.update(Text("\n").join(lines))

    # -- the table ---------------------------------------------------------------------------

    def columns(self) -> list[tuple[str, int]]:
        """The columns before the note, each as wide as its longest cell (Cramps if any)."""
        names = ["When", "Checklist", "Outcome"]
        if any(session.episodes for session in self.sessions):
            names.append("Cramps")
        rows = [self.row_cells(session) for session in self.sessions]
        return [
            (name, max([len(name), *(row[index].cell_len for row in rows)]))
            for index, name in enumerate(names)
        ]

    def available_note_width(self, columns: list[tuple[str, int]]) -> int:
        """Columns left for the note after ``columns`` (0 if too few for a useful note)."""
        table = self.query_one("#history-table", DataTable)
        used = sum(width + 2 * table.cell_padding for _name, width in columns)
        left = table.scrollable_content_region.width - used - 2 * table.cell_padding
        return left if left >= MIN_NOTE_WIDTH else 0

    def fit_note_column(self) -> None:
        """Rebuild the table if the space for the note column changed."""
        if self.available_note_width(self.columns()) != self.note_width:
            self.fill_table()

    def fill_table(self) -> None:
        """One row per session, newest first, keeping the cursor on the same session."""
        table = self.query_one("#history-table", DataTable)
        selected = self.selected_session()
        columns = self.columns()
        self.note_width = self.available_note_width(columns)
        table.clear(columns=True)
        for name, width in columns:
            table.add_column(name, width=width, key=name.lower())
        if self.note_width:
            table.add_column("Note", width=self.note_width, key="note")
        for session in self.sessions:
            cells = self.row_cells(session)[: len(columns)]
            if self.note_width:
                cells.append(RichText(session_note(session), no_wrap=True, overflow="ellipsis"))
            table.add_row(*cells, key=str(session.id))
        if selected is not None:
            self.move_to(selected.id)
        self.show_row_detail()

    @staticmethod
    def row_cells(session: Session) -> list[RichText]:
        """The table cells for ``session`` before the note, all literal text."""
        advice = session.outcome is not None and session.outcome.advice_shown
        return [
            RichText(session_when(session)),
            RichText(session_counts(session)),
            RichText(outcome_summary(session.outcome), style="bold" if advice else ""),
            RichText(str(len(session.episodes)) if session.episodes else ""),
        ]

    def move_to(self, session_id: int) -> None:
        """Put the table cursor on session ``session_id`` if it is listed."""
        table = self.query_one("#history-table", DataTable)
        ids = [session.id for session in self.sessions]
        if session_id in ids:
            table.move_cursor(row=ids.index(session_id))

    def selected_session(self) -> Session | None:
        """The session under the table cursor."""
        table = self.query_one("#history-table", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < len(self.sessions):
            return None
        return self.sessions[table.cursor_row]

    @on(DataTable.RowHighlighted, "#history-table")
    def row_highlighted(self) -> None:
        """Describe the highlighted session in full under the table."""
        self.show_row_detail()

    def show_row_detail(self) -> None:
        """The highlighted session's skipped items, outcome details and full note."""
        detail = self.query_one("#history-row-detail", Static)
        session = self.selected_session()
        detail.display = session is not None
        if session is not None:
            detail.update(describe_session(self.content, session))

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Outcome and delete need a session; undo needs a deletion to undo."""
        if action in ("outcome", "delete"):
            return True if self.sessions else None
        if action == "undo":
            return True if self.deleted else None
        if action == "report":
            return True if self.sessions else None
        return True

    def action_report(self) -> None:
        """Write the report (HTML, last 12 weeks) beside the history and say where it went."""
        from crampui.report import build_report, default_report_path, write_file

        today = self.today()
        path = default_report_path(self.store.path, today)
        try:
            path = write_file(path, build_report(self.store, self.content, None, today))
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except OSError as error:
            message = f"Could not write the report to {path}: {error.strerror or error}"
            self.notify(message, severity="error", timeout=10, markup=False)
            return
        self.notify(f"Report written to {path}", title="Report", timeout=15, markup=False)

    def action_target(self) -> None:
        """Step the weekly target: off, 1, 2, … up to MAX_TARGET_KEY, then off again."""
        current = self.settings()
        target = current.weekly_target + 1 if current.weekly_target < MAX_TARGET_KEY else 0
        self.post_message(SettingsChanged(replace(current, weekly_target=target)))
        self.show_target(target)
        shown = f"{plural(target, 'session')} a week" if target else "off"
        self.notify(f"Weekly target: {shown}", title="Target", markup=False)

    def action_outcome(self) -> None:
        """Add or change the outcome of the selected session."""
        session = self.selected_session()
        if session is not None:
            self.prompt_outcome(session)

    def prompt_outcome(self, session: Session) -> None:
        """Ask how ``session`` went (then the red-flag questions after a cramp) and store it."""
        start_outcome_flow(self, self.store, session, self.content, lambda _saved: self.reload())

    def action_delete(self) -> None:
        """Delete the selected session after confirmation (u undoes it)."""
        session = self.selected_session()
        if session is None:
            return

        def confirmed(delete: bool | None) -> None:
            if delete:
                self.delete(session)

        question = f"Delete session #{session.id} from {session_when(session)}?"
        self.app.push_screen(ConfirmScreen(question, "Delete", "Keep", danger=True), confirmed)

    def delete(self, session: Session) -> None:
        """Delete ``session`` from the store, remembering it for undo."""
        try:
            deleted = self.store.delete_session(session.id)
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except KeyError:
            deleted = None
        if deleted is not None:
            self.deleted.append(deleted)
            self.notify(f"Deleted session #{deleted.id}. Press u to undo.", markup=False)
        self.reload()

    def action_undo(self) -> None:
        """Put the most recently deleted session back."""
        if not self.deleted:
            return
        session = self.deleted[-1]
        try:
            restored = self.store.restore_session(session)
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.deleted.pop()
        self.reload()
        self.move_to(restored.id)
        self.notify(f"Restored session #{restored.id}.", markup=False)


def session_note(session: Session) -> str:
    """The session's note and its outcome's note, joined."""
    outcome_note = session.outcome.note if session.outcome else ""
    return " · ".join(note for note in (session.note, outcome_note) if note)


def describe_session(content: Content, session: Session) -> Text:
    """Everything about ``session`` on one wrapped line, user text kept literal."""
    labels = {item.id: item.label for item in content.checklist}
    parts: list[Text] = [Text.styled(f"#{session.id} {session_when(session)}", "bold")]
    skipped = [
        labels.get(item.item_id, item.item_id) + (f" ({item.reason})" if item.reason else "")
        for item in session.items
        if item.state == "skipped"
    ]
    if skipped:
        parts.append(Text.assemble(("Skipped: ", "$text-warning"), "; ".join(skipped)))
    outcome = session.outcome
    if outcome is None:
        parts.append(Text.styled("no outcome yet: press o to add it", "$text-muted"))
    else:
        where = f", {outcome.where}" if outcome.where else ""
        parts.append(Text(cramp_summary(outcome) + where))
        if outcome.advice_shown:
            parts.append(Text.styled("⚑ advice shown", "bold $text-error"))
    if session.episodes:
        parts.append(Text(plural(len(session.episodes), "timed cramp")))
    note = session_note(session)
    if note:
        parts.append(Text.assemble(("Note: ", "$text-muted"), note))
    return Text(" · ").join(parts)
