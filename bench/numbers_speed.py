"""How long the number reader takes per corpus document, and on hostile text of growing size.

Usage: .venv/bin/python bench/numbers_speed.py [--base DIR] [--rounds R] [--repeat N]
       [--sizes 10000,100000,1000000] [--no-hostile] [--no-corpus]

Corpus: every annotated document of eval/{gold,extra,hard,wild} is read as the verifier reads
it with a fresh index: the document's numbers found anew, then those of each distinct string of
its gold summary (the claims). Each document runs --repeat times per round; its figure is the
median over --rounds rounds of the mean CPU per run. `--base DIR` measures another checkout in
the same run, alternating with this one, so a loaded machine slows both alike.
Hostile: each kind of text is a run that once made the reader slow or crash: number words one
after another, list marks "1.", digits, and numerals far longer than a float holds; its time
must grow linearly with its size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("gold", "extra", "hard", "wild")
SUFFIXES = (".txt", ".html")

PIECES = {
    "number words": "một trăm ",
    "scale words": "một triệu năm trăm nghìn ",
    "list marks": "1. ",
    "digits": "1234567890",
    "long numerals": "9" * 400 + " hộ, ",
    "mixed prose": "Toàn tỉnh có 1.332 trạm BTS, tăng 10-15% (9/12 huyện), hai mươi lăm xã. ",
}


def _text(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    return [s for value in values for s in _strings(value)]


def _documents() -> list[tuple[str, str, list[str]]]:
    """Each annotated document's name, text, and the distinct strings of its gold summary."""
    from summarizer.ingest import read_document

    found = []
    for name in SETS:
        for path in sorted((ROOT / "eval" / name).iterdir()):
            gold = path.with_suffix(".gold.json")
            if path.suffix in SUFFIXES and gold.exists():
                claims = list(dict.fromkeys(_strings(json.loads(gold.read_text("utf-8")))))
                found.append((f"{name}/{path.name}", read_document(path).text, claims))
    return found


def measure_corpus(repeat: int) -> dict[str, float]:
    """CPU ms per document (mean of `repeat` fresh reads of it and its claims), by document."""
    from summarizer.numbers import find_numbers, mentions

    forget = getattr(mentions, "forget_numbers", lambda: None)
    docs = _documents()
    for _, text, claims in docs:  # regex compilation, module caches
        for read in (text, *claims):
            find_numbers(read)
    per_doc = {}
    for name, text, claims in docs:
        spent = 0.0
        for _ in range(repeat):
            forget()
            t0 = time.process_time()
            find_numbers(text)
            for claim in claims:
                find_numbers(claim)
            spent += time.process_time() - t0
        per_doc[name] = spent / max(repeat, 1) * 1000
    return per_doc


def _child(root: Path, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, __file__, "--child", "--repeat", str(repeat)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus(roots: dict[str, Path], rounds: int, repeat: int) -> None:
    runs: dict[str, list[dict[str, float]]] = {label: [] for label in roots}
    for _ in range(rounds):
        for label, root in roots.items():
            runs[label].append(_child(root, repeat))
    for label, found in runs.items():
        per_doc = {name: statistics.median(r[name] for r in found) for name in found[0]}
        values = list(per_doc.values())
        worst = max(per_doc, key=per_doc.__getitem__)
        print(
            f"{label} ({roots[label]}): {len(values)} documents and their claims, number reader "
            f"CPU per document: median {statistics.median(values):.3f} ms, mean "
            f"{statistics.mean(values):.3f} ms, max {max(values):.3f} ms ({worst}), "
            f"all {sum(values):.1f} ms"
        )


def hostile(sizes: list[int]) -> None:
    from summarizer.numbers import find_numbers

    print(
        f"{'text':<15}"
        + "".join(f"{f'{s // 1000} KB':>12}" for s in sizes)
        + "   ratio last/first per KB"
    )
    for name, piece in PIECES.items():
        times = []
        for size in sizes:
            text = _text(piece, size)
            started = time.perf_counter()
            find_numbers(text)
            times.append(time.perf_counter() - started)
        per_kb = [t / (s / 1000) for t, s in zip(times, sizes, strict=True)]
        cells = "".join(f"{t * 1000:>10.1f}ms" for t in times)
        print(f"{name:<15}{cells}   {per_kb[-1] / per_kb[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="bytes, comma-separated")
    parser.add_argument("--no-hostile", action="store_true", help="the corpus figures only")
    parser.add_argument("--no-corpus", action="store_true", help="the hostile figures only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_corpus(args.repeat)))
        return
    print(f"load average {os.getloadavg()[0]:.2f}")
    if not args.no_corpus:
        roots = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
        corpus(roots, args.rounds, args.repeat)
    if not args.no_hostile:
        hostile([int(s) for s in args.sizes.split(",")])
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
