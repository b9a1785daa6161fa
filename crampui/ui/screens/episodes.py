"""The cramp log: every episode logged with F2, newest first, with delete and undo.

Each row says when the cramp came, the session it belongs to ("#12") or "on its own", and,
when the hold timer was running, the repetition, side and seconds into the hold. Deletes made
here can be undone (u) for as long as the app is open, also after the view is closed and
opened again: they are remembered per history store.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from crampui.checklist.routines import stored_stretch_names
from crampui.content.store import default_content
from crampui.history import HistoryError, HistoryStore
from crampui.insights.episodes import (
    COLUMNS,
    Logged,
    count_line,
    episode_cells,
    local_when,
    session_label,
)
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.store_thread import in_store_thread
from crampui.ui.widgets.app_footer import AppFooter
from crampui.ui.widgets.row_table import RowTable

EMPTY_MESSAGE = (
    "No cramps logged yet. When your back cramps, press F2: the cramp is logged here, "
    "with the session it belongs to."
)

FOOTER_KEPT = ("close", "help")
"""The keys that stay in the footer on a narrow terminal, where not all of them fit."""

_DELETED: WeakKeyDictionary[HistoryStore, list[Logged]] = WeakKeyDictionary()
"""Episodes deleted in this view, per store (latest last), while the app keeps its store."""


def describe(logged: Logged) -> str:
    """How questions and notices name an episode: "the cramp of Wed 02 Dec 2026 12:30 (#3)"."""
    episode, session = logged
    return f"the cramp of {local_when(episode.at)} ({session_label(session)})"


class EmptyEpisodes(Static, can_focus=True):
    """Says there are no cramps; it takes focus so u still works after the last delete."""


class EpisodesScreen(Screen[Logged | None]):
    """A table of every cramp episode; d deletes the selected one, u puts it back; enter goes
    back to History on the cramp's session (or the cramp, logged on its own)."""

    CSS_PATH = "episodes.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
    ]

    def __init__(self, store: HistoryStore, on_change: Callable[[], None] = lambda: None) -> None:
        """Show the episodes in ``store``; ``on_change`` runs after each delete or undo."""
        super().__init__()
        self.store = store
        self.on_change = on_change
        self.deleted = _DELETED.setdefault(store, [])
        self.logged: tuple[Logged, ...] = ()
        """The episodes shown, newest first."""
        self.names: dict[str, str] = {}
        """The name of every stretch the routine knows, by id."""

    def compose(self) -> ComposeResult:
        """Header, count line, the table (or the empty message) and the footer."""
        yield Header()
        yield Static(id="episodes-summary", markup=False)
        yield EmptyEpisodes(EMPTY_MESSAGE, id="episodes-empty", markup=False)
        yield RowTable(id="episodes-table")
        yield AppFooter(FOOTER_KEPT)

    def on_mount(self) -> None:
        """Name the view and load the episodes."""
        self.sub_title = "Cramp log"
        table = self.query_one("#episodes-table", DataTable)
        for name in COLUMNS:
            table.add_column(name, key=name.lower())
        self.reload()

    def on_screen_resume(self) -> None:
        """Re-read the store on coming back (an F2 on top of this view logs a new cramp)."""
        if self.is_mounted:
            self.reload()

    # -- showing -----------------------------------------------------------------------------

    def reload(self, select: str = "") -> None:
        """Re-read every episode from the store (in its thread) and redraw when read, the
        cursor on the episode with uid ``select`` if given."""
        self.run_worker(self.read_episodes(select), group="episodes-read", exclusive=True)

    async def read_episodes(self, select: str) -> None:
        """Every episode, read in the store's thread, then shown."""
        store = self.store
        try:
            logged = tuple(await in_store_thread(store, store.episodes))
            self.names = await in_store_thread(
                store, stored_stretch_names, store, default_content()
            )
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        self.show(logged)
        uids = [episode.uid for episode, _session in logged]
        if select in uids:
            self.query_one("#episodes-table", DataTable).move_cursor(row=uids.index(select))

    def show(self, logged: tuple[Logged, ...]) -> None:
        """Fill the table, keeping the cursor on the same row number; show the empty message."""
        self.logged = logged
        table = self.query_one("#episodes-table", DataTable)
        empty = self.query_one(EmptyEpisodes)
        row = table.cursor_row
        table.clear()
        for episode, session in logged:
            shown = episode_cells(episode, session, self.names)
            cells = [RichText(cell, no_wrap=True) for cell in shown]
            if session is None:
                cells[1].stylize("italic")
            table.add_row(*cells, key=episode.uid)
        if logged:
            table.move_cursor(row=min(max(row, 0), len(logged) - 1))
        if self.focused is (table if not logged else empty) or self.focused is None:
            self.set_focus(empty if not logged else table)
        table.display = bool(logged)
        empty.display = not logged
        summary = self.query_one("#episodes-summary", Static)
        summary.update(count_line(list(logged)))
        summary.display = bool(logged)
        self.refresh_bindings()

    def selected(self) -> Logged | None:
        """The episode under the table cursor, with its session."""
        table = self.query_one("#episodes-table", DataTable)
        if not self.logged or not 0 <= table.cursor_row < len(self.logged):
            return None
        return self.logged[table.cursor_row]

    @on(DataTable.RowSelected, "#episodes-table")
    def row_selected(self) -> None:
        """Enter on a cramp: back to History, on its session."""
        chosen = self.selected()
        if chosen is not None:
            self.dismiss(chosen)

    @on(DataTable.RowHighlighted, "#episodes-table")
    def row_highlighted(self) -> None:
        """Delete needs a highlighted row."""
        self.refresh_bindings()

    # -- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete needs a selected episode, undo something deleted here."""
        if action == "delete":
            return True if self.selected() is not None else None
        if action == "undo":
            return True if self.deleted else None
        return True

    def action_close(self) -> None:
        """Back to the History tab."""
        self.dismiss(None)

    def action_delete(self) -> None:
        """Delete the selected episode after confirmation (u puts it back)."""
        chosen = self.selected()
        if chosen is None:
            return

        def confirmed(delete: bool | None) -> None:
            if delete:
                self.run_worker(self.delete(chosen), group="episodes-save")

        question = f"Delete {describe(chosen)}?"
        self.app.push_screen(ConfirmScreen(question, "Delete", "Keep", danger=True), confirmed)

    async def delete(self, logged: Logged) -> None:
        """Delete the episode ``logged`` from the store (by uid, in the store's thread) and
        remember it for undo."""
        episode, session = logged
        try:
            gone = await in_store_thread(self.store, self.store.delete_episode, episode)
        except HistoryError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except KeyError:
            self.notify("That cramp was already deleted.", markup=False)
        else:
            self.deleted.append((gone, session))
            self.notify(f"Deleted {describe(logged)}. Press u to undo.", markup=False)
        self.changed()

    def action_undo(self) -> None:
        """Put the most recently deleted episode back, in its session, with its uid (in a
        worker; taken off the undo list at once, and put back on it if that fails)."""
        if self.deleted:
            self.run_worker(self.restore(self.deleted.pop()), group="episodes-save")

    async def restore(self, logged: Logged) -> None:
        """Add the deleted episode ``logged`` back in the store's thread, then show it."""
        episode, session = logged
        store = self.store
        try:
            await in_store_thread(
                store, store.add_episode, episode, None if session is None else session.id
            )
        except HistoryError as error:
            self.deleted.append(logged)
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return
        except KeyError:
            self.deleted.append(logged)
            message = f"Cannot put back {describe(logged)}: restore its session in History first."
            self.notify(message, severity="warning", timeout=10, markup=False)
            return
        self.changed(episode.uid)
        self.notify(f"Restored {describe(logged)}.", markup=False)

    def changed(self, select: str = "") -> None:
        """Redraw after a change (the cursor on the episode with uid ``select`` if given) and
        let the History tab redraw too."""
        self.reload(select)
        self.on_change()
