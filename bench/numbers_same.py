"""Whether this checkout's number reader finds exactly what another checkout's finds.

Usage: .venv/bin/python bench/numbers_same.py --base DIR [--cuts N] [--examples N]

Texts: every document of eval/* and /work/shared/corpus (when present), every string of their
gold summaries (what the verifier reads as claims), slices of each document cut at random
offsets (edges of the context windows), the string literals of tests/numbers, the hostile
patterns of bench/hostile_speed.py and bench/numbers_speed.py, and number sentences that
hypothesis draws from num2words and Babel as tests/numbers/test_oracles.py does. Each checkout
reads them all in a child process (PYTHONPATH=its root); every field of every mention, value and
scaled value by repr, must be equal. Prints the counts and the first differences; exits 1 on any.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import random
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus")
SUFFIXES = (".txt", ".html", ".md")
HOSTILE_SIZE = 30_000


def _documents() -> list[str]:
    from summarizer.ingest import read_document

    paths = sorted(p for p in (ROOT / "eval").glob("*/*") if p.suffix in SUFFIXES)
    if CORPUS.is_dir():
        paths += sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES)
    return [read_document(str(p)).text for p in paths]


def _summary_strings() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    golds = sorted((ROOT / "eval").glob("*/*.gold.json"))
    if CORPUS.is_dir():
        golds += sorted(CORPUS.rglob("*.json"))
    for path in golds:
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def _cuts(docs: list[str], per_doc: int, rng: random.Random) -> list[str]:
    """Slices of every document, so numerals fall at every distance from a text's edges."""
    out = []
    for doc in docs:
        for _ in range(per_doc):
            start = rng.randrange(len(doc) or 1)
            out.append(doc[start : start + rng.choice((20, 60, 150, 400, 2000))])
    return out


def _test_literals() -> list[str]:
    out = []
    for path in sorted((ROOT / "tests" / "numbers").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append(node.value)
    return out


def _load(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _hostile() -> list[str]:
    hostile = _load(ROOT / "bench" / "hostile_speed.py", "hostile_speed")
    speed = _load(ROOT / "bench" / "numbers_speed.py", "numbers_speed")
    names = ("spaces", "dots", "counters", "words", "hyphens", "colons")
    texts = [hostile.pattern(name, HOSTILE_SIZE) for name in names]
    return texts + [speed._text(piece, HOSTILE_SIZE) for piece in speed.PIECES.values()]


def _drawn(examples: int) -> list[str]:
    """Number sentences hypothesis draws, written as test_oracles writes them."""
    from babel import numbers as babel_numbers
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from num2words import num2words

    oracles = _load(ROOT / "tests" / "numbers" / "test_oracles.py", "oracles")
    out: list[str] = []

    @settings(
        derandomize=True,
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.integers(0, 10**12), st.integers(0, 3), st.randoms())
    def draw(n: int, places: int, rng: random.Random) -> None:
        words = num2words(n, lang="vi")
        out.append(oracles._in_sentence(words))
        out.append(oracles._in_sentence(oracles._variant(words, rng)))
        value = oracles.Decimal(n).scaleb(-places)
        written = babel_numbers.format_decimal(value, locale="vi", decimal_quantization=False)
        out.append(f"Doanh thu đạt {written} đồng trong năm.")
        percent = babel_numbers.format_percent(
            value / 100, format="#,##0.##%", locale="vi", decimal_quantization=False
        )
        out.append(f"Tỷ lệ hồ sơ trực tuyến đạt {percent} trong năm.")

    draw()
    return out


def _read(texts: list[str]) -> list[list[list[object]]]:
    """Every mention of every text as a row of reprs (run inside the checkout measured)."""
    from summarizer.numbers import find_numbers
    from summarizer.numbers.mentions import forget_numbers

    fields = ("start", "end", "text", "value", "kind", "total", "in_words", "scale")
    rows = []
    for text in texts:
        forget_numbers()
        rows.append(
            [
                [repr(getattr(m, f)) for f in fields]
                + [repr(m.qualifier), repr(m.qualifier_span), repr(m.scaled_value), m.is_metric]
                for m in find_numbers(text)
            ]
        )
    return rows


def _child(root: Path, texts_file: Path) -> list[list[list[object]]]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, __file__, "--child", str(texts_file)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the checkout to compare with")
    parser.add_argument("--cuts", type=int, default=40, help="random slices per document")
    parser.add_argument("--examples", type=int, default=300, help="hypothesis draws")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import summarizer

        assert Path(summarizer.__file__).resolve().is_relative_to(Path.cwd().resolve())
        texts = json.loads(args.child.read_text(encoding="utf-8"))
        print(json.dumps(_read(texts)))
        return
    if args.base is None:
        parser.error("--base DIR is required")
    docs = _documents()
    groups = {
        "documents": docs,
        "summary strings": _summary_strings(),
        "document slices": _cuts(docs, args.cuts, random.Random(17)),
        "test literals": _test_literals(),
        "hostile patterns": _hostile(),
        "drawn numbers": _drawn(args.examples),
    }
    texts = [t for group in groups.values() for t in group]
    texts_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"numbers_same.{os.getpid()}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    try:
        mine, theirs = _child(ROOT, texts_file), _child(args.base.resolve(), texts_file)
    finally:
        texts_file.unlink()
    differ = [i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    for name, group in groups.items():
        print(f"{name:17} {len(group):6} texts, {sum(len(t) for t in group):>10,} characters")
    print(
        f"{len(texts)} texts, {sum(map(len, mine))} mentions here, {sum(map(len, theirs))} in base"
    )
    for i in differ[:5]:
        print(f"differs: {texts[i][:120]!r}")
        extra = [m for m in mine[i] if m not in theirs[i]]
        missing = [m for m in theirs[i] if m not in mine[i]]
        print(f"  only here: {extra[:3]}\n  only in base: {missing[:3]}")
    print(f"{len(differ)} texts read differently" if differ else "identical mention lists")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
