"""The FAQ tab: search-as-you-type over the questions, with the selected answer beside."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content as Text
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from crampui.content.search import Hit, SearchIndex
from crampui.content.store import Content, Faq
from crampui.ui.messages import ShowCause, ShowTab
from crampui.ui.widgets.highlight import highlighted
from crampui.ui.widgets.search_keys import SearchKeys, search_bindings
from crampui.ui.widgets.steady_option_list import SteadyOptionList
from crampui.wording import plural

BROWSE_CAUSES = "browse-causes"


class FaqPane(SearchKeys, Vertical):
    """A search box, the ranked questions and the selected answer."""

    # The results keep room for their scrollbar: the list measures how many lines each
    # question wraps to at its width, and a scrollbar appearing later would narrow the text
    # without measuring again, cutting the last line of a three-line question.
    DEFAULT_CSS = """
    FaqPane #faq-results {
        scrollbar-gutter: stable;
    }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        *search_bindings("Search"),
        Binding("backspace", "back", "Back to cause"),
    ]
    DOWN_ENTERS_LIST = False

    def __init__(self, content: Content, index: SearchIndex) -> None:
        """Create the pane for ``content``, searched through the app's ``index``."""
        super().__init__(id="faq-pane")
        self.content = content
        self.index = index
        self.faq_number = 0
        self.listed: frozenset[int] = frozenset()
        """Numbers of the questions the results list shows for the current query."""
        self.came_from: int | None = None
        """The cause whose related questions led here (backspace goes back to it)."""

    def compose(self) -> ComposeResult:
        """Search input, results and the answer."""
        yield Input(
            placeholder="Ask a question, e.g. how long to hold a stretch",
            id="faq-query",
            select_on_focus=False,
        )
        with Horizontal(id="faq-body"):
            with Vertical(id="faq-results-column"):
                yield Static(id="faq-status", markup=False)
                yield SteadyOptionList(id="faq-results")
            with VerticalScroll(id="faq-answer", can_focus=True):
                yield Static(id="faq-question", markup=False)
                yield Static(id="faq-red-flag", classes="banner red-flag", markup=False)
                yield Static(id="faq-answer-text", markup=False)
                yield Static("Related causes", classes="section-title", id="faq-causes-title")
                yield SteadyOptionList(id="faq-causes", compact=True)

    def on_mount(self) -> None:
        """Show every question."""
        if not self.query("#faq-status"):
            return  # the app began closing before this pane was fully composed
        self.search("")

    def default_focus(self) -> Widget:
        """The widget that takes focus when the tab opens: the questions, where typing starts a
        search and the tab keys still switch tabs."""
        return self.results()

    def search_box(self) -> Input:
        """The search box."""
        return self.query_one("#faq-query", Input)

    def results(self) -> Widget:
        """The ranked questions."""
        return self.query_one("#faq-results", OptionList)

    def search(self, query: str) -> None:
        """Rank the questions and causes for ``query`` and show them."""
        faq_hits = self.index.filter_faqs(query)
        cause_hits = self.index.filter_causes(query) if query.strip() else []
        self.listed = frozenset(hit.item.number for hit in faq_hits)
        options: list[Option | None] = [self.faq_option(hit) for hit in faq_hits]
        status = self.query_one("#faq-status", Static)
        if not faq_hits:
            status.update(f"No question matches “{query.strip()}”. Closest questions:")
            options = [self.faq_option(hit) for hit in self.index.closest_faqs(query)]
            options.append(
                Option(Text.styled("Browse the causes instead →", "italic"), id=BROWSE_CAUSES)
            )
        elif any(hit.score > 0 for hit in faq_hits):
            count = len(faq_hits)
            status.update(f"{plural(count, 'question')} {'matches' if count == 1 else 'match'}")
        else:
            status.update("All 12 questions")
        if stretch_hits := self.index.stretches(query):
            options.append(None)
            options.append(Option(Text.styled("MATCHING STRETCHES", "bold $accent"), disabled=True))
            options.extend(
                Option(
                    highlighted(f"Stretch: {hit.item.name}", hit.matched),
                    id=f"stretch-{hit.item.id}",
                )
                for hit in stretch_hits[:3]
            )
        if cause_hits:
            options.append(None)
            options.append(Option(Text.styled("MATCHING CAUSES", "bold $accent"), disabled=True))
            options.extend(
                Option(
                    highlighted(f"Cause {hit.item.number}: {hit.item.title}", hit.matched),
                    id=f"cause-{hit.item.number}",
                )
                for hit in cause_hits[:4]
            )
        results = self.query_one("#faq-results", OptionList)
        results.clear_options()
        results.add_options(options)
        first = next((o for o in options if o is not None and not o.disabled), None)
        if first is not None:
            results.highlighted = results.get_option_index(first.id or "")

    def faq_option(self, hit: Hit[Faq]) -> Option:
        """One result line for an FAQ hit."""
        return Option(highlighted(hit.item.question, hit.matched), id=f"faq-{hit.item.number}")

    def show_faq(self, number: int) -> None:
        """Show the full answer of FAQ ``number``."""
        self.faq_number = number
        faq = self.content.faq(number)
        self.query_one("#faq-question", Static).update(
            Text.assemble((f"{faq.number}. ", "$text-muted"), (faq.question, "bold"))
        )
        causes = self.content.causes_for(faq)
        red_flags = [cause for cause in causes if cause.red_flag]
        self.show_red_flag(
            "\n".join(cause.professional_advice for cause in red_flags) if red_flags else None
        )
        self.query_one("#faq-answer-text", Static).update(faq.answer)
        self.query_one("#faq-causes-title").display = True
        related = self.query_one("#faq-causes", OptionList)
        related.clear_options()
        related.add_options(
            Option(f"{cause.number}. {cause.title}", id=f"cause-{cause.number}") for cause in causes
        )
        self.query_one("#faq-answer", VerticalScroll).scroll_home(animate=False)

    def select_faq(self, number: int, from_cause: int | None = None) -> None:
        """Show FAQ ``number``, clearing a search that hides it; ``from_cause`` is the cause
        it was opened from (backspace goes back there)."""
        self.came_from = from_cause
        self.refresh_bindings()
        query = self.query_one("#faq-query", Input)
        if number not in self.listed:
            query.value = ""
            self.search("")
        results = self.query_one("#faq-results", OptionList)
        results.highlighted = results.get_option_index(f"faq-{number}")
        self.show_faq(number)
        results.focus()

    @on(Input.Changed, "#faq-query")
    def query_changed(self, event: Input.Changed) -> None:
        """Re-rank on every keystroke."""
        self.search(event.value)

    @on(Input.Submitted, "#faq-query")
    def query_submitted(self) -> None:
        """Enter in the search box opens the highlighted result."""
        results = self.query_one("#faq-results", OptionList)
        if results.highlighted is not None:
            results.action_select()

    @on(OptionList.OptionHighlighted, "#faq-results")
    def result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted question's answer, or the highlighted cause in short."""
        option_id = event.option_id or ""
        if option_id.startswith("faq-"):
            self.show_faq(int(option_id.removeprefix("faq-")))
        elif option_id.startswith("cause-"):
            self.show_cause(int(option_id.removeprefix("cause-")))
        elif option_id.startswith("stretch-"):
            self.show_stretch(option_id.removeprefix("stretch-"))

    def show_stretch(self, stretch_id: str) -> None:
        """Show a stretch in short with its caution (enter opens it in full)."""
        stretch = self.content.stretch(stretch_id)
        self.query_one("#faq-question", Static).update(
            Text.assemble(("Stretch. ", "$text-muted"), (stretch.name, "bold"))
        )
        self.show_red_flag(None)
        self.query_one("#faq-answer-text", Static).update(
            Text.assemble(
                stretch.cue,
                "\n\n",
                ("Caution. ", "bold"),
                stretch.caution,
                ("\n\nEnter opens it in full.", "$text-muted"),
            )
        )
        self.query_one("#faq-causes", OptionList).clear_options()
        self.query_one("#faq-causes-title").display = False
        self.query_one("#faq-answer", VerticalScroll).scroll_home(animate=False)

    def show_cause(self, number: int) -> None:
        """Show cause ``number`` in short on the right (enter opens it in the Causes tab)."""
        cause = self.content.cause(number)
        self.query_one("#faq-question", Static).update(
            Text.assemble((f"Cause {cause.number}. ", "$text-muted"), (cause.title, "bold"))
        )
        self.show_red_flag(cause.professional_advice if cause.red_flag else None)
        self.query_one("#faq-answer-text", Static).update(
            Text.assemble(cause.summary, ("\n\nEnter opens it in the Causes tab.", "$text-muted"))
        )
        self.query_one("#faq-causes", OptionList).clear_options()
        self.query_one("#faq-causes-title").display = False
        self.query_one("#faq-answer", VerticalScroll).scroll_home(animate=False)

    def show_red_flag(self, advice: str | None) -> None:
        """The "see a healthcare professional" banner with ``advice``; hidden for None."""
        banner = self.query_one("#faq-red-flag", Static)
        banner.display = advice is not None
        if advice is not None:
            banner.update(Text.assemble(("See a healthcare professional. ", "bold"), advice))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Backspace goes back only to a cause the user came from (outside the box)."""
        if action == "back":
            return self.came_from is not None and not isinstance(self.screen.focused, Input)
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Back to the cause whose related questions led here."""
        if self.came_from is not None:
            self.post_message(ShowCause(self.came_from))
            self.came_from = None

    @on(OptionList.OptionSelected, "#faq-results")
    def result_selected(self, event: OptionList.OptionSelected) -> None:
        """Open a question's answer, or jump to a cause."""
        option_id = event.option_id or ""
        if option_id == BROWSE_CAUSES:
            self.post_message(ShowTab("causes"))
        elif option_id.startswith("cause-"):
            self.post_message(ShowCause(int(option_id.removeprefix("cause-"))))
        elif option_id.startswith("stretch-"):
            from crampui.ui.screens.stretch import StretchScreen  # loaded when first opened

            stretch = self.content.stretch(option_id.removeprefix("stretch-"))
            self.app.push_screen(StretchScreen(self.content, stretch))
        else:
            self.query_one("#faq-answer", VerticalScroll).focus()

    @on(OptionList.OptionSelected, "#faq-causes")
    def related_cause_selected(self, event: OptionList.OptionSelected) -> None:
        """Jump to a related cause in the Causes tab."""
        if event.option_id:
            self.post_message(ShowCause(int(event.option_id.removeprefix("cause-"))))

    def action_move(self, step: int) -> None:
        """Move through the results while typing in the search box."""
        results = self.query_one("#faq-results", OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()
