"""One keyboard model for a tab with a search box over a list (Causes and FAQ).

In the box, keys are text and escape leaves it at once, keeping what was typed; in the list, a
letter (or a digit that is not a tab key) starts a search and escape clears a search the list
shows; ``/`` goes to the box from anywhere in the tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input


def search_bindings(search: str) -> list[BindingType]:
    """The keys of a tab with a search box: ``/`` into the box ("/ ``search``" in the footer);
    escape out of it, then clears the search.

    ``/`` and the first escape are priority keys: they act the moment they arrive, so the keys
    typed right behind them (in one burst) find focus where these put it: "/" then words go
    into the box; escape then a tab key switches tabs.
    """
    return [
        Binding("slash", "focus_search", search, priority=True),
        Binding("escape", "leave_search", "Leave box", priority=True),
        Binding("escape", "clear_search", f"Clear {search.lower()}"),
    ]


if TYPE_CHECKING:
    MixinBase = Widget
else:
    MixinBase = object  # a DOMNode base would hide the pane's own (Horizontal) styles


class SearchKeys(MixinBase):
    """A pane with a search box (:meth:`search_box`) over the list it searches (:meth:`results`).

    Mixed in by the Causes and FAQ panes so both keep the same keys.
    """

    DOWN_ENTERS_LIST = True
    """Whether down in the box moves into the list (else the pane binds it to move the
    highlight while the box keeps focus)."""

    def search_box(self) -> Input:
        """The box the user types the search in."""
        raise NotImplementedError

    def results(self) -> Widget:
        """The list the search narrows."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape leaves the box when in it, and clears a search only when out of it."""
        box = self.search_box()
        if action == "leave_search":
            return self.screen.focused is box
        if action == "clear_search":
            return self.screen.focused is not box and bool(box.value)
        if action == "focus_search":
            return self.screen.focused is not box
        return True

    def action_focus_search(self) -> None:
        """Go to the search box (``/`` from anywhere in the tab).

        Focus moves at once, not after the queued keys: those typed right after ``/`` are the
        search.
        """
        self.screen.set_focus(self.search_box())

    def action_leave_search(self) -> None:
        """Leave the box for the list, keeping what was typed and what it found."""
        self.screen.set_focus(self.results())

    def action_clear_search(self) -> None:
        """Clear the search, showing everything again (the list keeps focus)."""
        self.search_box().value = ""
        self.screen.set_focus(self.results())

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show or hide "Clear search" as the box fills or empties."""
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Offer the keys that apply where focus now is."""
        self.refresh_bindings()

    def on_key(self, event: events.Key) -> None:
        """A letter or a free digit typed in the list starts (or goes on with) the search; down
        in the box moves into the list (see :attr:`DOWN_ENTERS_LIST`)."""
        box = self.search_box()
        results = self.results()
        focused = self.screen.focused
        if event.key == "down" and self.DOWN_ENTERS_LIST and focused is box:
            self.screen.set_focus(results)
            event.stop()
            return
        character = event.character
        if (
            focused in (results, box)
            and character
            and character.isalnum()
            and event.key not in self.screen.active_bindings
        ):
            if focused is results:
                self.screen.set_focus(box)
            box.insert_text_at_cursor(character)
            event.stop()
