"""Command-palette provider that jumps to any cause or FAQ, ranked by the app's search index."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crampui.messages import ShowCause, ShowFaq

if TYPE_CHECKING:
    from crampui.content import Content
    from crampui.search import SearchIndex

PALETTE_FAQS = 6
"""How many questions the palette offers for a query at most."""


class ContentProvider(Provider):
    """Offers every cause and every question in the command palette.

    Typed queries go through the same :class:`~crampui.search.SearchIndex` as the Causes filter
    and the FAQ box, so numbers, typos, synonyms and prefixes find the same things everywhere.
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

    async def search(self, query: str) -> Hits:
        """Rank causes and questions for the typed query with the app's search index."""
        from crampui.widgets.highlight import highlighted  # the engine loads after start-up

        causes = self.index.filter_causes(query)
        faqs = self.index.faqs(query, limit=PALETTE_FAQS)
        best = max([hit.score for hit in causes] + [hit.score for hit in faqs], default=0.0)
        if best <= 0:
            return
        typed = " ".join(query.casefold().split())
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
