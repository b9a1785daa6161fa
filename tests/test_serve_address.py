"""Where ``crampui serve`` listens and what it prints, without a server or Textual."""

from __future__ import annotations

import errno
import socket
import subprocess
import sys

import pytest

from crampui.web.address import (
    TOKEN_BYTES,
    BindError,
    bind_problem,
    listen,
    new_token,
    notice,
    qr_code,
)

URL = "http://192.168.1.20:8642/?token=abc"


def test_each_key_is_new_and_128_bits() -> None:
    keys = {new_token() for _ in range(100)}
    assert len(keys) == 100
    assert TOKEN_BYTES * 8 >= 128
    assert all(len(key) == 22 and key.replace("-", "").replace("_", "").isalnum() for key in keys)


def test_loopback_by_name_is_loopback_and_keeps_its_name() -> None:
    listening = listen("localhost", 0)
    with listening.sock:
        assert listening.loopback
        assert listening.url("k") == f"http://localhost:{listening.port}/?token=k"


def test_an_ipv6_loopback_address_is_bracketed_in_the_url() -> None:
    try:
        listening = listen("::1", 0)
    except BindError:
        pytest.skip("this machine has no IPv6 loopback")
    with listening.sock:
        assert listening.loopback
        assert listening.url("k") == f"http://[::1]:{listening.port}/?token=k"


def test_a_port_in_use_is_named_with_what_to_do() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BindError, match=f"port {port} on 127.0.0.1 is already in use"):
            listen("127.0.0.1", port)


def test_a_privileged_port_says_so() -> None:
    refused = OSError(errno.EACCES, "Permission denied")
    assert bind_problem(refused, "0.0.0.0", 80) == (
        "port 80 needs administrator rights: choose one above 1023 with --port"
    )


def test_on_the_network_it_warns_that_anyone_with_the_link_can_read_the_history() -> None:
    text = notice(URL, loopback=False)
    assert f"    {URL}\n" in text
    assert "Anyone on the network who has this link can read and change your history" in text
    assert "Press Ctrl+C here to stop." in text


def test_the_qr_code_is_drawn_in_blocks_a_terminal_shows() -> None:
    drawn = qr_code(URL).splitlines()
    assert len(drawn) > 10
    assert len({len(line) for line in drawn}) == 1  # a square of equal lines
    assert set("".join(drawn)) <= set(" █▀▄")


@pytest.mark.parametrize(
    "module", ["crampui.web.server", "crampui.web.address", "crampui.cli.commands.serve_cmds"]
)
def test_serving_imports_no_textual(module: str) -> None:
    """The server runs each app in a process of its own: it never loads Textual itself."""
    check = (
        "import importlib, sys; importlib.import_module(sys.argv[1]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, module], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
