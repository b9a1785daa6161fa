"""Tabs over their panes: what Textual's ``TabbedContent`` does for this app, in fewer widgets.

``TabbedContent`` builds about fourteen widgets for four tabs (a scrolling row of ``Tab``
widgets, an animated underline, the switcher); :class:`Tabbed` builds a :class:`TabBar` and a
``ContentSwitcher``. The API is the part of ``TabbedContent`` the app uses: ``active``,
:meth:`Tabbed.get_pane` and :class:`Tabbed.TabActivated`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from crampui.ui.widgets.tab_bar import TabBar


class TabPanel(Container):
    """One tab's pane; ``title`` is the name on its tab."""

    def __init__(self, title: str, *children: Widget, id: str) -> None:
        """A pane with id ``id`` holding ``children``, named ``title`` on the tab bar."""
        super().__init__(*children, id=id)
        self.title = title


class Tabbed(Widget):
    """A :class:`TabBar` over the :class:`TabPanel` children, showing the active one."""

    active: reactive[str] = reactive("", init=False, repaint=False)
    """The id of the pane shown."""

    class TabActivated(Message):
        """A pane became the one shown."""

        def __init__(self, tabbed: Tabbed, pane: TabPanel) -> None:
            """``pane``, in ``tabbed``, is now shown."""
            super().__init__()
            self.tabbed = tabbed
            self.pane = pane

    def __init__(self, initial: str) -> None:
        """Tabs whose panes are given with the ``with`` syntax; ``initial`` is shown first."""
        super().__init__()
        self.panels: list[TabPanel] = []
        self.set_reactive(Tabbed.active, initial)

    def compose_add_child(self, widget: Widget) -> None:
        """Panes given with the ``with`` syntax go into the switcher, not beside it."""
        if not isinstance(widget, TabPanel):
            raise TypeError(f"Tabbed holds TabPanel widgets, not {type(widget).__name__}")
        self.panels.append(widget)

    def compose(self) -> ComposeResult:
        """The bar, then the panes in a switcher."""
        yield TabBar([(panel.id or "", panel.title) for panel in self.panels], self.active)
        yield ContentSwitcher(*self.panels, initial=self.active)

    def get_pane(self, pane_id: str) -> TabPanel:
        """The pane with id ``pane_id``."""
        return self.query_one(f"ContentSwitcher > #{pane_id}", TabPanel)

    def watch_active(self, active: str) -> None:
        """Show the pane and mark its tab; say so with :class:`TabActivated`."""
        self.query_one(TabBar).active = active
        self.query_one(ContentSwitcher).current = active
        self.post_message(self.TabActivated(self, self.get_pane(active)))

    @on(TabBar.Chosen)
    def tab_chosen(self, message: TabBar.Chosen) -> None:
        """A click or left/right on the bar shows that tab."""
        message.stop()
        self.active = message.tab_id
