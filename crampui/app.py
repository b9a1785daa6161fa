"""The crampui Textual application."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.widgets import Footer, Header, TabbedContent, TabPane

from crampui.content import Content, default_content
from crampui.messages import ShowCause, ShowFaq
from crampui.panes.causes import CausesPane
from crampui.panes.checklist import ChecklistPane
from crampui.panes.faq import FaqPane
from crampui.panes.history import HistoryPane
from crampui.providers import ContentProvider

TAB_IDS = ("causes", "faq", "checklist", "history")


class CrampApp(App[int]):
    """Browse the causes of back cramps, search the FAQ, and track pre-stretch habits."""

    TITLE = "crampui"
    SUB_TITLE = "General information, not medical advice · ? for help"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ContentProvider}
    BINDINGS = [
        Binding("1", "show_tab('causes')", "Causes", show=False),
        Binding("2", "show_tab('faq')", "FAQ", show=False),
        Binding("3", "show_tab('checklist')", "Checklist", show=False),
        Binding("4", "show_tab('history')", "History", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, db_path: str | None = None, content: Content | None = None) -> None:
        """Create the app; ``db_path`` overrides where history is stored."""
        super().__init__()
        self.db_path = db_path
        self.content = content or default_content()

    def compose(self) -> ComposeResult:
        """Header, the four tabs and the footer."""
        yield Header()
        with TabbedContent(initial="causes"):
            with TabPane("1 Causes", id="causes"):
                yield CausesPane(self.content)
            with TabPane("2 FAQ", id="faq"):
                yield Lazy(FaqPane(self.content))
            with TabPane("3 Checklist", id="checklist"):
                yield Lazy(ChecklistPane(self.content))
            with TabPane("4 History", id="history"):
                yield Lazy(HistoryPane(self.content))
        yield Footer()

    def action_show_tab(self, tab: str) -> None:
        """Switch to the tab with id ``tab``."""
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def focus_active_pane(self, event: TabbedContent.TabActivated) -> None:
        """Give focus to the newly shown pane's main widget."""
        for child in event.pane.children:
            focus_default = getattr(child, "focus_default", None)
            if focus_default is not None:
                focus_default()

    def action_help(self) -> None:
        """Open the help screen."""
        from crampui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.content))

    @on(ShowCause)
    def show_cause(self, message: ShowCause) -> None:
        """Jump to a cause in the Causes tab."""
        self.action_show_tab("causes")
        self.query_one(CausesPane).select_cause(message.number)

    @on(ShowFaq)
    def show_faq(self, message: ShowFaq) -> None:
        """Jump to a question in the FAQ tab."""
        self.action_show_tab("faq")
        try:
            self.query_one(FaqPane).select_faq(message.number)
        except NoMatches:
            self.call_after_refresh(self.post_message, ShowFaq(message.number))
