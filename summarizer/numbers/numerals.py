"""One Vietnamese numeral as written -> its value: digits, words, Roman numerals, scale words.

Digits follow Vietnamese notation ('.' groups thousands, ',' marks decimals); numbers in words
follow the grammar of "mươi", "mười", "trăm", "linh"/"lẻ" and the scale words. Finding numerals in
running text and deciding what they stand for is summarizer.numbers' job, not this module's.
"""

from __future__ import annotations

import math
import re

SCALES: dict[str, float] = {
    "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9,
    "nghìn tỷ": 1e12, "ngàn tỷ": 1e12, "nghìn tỉ": 1e12, "ngàn tỉ": 1e12,
}  # fmt: skip

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

UNITS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_TAIL_UNITS = {**UNITS, "mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}  # after "mươi"
_TAIL_UNITS.pop("năm")  # "hai mươi năm" is twenty years; 25 is "hai mươi lăm"
_TEEN_UNITS = {k: v for k, v in _TAIL_UNITS.items() if k not in ("mốt", "tư")}  # after "mười"
_LINH_UNITS = {**UNITS, "tư": 4}  # after "linh"/"lẻ"
SCALE_WORDS = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
NUMBER_WORDS = (
    set(UNITS) | set(_TAIL_UNITS) | set(SCALE_WORDS) | {"mười", "mươi", "trăm", "linh", "lẻ"}
)
ORDINAL_WORDS = {**UNITS, "nhất": 1, "nhì": 2, "tư": 4, "mười": 10}

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.203.458 or 1.234,5
_GROUPED_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3}){2,}")  # counters: 15,021,661
_PLAIN = re.compile(r"\d+(?:,\d+)?")  # 167, 09, 94,3
_DECIMAL_POINT = re.compile(r"\d+\.\d+")  # 1.33: a point where thousands cannot be meant


def numbers_equal(a: float, b: float) -> bool:
    """Equality that ignores float noise (1.7 == 1.70000001)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def parse_words(words: list[str]) -> tuple[int, int] | None:
    """The longest grammatical numeral at the head of words: (value, words used), or None."""
    total, chunk, last = 0, 0, 0
    state, best, i = "start", None, 0
    for i, word in enumerate(words):
        w = word.lower()
        if w in SCALE_WORDS and state in ("unit", "ten", "tens", "hund", "end", "scale"):
            scale = SCALE_WORDS[w]
            group = chunk + last
            total = (total + group) * scale if scale > max(total, 1) else total + group * scale
            chunk, last, state = 0, 0, "scale"
        elif state in ("start", "scale") and w in UNITS:
            last, state = UNITS[w], "unit"
        elif state in ("start", "scale", "hund") and w == "mười":
            chunk, last, state = chunk + 10, 0, "ten"
        elif state in ("unit", "hund_unit") and w == "mươi" and last >= 2:
            chunk, last, state = chunk + last * 10, 0, "tens"
        elif state == "unit" and w == "trăm":
            chunk, last, state = chunk + last * 100, 0, "hund"
        elif state == "hund" and w in UNITS:
            last, state = UNITS[w], "hund_unit"
        elif state == "hund" and w in ("linh", "lẻ"):
            state = "linh"
        elif (state == "ten" and w in _TEEN_UNITS) or (state == "tens" and w in _TAIL_UNITS):
            last, state = _TAIL_UNITS[w], "end"
        elif state == "linh" and w in _LINH_UNITS:
            last, state = _LINH_UNITS[w], "end"
        else:
            break
        if state not in ("hund_unit", "linh"):
            best = (total + chunk + last, i + 1)
    return best


def parse_roman(s: str) -> int | None:
    """A well-formed Roman numeral's value ('XIII' -> 13); None for anything else."""
    if not s or not _ROMAN.fullmatch(s):
        return None
    values = [_ROMAN_VALUES[c] for c in s]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def parse_digits(s: str) -> float | None:
    """A digit numeral in Vietnamese notation: '.' groups thousands, ',' marks decimals."""
    s = s.strip()
    if _GROUPED.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _GROUPED_ENGLISH.fullmatch(s):
        return float(s.replace(",", ""))
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    if _DECIMAL_POINT.fullmatch(s):
        return float(s)
    return None


def parse_numeral(s: str) -> float | None:
    """One numeral as written -> its value ('1.332'->1332, 'bốn mươi tám'->48, 'XIII'->13)."""
    s = s.strip()
    value = parse_digits(s)
    if value is not None:
        return value
    roman = parse_roman(s)
    if roman:
        return float(roman)
    words = s.split()
    parsed = parse_words(words) if words else None
    if parsed and parsed[1] == len(words):
        return float(parsed[0])
    if len(words) == 1 and words[0].lower() in ORDINAL_WORDS:
        return float(ORDINAL_WORDS[words[0].lower()])
    return None
