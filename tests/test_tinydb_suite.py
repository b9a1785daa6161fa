"""TinyDB's own test suite, run against crampui's storage as well as TinyDB's storages.

The suite comes from TinyDB's sdist of the pinned version. ``make test`` fetches it once into
``.venv/tinydb-tests/`` by running this module as a script (``python tests/test_tinydb_suite.py``);
the test skips, saying so, where it could not be fetched (no network). Their ``db`` fixture is
parametrised by storage (``memory``, ``json``); the copy run here adds ``crampui``
(:class:`~crampui.history.storage.AtomicJSONStorage` at a temporary path, ``stamp_schema=False``:
a plain TinyDB storage) and ``crampui-stamped`` (as the history opens it, stamping ``meta``), so
every test using ``db`` runs against all four. Any failure, against any storage, fails this test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest
import tinydb
from tinydb import TinyDB

from crampui.history.storage import AtomicJSONStorage

ROOT = Path(__file__).resolve().parent.parent
SUITE_DIR = ROOT / ".venv" / "tinydb-tests"
"""Where the sdist's ``tests/`` is unpacked (git-ignored, beside the venv it belongs to)."""

SDIST_DIR = ROOT / ".venv" / "tinydb-sdist"

REPR_ONLY = (
    "matches the repr against the regex tinydb\\.storages\\.(MemoryStorage|JSONStorage): "
    "it checks the storage's class name, not its behaviour"
)
NAME_ONLY = {
    "tests/test_tables.py::test_table_repr[crampui]": REPR_ONLY,
    "tests/test_tables.py::test_table_repr[crampui-stamped]": REPR_ONLY,
}
"""Their tests deselected for crampui's storage only, each with why (nothing else is)."""

OVERRIDE = """

# ---- Added by crampui's tests/test_tinydb_suite.py: the fixture above, with crampui's storage
# ---- as a third parameter (plain) and a fourth (as the history opens it: stamping `meta`).
# ---- 'memory' and 'json' are built exactly as TinyDB's own conftest does.
from crampui.history.storage import AtomicJSONStorage as _CrampuiStorage


@pytest.fixture(params=['memory', 'json', 'crampui', 'crampui-stamped'])
def db(request, tmp_path: Path):
    if request.param == 'crampui':
        db_ = TinyDB(tmp_path / 'test.db', storage=_CrampuiStorage, stamp_schema=False)
    elif request.param == 'crampui-stamped':
        db_ = TinyDB(tmp_path / 'test.db', storage=_CrampuiStorage)
    elif request.param == 'json':
        db_ = TinyDB(tmp_path / 'test.db', storage=JSONStorage)
    else:
        db_ = TinyDB(storage=MemoryStorage)

    db_.drop_tables()
    db_.insert_multiple({'int': 1, 'char': c} for c in 'abc')

    yield db_
"""


def pinned_version() -> str:
    """The exact TinyDB version pyproject.toml pins (``tinydb==X.Y.Z``)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'"tinydb==([0-9][0-9A-Za-z.]*)"', text)
    if match is None:
        raise AssertionError("pyproject.toml must pin tinydb exactly (tinydb==X.Y.Z)")
    return match.group(1)


def suite_tests(version: str) -> Path:
    """The unpacked ``tests/`` of TinyDB ``version``."""
    return SUITE_DIR / version / "tests"


def fetch_suite(version: str) -> str | None:
    """Download TinyDB's sdist and unpack its ``tests/``; None on success, else why not."""
    target = suite_tests(version)
    if (target / "conftest.py").is_file():
        return None
    SDIST_DIR.mkdir(parents=True, exist_ok=True)
    name = f"tinydb-{version}.tar.gz"
    sdist = SDIST_DIR / name
    if not sdist.is_file():
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--retries", "1"]
        command += ["--timeout", "20", "--no-binary", ":all:"]
        command += ["--no-deps", "-d", str(SDIST_DIR), f"tinydb=={version}"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not sdist.is_file():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return f"could not download the tinydb {version} sdist ({last})"
    prefix = f"tinydb-{version}/tests/"
    SUITE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=SUITE_DIR) as scratch, tarfile.open(sdist) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(prefix) and m.isfile()]
        if not members:
            return f"{sdist} has no tests/ folder"
        for member in members:
            if ".." in Path(member.name).parts:
                return f"{sdist} holds an unsafe path: {member.name}"
            archive.extract(member, scratch)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(Path(scratch) / prefix, target)
    return None


def test_tinydb_suite_passes_against_crampui_storage(tmp_path: Path) -> None:
    """Every TinyDB test passes, and each ``db`` test runs against memory, json and crampui."""
    version = pinned_version()
    assert tinydb.__version__ == version, f"installed tinydb {tinydb.__version__} != {version}"
    source = suite_tests(version)
    if not (source / "conftest.py").is_file():
        pytest.skip(
            f"TinyDB {version}'s own test suite is not fetched ({source} is missing; "
            "`make test` fetches it, which needs the package index)"
        )
    copy = tmp_path / "suite" / "tests"
    shutil.copytree(source, copy)
    conftest = copy / "conftest.py"
    upstream = conftest.read_text(encoding="utf-8")
    assert "@pytest.fixture(params=['memory', 'json'])" in upstream, "their db fixture changed"
    conftest.write_text(upstream + OVERRIDE, encoding="utf-8")
    (tmp_path / "suite" / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONPATH": str(ROOT)}
    deselect = [arg for test in NAME_ONLY for arg in ("--deselect", test)]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-rfEs", "-p", "no:cacheprovider", *deselect],
        cwd=tmp_path / "suite",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"TinyDB's suite failed:\n{output[-8000:]}"
    ran = {
        storage: len(re.findall(rf"\[{storage}\] PASSED", output))
        for storage in ("memory", "json", "crampui", "crampui-stamped")
    }
    summary = output.strip().splitlines()[-1]
    print(f"\nTinyDB {version} suite: {summary}; db-fixture tests passed per storage: {ran}")
    assert ran["crampui"] > 50, f"too few tests ran against crampui's storage: {ran}"
    ours = ran["memory"] - len(NAME_ONLY) // 2
    assert ran["json"] == ran["memory"] and ran["crampui"] == ran["crampui-stamped"] == ours, ran


def test_plain_storage_reads_back_exactly_what_tinydb_wrote(tmp_path: Path) -> None:
    """Reopened, a plain storage's file holds only TinyDB's tables; the history's adds meta."""
    for stamp, expected in ((False, {"_default"}), (True, {"_default", "meta"})):
        path = tmp_path / f"stamp-{stamp}.json"
        with TinyDB(path, storage=AtomicJSONStorage, stamp_schema=stamp) as db:
            db.insert({"int": 1})
        with TinyDB(path, storage=AtomicJSONStorage, stamp_schema=stamp) as db:
            assert db.tables() == expected
            assert db.all() == [{"int": 1}]


if __name__ == "__main__":
    problem = fetch_suite(pinned_version())
    if problem is not None:
        print(f"TinyDB's own tests will be skipped: {problem}.", file=sys.stderr)
    else:
        print(f"TinyDB's own test suite is in {suite_tests(pinned_version())}.")
