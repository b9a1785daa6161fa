"""Run every ``benchmarks/bench_*.py`` that has ``run()``, print one table, write the docs page.

Each ``run()`` returns rows (dictionaries) with the keys ``benchmark``, ``result``, ``target``
and ``ok`` (a bool, shown as yes/NO), all but the first optional; any other key a row carries
is added to its result cell as ``key: value``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS_PAGE = HERE.parent / "docs" / "benchmarks.md"
EXPECTED = (
    "bench_cli",
    "bench_history",
    "bench_idle_memory",
    "bench_keys",
    "bench_search",
    "bench_startup",
    "bench_status",
    "bench_switch_cpu",
)
"""Benchmarks the project has; a missing one gets a note instead of silently vanishing."""

Row = dict[str, object]
COLUMNS = ("benchmark", "result", "target", "ok")


def load_run(path: Path) -> Callable[[], list[Row]] | None:
    """The ``run`` function of the benchmark script at ``path``, if it has one."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    run: Callable[[], list[Row]] | None = getattr(module, "run", None)
    return run


USER_DIRS = (
    "CRAMPUI_DB", "CRAMPUI_CONFIG_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
)  # fmt: skip
"""The variables that choose crampui's history, settings and cache."""


@contextlib.contextmanager
def own_user_dirs() -> Iterator[None]:
    """Point the history, settings and caches at a new temporary folder until the block ends,
    so a benchmark never reads the real settings nor writes the real cache (nor another's)."""
    saved = {name: os.environ.get(name) for name in USER_DIRS}
    with tempfile.TemporaryDirectory(prefix="crampui-bench-") as tmp:
        root = Path(tmp)
        os.environ.update(
            {
                "CRAMPUI_DB": str(root / "data" / "history.json"),
                "CRAMPUI_CONFIG_DIR": str(root / "config"),
                "XDG_DATA_HOME": str(root / "data"),
                "XDG_CONFIG_HOME": str(root / "config-home"),
                "XDG_CACHE_HOME": str(root / "cache"),
                "XDG_STATE_HOME": str(root / "state"),
            }
        )
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def run_benchmarks() -> list[Row]:
    """Rows of every benchmark, with a note for each one missing, lacking ``run()`` or failing."""
    scripts = {path.stem: path for path in sorted(HERE.glob("bench_*.py"))}
    rows: list[Row] = []
    sys.path.insert(0, str(HERE))
    from bench_history import BUILDS_VARIABLE, builds_folder

    os.environ.setdefault(BUILDS_VARIABLE, str(builds_folder()))  # kept across benchmarks
    for name in sorted(set(scripts) | set(EXPECTED)):
        if name not in scripts:
            rows.append({"benchmark": name, "result": f"skipped: benchmarks/{name}.py is missing"})
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            with own_user_dirs():
                run = load_run(scripts[name])
                if run is None:
                    rows.append({"benchmark": name, "result": "skipped: no run() function"})
                    continue
                rows.extend(run())
        except Exception as error:  # one broken benchmark must not hide the others
            traceback.print_exc()
            summary = str(error).splitlines()[0] if str(error) else ""
            rows.append(
                {
                    "benchmark": name,
                    "result": f"failed: {type(error).__name__} {summary}",
                    "ok": False,
                }
            )
        print(f"  {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return rows


def result_cell(row: Row) -> str:
    """The ``result``, followed by every key a row carries beyond the standard ones."""
    parts = [cell(row["result"])] if "result" in row else []
    parts += [f"{key}: {cell(value)}" for key, value in row.items() if key not in COLUMNS]
    return ", ".join(parts)


def cell(value: object) -> str:
    """A table cell: booleans as yes/NO, missing values empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "NO"
    return str(value)


def table(rows: list[Row]) -> list[list[str]]:
    """The header and, per row, its benchmark, result, target and ok cells."""
    return [["benchmark", "result", "target", "ok?"]] + [
        [cell(row.get("benchmark")), result_cell(row), cell(row.get("target")), cell(row.get("ok"))]
        for row in rows
    ]


def render_text(lines: list[list[str]]) -> str:
    """An aligned plain-text table."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    text = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in text)


def render_markdown(lines: list[list[str]]) -> str:
    """A Markdown table."""
    rows = ["| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines]
    rows.insert(1, "|" + "---|" * len(lines[0]))
    return "\n".join(rows)


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or what ``platform`` knows."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine() -> list[str]:
    """What the figures were measured on."""
    return [
        f"- Platform: {platform.platform()}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()}, Textual {version('textual')}",
        f"- Load average when the page was written (1, 5, 15 min): {load_average()}; above the "
        "core count, other processes shared the cores and the wall times are inflated",
    ]


def load_average() -> str:
    """The system's load averages, or "unknown" where the platform has none."""
    try:
        return ", ".join(f"{load:.1f}" for load in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def docs_page(lines: list[list[str]]) -> str:
    """The whole of docs/benchmarks.md."""
    return "\n".join(
        [
            "# Benchmarks",
            "",
            f"Generated by `make bench` (`benchmarks/run_all.py`) on {date.today().isoformat()}.",
            "",
            "Ratios are against a baseline measured in the same run: the first screen against",
            "`benchmarks/minimal_app.py` (tmux wall time, interleaved pairs; CPU instructions to",
            "the first paint by cachegrind on `benchmarks/first_frame.py`; peak RSS), commands",
            'against `python -c "import json"`. Histories are written once with the store\'s',
            "codec and kept in `$XDG_CACHE_HOME/crampui-bench/`; saves, opens and the History",
            "tab are measured through the store and the app. Every benchmark runs with its own",
            "history, settings and cache folders; each row says whether crampui's cache was",
            "cold (empty or stale) or warm. Wall times come from a shared 2-core machine: noisy.",
            "",
            *machine(),
            "",
            render_markdown(lines),
            "",
        ]
    )


def main() -> None:
    """Run the benchmarks, print the table and write docs/benchmarks.md."""
    lines = table(run_benchmarks())
    print(render_text(lines))
    DOCS_PAGE.write_text(docs_page(lines))
    print(f"\nwritten to {DOCS_PAGE.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
