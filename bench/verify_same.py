"""Whether this checkout's verifier gives the very results of another one, claim for claim.

Usage: .venv/bin/python bench/verify_same.py --base DIR [--limit N]

The cases: every gold summary of eval/{gold,extra,hard,wild} and /work/shared/corpus; the rules
backend's summary of every document there; and, from each of these, the summaries a model gets
wrong (the edits of tests/verify: every number changed in turn, a metric taken from another
item, scale words, qualifiers, rank words, provinces and award counts swapped) plus a wrong
title, an item's evidence given to another, and units swapped between metrics. Each checkout
verifies every case in a child process (PYTHONPATH set to it); the `model_dump_json()` of each
report must be the same string. Prints how many cases agree and the first that differ.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("gold", "extra", "hard", "wild")
CORPUS = Path("/work/shared/corpus")
SUFFIXES = (".txt", ".html")


def _folders() -> list[Path]:
    found = [ROOT / "eval" / name for name in SETS]
    if CORPUS.is_dir():
        found += sorted({p.parent for p in CORPUS.rglob("*") if p.suffix in SUFFIXES})
    return found


def _model_edits(raw: dict) -> Iterator[dict]:
    """Mistakes beyond the tests' edits: a wrong title, evidence moved, units swapped, counts."""
    if raw.get("title"):
        changed = copy.deepcopy(raw)
        changed["title"] = raw["title"] + " năm 2099"
        yield changed
    items = [(g, i) for g in ("achievements", "targets") for i in range(len(raw[g]))]
    for (g1, i1), (g2, i2) in itertools.pairwise(items):
        changed = copy.deepcopy(raw)
        changed[g1][i1]["evidence"] = raw[g2][i2]["evidence"]
        yield changed
    metrics = [(g, i, j) for g, i in items for j in range(len(raw[g][i]["metrics"]))]
    for (g1, i1, j1), (g2, i2, j2) in itertools.pairwise(metrics):
        a, b = raw[g1][i1]["metrics"][j1], raw[g2][i2]["metrics"][j2]
        if a["unit"] != b["unit"]:
            changed = copy.deepcopy(raw)
            changed[g1][i1]["metrics"][j1]["unit"] = b["unit"]
            changed[g2][i2]["metrics"][j2]["unit"] = a["unit"]
            yield changed
    for k, award in enumerate(raw.get("awards", [])):
        changed = copy.deepcopy(raw)
        changed["awards"][k]["collectives"] = (award["collectives"] or 0) + 3
        yield changed


def _variants(raw: dict) -> Iterator[dict]:
    """A summary and every wrong version of it the tests and _model_edits make."""
    from test_perturb import _set, perturbations  # type: ignore[import-not-found]
    from test_subtle_edits import EDITS  # type: ignore[import-not-found]

    yield raw
    for path, _, value in perturbations(raw):
        yield _set(raw, path, value)
    for edit in EDITS:
        for _, _, changed in edit(raw):
            yield changed
    yield from _model_edits(raw)


def make_cases() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Sources by name, and (source name, summary JSON) cases."""
    sys.path.insert(0, str(ROOT / "tests" / "verify"))
    from summarizer.backends.rules import summarize
    from summarizer.ingest import read_document
    from summarizer.schema import ReportSummary

    sources: dict[str, str] = {}
    cases: list[tuple[str, str]] = []
    for folder in _folders():
        for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES):
            doc = read_document(path)
            name = str(path)
            sources[name] = doc.text
            summaries = [json.loads(summarize(doc).model_dump_json())]
            gold = path.with_suffix(".gold.json")
            if gold.exists():
                summaries.append(json.loads(gold.read_text(encoding="utf-8")))
            for raw in summaries:
                for changed in _variants(raw):
                    try:
                        summary = ReportSummary.model_validate(changed)
                    except ValueError:
                        continue  # an edit the schema refuses is no summary to verify
                    cases.append((name, summary.model_dump_json()))
    return sources, cases


def _verify_all(case_file: Path, out_file: Path) -> None:
    from summarizer.schema import ReportSummary
    from summarizer.verify import verify

    data = json.loads(case_file.read_text(encoding="utf-8"))
    sources = data["sources"]
    with out_file.open("w", encoding="utf-8") as out:
        for name, summary in data["cases"]:
            report = verify(ReportSummary.model_validate_json(summary), sources[name])
            out.write(report.model_dump_json() + "\n")


def _run(root: Path, case_file: Path, out_file: Path) -> list[str]:
    """The reports of root's verifier for every case, one JSON line each."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, __file__, "--child", str(case_file), str(out_file)]
    subprocess.run(argv, env=env, cwd=root, check=True)
    return out_file.read_text(encoding="utf-8").splitlines()


def _reference(base: Path, case_file: Path, out_file: Path) -> list[str]:
    """The base's reports, kept by the hash of the cases and the base's commit: a fixed
    checkout verifies the same cases the same way, so a second run reuses them."""
    head = subprocess.run(
        ["git", "-C", str(base), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(base), "status", "--porcelain"], capture_output=True, text=True
    ).stdout
    digest = hashlib.sha256(case_file.read_bytes() + head.encode()).hexdigest()[:16]
    kept = Path(tempfile.gettempdir()) / f"verify_same-{digest}.jsonl"
    if kept.exists() and head and not dirty:
        print(f"reference reports of {base} ({head[:7]}) reused from {kept}")
        return kept.read_text(encoding="utf-8").splitlines()
    found = _run(base, case_file, out_file)
    if head and not dirty:
        kept.write_text("\n".join(found) + "\n", encoding="utf-8")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the checkout whose results are the reference")
    parser.add_argument("--limit", type=int, help="verify only the first N cases")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _verify_all(*args.child)
        return
    if args.base is None:
        parser.error("--base is required")
    sources, cases = make_cases()
    cases = cases[: args.limit] if args.limit else cases
    with tempfile.TemporaryDirectory() as tmp:
        case_file = Path(tmp) / "cases.json"
        case_file.write_text(json.dumps({"sources": sources, "cases": cases}), encoding="utf-8")
        mine = _run(ROOT, case_file, Path(tmp) / "this.jsonl")
        theirs = _reference(args.base.resolve(), case_file, Path(tmp) / "base.jsonl")
    differ = [i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    print(f"{len(cases)} cases on {len(sources)} sources: {len(cases) - len(differ)} identical")
    for i in differ[:5]:
        print(f"  differs: {cases[i][0]}\n    this: {mine[i][:400]}\n    base: {theirs[i][:400]}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
