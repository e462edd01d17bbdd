"""Wall time of a rules-backend batch in-process (--concurrency 1) and with one worker process
per core, for batches of several sizes, to choose the default (backends.factory.IN_PROCESS_BELOW).

Documents are the annotated sets' sources, each copy made distinct by one added line so that the
ledger does not skip it. Prints one line per size and concurrency; run it on an idle machine.

    .venv/bin/python bench/rules_concurrency.py [SIZE ...]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ("eval/gold", "eval/extra", "eval/wild", "eval/hard")
SCRIPT = Path(sys.executable).parent / "summarizer"


def _sources() -> list[Path]:
    found = []
    for folder in SETS:
        for path in sorted((ROOT / folder).iterdir()):
            if path.suffix in (".txt", ".html") and not path.name.endswith(".gold.json"):
                found.append(path)
    return found


def _make(folder: Path, size: int) -> None:
    sources = _sources()
    for i in range(size):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        extra = f"\n<p>Bản sao {i}.</p>\n" if source.suffix == ".html" else f"\nBản sao {i}.\n"
        (folder / f"{i:04d}_{source.name}").write_text(text + extra, encoding="utf-8")


def _run(inputs: Path, concurrency: int) -> float:
    out = inputs.parent / f"out-{concurrency}"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [str(SCRIPT), "batch", str(inputs), "--out", str(out), "--backend", "rules", "-q",
         "--concurrency", str(concurrency)],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    cores = os.cpu_count() or 1
    print(f"cores: {cores}; load: {os.getloadavg()[0]:.1f}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            inputs = Path(tmp) / "in"
            inputs.mkdir()
            _make(inputs, size)
            for concurrency in (1, cores):
                print(
                    f"{size:5d} documents, concurrency {concurrency}: {_run(inputs, concurrency):6.2f} s"
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [15, 50, 150])
