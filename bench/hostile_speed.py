"""How the tool's time grows with hostile input: each pattern at 10 KB, 100 KB and 1 MB.

Usage: .venv/bin/python bench/hostile_speed.py [--sizes 10000,100000,1000000] [--cap 20]
       [--patterns spaces,dots,counters,words,hyphens,colons]

Patterns, each inside a short real report so every stage sees it:
- spaces: one line of spaces between two words (furniture cutting's white-space regexes);
- dots: "1." repeated on one line (number-then-label counters);
- counters: "Lượt xem: 1 | " repeated (trailing furniture cut one segment at a time);
- words: Vietnamese number words repeated ("một trăm hai mươi ba ");
- hyphens: one run of hyphenated words ("tt-hai-"), which an e-mail address or a file name
  could end (the number reader);
- colons (verifier): the summary of a short report verified against "1:1 " repeated.
Prints seconds per stage and the ratio of each size's time to the previous one: linear time
shows ratios near 10 for sizes ten apart. A stage over --cap seconds stops that pattern.
"""

from __future__ import annotations

import argparse
import time

from summarizer.backends import make_backend
from summarizer.config import Settings
from summarizer.ingest import document_from_text
from summarizer.ingest.furniture import cut_furniture
from summarizer.pipeline import summarize_document
from summarizer.verify import verify

HEAD = "Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp 120 chứng thư số.\n"


def pattern(name: str, size: int) -> str:
    unit = {
        "spaces": " ",
        "dots": "1.",
        "counters": "Lượt xem: 1 | ",
        "words": "một trăm hai mươi ba ",
        "hyphens": "tt-hai-",
        "colons": "1:1 ",
    }[name]
    body = unit * (size // len(unit.encode()))
    if name == "spaces":
        body = body + "a" + body + "b"
    return HEAD + body + "\n"


def timed(stage, *args) -> float:
    started = time.perf_counter()
    stage(*args)
    return time.perf_counter() - started


def stages(name: str, text: str) -> dict[str, float]:
    figures = {"cut_furniture": timed(cut_furniture, text)}
    if name == "colons":
        rules = make_backend(Settings())
        summary = summarize_document(document_from_text(HEAD), rules).summary
        figures["verify"] = timed(verify, summary, text)
    else:
        rules = make_backend(Settings())
        figures["summarize"] = timed(lambda: summarize_document(document_from_text(text), rules))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--cap", type=float, default=20.0)
    parser.add_argument("--patterns", default="spaces,dots,counters,words,hyphens,colons")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    for name in args.patterns.split(","):
        previous: dict[str, float] = {}
        for size in sizes:
            figures = stages(name, pattern(name, size))
            cells = []
            for stage, seconds in figures.items():
                ratio = f" x{seconds / previous[stage]:.1f}" if previous.get(stage) else ""
                cells.append(f"{stage} {seconds:.3f} s{ratio}")
            print(f"{name:9} {size:>9,} B  " + "; ".join(cells), flush=True)
            previous = figures
            if max(figures.values()) > args.cap:
                print(f"{name:9} stopped: a stage took over {args.cap:g} s", flush=True)
                break


if __name__ == "__main__":
    main()
