"""The Causes tab: a filterable list of causes grouped by category, and a detail view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content as Text
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from crampui.content.store import CATEGORIES, Content
from crampui.ui.widgets.cause_detail import CauseDetail
from crampui.ui.widgets.search_keys import SearchKeys, search_bindings
from crampui.ui.widgets.steady_option_list import SteadyOptionList

if TYPE_CHECKING:
    from collections.abc import Callable

    from crampui.content.search import SearchIndex


def cause_option_id(number: int) -> str:
    """The option id used for cause ``number`` in the list."""
    return f"cause-{number}"


class CausesPane(SearchKeys, Horizontal):
    """Cause list on the left, the selected cause on the right."""

    BINDINGS = search_bindings("Filter")

    def __init__(self, content: Content, index: Callable[[], SearchIndex]) -> None:
        """Create the pane for ``content``, filtered through the app's search index, which
        ``index`` returns (asked for on the first search, so start-up builds none)."""
        super().__init__(id="causes-pane")
        self.content = content
        self.index = index

    def compose(self) -> ComposeResult:
        """The filter, the list and the detail view."""
        with Vertical(id="cause-list-column"):
            yield Input(
                placeholder="Type to filter causes", id="cause-filter", select_on_focus=False
            )
            yield Static("", id="cause-filter-empty", markup=False)
            yield SteadyOptionList(*self.cause_options(self.ranked_numbers("")), id="cause-list")
        yield CauseDetail(self.content, id="cause-detail")

    def on_mount(self) -> None:
        """Show the first cause."""
        self.highlight(self.content.causes[0].number)

    def default_focus(self) -> Widget:
        """The widget that takes focus when the tab opens."""
        return self.query_one("#cause-list", OptionList)

    def search_box(self) -> Input:
        """The filter box."""
        return self.query_one("#cause-filter", Input)

    def results(self) -> Widget:
        """The list of causes."""
        return self.query_one("#cause-list", OptionList)

    def ranked_numbers(self, query: str) -> list[int]:
        """Numbers of the causes matching ``query``, best first (all, in order, when empty),
        as the search index filters them: by number, words, typos, synonyms and prefixes."""
        if not query.strip():
            return [cause.number for cause in self.content.causes]
        return [hit.item.number for hit in self.index().filter_causes(query)]

    def cause_options(self, numbers: list[int]) -> list[Option]:
        """List options for the causes in ``numbers``, under their category headings."""
        options: list[Option] = []
        for category in CATEGORIES:
            causes = [c for c in self.content.causes_in(category) if c.number in numbers]
            if not causes:
                continue
            options.append(Option(Text.styled(category.upper(), "bold $accent"), disabled=True))
            for cause in causes:
                label = Text.assemble((f"{cause.number:<3}", "$text-muted"), cause.title)
                if cause.red_flag:
                    label = Text.assemble(label, (" !", "bold $error"))
                options.append(Option(label, id=cause_option_id(cause.number)))
        return options

    def show_matching(self, query: str) -> None:
        """Rebuild the list with the causes matching ``query``, grouped by category."""
        ranked = self.ranked_numbers(query)
        option_list = self.query_one("#cause-list", OptionList)
        option_list.clear_options()
        option_list.add_options(self.cause_options(ranked))
        empty = self.query_one("#cause-filter-empty", Static)
        empty.display = not ranked
        empty.update(f"No cause matches “{query.strip()}”. Escape twice clears it.")
        if not ranked:
            self.query_one(CauseDetail).clear()
        else:
            previous = self.query_one(CauseDetail).cause_number
            keep_previous = not query.strip() and previous in ranked
            self.highlight(previous if keep_previous else ranked[0])

    def highlight(self, number: int) -> None:
        """Move the list cursor to cause ``number`` and show it."""
        option_list = self.query_one("#cause-list", OptionList)
        option_list.highlighted = option_list.get_option_index(cause_option_id(number))
        self.query_one(CauseDetail).show(number)

    def select_cause(self, number: int) -> None:
        """Show cause ``number``, clearing a filter that hides it."""
        filter_input = self.query_one("#cause-filter", Input)
        if number not in self.ranked_numbers(filter_input.value):
            filter_input.value = ""
            self.show_matching("")
        self.highlight(number)
        self.query_one("#cause-list", OptionList).focus()

    @on(Input.Changed, "#cause-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Filter the list as the user types."""
        self.show_matching(event.value)

    @on(Input.Submitted, "#cause-filter")
    def filter_submitted(self) -> None:
        """Enter in the filter moves to the list."""
        self.query_one("#cause-list", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#cause-list")
    def cause_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted cause."""
        if event.option_id:
            self.query_one(CauseDetail).show(int(event.option_id.removeprefix("cause-")))

    @on(OptionList.OptionSelected, "#cause-list")
    def cause_selected(self) -> None:
        """Enter on a cause moves into its details."""
        self.query_one(CauseDetail).focus()
