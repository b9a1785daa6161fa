"""The detail view of one cause."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content as Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crampui.content.store import Cause, Content
from crampui.ui.widgets.formatting import bullet_list
from crampui.ui.widgets.steady_option_list import SteadyOptionList


def section_title(title: str) -> Text:
    """A section's heading, after a blank line (as the ``section-title`` class styles one)."""
    return Text.assemble("\n", (title, "bold $accent"))


class CauseDetail(VerticalScroll, can_focus=True):
    """Summary, why, what to do, related questions and checklist items for one cause."""

    DEFAULT_CSS = """
    CauseDetail #cause-faqs:focus > .option-list--option-highlighted {
        text-style: bold;
    }
    """

    def __init__(self, content: Content, id: str | None = None) -> None:
        """Create the detail view, showing the first cause."""
        super().__init__(id=id)
        self.content = content
        self.cause_number = content.causes[0].number

    def compose(self) -> ComposeResult:
        """The sections of the detail view, filled in for the first cause.

        The sections between the red flag and the related questions are one text, as are the
        checklist items under their heading: every widget costs start-up time.
        """
        cause = self.content.cause(self.cause_number)
        texts = self.section_texts(cause)
        yield Static(texts["cause-title"], id="cause-title", markup=False)
        banner = Static(
            texts["cause-red-flag"], id="cause-red-flag", classes="banner red-flag", markup=False
        )
        banner.display = cause.red_flag
        yield banner
        yield Static(texts["cause-body"], id="cause-body", markup=False)
        yield SteadyOptionList(*self.faq_options(cause), id="cause-faqs", compact=True)
        yield Static(texts["cause-items"], id="cause-items", markup=False)

    def section_texts(self, cause: Cause) -> dict[str, Text]:
        """The text of each section for ``cause``, keyed by widget id."""
        items = [item.label for item in self.content.items_for(cause)]
        return {
            "cause-title": Text.assemble(
                (f"{cause.number}. {cause.title}", "bold"), "  ", (cause.category, "$text-muted")
            ),
            "cause-red-flag": Text.assemble(
                ("See a healthcare professional. ", "bold"), cause.professional_advice
            ),
            "cause-body": Text("\n").join(
                [
                    Text.styled(cause.summary, "italic"),
                    section_title("Why it cramps"),
                    Text(cause.why),
                    section_title("What to do"),
                    bullet_list(cause.what_to_do),
                    section_title("Related questions"),
                ]
            ),
            "cause-items": Text("\n").join(
                [
                    section_title("Checklist items that help"),
                    bullet_list(items) if items else Text("None: talk to a professional."),
                ]
            ),
        }

    def faq_options(self, cause: Cause) -> list[Option]:
        """One option per question related to ``cause``."""
        return [
            Option(Text(f"{faq.number}. {faq.question}"), id=f"faq-{faq.number}")
            for faq in self.content.faqs_for(cause)
        ]

    def show(self, number: int) -> None:
        """Display cause ``number``."""
        self.display = True
        if number == self.cause_number:
            return
        self.cause_number = number
        cause = self.content.cause(number)
        for widget_id, text in self.section_texts(cause).items():
            self.query_one(f"#{widget_id}", Static).update(text)
        self.query_one("#cause-red-flag").display = cause.red_flag
        faqs = self.query_one("#cause-faqs", OptionList)
        faqs.clear_options()
        faqs.add_options(self.faq_options(cause))
        self.scroll_home(animate=False)

    def clear(self) -> None:
        """Show no cause (while a filter matches none)."""
        self.display = False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Entering the related questions highlights one, so the cursor is always visible."""
        faqs = self.query_one("#cause-faqs", OptionList)
        if event.widget is faqs and faqs.highlighted is None and faqs.option_count:
            faqs.highlighted = 0

    @on(OptionList.OptionSelected, "#cause-faqs")
    def faq_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen question in the FAQ tab."""
        event.stop()
        if event.option_id:
            from crampui.ui.messages import ShowFaq

            number = int(event.option_id.removeprefix("faq-"))
            self.post_message(ShowFaq(number, from_cause=self.cause_number))
