"""Where it cramped, structured: region, side and how far it spread, in words (no Textual).

The values are those :mod:`crampui.history.records` accepts; the person's own words
(``Outcome.where``) are kept as a note and shown as they wrote them.
"""

from __future__ import annotations

from crampui.history.records import Outcome

CHOICES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "region": (
        "Where in the back?",
        {
            "upper": ("Upper", "upper back"),
            "middle": ("Middle", "mid back"),
            "lower": ("Lower", "lower back"),
        },
    ),
    "side": (
        "Which side?",
        {
            "left": ("Left", "left"),
            "right": ("Right", "right"),
            "both": ("Both", "both sides"),
            "middle": ("Middle", "centre"),
        },
    ),
    "spread": (
        "How far did it go?",
        {
            "back": ("Back", "back only"),
            "buttock": ("Buttock", "into the buttock"),
            "thigh": ("Thigh", "into the thigh"),
            "below-knee": ("Below knee", "below the knee"),
        },
    ),
}
"""The structured "where": per Outcome field, its question and, per value, (label, words)."""


def place_summary(outcome: Outcome) -> str:
    """Where it cramped: the structured place, then the person's own words as they wrote them."""
    words = [
        CHOICES[name][1][value][1]
        for name in CHOICES
        if (value := getattr(outcome, name)) is not None
    ]
    return ", ".join([*words, *([outcome.where] if outcome.where else [])])
