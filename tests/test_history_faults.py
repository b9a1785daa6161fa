"""Crash and concurrency tests: real processes, SIGKILL at random moments, two writers at once."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crampui.history import HistoryStore

WORKER = Path(__file__).with_name("fault_worker.py")
ROUNDS = 30

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


@pytest.fixture(autouse=True, params=["folded often", "journal"])
def layout(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[None]:
    """Each test runs with the journal folded into the file every few saves (the file
    rewritten under the kills too) and as shipped (the workers, started after this, read the
    threshold from the environment)."""
    if request.param == "folded often":
        monkeypatch.setenv("CRAMPUI_COMPACT_FROM_BYTES", "0")
    yield
    assert (tmp_path / "history.json.journal").exists()


def start_worker(db: Path, mode: str, number: int) -> subprocess.Popen[bytes]:
    """Start fault_worker.py and wait until it has opened the store.

    Unbuffered, so reading the ``ready`` line cannot swallow later lines that
    ``communicate()`` (which reads the raw pipe) would then never see.
    """
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(db), mode, str(number)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert worker.stdout is not None
    assert worker.stdout.readline() == b"ready\n", worker.stderr and worker.stderr.read()
    return worker


def finish(worker: subprocess.Popen[bytes], timeout: float) -> tuple[str, str]:
    """Wait for ``worker`` to end; its remaining stdout and its stderr, as text."""
    output, errors = worker.communicate(timeout=timeout)
    return output.decode(), errors.decode()


def acknowledged(output: str) -> tuple[dict[int, int], set[int], set[int]]:
    """Complete lines of the worker's output: added {id: seq}, deleted ids, ids being deleted."""
    added: dict[int, int] = {}
    deleted: set[int] = set()
    deleting: set[int] = set()
    for line in output.splitlines(keepends=True):
        if not line.endswith("\n"):
            continue  # cut off by the kill: not acknowledged
        kind, *numbers = line.split()
        if kind == "A":
            added[int(numbers[0])] = int(numbers[1])
        elif kind == "d":
            deleting.add(int(numbers[0]))
        elif kind == "D":
            deleted.add(int(numbers[0]))
    return added, deleted, deleting - deleted


def test_sigkill_during_saves_and_deletes_never_loses_acknowledged_sessions(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.json"
    rng = random.Random(20261125)
    expected: dict[int, int] = {}  # id -> seq of every session that must be there
    kills = adds = deletes = unacknowledged = 0
    for round_number in range(ROUNDS):
        worker = start_worker(db, "churn", round_number)
        time.sleep(rng.uniform(0.0, 0.25))  # fault injection, not a wait
        worker.send_signal(signal.SIGKILL)
        output, _ = finish(worker, timeout=30)
        kills += worker.returncode == -signal.SIGKILL
        added, deleted, in_flight_delete = acknowledged(output)
        adds, deletes = adds + len(added), deletes + len(deleted)
        expected.update(added)
        for session_id in deleted:
            del expected[session_id]

        store = HistoryStore(db)
        for file in (db, store.store_path):
            if file.exists():  # not yet if killed before the first save
                json.loads(file.read_bytes())  # always one complete JSON document
        assert store.recovery_notice is None
        present = {session.id: session.seq for session in store.sessions()}
        missing = set(expected) - set(present)
        extra = set(present) - set(expected)
        # The worker does one thing at a time, so at most one change was cut short: a
        # deletion announced but not acknowledged, or an add not acknowledged yet.
        assert missing <= in_flight_delete, f"round {round_number}: lost {missing}"
        assert len(missing) + len(extra) <= 1
        assert all(new_id > max(expected, default=0) for new_id in extra)
        assert all(present[i] == seq for i, seq in expected.items() if i in present)
        assert len(set(present.values())) == len(present), "seqs must be unique"
        unacknowledged += len(missing) + len(extra)
        expected = present
        assert not list(tmp_path.glob("**/*.corrupt-*"))
        assert not list(tmp_path.glob(".*.tmp")), "orphaned temp files are cleaned on open"
    json.loads(HistoryStore(db).backup_path.read_bytes())
    print(
        f"\n{ROUNDS} rounds, {kills} SIGKILLs: {adds} adds and {deletes} deletes acknowledged, "
        f"{unacknowledged} cut-short changes landed, {len(expected)} sessions at the end; "
        "nothing acknowledged was lost, no recovery needed"
    )
    assert kills == ROUNDS
    assert adds > ROUNDS and deletes > 0


def test_two_processes_saving_at_once_keep_every_session(tmp_path: Path) -> None:
    db = tmp_path / "history.json"
    per_worker = 200
    workers = [start_worker(db, "add", per_worker) for _ in range(2)]
    outputs = []
    for worker in workers:
        output, errors = finish(worker, timeout=120)
        assert worker.returncode == 0, errors
        outputs.append(acknowledged(output)[0])
    sessions = HistoryStore(db).sessions()
    acked = {**outputs[0], **outputs[1]}
    print(
        f"\nworker A acknowledged {len(outputs[0])}, worker B {len(outputs[1])}; "
        f"{len(sessions)} sessions stored, {len({s.seq for s in sessions})} distinct seqs"
    )
    assert len(outputs[0]) == len(outputs[1]) == per_worker
    assert len(sessions) == 2 * per_worker
    assert {s.id: s.seq for s in sessions} == acked
    assert len({s.seq for s in sessions}) == 2 * per_worker
    assert [s.seq for s in sessions] == sorted((s.seq for s in sessions), reverse=True)
