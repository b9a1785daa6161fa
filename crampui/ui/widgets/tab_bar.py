"""The row of tab names over an underline, drawn by one widget.

It looks and behaves like Textual's ``Tabs`` (names dimmed but the active one, a bar under the
active name, click or left/right to choose), but it is one widget instead of eight, which
keeps the first screen quick to build, style and draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

BAR = "━"
BAR_START = "╺"
"""Where the underline's dim part resumes after the highlight (a right-hand half bar)."""
BAR_END = "╸"
"""Where the underline's dim part stops before the highlight (a left-hand half bar)."""


@dataclass(frozen=True)
class TabSpan:
    """Where a tab's name is drawn: ``start`` to ``end`` (exclusive), one cell of padding
    either side."""

    tab_id: str
    label: str
    start: int

    @property
    def end(self) -> int:
        """The first cell after the name."""
        return self.start + len(self.label)

    def holds(self, x: int) -> bool:
        """Whether column ``x`` falls on this tab (its padding included)."""
        return self.start - 1 <= x <= self.end


def lay_out(tabs: Sequence[tuple[str, str]]) -> tuple[TabSpan, ...]:
    """Where each (id, name) of ``tabs`` is drawn, left to right."""
    spans: list[TabSpan] = []
    start = 1
    for tab_id, label in tabs:
        spans.append(TabSpan(tab_id, label, start))
        start += len(label) + 2
    return tuple(spans)


class TabBar(Widget, can_focus=True):
    """Tab names on the first line, an underline marking the active one on the second."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tab-bar--tab",
        "tab-bar--active",
        "tab-bar--hover",
        "tab-bar--underline",
    }
    """``underline``'s colour is the highlight's, its background the rest of the bar's."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Previous tab", show=False),
        Binding("right", "step(1)", "Next tab", show=False),
    ]
    ALLOW_SELECT = False
    FOCUS_ON_CLICK = False
    """A click shows the tab and focus moves into it; only Tab (the key) focuses the bar."""

    active: reactive[str] = reactive("")
    """The id of the active tab."""
    hovered: reactive[str] = reactive("")
    """The id of the tab under the mouse, if any."""

    class Chosen(Message):
        """The user chose a tab (a click, or left/right on the focused bar)."""

        def __init__(self, tab_id: str) -> None:
            """``tab_id``: the chosen tab."""
            super().__init__()
            self.tab_id = tab_id

    def __init__(self, tabs: Sequence[tuple[str, str]], active: str, id: str | None = None) -> None:
        """``tabs``: (id, name) of each tab, in order; ``active``: the id shown as active."""
        super().__init__(id=id)
        self.tabs = tuple(tabs)
        self.spans = lay_out(self.tabs)
        self.set_reactive(TabBar.active, active)

    def on_resize(self, event: events.Resize) -> None:
        """Drop the names' numbers ("Causes", not "1 Causes") where the names do not fit, as
        on a phone; the keys stay the same."""
        spans = lay_out(self.tabs)
        if spans and spans[-1].end + 1 > event.size.width:
            spans = lay_out([(tab_id, label.split(" ", 1)[-1]) for tab_id, label in self.tabs])
        self.spans = spans

    def tab_at(self, x: int) -> str:
        """The id of the tab at column ``x``, or ``""``."""
        return next((span.tab_id for span in self.spans if span.holds(x)), "")

    def render_line(self, y: int) -> Strip:
        """The names (``y`` 0) or the underline (``y`` 1), as wide as the bar."""
        width = self.size.width
        base = self.rich_style
        if y == 0:
            segments = self.name_segments(base)
        elif y == 1:
            segments = self.underline_segments(width, base)
        else:
            segments = []
        fill = Style(bgcolor=base.bgcolor)
        return Strip(segments).adjust_cell_length(width, fill).simplify()

    def name_segments(self, base: Style) -> list[Segment]:
        """Each name padded by a space either side, in its tab's style."""
        segments = []
        for span in self.spans:
            if span.tab_id == self.active:
                style = self.get_component_rich_style("tab-bar--active")
            elif span.tab_id == self.hovered:
                style = self.get_component_rich_style("tab-bar--hover")
            else:
                style = self.get_component_rich_style("tab-bar--tab")
            padding = Segment(" ", Style(bgcolor=style.bgcolor))
            segments += [padding, Segment(span.label, base + style), padding]
        return segments

    def underline_segments(self, width: int, base: Style) -> list[Segment]:
        """A dim bar across the width, bright under the active name (as Textual draws it)."""
        underline = self.get_component_rich_style("tab-bar--underline")
        dim = Style(color=underline.bgcolor, bgcolor=base.bgcolor)
        bright = Style(color=underline.color, bgcolor=base.bgcolor)
        span = next((span for span in self.spans if span.tab_id == self.active), None)
        if span is None:
            return [Segment(BAR * width, dim)]
        before = max(span.start - 1, 0)
        after = max(width - span.end - 1, 0)
        return [
            Segment(BAR * before + BAR_END, dim),
            Segment(BAR * len(span.label), bright),
            Segment(BAR_START + BAR * after, dim),
        ]

    def on_click(self, event: events.Click) -> None:
        """Choose the tab clicked (on its name or under it)."""
        tab_id = self.tab_at(event.x)
        if tab_id:
            self.post_message(self.Chosen(tab_id))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light the name under the mouse."""
        self.hovered = self.tab_at(event.x)

    def on_leave(self, _event: events.Leave) -> None:
        """No name is lit once the mouse has left."""
        self.hovered = ""

    def action_step(self, step: int) -> None:
        """Choose the tab ``step`` places from the active one, wrapping round."""
        ids = [span.tab_id for span in self.spans]
        index = ids.index(self.active) if self.active in ids else 0
        self.post_message(self.Chosen(ids[(index + step) % len(ids)]))
