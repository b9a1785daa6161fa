"""The footer, which keeps help, quit and "cramping now" in view at any width.

One widget draws every key on one line (Textual's ``Footer`` mounts a widget per key and
mounts them all again each time the keys change: on every tab switch and focus move, about
40 ms of the UI thread and a layout of the whole screen, which held up the next key). It
looks as Textual's footer does (the same theme colours) and answers a click on a key as
that footer does, by pressing the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

NARROW = 80
"""Below this many columns the headers show their short subtitle."""

ALWAYS_SHOWN = ("save", "cramping_now", "help", "quit")
"""Actions whose keys are never left out of a footer too narrow for all its keys."""


@dataclass(frozen=True)
class FooterItem:
    """One key the footer shows: the key pressed, as written, what it does, whether it
    works now (a key that does not is dimmed) and its tooltip."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool = True
    tooltip: str = ""

    @property
    def width(self) -> int:
        """Columns it takes: its key with a space either side, then its description and a
        space (only the key when it has no description)."""
        if not self.description:
            return len(self.key_display)
        return len(self.key_display) + len(self.description) + 3


def keys_width(items: list[FooterItem]) -> int:
    """Columns the footer ``items`` take."""
    return sum(item.width for item in items)


class AppFooter(Widget, can_focus=False):
    """The keys of the focused widget and its ancestors (those whose bindings are shown), on
    one line; where they do not all fit, keys from the end are left out, never those of
    ``kept``, so the keys that matter are never cut off the edge."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "app-footer--item",
        "app-footer--key",
        "app-footer--description",
        "app-footer--hover",
    }
    DEFAULT_CSS = """
    AppFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        pointer: pointer;
        & > .app-footer--item {
            background: $footer-item-background;
        }
        & > .app-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .app-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .app-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, kept: tuple[str, ...] = ALWAYS_SHOWN) -> None:
        """A footer without the command palette key (ctrl+p is in the help).

        ``kept`` names the actions whose keys stay when not all keys fit.
        """
        super().__init__()
        self.kept = kept
        self.items: list[FooterItem] = []
        """Every key the screen's bindings show now, in order (see :meth:`shown`)."""
        self.hovered: int | None = None
        """The index in :meth:`shown` of the key under the mouse."""

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.call_after_refresh(self.bindings_changed, self.screen)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Read the keys again; redraw the line if they changed (no layout: it is one line).

        As in Textual's footer, nothing changes while the app does not have the focus (the
        keys would flicker as focus leaves the terminal)."""
        if not self.is_attached or screen is not self.screen or not self.app.app_focus:
            return
        items = self.read_items()
        if items != self.items:
            self.items = items
            self.hovered = None
            self.refresh()

    def read_items(self) -> list[FooterItem]:
        """The keys the screen's active bindings show, the first binding of each action."""
        by_action: dict[str, FooterItem] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = self.item(binding, enabled, tooltip)
        return list(by_action.values())

    def item(self, binding: Binding, enabled: bool, tooltip: str) -> FooterItem:
        """The footer's entry for ``binding``."""
        display = self.app.get_key_display(binding)
        return FooterItem(
            binding.key, display, binding.description, binding.action, enabled, tooltip
        )

    def shown(self) -> list[FooterItem]:
        """The keys drawn at the footer's width: all that fit, keys from the end outside
        :attr:`kept` left out first."""
        shown = list(self.items)
        optional = [item for item in shown if item.action not in self.kept]
        width = self.size.width
        while width and optional and keys_width(shown) > width:
            shown.remove(optional.pop())
        return shown

    def render(self) -> Text:
        """Each key as Textual's footer draws it: the key in bold between spaces, then its
        description; a key that does not work now dimmed."""
        item_style = self.get_component_rich_style("app-footer--item")
        key_style = self.get_component_rich_style("app-footer--key")
        description_style = self.get_component_rich_style("app-footer--description")
        hover_style = self.get_component_rich_style("app-footer--hover")
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, item in enumerate(self.shown()):
            base = hover_style if index == self.hovered else item_style
            if not item.enabled:
                base += Style(dim=True)
            if item.description:
                part = Text.assemble(
                    (f" {item.key_display} ", key_style),
                    (f"{item.description} ", description_style),
                )
            else:
                part = Text(item.key_display, key_style)
            part.stylize_before(base)
            line.append_text(part)
        return line

    def item_at(self, x: int) -> int | None:
        """The index in :meth:`shown` of the key drawn at column ``x``, if any."""
        left = 0
        for index, item in enumerate(self.shown()):
            if left <= x < left + item.width:
                return index
            left += item.width
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Light up the key under the mouse and show its tooltip."""
        index = self.item_at(event.x)
        if index != self.hovered:
            self.hovered = index
            self.tooltip = None if index is None else (self.shown()[index].tooltip or None)
            self.refresh()

    def on_leave(self) -> None:
        """Nothing lit once the mouse has left."""
        if self.hovered is not None:
            self.hovered = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key presses it (a bell for a key that does not work now)."""
        index = self.item_at(event.x)
        if index is None:
            return
        item = self.shown()[index]
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_resize(self) -> None:
        """Lay the keys out again for the new width (more may fit, or fewer)."""
        self.refresh()
