"""``crampui serve``: the app in a browser, behind a key new each start.

Each test starts the real server (``python -m crampui serve --port 0``) on loopback. Without
the key (or with a wrong one) every request gets 403 and the server starts no app process
(its children are read from /proc). With the key, headless Chromium emulating a phone taps the
Checklist tab, ticks an item and saves the run, and ``crampui history --json`` shows it, next
to a session saved from the terminal meanwhile; the page asks no other host for anything.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pyte
import pytest

from crampui.history import HistoryStore
from crampui.locations import history_path
from crampui.web.address import new_token
from crampui.web.server import COOKIE, MAX_SESSIONS
from tests.chromium import find_chromium
from tests.devtools import ADDRESS, DEADLINE, PHONE, Browser, open_checklist, start_serving

pytestmark = pytest.mark.e2e

CRAMPUI = (sys.executable, "-m", "crampui")
CHROMIUM = find_chromium()
needs_proc = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="counting child processes needs Linux's /proc"
)


def crampui(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a crampui command to the end."""
    return subprocess.run(
        [*CRAMPUI, *args], capture_output=True, text=True, timeout=DEADLINE, check=False
    )


@dataclass
class Served:
    """A running ``crampui serve`` and the address it printed."""

    process: subprocess.Popen[str]
    port: int
    key: str
    printed: str
    """What the server printed on start."""

    @property
    def base(self) -> str:
        """The server's address without the key."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The address printed for the browser, key included."""
        return f"{self.base}/?token={self.key}"

    def children(self) -> list[int]:
        """The server's child processes: one app per open browser session."""
        found: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            found += [int(pid) for pid in (task / "children").read_text().split()]
        return found


def ctrl_c(process: subprocess.Popen[str]) -> None:
    """Press Ctrl+C in the server's terminal: SIGINT to its whole process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)


def wait_for_exit(pid: int) -> None:
    """Wait until process ``pid`` ends (its pidfd turns readable), within the deadline."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return  # gone already
    try:
        readable, _, _ = select.select([handle], [], [], DEADLINE)
        assert readable, f"process {pid} was still running after {DEADLINE}s"
    finally:
        os.close(handle)


@pytest.fixture
def served() -> Iterator[Served]:
    """``crampui serve`` on loopback, any free port; stopped with Ctrl+C after. It must then
    have written its key nowhere but in the address it printed."""
    process, printed = start_serving()
    try:
        found = ADDRESS.search(printed)
        assert found
        served = Served(process, int(found.group(1)), found.group(2), printed)
        yield served
        ctrl_c(process)
        rest, errors = process.communicate(timeout=DEADLINE)
        assert process.returncode == 0
        assert errors.strip() == "crampui serve stopped."
        assert printed.count(served.key) == 1
        assert served.key not in rest
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_it_prints_the_address_who_can_use_it_and_how_to_stop(served: Served) -> None:
    """On loopback: no QR code (a phone cannot reach 127.0.0.1), and how to reach a phone."""
    assert served.printed.splitlines() == [
        "Open crampui in a browser at",
        "",
        f"    {served.url}",
        "",
        "Only this computer can reach it. Anyone on this computer who has the link can read",
        "and change your history. For a phone on your own network: crampui serve --host 0.0.0.0",
        "Press Ctrl+C here to stop.",
    ]
    assert len(served.key) == 22  # 16 random bytes, URL-safe
    assert served.key != new_token()


# -- refusing -----------------------------------------------------------------------------


@needs_proc
async def test_without_the_key_everything_is_refused_and_no_app_starts(served: Served) -> None:
    async with aiohttp.ClientSession() as http:
        for path in ("/", "/static/js/textual.js", "/static/css/xterm.css", "/download/x"):
            async with http.get(served.base + path) as response:
                assert response.status == 403, path
                assert "needs its key" in await response.text()
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"{served.base}/ws?width=80&height=24")
        assert refused.value.status == 403
    assert served.children() == []


@needs_proc
async def test_a_wrong_key_is_refused_and_starts_no_app(served: Served) -> None:
    wrong = new_token()
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{served.base}/?token={wrong}", allow_redirects=False) as answer:
            assert answer.status == 403
            assert COOKIE not in answer.cookies
        wrong_cookie = {"Cookie": f"{COOKIE}={wrong}"}
        async with http.get(served.base + "/", headers=wrong_cookie) as answer:
            assert answer.status == 403
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(f"{served.base}/ws?width=80&height=24", headers=wrong_cookie)
        assert refused.value.status == 403
    assert served.children() == []


@needs_proc
async def test_the_key_becomes_a_strict_cookie_and_each_session_runs_one_app(
    served: Served,
) -> None:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(served.url, allow_redirects=False) as first:
            assert first.status == 303
            assert first.headers["Location"] == "/"  # the key leaves the address bar
            cookie = first.cookies[COOKIE]
            assert cookie.value == served.key
            assert cookie["httponly"] and cookie["samesite"] == "Strict"
        # Only ever to the page, wherever the address pointed.
        async with http.get(
            f"{served.base}//elsewhere.example/?token={served.key}&fontsize=20",
            allow_redirects=False,
        ) as onward:
            assert onward.headers["Location"] == "/?fontsize=20"
        async with http.get(served.base + "/") as page:
            assert page.status == 200
            assert "default-src 'self'" in page.headers["Content-Security-Policy"]
            assert 'id="terminal"' in await page.text()
        # A page of another origin cannot open a session, even with the cookie.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(
                f"{served.base}/ws?width=80&height=24", origin="http://elsewhere.example"
            )
        assert refused.value.status == 403
        assert served.children() == []
        async with http.ws_connect(f"{served.base}/ws?width=60&height=20") as session:
            drawn = await session.receive(timeout=DEADLINE)  # the app's first frame
            assert drawn.type == aiohttp.WSMsgType.BINARY
            (app,) = served.children()
    wait_for_exit(app)  # the closed session's app quits


@needs_proc
@pytest.mark.parametrize("stop", ["ctrl+c", "sigterm"])
async def test_stopping_quits_each_open_app_keeping_its_run(served: Served, stop: str) -> None:
    """Ctrl+C in the server's terminal (SIGINT to its process group) or SIGTERM to the server
    alone: each app quits as it would in a terminal, so a half-ticked run is kept as a draft,
    and the server stops with status 0 well before its handlers' own shutdown timeout."""
    screen = pyte.Screen(60, 20)
    stream = pyte.ByteStream(screen)
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(served.url) as page:
            assert page.status == 200
        async with http.ws_connect(f"{served.base}/ws?width=60&height=20") as session:

            async def until_drawn(text: str) -> None:
                async def drawn() -> None:
                    while text not in "\n".join(screen.display):
                        frame = await session.receive(timeout=DEADLINE)
                        assert not session.closed, f"the app's socket closed before {text!r}"
                        if frame.type == aiohttp.WSMsgType.BINARY:
                            stream.feed(frame.data)

                await asyncio.wait_for(drawn(), DEADLINE)

            await until_drawn("1 Causes")
            await session.send_json(["stdin", "3"])
            await until_drawn("0 done")
            await session.send_json(["stdin", " "])
            await until_drawn("1 done")
            (app,) = served.children()
            if stop == "ctrl+c":
                ctrl_c(served.process)
            else:
                served.process.terminate()
            assert served.process.wait(timeout=DEADLINE / 2) == 0
    wait_for_exit(app)
    draft = HistoryStore(history_path()).draft()
    assert draft is not None
    assert [record.item_id for record in draft.items if record.state == "done"] == ["hydrate"]


@needs_proc
async def test_a_fifth_session_at_once_is_refused_and_starts_no_app(served: Served) -> None:
    """A key holder opening tab after tab cannot start app processes without end."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(served.url) as page:
            assert page.status == 200
        socket_url = f"{served.base}/ws?width=60&height=20"
        sessions = [await http.ws_connect(socket_url) for _ in range(MAX_SESSIONS)]
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(socket_url)
        assert refused.value.status == 503
        for session in sessions:  # each app's first frame: its process is up
            assert (await session.receive(timeout=DEADLINE)).type == aiohttp.WSMsgType.BINARY
        apps = served.children()
        assert len(apps) == MAX_SESSIONS
        for session in sessions:
            await session.close()
    for app in apps:
        wait_for_exit(app)


@needs_proc
async def test_a_page_cannot_ask_for_a_huge_terminal(served: Served) -> None:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(served.url) as page:
            assert page.status == 200
        async with http.ws_connect(f"{served.base}/ws?width=100000&height=-5") as session:
            assert (await session.receive(timeout=DEADLINE)).type == aiohttp.WSMsgType.BINARY
            (app,) = served.children()
            environment = Path(f"/proc/{app}/environ").read_bytes().split(b"\0")
            assert b"COLUMNS=500" in environment
            assert b"ROWS=10" in environment
    wait_for_exit(app)


async def test_the_page_and_its_styles_name_no_other_host(served: Served) -> None:
    """The page's own text and style sheet link nothing elsewhere (the browser test below
    checks every request the running page makes)."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        async with http.get(served.url) as page:
            html = await page.text()
        linked = re.findall(r'(?:href|src)="([^"]+)"', html)
        assert linked and all(link.startswith("static/") for link in linked)
        fonts = re.findall(r'url\("([^"]+)"\)', html)
        assert fonts and all(font.startswith("static/fonts/") for font in fonts)
        for asset in [*linked, *fonts]:
            async with http.get(f"{served.base}/{asset}") as answer:
                assert answer.status == 200, asset
        async with http.get(f"{served.base}/static/css/xterm.css") as css:
            rules = re.sub(r"/\*.*?\*/", "", await css.text(), flags=re.DOTALL)  # licence
            assert not re.search(r"https?://|url\(|@import", rules)
    assert not re.search(r"https?://", html)


# -- exit 2 with one line ---------------------------------------------------------------------


def test_without_textual_serve_it_says_how_to_install_it(isolated_user_dirs: Path) -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None; "
        "from crampui.cli.main import run; sys.exit(run(['serve', '--port', '0']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=DEADLINE
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "crampui: error: crampui serve needs textual-serve: pip install 'crampui[serve]'"
    ]
    assert not (isolated_user_dirs / "history.json").exists()


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = crampui("serve", "--port", str(port))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"crampui: error: port {port} on 127.0.0.1 is already in use: choose another with --port"
    ]


def test_an_address_of_another_computer_is_one_line_and_exit_2() -> None:
    """192.0.2.1 is a documentation address: binding to it fails here, and sends nothing."""
    result = crampui("serve", "--host", "192.0.2.1", "--port", "0")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "crampui: error: 192.0.2.1 is not an address of this computer: choose one with --host"
    ]


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_bad_port_is_one_line_and_exit_2(port: str) -> None:
    result = crampui("serve", "--port", port)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "--port" in result.stderr


# -- a phone's browser ---------------------------------------------------------------------


@pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)
async def test_a_phone_ticks_and_saves_a_run_that_history_shows(served: Served) -> None:
    assert CHROMIUM is not None
    async with Browser(CHROMIUM, PHONE, touch=True) as browser:
        terminal = await open_checklist(browser, served.url)
        assert terminal.screen is not None and terminal.screen.columns < 50  # a phone's width
        # A session saved from a terminal while the browser's app has the history open.
        assert crampui("log", "--done", "warm-up", "--no-cramp").returncode == 0
        await terminal.tap_text("Drink a glass of water")
        await terminal.wait_for_text("1 done · 0 skipped · 8 open")
        await terminal.tap_text("Save run")
        await terminal.wait_for_text("Keep going")  # the dialog's buttons are drawn
        # The dialog's button: its row shows "Keep going" (the footer shows "ctrl+s Save").
        await terminal.tap_text("Save", beside="Keep going")
        await terminal.wait_for_text("Run saved")
        requests = list(browser.requests)
    sessions = json.loads(crampui("history", "--json").stdout)
    assert len(sessions) == 2
    from_browser = next(s for s in sessions if "hydrate" in s["done"])
    assert from_browser["done"] == ["hydrate"]
    assert any(s["done"] == ["warm-up"] for s in sessions)
    # Everything the page asked for came from this server.
    assert requests, "no request was seen"
    assert all(url.split("/")[2] == f"127.0.0.1:{served.port}" for url in requests), requests
