"""Keys sent the way a paste or a fast typist sends them: all at once, with no wait between."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot


def send_burst(pilot: Pilot[Any], keys: str) -> None:
    """Queue every key of ``keys`` at once, with no wait between them."""
    for character in keys:
        pilot.app.post_message(events.Key(_character_to_key(character), character))
