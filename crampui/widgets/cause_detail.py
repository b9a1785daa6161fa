"""The detail view of one cause."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crampui.content import Content
from crampui.messages import ShowFaq
from crampui.widgets.formatting import bullet_list


class CauseDetail(VerticalScroll, can_focus=True):
    """Summary, why, what to do, related questions and checklist items for one cause."""

    def __init__(self, content: Content, id: str | None = None) -> None:
        """Create an empty detail view."""
        super().__init__(id=id)
        self.content = content
        self.cause_number = 0

    def compose(self) -> ComposeResult:
        """The sections of the detail view."""
        yield Static(id="cause-title", markup=False)
        yield Static(id="cause-red-flag", classes="banner red-flag", markup=False)
        yield Static(id="cause-summary", markup=False)
        yield Static("Why it cramps", classes="section-title")
        yield Static(id="cause-why", markup=False)
        yield Static("What to do", classes="section-title")
        yield Static(id="cause-steps", markup=False)
        yield Static("Related questions", classes="section-title")
        yield OptionList(id="cause-faqs", compact=True)
        yield Static("Checklist items that help", classes="section-title")
        yield Static(id="cause-items", markup=False)

    def show(self, number: int) -> None:
        """Display cause ``number``."""
        if number == self.cause_number:
            return
        self.cause_number = number
        cause = self.content.cause(number)
        self.query_one("#cause-title", Static).update(
            Text.assemble(
                (f"{cause.number}. {cause.title}", "bold"), "  ", (cause.category, "$text-muted")
            )
        )
        banner = self.query_one("#cause-red-flag", Static)
        banner.display = cause.red_flag
        banner.update(
            Text.assemble(("See a healthcare professional. ", "bold"), cause.professional_advice)
        )
        self.query_one("#cause-summary", Static).update(cause.summary)
        self.query_one("#cause-why", Static).update(cause.why)
        self.query_one("#cause-steps", Static).update(bullet_list(cause.what_to_do))
        faqs = self.query_one("#cause-faqs", OptionList)
        faqs.clear_options()
        faqs.add_options(
            Option(Text(f"{faq.number}. {faq.question}"), id=f"faq-{faq.number}")
            for faq in self.content.faqs_for(cause)
        )
        items = [item.label for item in self.content.items_for(cause)]
        self.query_one("#cause-items", Static).update(
            bullet_list(items) if items else Text("None: talk to a professional.")
        )
        self.scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#cause-faqs")
    def faq_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen question in the FAQ tab."""
        event.stop()
        if event.option_id:
            self.post_message(ShowFaq(int(event.option_id.removeprefix("faq-"))))
