"""Command-palette provider that jumps to any cause or FAQ."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crampui.content import default_content
from crampui.messages import ShowCause, ShowFaq


class ContentProvider(Provider):
    """Offers every cause and every question in the command palette."""

    def entries(self) -> list[tuple[str, str, ShowCause | ShowFaq]]:
        """(command text, help text, message to post) for each cause and FAQ."""
        content = default_content()
        causes: list[tuple[str, str, ShowCause | ShowFaq]] = [
            (f"Cause {c.number}: {c.title}", c.summary, ShowCause(c.number)) for c in content.causes
        ]
        faqs: list[tuple[str, str, ShowCause | ShowFaq]] = [
            (f"FAQ {f.number}: {f.question}", "Open this question", ShowFaq(f.number))
            for f in content.faqs
        ]
        return causes + faqs

    async def discover(self) -> Hits:
        """Show every cause and question when the palette opens empty."""
        for text, help_text, message in self.entries():
            yield DiscoveryHit(text, partial(self.app.post_message, message), help=help_text)

    async def search(self, query: str) -> Hits:
        """Match causes and questions against the typed query."""
        matcher = self.matcher(query)
        for text, help_text, message in self.entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.app.post_message, message),
                    help=help_text,
                )
