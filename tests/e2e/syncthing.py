"""Two real Syncthing instances on loopback sharing one folder, driven through their REST API.

Each instance has its own home (``syncthing generate``), its own listen and GUI ports on
127.0.0.1, and knows the other by device id (only A dials, so only A knows B's address).
Everything that would reach beyond this machine is off: global and local discovery, relays,
NAT traversal, usage and crash reporting, upgrades. The shared folder rescans every second and
has the file watcher on; the waits also ask for a scan, and each is on a condition with a
deadline.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tests.waiting import wait_for

FOLDER_ID = "crampui-history"
DEADLINE = 45.0
"""Seconds any single Syncthing condition may take; far beyond what an idle machine needs."""

POLL = 0.2
"""Seconds between two checks of a condition Syncthing cannot announce to us."""

T = TypeVar("T")


def syncthing_binary() -> str | None:
    """The ``syncthing`` executable on PATH, if any."""
    return shutil.which("syncthing")


def poll(condition: Callable[[], T | None], what: str, timeout: float = DEADLINE) -> T:
    """Check ``condition()`` every ``POLL`` seconds (REST calls are not free) until truthy."""
    return wait_for(condition, what, timeout, interval=POLL)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _set(parent: ET.Element, tag: str, text: str) -> None:
    """Set the text of ``parent``'s child ``tag``, creating it if needed."""
    child = parent.find(tag)
    if child is None:
        child = ET.SubElement(parent, tag)
    child.text = text


class Syncthing:
    """One Syncthing instance: its home, its shared folder and its REST API."""

    def __init__(self, name: str, root: Path) -> None:
        """Generate keys and config for instance ``name`` under ``root`` (not started yet)."""
        self.name = name
        self.root = root
        self.home = root / "syncthing"
        self.folder = root / "sync"
        self.folder.mkdir(parents=True)
        self.listen_port = free_port()
        self.gui_port = free_port()
        self.api_key = f"crampui-e2e-{name}-key"
        self.env = {
            **os.environ,
            "HOME": str(root),
            "XDG_CONFIG_HOME": str(root / "xdg-config"),
            "XDG_DATA_HOME": str(root / "xdg-data"),
            "XDG_CACHE_HOME": str(root / "xdg-cache"),
            "XDG_STATE_HOME": str(root / "xdg-state"),
            "STNOUPGRADE": "1",
            "STNODEFAULTFOLDER": "1",
        }
        done = subprocess.run(
            ["syncthing", "generate", "--home", str(self.home), "--no-default-folder"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        output = done.stdout + done.stderr
        self.device_id = next(
            line.split("Device ID:", 1)[1].strip()
            for line in output.splitlines()
            if "Device ID:" in line
        )
        self.process: subprocess.Popen[bytes] | None = None

    # -- configuration -----------------------------------------------------------------------

    def configure(self, peer: Syncthing, *, dial: bool) -> None:
        """Write config.xml: loopback only, nothing external, one folder shared with ``peer``.

        Only a side that dials knows the peer's address; the other waits to be called.
        When both dial at once, each can drop the other's half-made connection and both then
        wait out a 20-second hello timeout, which made the link take 20 or 40 seconds now and
        then on a busy machine.
        """
        self.configure_peers({peer: dial})

    def configure_peers(self, peers: dict[Syncthing, bool]) -> None:
        """:meth:`configure` with several peers, each with whether this instance dials it."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        config = tree.getroot()
        gui = config.find("gui")
        assert gui is not None
        gui.set("tls", "false")
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)
        options = config.find("options")
        assert options is not None
        for tag, value in {
            "listenAddress": f"tcp://127.0.0.1:{self.listen_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "startBrowser": "false",
            "reconnectionIntervalS": "1",
            "setLowPriority": "false",
            "restartOnWakeup": "false",
            "announceLANAddresses": "false",
            "stunServer": "",
        }.items():
            _set(options, tag, value)
        min_free = options.find("minHomeDiskFree")
        if min_free is not None:
            min_free.text = "0"
        template = config.find("defaults/device")
        assert template is not None
        for peer, dial in peers.items():
            device = ET.fromstring(ET.tostring(template))
            device.set("id", peer.device_id)
            device.set("name", peer.name)
            _set(device, "address", f"tcp://127.0.0.1:{peer.listen_port}" if dial else "dynamic")
            config.insert(0, device)
        folder_template = config.find("defaults/folder")
        assert folder_template is not None
        folder = ET.fromstring(ET.tostring(folder_template))
        folder.set("id", FOLDER_ID)
        folder.set("label", "crampui history")
        folder.set("path", str(self.folder))
        folder.set("rescanIntervalS", "1")
        folder.set("fsWatcherEnabled", "true")
        folder.set("fsWatcherDelayS", "1")
        for member in folder.findall("device"):
            folder.remove(member)
        for member_id in (self.device_id, *(peer.device_id for peer in peers)):
            ET.SubElement(folder, "device", {"id": member_id, "introducedBy": ""})
        disk = folder.find("minDiskFree")
        if disk is not None:
            disk.text = "0"
        config.insert(0, folder)
        tree.write(path)

    # -- process -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start ``syncthing serve`` in the background, logging to its home."""
        log = (self.root / "syncthing.log").open("wb")
        self.process = subprocess.Popen(
            [
                "syncthing",
                "serve",
                "--home",
                str(self.home),
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                f"--gui-address=http://127.0.0.1:{self.gui_port}",
                f"--gui-apikey={self.api_key}",
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def stop(self) -> None:
        """Stop the instance (REST shutdown, then terminate/kill if it lingers)."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.post("/rest/system/shutdown")
            self.process.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired, AssertionError):
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log_tail(self, lines: int = 30) -> str:
        """The end of this instance's log, for a failure message."""
        path = self.root / "syncthing.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return f"--- syncthing {self.name} log ---\n" + "\n".join(text.splitlines()[-lines:])

    # -- REST --------------------------------------------------------------------------------

    def _request(self, method: str, path: str, body: Any = None) -> Any:
        """Call the REST API; the decoded JSON answer (None when empty)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
        return json.loads(raw) if raw.strip() else None

    def get(self, path: str) -> Any:
        """GET ``path``."""
        return self._request("GET", path)

    def post(self, path: str) -> Any:
        """POST ``path`` with no body."""
        return self._request("POST", path, {})

    def patch(self, path: str, body: Any) -> Any:
        """PATCH ``path`` with a JSON ``body``."""
        return self._request("PATCH", path, body)

    def answers(self) -> bool:
        """Whether the REST API is up (the process must still be running)."""
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"syncthing {self.name} exited\n{self.log_tail()}")
        try:
            return self.get("/rest/system/ping") == {"ping": "pong"}
        except (OSError, urllib.error.URLError, ValueError):
            return False

    def connected_to(self, peer: Syncthing) -> bool:
        """Whether this instance has a live connection to ``peer``."""
        connections = self.get("/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def set_paused(self, peer: Syncthing, paused: bool) -> None:
        """Pause (or resume) the link to ``peer`` in this instance's config."""
        self.patch(f"/rest/config/devices/{peer.device_id}", {"paused": paused})

    def set_folder_paused(self, paused: bool) -> None:
        """Pause (or resume) the shared folder in this instance's config; the link stays up."""
        self.patch(f"/rest/config/folders/{FOLDER_ID}", {"paused": paused})

    def folder_paused(self) -> bool:
        """Whether the shared folder is paused here now."""
        return bool(self.get(f"/rest/config/folders/{FOLDER_ID}").get("paused"))

    def scan(self) -> None:
        """Ask for a rescan of the shared folder now."""
        self.post(f"/rest/db/scan?folder={FOLDER_ID}")

    def idle_and_complete(self, peer: Syncthing) -> bool:
        """Folder idle with nothing to pull, and ``peer`` fully up to date with us."""
        status = self.get(f"/rest/db/status?folder={FOLDER_ID}")
        if status.get("state") != "idle" or status.get("needTotalItems", 1) != 0:
            return False
        completion = self.get(f"/rest/db/completion?folder={FOLDER_ID}&device={peer.device_id}")
        return bool(completion.get("completion") == 100 and completion.get("needItems", 1) == 0)


def folder_contents(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` (relative path -> bytes), without Syncthing's own files."""
    contents: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if relative.startswith(".stfolder") or ".syncthing." in path.name or not path.is_file():
            continue
        try:
            contents[relative] = path.read_bytes()
        except FileNotFoundError:  # replaced while we looked: the next check sees it
            continue
    return contents


class Devices:
    """Syncthing instances sharing one folder over loopback; ``online`` are those linked."""

    def __init__(self, members: list[Syncthing]) -> None:
        """Start ``members`` (configured already) in that order, each listening before it is
        dialled; wait until every one is linked to every other."""
        self.members = members
        self.online = list(members)
        self.conflicts_seen: set[str] = set()
        """Every conflict copy (by its device and name) any check found in a folder."""
        try:
            for side in members:
                side.start()
                poll(side.answers, f"syncthing {side.name}'s REST API")
            self.wait_connected()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop every instance."""
        for side in self.members:
            side.stop()

    def logs(self) -> str:
        """Every log's tail, for a failure message."""
        return "\n".join(side.log_tail() for side in self.members)

    def _links(self) -> list[tuple[Syncthing, Syncthing]]:
        """Every pair of online instances."""
        return [(x, y) for i, x in enumerate(self.online) for y in self.online[i + 1 :]]

    def wait_connected(self) -> None:
        """Wait until every online instance sees a live connection to every other."""
        poll(
            lambda: all(x.connected_to(y) and y.connected_to(x) for x, y in self._links()),
            "the syncthing instances to connect",
        )

    def contents(self, side: Syncthing) -> dict[str, bytes]:
        """:func:`folder_contents` of ``side``'s folder, noting any conflict copy in it."""
        files = folder_contents(side.folder)
        self.conflicts_seen.update(
            f"{side.name}: {name}" for name in files if "sync-conflict" in name
        )
        return files

    def in_sync(self, extra: Callable[[dict[str, bytes]], bool] = lambda _: True) -> bool:
        """Every online folder holds the same files, all idle and complete, and ``extra``."""
        first = self.contents(self.online[0])
        if not extra(first) or any(self.contents(o) != first for o in self.online):
            return False
        return all(x.idle_and_complete(y) and y.idle_and_complete(x) for x, y in self._links())

    def wait_in_sync(
        self, what: str, extra: Callable[[dict[str, bytes]], bool] = lambda _: True
    ) -> dict[str, bytes]:
        """Wait until :meth:`in_sync` holds three checks running; the shared files."""
        for side in self.online:
            side.scan()
        streak = [0]

        def settled() -> dict[str, bytes] | None:
            streak[0] = streak[0] + 1 if self.in_sync(extra) else 0
            return self.contents(self.online[0]) if streak[0] >= 3 else None

        try:
            return poll(settled, what)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.logs()}") from None


class Pair(Devices):
    """Two Syncthing instances, ``a`` and ``b``; their link can be paused and resumed."""

    def __init__(self, root: Path) -> None:
        """Generate, configure and start both instances under ``root``; wait until linked."""
        self.a = Syncthing("a", root / "a")
        self.b = Syncthing("b", root / "b")
        self.a.configure(self.b, dial=True)
        self.b.configure(self.a, dial=False)
        super().__init__([self.b, self.a])  # B listens before A first dials it

    def pause(self) -> None:
        """Cut the link on both sides and wait until neither sees the other."""
        self.a.set_paused(self.b, True)
        self.b.set_paused(self.a, True)
        poll(
            lambda: not self.a.connected_to(self.b) and not self.b.connected_to(self.a),
            "the link to be paused",
        )

    def resume(self) -> None:
        """Restore the link on both sides and wait until they are connected again.

        B (which only answers) first, so A's first dial finds B accepting: a refused dial
        would make A wait its reconnection backoff out.
        """
        self.b.set_paused(self.a, False)
        self.a.set_paused(self.b, False)
        self.wait_connected()

    def pause_folder(self) -> None:
        """Pause the shared folder on both sides (the link stays up, so resuming needs no new
        connection) and wait until both have it paused."""
        for side in (self.a, self.b):
            side.set_folder_paused(True)
        poll(lambda: self.a.folder_paused() and self.b.folder_paused(), "the folder to pause")

    def resume_folder(self) -> None:
        """Resume the shared folder on both sides; :meth:`wait_in_sync` waits for the rest."""
        for side in (self.a, self.b):
            side.set_folder_paused(False)
        poll(
            lambda: not self.a.folder_paused() and not self.b.folder_paused(),
            "the folder to resume",
        )


class Trio(Devices):
    """Three Syncthing instances, ``a``, ``b`` and ``c``, each linked to the other two (A dials
    B and C, B dials C); one can be taken offline (its links paused) and brought back."""

    def __init__(self, root: Path) -> None:
        """Generate, configure and start the three under ``root``; wait until all are linked."""
        self.a, self.b, self.c = (Syncthing(name, root / name) for name in "abc")
        self.a.configure_peers({self.b: True, self.c: True})
        self.b.configure_peers({self.a: False, self.c: True})
        self.c.configure_peers({self.a: False, self.b: False})
        super().__init__([self.c, self.b, self.a])  # each listens before it is dialled

    def take_offline(self, side: Syncthing) -> None:
        """Pause ``side``'s links both ways and wait until no one sees it."""
        self.online.remove(side)
        for other in self.online:
            side.set_paused(other, True)
            other.set_paused(side, True)
        poll(
            lambda: not any(side.connected_to(o) or o.connected_to(side) for o in self.online),
            f"{side.name} to be offline",
        )

    def bring_back(self, side: Syncthing) -> None:
        """Resume ``side``'s links (the others' side first, as they are dialled) and wait."""
        for other in self.online:
            other.set_paused(side, False)
            side.set_paused(other, False)
        self.online.append(side)
        self.wait_connected()
