"""Every number of every gold summary, changed one at a time, must be caught by the verifier.

The rule, applied uniformly to every number anywhere in a gold summary:
- a whole number n becomes n + 1, written as before (zero padding and '.' thousands kept:
  "09" -> "10", "1.332" -> "1.333"); a number in words or a Roman numeral becomes n + 1 in
  words ("bốn mươi tám" -> "bốn mươi chín") or Roman ("III" -> "IV");
- a decimal has its last digit changed to the next one, 9 to 0 ("1,7" -> "1,8", 0.7029 ->
  0.7020);
- a date (event_date, published_date, or a date written inside a text) has its day moved on
  by one ("2021-01-20" -> "2021-01-21", "20/01/2021" -> "21/01/2021");
- numbers inside a text are changed in place, one at a time, every digit group of an "X/Y"
  fraction separately.
A perturbation counts as caught when any check of the changed summary is mismatch or missing.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from summarizer.ingest import read_document
from summarizer.numbers import find_numbers
from summarizer.schema import ReportSummary
from summarizer.verify import verify

EVAL = Path(__file__).resolve().parents[2] / "eval"
REQUIRED_RATE = 0.99
_SKIP_KEYS = {"schema_version", "sector", "role", "qualifier"}
_DATE_KEYS = {"event_date", "published_date"}
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
_ROMAN_WORD = re.compile(r"\b[IVXLCDM]+\b")
_UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def vietnamese_words(n: int) -> str:
    """n (0..999) in Vietnamese words."""
    if n < 10:
        return _UNITS[n]
    if n < 20:
        unit = n % 10
        return "mười" if unit == 0 else "mười " + ("lăm" if unit == 5 else _UNITS[unit])
    if n < 100:
        tens, unit = divmod(n, 10)
        tail = {0: "", 1: " mốt", 5: " lăm"}.get(unit, " " + _UNITS[unit])
        return f"{_UNITS[tens]} mươi{tail}"
    hundreds, rest = divmod(n, 100)
    head = f"{_UNITS[hundreds]} trăm"
    if rest == 0:
        return head
    return f"{head} linh {_UNITS[rest]}" if rest < 10 else f"{head} {vietnamese_words(rest)}"


def roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def bump_numeral(s: str) -> str:
    """A digit numeral changed by the rule, in its own written form."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        return f"{int(s.replace('.', '')) + 1:,}".replace(",", ".")
    if "," in s or "." in s:
        return s[:-1] + str((int(s[-1]) + 1) % 10)
    return str(int(s) + 1).zfill(len(s))


def bump_number(value: float) -> float:
    if float(value).is_integer():
        return int(value) + 1
    text = f"{value:.10g}"
    return float(text[:-1] + str((int(text[-1]) + 1) % 10))


def _text_changes(text: str) -> list[tuple[str, str]]:
    """(what changed, the new text) for every number inside a text."""
    changes: list[tuple[str, str]] = []
    covered: list[tuple[int, int]] = []
    for m in find_numbers(text):
        covered.append((m.start, m.end))
        piece = text[m.start : m.end]
        if m.in_words:
            new = vietnamese_words(int(m.value) + 1)
            new = new[0].upper() + new[1:] if piece[:1].isupper() else new
            changes.append((piece, text[: m.start] + new + text[m.end :]))
            continue
        numeral = _ROMAN_WORD.search(text, m.start, m.end)
        if numeral and not re.search(r"\d", piece):
            new = roman(int(m.value) + 1)
            changes.append((piece, text[: numeral.start()] + new + text[numeral.end() :]))
            continue
        if m.kind == "date":
            groups = [re.compile(r"\d+").search(text, m.start, m.end)]
        else:
            groups = list(_NUMERAL.finditer(text, m.start, m.end))
        changes += [_replace(text, g) for g in groups if g]
    for g in _NUMERAL.finditer(text):
        if not any(a <= g.start() < b for a, b in covered):
            changes.append(_replace(text, g))
    return changes


def _replace(text: str, g: re.Match[str]) -> tuple[str, str]:
    return g.group(), text[: g.start()] + bump_numeral(g.group()) + text[g.end() :]


def perturbations(raw: object, path: str = "") -> list[tuple[str, str, object]]:
    """(path, description, value setter input) for every number in a gold summary."""
    found: list[tuple[str, str, object]] = []
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key in _SKIP_KEYS or value is None:
                continue
            sub = f"{path}.{key}" if path else key
            if key in _DATE_KEYS:
                moved = date.fromisoformat(value) + timedelta(days=1)
                found.append((sub, f"{value} -> {moved}", moved.isoformat()))
            else:
                found += perturbations(value, sub)
    elif isinstance(raw, list):
        for i, value in enumerate(raw):
            found += perturbations(value, f"{path}[{i}]")
    elif isinstance(raw, bool):
        pass
    elif isinstance(raw, int | float):
        new = bump_number(raw)
        found.append((path, f"{raw} -> {new}", new))
    elif isinstance(raw, str):
        found += [(path, f"{piece!r} in {raw!r}", new) for piece, new in _text_changes(raw)]
    return found


def _set(raw: dict, path: str, value: object) -> dict:
    changed = copy.deepcopy(raw)
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    target = changed
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    if last.startswith("["):
        target[int(last[1:-1])] = value
    else:
        target[last] = value
    return changed


def _documents(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        source = next(
            p for p in folder.iterdir() if p.stem == stem and p.suffix in (".txt", ".html")
        )
        pairs.append((gold, source))
    return pairs


@pytest.mark.parametrize(("folder", "least"), [("gold", 500), ("extra", 300)])
def test_every_changed_number_is_flagged(folder: str, least: int) -> None:
    """The real reports, and the invented ones of the genre."""
    total, missed = 0, []
    for gold_path, source_path in _documents(EVAL / folder):
        raw = json.loads(gold_path.read_text(encoding="utf-8"))
        text = read_document(source_path).text
        for path, what, value in perturbations(raw):
            total += 1
            report = verify(ReportSummary.model_validate(_set(raw, path, value)), text)
            if report.verified:
                missed.append(f"{gold_path.name} {path}: {what}")
    rate = 1 - len(missed) / total
    print(f"\n{folder} perturbations: {total}, flagged: {total - len(missed)} ({rate:.2%})")
    for line in missed:
        print(f"  not flagged: {line}")
    assert total > least
    assert rate >= REQUIRED_RATE


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [("09", "10"), ("1.332", "1.333"), ("1,7", "1,8"), ("0,7029", "0,7020"), ("1699", "1700")],
)
def test_numerals_change_in_their_written_form(numeral: str, expected: str) -> None:
    assert bump_numeral(numeral) == expected


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (2, "hai"),
        (15, "mười lăm"),
        (16, "mười sáu"),
        (49, "bốn mươi chín"),
        (21, "hai mươi mốt"),
        (105, "một trăm linh năm"),
    ],
)
def test_vietnamese_words(n: int, words: str) -> None:
    assert vietnamese_words(n) == words
