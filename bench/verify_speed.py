"""How much CPU the verifier spends per corpus document, and how much memory a 2 MB report takes.

Usage: .venv/bin/python bench/verify_speed.py [--base DIR] [--repeat N] [--rounds R]

Every annotated document of eval/gold, eval/extra, eval/hard and eval/wild has its gold summary
verified against its text with a fresh index (the source and summary caches cleared before each
run), as a batch worker verifies a document it has never seen. Each document runs `--repeat`
times per round; its figure is the median over `--rounds` rounds of the mean CPU per run. Then a
2 MB report (corpus texts repeated) is verified with a summary of realistic size in a child
process, whose peak resident memory is printed.

`--base DIR` measures another checkout too (e.g. a worktree of main), in the same run and
alternating with this one, so a loaded machine slows both alike.

Instructions, steadier than CPU time on a shared machine: `--child loop` verifies every document
once with a fresh index (after a first pass that imports and warms up) inside operator.call,
so callgrind can count that loop alone:
  PYTHONPATH=DIR valgrind --tool=callgrind --collect-atstart=no --toggle-collect=_operator_call \
    --callgrind-out-file=/tmp/cg.out .venv/bin/python bench/verify_speed.py --child loop
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("gold", "extra", "hard", "wild")
SUFFIXES = (".txt", ".html")
REPORT_BYTES = 2_000_000


def _documents() -> list[tuple[str, str, object]]:
    from summarizer.ingest import read_document
    from summarizer.schema import ReportSummary

    found = []
    for name in SETS:
        folder = ROOT / "eval" / name
        for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES):
            gold = path.with_suffix(".gold.json")
            if not gold.exists():
                continue
            summary = ReportSummary.model_validate_json(gold.read_text(encoding="utf-8"))
            found.append((f"{name}/{path.name}", read_document(path).text, summary))
    return found


def _fresh() -> None:
    """Forget every source and summary string verified before."""
    from summarizer.verify import verifier, wordtokens

    for holder, name in ((verifier, "index_source"), (wordtokens, "_claim")):
        cached = getattr(holder, name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()
    from summarizer.ingest import injection

    cached = getattr(injection, "_injections", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()
    try:
        from summarizer.numbers import mentions

        clear = getattr(mentions, "forget_numbers", None)
        if clear is not None:
            clear()
    except ImportError:
        pass


def measure_speed(repeat: int) -> dict:
    """CPU ms per document (mean of `repeat` fresh verifications), by document."""
    from summarizer.verify import verify

    docs = _documents()
    for _, text, summary in docs:  # imports, regex compilation, module caches
        verify(summary, text)
    per_doc = {}
    for name, text, summary in docs:
        spent = 0.0
        for _ in range(repeat):
            _fresh()
            t0 = time.process_time()
            verify(summary, text)
            spent += time.process_time() - t0
        per_doc[name] = spent / repeat * 1000
    return per_doc


def verify_each_once() -> dict:
    """Every document verified once with a fresh index, inside operator.call (see above)."""
    import operator

    from summarizer.verify import verify

    docs = _documents()
    for _, text, summary in docs:
        _fresh()
        verify(summary, text)

    def loop() -> None:
        for _, text, summary in docs:
            _fresh()
            verify(summary, text)

    operator.call(loop)
    return {"documents": len(docs)}


def _big_report() -> tuple[str, object]:
    """A 2 MB report of corpus texts, and a summary of one document's claims in it."""
    docs = _documents()
    parts, size = [], 0
    while size < REPORT_BYTES:
        for _, text, _ in docs:
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= REPORT_BYTES:
                break
    richest = max(docs, key=lambda d: len(d[2].model_dump_json()))
    return "\n\n".join(parts), richest[2]


def measure_memory() -> dict:
    """Peak resident memory of verifying the 2 MB report, with the imports' share apart."""
    from summarizer.verify import verify

    text, summary = _big_report()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.process_time()
    verify(summary, text)
    cpu = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "bytes": len(text.encode("utf-8")),
        "peak_mb": round(peak, 1),
        "before_mb": round(before, 1),
        "cpu_s": round(cpu, 3),
    }


def _child(root: Path, what: str, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, __file__, "--child", what, "--repeat", str(repeat)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _summary(per_doc: dict[str, float]) -> str:
    values = list(per_doc.values())
    worst = max(per_doc, key=per_doc.__getitem__)
    return (
        f"median {statistics.median(values):.2f} ms, mean {statistics.mean(values):.2f} ms, "
        f"max {max(values):.2f} ms ({worst})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=("speed", "memory", "loop"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        children = {"speed": lambda: measure_speed(args.repeat), "memory": measure_memory}
        found = children.get(args.child, verify_each_once)()
        print(json.dumps(found))
        return
    roots = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    rounds: dict[str, list[dict[str, float]]] = {label: [] for label in roots}
    print(f"load average {os.getloadavg()[0]:.2f}")
    for _ in range(args.rounds):
        for label, root in roots.items():
            rounds[label].append(_child(root, "speed", args.repeat))
    for label, runs in rounds.items():
        per_doc = {name: statistics.median(r[name] for r in runs) for name in runs[0]}
        print(f"{label} ({roots[label]}): {len(per_doc)} documents, verifier CPU per document")
        print(f"  {_summary(per_doc)}")
    for label, root in roots.items():
        peaks = [_child(root, "memory", 1) for _ in range(args.rounds)]
        peak = statistics.median(p["peak_mb"] for p in peaks)
        print(
            f"{label}: a {peaks[0]['bytes'] / 1e6:.1f} MB report: peak {peak:.0f} MB "
            f"(imports and text {peaks[0]['before_mb']:.0f} MB), verified in "
            f"{statistics.median(p['cpu_s'] for p in peaks):.2f} s CPU"
        )
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
