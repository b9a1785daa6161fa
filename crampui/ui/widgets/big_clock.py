"""A countdown drawn in block digits that grow with the space they have (readable from a mat)."""

from __future__ import annotations

from textual.content import Content as Text
from textual.widgets import Static

FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
"""Each character of a clock as five rows of pixels ("#" lit)."""

ROWS = 5
"""Pixel rows of each character."""


def block_lines(clock: str, scale: int) -> list[str]:
    """``clock`` ("0:30") in block digits, each pixel ``scale`` rows high and twice as wide
    (terminal cells are about twice as high as wide), one blank pixel between characters."""
    lines: list[str] = []
    for row in range(ROWS):
        pixels = " ".join(FONT[character][row] for character in clock if character in FONT)
        line = "".join(("█" if pixel == "#" else " ") * 2 * scale for pixel in pixels)
        lines += [line.rstrip()] * scale
    return lines


def clock_size(clock: str, scale: int) -> tuple[int, int]:
    """Columns and rows ``clock`` takes at ``scale``."""
    lines = block_lines(clock, scale)
    return max(len(line) for line in lines), len(lines)


class BigClock(Static):
    """The countdown in block digits at a whole-number ``scale``."""

    def __init__(self, id: str | None = None) -> None:
        """An empty clock; :meth:`show` draws one."""
        super().__init__(id=id)
        self.value = ""
        self.scale = 1

    def show(self, clock: str, scale: int) -> None:
        """Draw ``clock`` at ``scale`` (only when either changed)."""
        if (clock, scale) == (self.value, self.scale):
            return
        self.value, self.scale = clock, scale
        self.update(Text("\n".join(block_lines(clock, scale))))
