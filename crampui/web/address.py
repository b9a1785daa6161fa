"""Where ``crampui serve`` listens, the key in its address, and what it prints about both.

The socket is bound here, before any web server exists, so a taken port or an address that is
not this computer's is one clear line, not a traceback from deep inside the server.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import secrets
import socket
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
"""The default host: only this computer can reach the server."""

DEFAULT_PORT = 8642
"""The default port (``--port 0`` asks the system for any free one)."""

TOKEN_BYTES = 16
"""Random bytes in the key (128 bits), drawn anew each time the server starts."""

UNROUTED_PROBE = ("192.0.2.1", 9)
"""A documentation address (TEST-NET-1): connecting a UDP socket to it sends nothing, it only
asks the routing table which of this computer's addresses faces the network."""


class BindError(Exception):
    """The server cannot listen where it was asked to; the message is one line for the user."""


@dataclass(frozen=True)
class Listening:
    """A bound, listening socket and the address a browser opens to reach it."""

    sock: socket.socket
    url_host: str
    """The host part of the printed address (an IPv6 address in brackets)."""
    port: int
    loopback: bool
    """Whether only this computer can reach the socket."""

    def url(self, token: str) -> str:
        """The address to open, with the key that lets the browser in."""
        return f"http://{self.url_host}:{self.port}/?token={token}"


def new_token() -> str:
    """A fresh random key of :data:`TOKEN_BYTES` bytes, safe in a URL."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def listen(host: str, port: int) -> Listening:
    """Bind and listen on ``host``:``port``; :class:`BindError` saying why not."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        raise BindError(f"cannot listen on {host!r}: not an address or host name") from error
    family, kind, protocol, _, address = found[0]
    sock = socket.socket(family, kind, protocol)
    try:
        if os.name == "posix":  # a restart may reuse a port its last run left in TIME_WAIT
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen()
    except OSError as error:
        sock.close()
        raise BindError(bind_problem(error, host, port)) from error
    bound = ipaddress.ip_address(str(address[0]).split("%")[0])
    return Listening(
        sock=sock,
        url_host=shown_host(host, bound),
        port=int(sock.getsockname()[1]),
        loopback=bound.is_loopback,
    )


def bind_problem(error: OSError, host: str, port: int) -> str:
    """One line on why ``host``:``port`` could not be bound."""
    if error.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use: choose another with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this computer: choose one with --host"
    if error.errno == errno.EACCES:
        return f"port {port} needs administrator rights: choose one above 1023 with --port"
    return f"cannot listen on {host} port {port}: {error.strerror or error}"


def shown_host(host: str, bound: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """The host to print in the address: this computer's network address when listening on
    every address, else the host as given."""
    if bound.is_unspecified:
        return network_address() or socket.gethostname()
    if isinstance(bound, ipaddress.IPv6Address) and host == str(bound):
        return f"[{host}]"
    return host


def network_address() -> str | None:
    """This computer's address on the network it would use (no packet is sent), if any."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(UNROUTED_PROBE)
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    plain = ipaddress.ip_address(address)
    return None if plain.is_unspecified or plain.is_loopback else address


def qr_code(url: str) -> str:
    """``url`` as a QR code drawn with block characters, for a phone's camera."""
    import io

    import segno

    drawn = io.StringIO()
    segno.make(url, error="l").terminal(out=drawn, compact=True)
    return drawn.getvalue()


def notice(url: str, loopback: bool) -> str:
    """What ``crampui serve`` prints once it listens: the address, who can use it, how to stop."""
    if loopback:
        reach = (
            "Only this computer can reach it. Anyone on this computer who has the link can read\n"
            "and change your history. For a phone on your own network: crampui serve --host 0.0.0.0"
        )
    else:
        reach = (
            "Anyone on the network who has this link can read and change your history:\n"
            "show it to no one else, and stop the server when you are done."
        )
    return f"Open crampui in a browser at\n\n    {url}\n\n{reach}\nPress Ctrl+C here to stop.\n"
