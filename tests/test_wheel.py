"""The built wheel installs into a fresh virtual environment and works from another directory.

The wheel is built without an isolated build environment (hatchling is a test dependency) and
installed without the package index: the new environment gets the wheel and, linked from the
test environment, exactly the distributions its declared requirements need (so a module the
wheel imports without declaring it still fails there). Whether the requirements install from
the index is what ``make`` checks when it sets up the test environment.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent

# One xdist group: every test here runs in the same worker, so the session-scoped wheel and
# venv below are built once per test session (make test runs with --dist loadgroup).
pytestmark = [pytest.mark.wheel, pytest.mark.xdist_group("wheel")]


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once per test session; return its path."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        + ["--outdir", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list((work / "dist").glob("crampui-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def wheel_requirements(wheel: Path) -> list[Requirement]:
    """The requirements the wheel declares for a plain install (no extras)."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        fields = Parser().parsestr(archive.read(name).decode())
    return [Requirement(line) for line in fields.get_all("Requires-Dist") or []]


def needed_distributions(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """The test environment's distributions that ``requirements`` need, with theirs in turn;
    each must satisfy the version its requirer asks for."""
    needed: dict[str, metadata.Distribution] = {}
    todo = list(requirements)
    while todo:
        requirement = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        dist = metadata.distribution(name)
        assert requirement.specifier.contains(dist.version, prereleases=True), requirement
        if name not in needed:
            needed[name] = dist
            todo += [Requirement(line) for line in dist.requires or []]
    return needed


def link_distributions(dists: dict[str, metadata.Distribution], site: Path) -> None:
    """Link every top-level file and folder of ``dists`` into the ``site`` folder."""
    for dist in dists.values():
        for top in {file.parts[0] for file in dist.files or [] if file.parts[0] != ".."}:
            target = site / top
            if top != "__pycache__" and not target.exists():
                target.symlink_to(Path(str(dist.locate_file(top))))


@pytest.fixture(scope="session")
def installed_venv(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the wheel into a new virtual environment once per session; return its bin dir."""
    work = tmp_path_factory.mktemp("venv")
    venv.create(work / "venv", with_pip=False)
    bin_dir = work / "venv" / "bin"
    purelib = sysconfig.get_path("purelib", vars={"base": str(work / "venv")})
    link_distributions(needed_distributions(wheel_requirements(built_wheel)), Path(purelib))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install"]
        + ["--quiet", "--no-deps", "--no-index", str(built_wheel)],
        check=True,
        capture_output=True,
    )
    return bin_dir


def run_installed(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``crampui`` from ``cwd`` with a temporary history database."""
    return subprocess.run(
        [str(bin_dir / "crampui"), "--db", str(cwd / "history.json"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_installed_wheel_lists_all_twelve_causes(installed_venv: Path, tmp_path: Path) -> None:
    result = run_installed(installed_venv, "causes", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    causes = json.loads(result.stdout)
    assert [cause["number"] for cause in causes] == list(range(1, 13))


def test_installed_wheel_reads_content_from_the_package(
    installed_venv: Path, tmp_path: Path
) -> None:
    script = "from crampui.content.store import content_path; print(content_path())"
    result = subprocess.run(
        [str(installed_venv / "python"), "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    path = Path(result.stdout.strip())
    assert "site-packages" in path.parts
    assert path.is_file()


def test_installed_wheel_answers_faq_and_version(installed_venv: Path, tmp_path: Path) -> None:
    version = run_installed(installed_venv, "--version", cwd=tmp_path)
    assert version.returncode == 0
    assert version.stdout.startswith("crampui ")
    faq = run_installed(installed_venv, "faq", "how long", "--json", cwd=tmp_path)
    assert faq.returncode == 0, faq.stderr
    assert json.loads(faq.stdout)[0]["number"] == 4


def test_wheel_carries_the_licence_and_the_content(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as wheel:
        names = wheel.namelist()
        licences = [name for name in names if name.endswith(".dist-info/licenses/LICENSE")]
        assert len(licences) == 1
        assert wheel.read(licences[0]).decode().startswith("MIT License")
        assert "crampui/db/content.json" in names
        assert "crampui/insights/report/report.css" in names
        assert "crampui/ui/app.tcss" in names
        assert "crampui/web/page.html" in names
        metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
        assert "License-Expression: MIT" in wheel.read(metadata).decode()


def test_installed_wheel_writes_a_report_and_a_status_line(
    installed_venv: Path, tmp_path: Path
) -> None:
    logged = run_installed(installed_venv, "log", "--done", "hydrate", "--no-cramp", cwd=tmp_path)
    assert logged.returncode == 0, logged.stderr
    report = run_installed(installed_venv, "report", "-o", str(tmp_path / "r.html"), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "r.html").read_text()
    assert "<style>" in page and "Drink a glass of water" in page
    status = run_installed(installed_venv, "status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    assert "1 session" in status.stdout


def test_installed_wheel_without_the_serve_extra_says_how_to_get_it(
    installed_venv: Path, tmp_path: Path
) -> None:
    result = run_installed(installed_venv, "serve", "--port", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "crampui: error: crampui serve needs textual-serve: pip install 'crampui[serve]'"
    ]
    assert not (tmp_path / "history.json").exists()
