"""Command-palette providers: every action with its key, and a jump to any cause, FAQ or
stretch ranked by the app's search index."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crampui.ui.messages import ShowCause, ShowFaq

if TYPE_CHECKING:
    from crampui.content.search import SearchIndex
    from crampui.content.store import Content, Stretch

PALETTE_FAQS = 6
"""How many questions the palette offers for a query at most."""


class PaletteAction(NamedTuple):
    """An action the palette offers: what it does, its key, and where it runs.

    ``tab`` is the tab it needs ("" for one that works everywhere); ``action`` runs in that
    tab's pane (or on the app, without a tab).
    """

    title: str
    key: str
    tab: str
    action: str

    @property
    def text(self) -> str:
        """The palette line: what it does, then its key."""
        if not self.key:
            return self.title
        where = f" in {self.tab.capitalize() if self.tab != 'faq' else 'FAQ'}" if self.tab else ""
        return f"{self.title}  ({self.key}{where})"


PALETTE_ACTIONS = (
    PaletteAction("Causes tab", "1", "", "show_tab('causes')"),
    PaletteAction("FAQ tab", "2", "", "show_tab('faq')"),
    PaletteAction("Checklist tab", "3", "", "show_tab('checklist')"),
    PaletteAction("History tab", "4", "", "show_tab('history')"),
    PaletteAction("Cramping now: what to do, and log it", "f2", "", "cramping_now"),
    PaletteAction("Help: every key and the red flags", "?", "", "help"),
    PaletteAction("Filter the causes", "/", "causes", "focus_search"),
    PaletteAction("Search the questions", "/", "faq", "focus_search"),
    PaletteAction("Save the checklist run", "ctrl+s", "checklist", "save"),
    PaletteAction("New checklist run", "n", "checklist", "new_run"),
    PaletteAction("Outcome of the last workout", "o", "checklist", "outcome"),
    PaletteAction("Hold timer", "t", "checklist", "timer"),
    PaletteAction("Run your stretch routine", "r", "checklist", "routine"),
    PaletteAction("Edit your stretch routine", "R", "checklist", "edit_routine"),
    PaletteAction("Note for this run", "e", "checklist", "note"),
    PaletteAction("Customise the checklist items", "c", "checklist", "customise"),
    PaletteAction("Report for your physio or GP", "r", "history", "report"),
    PaletteAction("Cramp log: every cramp logged", "c", "history", "episodes"),
    PaletteAction("Add a past session", "a", "history", "add"),
    PaletteAction("Find in history", "/", "history", "filter"),
    PaletteAction("Weekly target", "t", "history", "target"),
    PaletteAction("Edit the selected session", "e", "history", "edit"),
    PaletteAction("Undo the latest change in History", "u", "history", "undo"),
    PaletteAction("At start: always Causes, or the tab that fits", "", "", "toggle_open_on_causes"),
)
"""Every action of the app's tabs, offered in the command palette with its key (settings
without a key are here only)."""


class ActionsProvider(Provider):
    """Offers every action in the command palette, each with its key."""

    async def discover(self) -> Hits:
        """Every action, when the palette opens empty."""
        for action in PALETTE_ACTIONS:
            yield DiscoveryHit(action.text, partial(self.run, action))

    async def search(self, query: str) -> Hits:
        """The actions whose words match the typed query."""
        matcher = self.matcher(query)
        for action in PALETTE_ACTIONS:
            score = matcher.match(action.text)
            if score > 0:
                yield Hit(score, matcher.highlight(action.text), partial(self.run, action))

    async def run(self, action: PaletteAction) -> None:
        """Run ``action``: switch to its tab first if it has one."""
        await self.app.action_run_in_tab(action.tab, action.action)  # type: ignore[attr-defined]


class ContentProvider(Provider):
    """Offers every cause, question and stretch in the command palette.

    Typed queries go through the same :class:`~crampui.content.search.SearchIndex` as the Causes
    filter and the FAQ box, so numbers, typos, synonyms and prefixes find the same things
    everywhere.
    """

    @property
    def content(self) -> Content:
        """The app's content."""
        content: Content = self.app.content  # type: ignore[attr-defined]
        return content

    @property
    def index(self) -> SearchIndex:
        """The app's one search index."""
        index: SearchIndex = self.app.search_index  # type: ignore[attr-defined]
        return index

    async def discover(self) -> Hits:
        """Show every cause and question when the palette opens empty."""
        for cause in self.content.causes:
            yield DiscoveryHit(
                f"Cause {cause.number}: {cause.title}",
                partial(self.app.post_message, ShowCause(cause.number)),
                help=cause.summary,
            )
        for faq in self.content.faqs:
            yield DiscoveryHit(
                f"FAQ {faq.number}: {faq.question}",
                partial(self.app.post_message, ShowFaq(faq.number)),
                help="Open this question",
            )
        for stretch in self.content.stretches:
            yield DiscoveryHit(
                f"Stretch: {stretch.name}",
                partial(self.show_stretch, stretch),
                help=stretch.cue,
            )

    def show_stretch(self, stretch: Stretch) -> None:
        """Open ``stretch`` in full, with its caution."""
        from crampui.ui.screens.stretch import StretchScreen  # loaded when first opened

        self.app.push_screen(StretchScreen(self.content, stretch))

    async def search(self, query: str) -> Hits:
        """Rank causes and questions for the typed query with the app's search index."""
        from crampui.ui.widgets.highlight import highlighted  # the engine loads after start-up

        causes = self.index.filter_causes(query)
        faqs = self.index.faqs(query, limit=PALETTE_FAQS)
        typed = " ".join(query.casefold().split())
        for stretch_hit in self.index.stretches(query):
            stretch = stretch_hit.item
            # A stretch named in what was typed is what was meant; others rank below causes.
            yield Hit(
                1.0 if typed and typed in stretch.name.casefold() else 0.5,
                highlighted(f"Stretch: {stretch.name}", stretch_hit.matched),
                partial(self.show_stretch, stretch),
                help=stretch.cue,
            )
        best = max([hit.score for hit in causes] + [hit.score for hit in faqs], default=0.0)
        if best <= 0:
            return
        for cause_hit in causes:
            cause = cause_hit.item
            # Causes and questions are scored on different scales: a cause whose name was
            # typed (in full or in part) is what was meant, so it comes first.
            named = bool(typed) and typed in cause.title.casefold()
            yield Hit(
                1.0 if named else cause_hit.score / best,
                highlighted(f"Cause {cause.number}: {cause.title}", cause_hit.matched),
                partial(self.app.post_message, ShowCause(cause.number)),
                help=cause.summary,
            )
        for faq_hit in faqs:
            faq = faq_hit.item
            yield Hit(
                faq_hit.score / best,
                highlighted(f"FAQ {faq.number}: {faq.question}", faq_hit.matched),
                partial(self.app.post_message, ShowFaq(faq.number)),
                help="Open this question",
            )
