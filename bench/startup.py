"""CPU time (user + sys) of a fresh `summarizer` process: one .txt summary and `--help`.

Usage: .venv/bin/python bench/startup.py [--runs N] [--file PATH]
The figure is the median over N child processes, start-up included (target: under 300 ms for
the summary with the rules backend).
"""

from __future__ import annotations

import argparse
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
    }
    for label, argv in commands.items():
        print(f"{label}: {_median(argv, args.runs):.0f} ms CPU (median of {args.runs})")


if __name__ == "__main__":
    main()
