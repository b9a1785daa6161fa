"""The web server of ``crampui serve``: textual-serve's Server behind a one-time key.

Each browser session (one websocket) runs ``crampui`` with the same history in a process of
its own, as textual-serve does; the history's lock and merge keep a browser's and a terminal's
saves alike. What this adds to textual-serve:

- every request needs the key printed with the address: ``?token=`` once, then an HttpOnly,
  SameSite=Strict cookie (the browser is sent on to the address without the key). Without it
  the answer is 403 and no app process is started. The app's socket also refuses a page of
  another origin;
- its own page, which loads nothing from another host (textual-serve's asks a web font
  service for its font; here the font comes from textual-serve's own files);
- no access log, so the key is never written anywhere but the printed address;
- Ctrl+C closes every session first, as a closed page would: each app is told to quit and is
  waited for (Textual's web driver also quits on the SIGINT its terminal sends it), so a run
  in progress is kept as a draft;
- at most :data:`MAX_SESSIONS` sessions at once, each of a bounded terminal size.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import shlex
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.app_service import AppService
from textual_serve.server import Server
from yarl import URL

from crampui.web.address import Listening

COOKIE = "crampui_key"
"""The cookie that carries the key after the first visit."""

MAX_SESSIONS = 4
"""Browser sessions (app processes) open at once; one more is refused until one closes."""

TERMINAL_LIMITS = (10, 500)
"""Fewest and most columns (and rows) a page may ask the app for."""

PAGE = (Path(__file__).parent / "page.html").read_text(encoding="utf-8")

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
"""Headers of the page: nothing from another host, never framed, never cached."""

FORBIDDEN = (
    "crampui: this address needs its key. Open the link that `crampui serve` printed "
    "(it ends in ?token=...); the key is new each time the server starts.\n"
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def app_command(history: Path) -> str:
    """The shell command that runs one browser session's app on ``history``."""
    return shlex.join([sys.executable, "-m", "crampui", "--db", str(history)])


def same_key(offered: str, key: str) -> bool:
    """Whether ``offered`` is the key, compared in constant time."""
    return hmac.compare_digest(offered.encode(), key.encode())


def forbidden() -> web.Response:
    """The answer to a request without the key."""
    return web.Response(status=403, text=FORBIDDEN, headers={"Cache-Control": "no-store"})


def same_origin(request: web.Request) -> bool:
    """Whether the request comes from a page of this server (or from no page at all)."""
    origin = request.headers.get("Origin")
    return origin is None or origin.partition("://")[2] == request.host


def key_check(key: str) -> Middleware:
    """Middleware that lets a request through only with ``key``, before any handler runs."""

    @web.middleware
    async def require_key(request: web.Request, handler: Handler) -> web.StreamResponse:
        offered = request.query.get("token")
        if offered is not None:
            if not same_key(offered, key):
                return forbidden()
            # Keep the key in a cookie and take it out of the address bar and history. The
            # page is the one place to go ("//host" in the path must not lead elsewhere).
            page = URL("/").with_query(request.rel_url.without_query_params("token").query)
            response = web.Response(status=303, headers={"Location": str(page)})
            response.set_cookie(COOKIE, key, httponly=True, samesite="Strict", path="/")
            return response
        if not same_key(request.cookies.get(COOKIE, ""), key):
            return forbidden()
        if request.path == "/ws" and not same_origin(request):
            return forbidden()
        return await handler(request)

    return require_key


def terminal_size(request: web.Request) -> tuple[int, int]:
    """The columns and rows the page asks for, within :data:`TERMINAL_LIMITS`."""
    size = []
    for name, default in (("width", 80), ("height", 24)):
        try:
            asked = int(request.query.get(name, default))
        except ValueError:
            asked = default
        lowest, highest = TERMINAL_LIMITS
        size.append(min(max(asked, lowest), highest))
    return size[0], size[1]


class AppSession(AppService):
    """textual-serve's app process for one session, also reaped when the session ends."""

    async def stop(self) -> None:
        """Tell the app to quit, wait for its output to end, then for the process itself."""
        await super().stop()
        process = self._process
        if process is not None:
            await process.wait()


class CrampServer(Server):
    """textual-serve's Server with a key, crampui's page and an orderly stop."""

    def __init__(self, history: Path, key: str) -> None:
        """Serve the app on ``history`` to browsers that bring ``key``."""
        super().__init__(app_command(history), title="crampui")
        self.key = key
        self.sessions: dict[asyncio.Task[object], web.WebSocketResponse] = {}
        """The handlers of the open browser sessions (one app process each), and their sockets."""

    def make_app(self) -> web.Application:
        """The aiohttp application: the page, the app's socket, downloads and static files."""
        app = web.Application(middlewares=[key_check(self.key)])
        app.add_routes(
            [
                web.get("/", self.handle_page),
                web.get("/ws", self.handle_websocket),
                web.get("/download/{key}", self.handle_download),
                web.static("/static", self.statics_path),
            ]
        )
        app.on_shutdown.append(self.close_sessions)
        return app

    async def handle_page(self, request: web.Request) -> web.Response:
        """crampui's page: the terminal, with everything it needs from this server."""
        return web.Response(text=PAGE, content_type="text/html", headers=PAGE_HEADERS)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser session: its own app process, as long as the socket is open.

        As textual-serve's own handler, except that the session counts towards
        :data:`MAX_SESSIONS`, the size asked for is bounded, and the app process is waited
        for when the session ends (so none outlives the server's event loop).
        """
        if len(self.sessions) >= MAX_SESSIONS:
            raise web.HTTPServiceUnavailable(
                text=f"crampui: {MAX_SESSIONS} sessions are open; close one first.\n"
            )
        task = asyncio.current_task()
        assert task is not None
        websocket = web.WebSocketResponse(heartbeat=15)
        self.sessions[task] = websocket

        async def close() -> None:
            await websocket.close()

        app: AppSession | None = None
        try:
            await websocket.prepare(request)
            app = AppSession(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
            )
            await app.start(*terminal_size(request))
            await self._process_messages(websocket, app)
        except asyncio.CancelledError:  # the server is stopping
            await websocket.close()
        finally:
            if app is not None:
                await app.stop()
            del self.sessions[task]
        return websocket

    async def close_sessions(self, _app: web.Application) -> None:
        """Close every browser session's socket and wait for its handler: each app is told to
        quit and its process is waited for, as when the browser closes the page."""
        sessions = dict(self.sessions)
        await asyncio.gather(*(socket.close() for socket in sessions.values()))
        await asyncio.gather(*sessions, return_exceptions=True)

    async def run(self, listening: Listening, ready: Callable[[], None]) -> None:
        """Serve on ``listening`` until SIGINT or SIGTERM; ``ready`` is called once it is up."""
        runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C still interrupts
                loop.add_signal_handler(signal_number, stop.set)
        try:
            await web.SockSite(runner, listening.sock).start()
            ready()
            await stop.wait()
        finally:
            await runner.cleanup()


def serve(listening: Listening, key: str, history: Path, ready: Callable[[], None]) -> None:
    """Serve the app on ``history`` until stopped; ``ready`` once browsers can connect."""
    asyncio.run(CrampServer(history, key).run(listening, ready))
