"""A small driver for a program running in a detached tmux session of fixed size."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

POLL_SECONDS = 0.05
TARGET = "main"

ScreenCheck = Callable[[str], bool]


SHADOWING = frozenset({"TMUX", "COLUMNS", "LINES"})
"""Variables the tmux server must not pass on to what it runs."""


def outside_tmux(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` without ``TMUX``, so a private server starts even when run inside tmux, and
    without ``COLUMNS``/``LINES`` (pytest-xdist workers set them), which the app would take
    over the pane's own size."""
    return {name: value for name, value in env.items() if name not in SHADOWING}


def footer_line(screen: str) -> str:
    """The last non-blank line of ``screen``: the app's footer."""
    lines = [line for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


class Tmux:
    """One private tmux server running one pane; every call goes to that pane."""

    def __init__(self, env: Mapping[str, str], width: int = 100, height: int = 32) -> None:
        """Prepare a server on a socket of its own; ``env`` is set for the program it runs."""
        self.socket = f"crampui-e2e-{uuid.uuid4().hex[:12]}"
        self.env = dict(env)
        self.width = width
        self.height = height
        self.socket_path: Path | None = None

    def tmux(self, *args: str) -> str:
        """Run a tmux command against this server and return its output."""
        result = subprocess.run(
            ["tmux", "-f", os.devnull, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            env={**outside_tmux(os.environ), **self.env},
        )
        return result.stdout

    def env_args(self) -> list[str]:
        """``-e NAME=VALUE`` for every variable the program gets."""
        return [arg for name, value in self.env.items() for arg in ("-e", f"{name}={value}")]

    def start(self, cmd: Sequence[str]) -> None:
        """Run ``cmd`` in the pane: a new session the first time, a respawned pane after."""
        if self.socket_path is not None:
            self.tmux("respawn-pane", "-k", "-t", TARGET, *self.env_args(), *cmd)
            return
        size = ["-x", str(self.width), "-y", str(self.height)]
        keep_dead_pane = [";", "set-option", "-g", "remain-on-exit", "on"]
        self.tmux("new-session", "-d", "-s", TARGET, *size, *self.env_args(), *cmd, *keep_dead_pane)
        self.socket_path = Path(self.pane("#{socket_path}"))

    def send(self, *keys: str) -> None:
        """Press tmux key names, e.g. ``send("Down", "Space", "C-s")``."""
        self.tmux("send-keys", "-t", TARGET, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally (``send-keys -l``)."""
        self.tmux("send-keys", "-t", TARGET, "-l", text)

    def screen(self) -> str:
        """The visible text of the pane."""
        return self.tmux("capture-pane", "-p", "-t", TARGET)

    def raw_screen(self) -> str:
        """The visible pane with its escape sequences (colours and attributes)."""
        return self.tmux("capture-pane", "-p", "-e", "-t", TARGET)

    def pane(self, fmt: str) -> str:
        """A tmux format expanded for the pane, e.g. ``#{pane_dead}``."""
        return self.tmux("display-message", "-p", "-t", TARGET, fmt).strip()

    def is_running(self) -> bool:
        """Whether the program in the pane is still running."""
        return self.pane("#{pane_dead}") != "1"

    def wait_for(self, text: str, timeout: float = 10) -> str:
        """Wait until ``text`` is on screen and return the screen."""
        return self.wait_until(lambda screen: text in screen, f"{text!r} on screen", timeout)

    def wait_for_gone(self, text: str, timeout: float = 10) -> str:
        """Wait until ``text`` is no longer on screen and return the screen."""
        return self.wait_until(lambda screen: text not in screen, f"{text!r} gone", timeout)

    def wait_for_any(self, *texts: str, timeout: float = 10) -> str:
        """Wait until one of ``texts`` is on screen and return the first one found."""
        screen = self.wait_until(
            lambda screen: any(text in screen for text in texts), f"any of {texts!r}", timeout
        )
        return next(text for text in texts if text in screen)

    def wait_for_footer(self, text: str, timeout: float = 10) -> str:
        """Wait until the bottom line (the app's footer) shows ``text``; return the screen."""
        return self.wait_until(
            lambda screen: text in footer_line(screen), f"{text!r} in the footer", timeout
        )

    def wait_for_exit(self, timeout: float = 10) -> str:
        """Wait until the program in the pane has exited; return what it left on screen."""
        deadline = time.monotonic() + timeout
        while self.is_running():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout}s:\n{self.screen()}")
            time.sleep(POLL_SECONDS)
        return self.screen()

    def screen_and_running(self) -> tuple[str, bool]:
        """The visible text of the pane and whether its program still runs, in one tmux call
        (a wait asks for both every 50 ms: one process instead of two)."""
        out = self.tmux(
            "capture-pane", "-p", "-t", TARGET, ";", "display-message", "-p", "-t", TARGET,
            "#{pane_dead}",
        )  # fmt: skip
        screen, _, dead = out.rstrip("\n").rpartition("\n")
        return screen + "\n", dead != "1"

    def wait_until(self, check: ScreenCheck, what: str, timeout: float) -> str:
        """Poll the screen every 50 ms until ``check`` passes; fail with the last screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen, running = self.screen_and_running()
            if check(screen):
                return screen
            if not running:
                raise AssertionError(f"the program exited while waiting for {what}:\n{screen}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for {what}:\n{screen}")
            time.sleep(POLL_SECONDS)

    def kill(self) -> None:
        """Stop the server and everything running in it, and remove its socket."""
        if self.socket_path is not None:
            subprocess.run(
                ["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False
            )
            self.socket_path.unlink(missing_ok=True)
