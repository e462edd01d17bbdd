"""How long the number reader takes on hostile text of growing size (it must grow linearly).

Usage: .venv/bin/python bench/numbers_speed.py [--sizes 10000,100000,1000000]
Each kind of text is a run that once made the reader slow or crash: number words one after
another, list marks "1.", digits, and numerals far longer than a float holds.
"""

from __future__ import annotations

import argparse
import time

from summarizer.numbers import find_numbers

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="bytes, comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
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


if __name__ == "__main__":
    main()
