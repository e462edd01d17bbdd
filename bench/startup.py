"""CPU time (user + sys) of a fresh `summarizer` process: one .txt summary and `--help`.

Usage: .venv/bin/python bench/startup.py [--runs N] [--file PATH]
The figure is the median over N child processes, start-up included (target: under 300 ms for
the summary with the rules backend). Then the same CPU is split by stage: a child process imports
the third-party libraries first, then each stage of the package in layer order, and runs the
summary twice (the second run is the work alone, once every pattern is compiled). Last, the floor
the libraries set: a two-command typer app that takes one option and prints it, which loads typer
and, through typer's parameter adapters, pydantic, before any code of ours runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "examples" / "tay-ninh-2021.txt"


def _cpu_ms(argv: list[str]) -> float:
    """User + system CPU of one child process, in milliseconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used * 1000


def _median(argv: list[str], runs: int) -> float:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # warm the disk cache
    return statistics.median(_cpu_ms(argv) for _ in range(runs))


# Imported in this order by the breakdown child: each line's CPU is what it adds to the ones before.
STAGES = (
    ("interpreter", ""),
    ("typer", "typer"),
    ("pydantic (typer's adapters)", "typer._adapters"),
    ("schema", "summarizer.schema"),
    ("numbers", "summarizer.numbers"),
    ("ingest", "summarizer.ingest"),
    ("verify", "summarizer.verify"),
    ("render", "summarizer.render"),
    ("backends (rules)", "summarizer.backends.rules"),
    ("cli", "summarizer.cli"),
)
_CHILD = """
import contextlib, importlib, io, json, sys, time
marks = [("interpreter", time.process_time())]
for label, module in json.loads(sys.argv[1]):
    if module:
        importlib.import_module(module)
        marks.append((label, time.process_time()))
from summarizer.cli import main
for label in ("first summary", "second summary"):
    sys.argv = ["summarizer", "summarize", sys.argv[2], "--backend", "rules"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main()
    marks.append((label, time.process_time()))
print(json.dumps(marks))
"""


# The least a typer CLI with options costs here: typer converts every parameter through pydantic.
_FLOOR_APP = """
import typer
app = typer.Typer()
@app.command()
def summarize(path: str, backend: str = "rules") -> None:
    print(path, backend)
@app.command()
def other() -> None:
    pass
app()
"""


def breakdown(path: Path, runs: int) -> list[tuple[str, float]]:
    """Median CPU each stage adds, in milliseconds, over `runs` child processes."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps(STAGES), str(path)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        marks = json.loads(out)
        previous = 0.0
        for label, at in marks:
            samples.setdefault(label, []).append((at - previous) * 1000)
            previous = at
    return [(label, statistics.median(values)) for label, values in samples.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="child processes per command")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("summarizer"))
    if not os.path.exists(exe):
        sys.exit(f"no {exe}: install the package into this interpreter's environment first")
    commands = {
        f"summarize {args.file.name} --backend rules": [
            exe,
            "summarize",
            str(args.file),
            "--backend",
            "rules",
        ],
        "--help": [exe, "--help"],
        "floor: a two-command typer app, one option": [
            sys.executable,
            "-c",
            _FLOOR_APP,
            "summarize",
            str(args.file),
            "--backend",
            "rules",
        ],
    }
    print(f"load average {os.getloadavg()[0]:.2f}")
    for label, argv in commands.items():
        print(f"{label}: {_median(argv, args.runs):.0f} ms CPU (median of {args.runs})")
    print(
        f"where the summary's CPU goes (median of {args.runs}, each line adds to the ones above):"
    )
    for label, ms in breakdown(args.file, args.runs):
        print(f"  {label:<30} {ms:6.0f} ms")


if __name__ == "__main__":
    main()
