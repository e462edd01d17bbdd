"""How long the rules backend takes per document over the gold corpus (target: under 50 ms).

Usage: .venv/bin/python bench/rules_speed.py [folder] [--repeat N]
Reading files is left out: the figure is extraction alone, as `summarize` spends it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from summarizer.backends.rules import RulesBackend
from summarizer.ingest import read_document

SUFFIXES = {".txt", ".md", ".html", ".htm"}
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "eval" / "gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--repeat", type=int, default=20, help="runs per document")
    args = parser.parse_args()
    paths = sorted(
        p
        for p in args.folder.iterdir()
        if p.suffix.lower() in SUFFIXES and p.with_suffix(".gold.json").exists()
    )
    docs = [read_document(p) for p in paths]
    backend = RulesBackend()
    backend.extract(docs[0])  # warm the regex caches once
    per_doc = []
    for path, doc in zip(paths, docs, strict=True):
        started = time.perf_counter()
        for _ in range(args.repeat):
            backend.extract(doc)
        ms = (time.perf_counter() - started) * 1000 / args.repeat
        per_doc.append(ms)
        print(f"{path.name:36} {doc.chars:7d} chars {ms:8.2f} ms")
    print(
        f"{len(docs)} documents: mean {statistics.mean(per_doc):.2f} ms, "
        f"max {max(per_doc):.2f} ms per document"
    )


if __name__ == "__main__":
    main()
