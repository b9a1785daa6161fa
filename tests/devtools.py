"""Headless Chromium driven over the DevTools protocol, for the pages of ``crampui serve``.

A :class:`Browser` is Debian's ``chromium`` with a fresh profile (see :mod:`tests.chromium`)
and one page, emulating a phone (touch) or a laptop. :class:`ServedTerminal` follows what the
served app draws: every binary websocket frame the page receives is fed to a ``pyte`` screen
of the terminal's size, so a test reads the screen as text and taps where a word is.

Nothing here waits on time: each wait reads the browser's next event (a frame, a load) until
its condition holds, within a deadline.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import aiohttp
import pyte

from tests.chromium import FLAGS

DEADLINE = 60.0
"""Seconds any wait may take before it fails (the served app starts a Python process)."""

LISTENING = re.compile(r"DevTools listening on (ws://\S+)")
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)")
"""The address ``crampui serve`` prints on loopback: port and key."""

PHONE = (390, 844)
"""CSS pixels of a phone held upright."""
LAPTOP = (1280, 800)


def start_serving(env: Mapping[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    """Start ``crampui serve --port 0`` on loopback; the process and all it printed on start
    (up to "Ctrl+C"), the address first."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crampui", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=None if env is None else dict(env),
        start_new_session=True,  # its own process group, as in a terminal: Ctrl+C reaches all
    )

    def read_notice() -> str:
        assert process.stdout is not None
        printed = ""
        for line in process.stdout:
            printed += line
            if "Ctrl+C" in line:
                break
        return printed

    with ThreadPoolExecutor(1) as reader:
        printed = reader.submit(read_notice).result(timeout=DEADLINE)
    if not ADDRESS.search(printed):
        process.kill()
        _, errors = process.communicate()
        raise AssertionError(f"crampui serve printed no address: {printed} {errors}")
    return process, printed


class DevToolsError(Exception):
    """The browser answered a command with an error."""


class Browser:
    """One headless Chromium page, and the protocol connection to it."""

    def __init__(self, binary: str, size: tuple[int, int], *, touch: bool) -> None:
        """Chromium at ``binary`` with a page of ``size`` CSS pixels; ``touch``: a phone."""
        self.binary = binary
        self.size = size
        self.touch = touch
        self.profile = tempfile.TemporaryDirectory(
            prefix="crampui-devtools-", ignore_cleanup_errors=True
        )
        self.process: subprocess.Popen[str] | None = None
        self.http: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse[bool] | None = None
        self.session = ""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.requests: list[str] = []
        """Every network address the page asked for (pages, files, sockets), in order."""

    async def __aenter__(self) -> Browser:
        """Start Chromium, open a page and set it up as a phone or a laptop."""
        try:
            await self.start()
        except BaseException:
            await self.__aexit__()
            raise
        return self

    async def start(self) -> None:
        """Start Chromium and connect to a new page set up as a phone or a laptop."""
        width, height = self.size
        self.process = subprocess.Popen(
            [
                self.binary,
                *FLAGS,
                f"--user-data-dir={self.profile.name}",
                "--remote-debugging-port=0",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        endpoint = await asyncio.wait_for(asyncio.to_thread(self.devtools_endpoint), DEADLINE)
        self.http = aiohttp.ClientSession()
        self.socket = await self.http.ws_connect(endpoint, max_msg_size=0)
        target = await self.send("Target.createTarget", url="about:blank")
        attached = await self.send(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=self.touch,
        )
        if self.touch:
            await self.send("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=1)
        await self.send("Page.enable")
        await self.send("Network.enable")

    async def __aexit__(self, *_exc: object) -> None:
        """Close the connection and Chromium, and remove the profile."""
        if self.socket is not None:
            await self.socket.close()
        if self.http is not None:
            await self.http.close()
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=DEADLINE)
            assert self.process.stderr is not None
            self.process.stderr.close()
        self.profile.cleanup()

    def devtools_endpoint(self) -> str:
        """The browser's protocol address, read from the line Chromium prints at start."""
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            found = LISTENING.search(line)
            if found:
                return found.group(1)
        raise AssertionError("chromium exited without opening its DevTools port")

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Run one protocol command on the page (the browser before there is one)."""
        assert self.socket is not None
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        await self.socket.send_json(message)
        while True:
            answer = await self.receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise DevToolsError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    async def receive(self) -> dict[str, Any]:
        """The next message from the browser."""
        assert self.socket is not None
        message = await self.socket.receive()
        if message.type != aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"the browser closed its protocol socket ({message.type})")
        answer: dict[str, Any] = json.loads(message.data)
        method, params = answer.get("method"), answer.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Network.webSocketCreated":
            self.requests.append(params["url"])
        return answer

    async def next_event(self) -> dict[str, Any]:
        """The next event the page sent (one queued while a command ran, first)."""
        if self.events:
            return self.events.pop(0)
        return await self.receive()

    async def wait_event(self, method: str) -> dict[str, Any]:
        """The parameters of the next event named ``method`` (others are dropped)."""

        async def wait() -> dict[str, Any]:
            while True:
                event = await self.next_event()
                if event.get("method") == method:
                    params: dict[str, Any] = event["params"]
                    return params

        return await asyncio.wait_for(wait(), DEADLINE)

    async def evaluate(self, expression: str) -> Any:
        """The JSON value of ``expression`` in the page."""
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screenshot(self, output: Path) -> None:
        """Save what the page shows as the PNG ``output``."""
        shot = await self.send("Page.captureScreenshot", format="png")
        output.write_bytes(base64.b64decode(shot["data"]))

    async def tap(self, x: float, y: float) -> None:
        """A finger's tap at (``x``, ``y``) CSS pixels, or a mouse click without touch."""
        if self.touch:
            point = [{"x": x, "y": y}]
            await self.send("Input.dispatchTouchEvent", type="touchStart", touchPoints=point)
            await self.send("Input.dispatchTouchEvent", type="touchEnd", touchPoints=[])
            return
        for kind in ("mousePressed", "mouseReleased"):
            await self.send(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )


class ServedTerminal:
    """The served app's screen as the page draws it, read from the socket's frames."""

    def __init__(self, browser: Browser) -> None:
        """Follow the terminal on ``browser``'s page (open it with :meth:`open`)."""
        self.browser = browser
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        self.socket_url = ""

    async def open(self, url: str) -> None:
        """Load ``url`` and wait for the app's socket: its size is the terminal's."""
        await self.browser.send("Page.navigate", url=url)
        while self.screen is None:
            event = await self.browser.wait_event("Network.webSocketCreated")
            query = parse_qs(urlparse(event["url"]).query)
            if "width" in query:
                self.socket_url = event["url"]
                self.screen = pyte.Screen(int(query["width"][0]), int(query["height"][0]))
                self.stream = pyte.ByteStream(self.screen)

    @property
    def lines(self) -> list[str]:
        """The screen's rows as text."""
        assert self.screen is not None
        return list(self.screen.display)

    @property
    def text(self) -> str:
        """The whole screen as text, one row a line."""
        return "\n".join(self.lines)

    def feed(self, event: dict[str, Any]) -> None:
        """Draw a frame the app sent (a binary websocket message) on the screen."""
        assert self.stream is not None
        if event.get("method") != "Network.webSocketFrameReceived":
            return
        frame = event["params"]["response"]
        if frame["opcode"] == 2:
            self.stream.feed(base64.b64decode(frame["payloadData"]))

    async def wait_for(self, condition: Callable[[ServedTerminal], bool], what: str) -> None:
        """Read the app's frames until ``condition`` holds for the screen."""

        async def wait() -> None:
            while not condition(self):
                self.feed(await self.browser.next_event())

        try:
            await asyncio.wait_for(wait(), DEADLINE)
        except asyncio.TimeoutError:
            screen = self.text
            raise AssertionError(f"timed out waiting for {what}; the screen:\n{screen}") from None

    async def wait_for_text(self, text: str) -> None:
        """Read the app's frames until ``text`` is on the screen."""
        await self.wait_for(lambda terminal: text in terminal.text, repr(text))

    def find(self, text: str, beside: str = "") -> tuple[int, int]:
        """The (column, row) where ``text`` starts on the screen (the last row showing it, and
        ``beside`` too, so a dialog's button is told from a footer key of the same name)."""
        for row, line in reversed(list(enumerate(self.lines))):
            column = line.find(text)
            if column >= 0 and beside in line:
                return column, row
        raise AssertionError(f"{text!r} is not on the screen:\n{self.text}")

    async def tap_text(self, text: str, beside: str = "") -> None:
        """Tap the middle of ``text`` where the page draws it (on a row showing ``beside``)."""
        assert self.screen is not None
        column, row = self.find(text, beside)
        box = await self.browser.evaluate(
            "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()"
        )
        cell_width = box["width"] / self.screen.columns
        cell_height = box["height"] / self.screen.lines
        await self.browser.tap(
            box["x"] + (column + len(text) / 2) * cell_width,
            box["y"] + (row + 0.5) * cell_height,
        )


async def open_checklist(browser: Browser, url: str) -> ServedTerminal:
    """Open the served app at ``url`` and tap its Checklist tab; the terminal, every item open.

    It waits for the whole count line, which fits once the pane has its final layout (its
    first frame is laid out before it knows its width).
    """
    terminal = ServedTerminal(browser)
    await terminal.open(url)
    await terminal.wait_for_text("Cramping now")
    await terminal.tap_text("3 Checklist")
    await terminal.wait_for_text("0 done · 0 skipped · 9 open")
    return terminal
