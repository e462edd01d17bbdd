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
_LINH = frozenset({"linh", "lẻ", "lẽ"})  # "lẽ" is the common misspelling of "lẻ"
_DIGIT_WORDS = {**UNITS, "không": 0, "tư": 4, "lăm": 5, "mốt": 1}  # after "phẩy", one by one
SCALE_WORDS = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_COMPOUND_SCALES = frozenset({"tỷ", "tỉ"})  # "nghìn tỷ", "triệu tỷ", "tỷ tỷ"
_MAX_SCALE = 10**27  # no numeral in words goes past "nghìn tỷ tỷ"
NUMBER_WORDS = (
    set(UNITS)
    | set(_TAIL_UNITS)
    | set(SCALE_WORDS)
    | _LINH
    | {"mười", "mươi", "trăm", "không", "phẩy"}
)
ORDINAL_WORDS = {**UNITS, "nhất": 1, "nhì": 2, "tư": 4, "mười": 10}

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.203.458 or 1.234,5
_GROUPED_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3}){2,}")  # counters: 15,021,661
_PLAIN = re.compile(r"\d+(?:,\d+)?")  # 167, 09, 94,3
_DECIMAL_POINT = re.compile(r"\d+\.\d+")  # 1.33: a point where thousands cannot be meant
_UNFINISHED = frozenset({"hund_unit", "linh", "scale_linh", "zero"})  # a numeral cannot end here


def numbers_equal(a: float, b: float) -> bool:
    """Equality that ignores float noise (1.7 == 1.70000001)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


class _Reading:
    """One numeral in words read left to right: finished scaled segments plus the open group."""

    def __init__(self) -> None:
        self.done, self.seg, self.chunk, self.last = 0, 0, 0, 0
        self.last_scale = 0  # the scale of the lowest finished segment
        self.state = "start"

    @property
    def value(self) -> int:
        return self.done + self.seg + self.chunk + self.last

    def scale(self, scale: int, compound: bool) -> bool:
        """Apply a scale word; False where the grammar has no place for it."""
        if self.state == "scale":  # "nghìn tỷ": the scale multiplies the segment before it
            if not compound or self.last_scale * scale > _MAX_SCALE:
                return False
            self.seg, self.last_scale = self.seg * scale, self.last_scale * scale
            return True
        group = self.chunk + self.last
        if scale > self.done + self.seg:  # "một nghìn hai trăm tỷ": it scales all before it
            self.done, self.seg = 0, (self.done + self.seg + group) * scale
        elif scale < self.last_scale:  # "một triệu năm trăm nghìn": a lower segment
            self.done, self.seg = self.done + self.seg, group * scale
        else:
            return False
        self.chunk, self.last, self.last_scale = 0, 0, scale
        return True

    def step(self, w: str, nxt: str) -> bool:
        """Take one more word (nxt is the word after it); False where the numeral stops."""
        state = self.state
        if w in SCALE_WORDS and state not in ("start", "scale_linh", "zero", *_UNFINISHED):
            ok = self.scale(SCALE_WORDS[w], w in _COMPOUND_SCALES)
            self.state = "scale" if ok else state
            return ok
        return self._digit_step(w, nxt, state)

    def _digit_step(self, w: str, nxt: str, state: str) -> bool:
        opening = state in ("start", "scale", "scale_linh")
        if opening and w in UNITS:
            self.last, self.state = UNITS[w], "unit"
        elif (opening or state == "hund") and w == "mười":
            self.chunk, self.last, self.state = self.chunk + 10, 0, "ten"
        elif state in ("start", "scale") and w == "không" and nxt == "trăm":
            self.state = "zero"  # "hai nghìn không trăm mười bảy"
        elif state == "scale" and w in _LINH:
            self.state = "scale_linh"  # "một nghìn lẻ năm", "hai nghìn lẻ mười bảy"
        elif state in ("unit", "hund_unit") and w == "mươi" and self.last >= 2:
            self.chunk, self.last, self.state = self.chunk + self.last * 10, 0, "tens"
        elif state in ("unit", "zero") and w == "trăm":
            self.chunk, self.last, self.state = self.chunk + self.last * 100, 0, "hund"
        elif state == "hund" and w in UNITS:
            self.last, self.state = UNITS[w], "hund_unit"
        elif state == "hund" and w in _LINH:
            self.state = "linh"
        elif (state == "ten" and w in _TEEN_UNITS) or (state == "tens" and w in _TAIL_UNITS):
            self.last, self.state = _TAIL_UNITS[w], "end"
        elif state in ("ten", "tens") and w == "năm" and nxt in SCALE_WORDS:
            self.last, self.state = 5, "end"  # "bốn mươi năm nghìn", not "hai mươi năm"
        elif state == "linh" and w in _LINH_UNITS:
            self.last, self.state = _LINH_UNITS[w], "end"
        else:
            return False
        return True


def parse_words(words: list[str], start: int = 0) -> tuple[int, int] | None:
    """The longest grammatical numeral at words[start:]: (value, words used), or None."""
    reading, best = _Reading(), None
    for i in range(start, len(words)):
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if not reading.step(words[i].lower(), nxt):
            break
        if reading.state not in _UNFINISHED and reading.value:
            best = (reading.value, i + 1 - start)  # "không trăm" alone is no numeral
    return best


def _decimal_digits(words: list[str], start: int) -> tuple[str, int] | None:
    """The digits after "phẩy": a numeral ("mười bốn" -> 14) or words read one by one."""
    run = 0
    while start + run < len(words) and (w := words[start + run].lower()) in _DIGIT_WORDS:
        if run and w == "năm" and words[start + run - 1].lower() != "không":
            break  # "1,2 năm" is 1.2 years, not 1.25
        run += 1
    parsed = parse_words(words, start)
    if parsed and parsed[1] > 1 and parsed[1] >= run and not _scaled_in(words, start, parsed[1]):
        return str(parsed[0]), parsed[1]
    if not run:
        return None
    return "".join(str(_DIGIT_WORDS[w.lower()]) for w in words[start : start + run]), run


def read_words(words: list[str], start: int = 0) -> tuple[float, int] | None:
    """A numeral in words at words[start:], decimals included ("một phẩy năm"): (value, used)."""
    head = words[start].lower() if start < len(words) else ""
    after = words[start + 1].lower() if start + 1 < len(words) else ""
    parsed = parse_words(words, start)
    if parsed is None and head == "không" and after == "phẩy":
        parsed = (0, 1)
    if parsed is None:
        return None
    value, used = parsed
    at = start + used
    comma = at + 1 < len(words) and words[at].lower() == "phẩy"
    if comma and not _scaled_in(words, start, used):
        digits = _decimal_digits(words, at + 1)
        if digits:
            return _scaled(float(f"{value}.{digits[0]}"), words, used + 1 + digits[1], start)
    return float(value), used


def _scaled_in(words: list[str], start: int, used: int) -> bool:
    """Whether a scale word stands among words[start:start+used]."""
    return any(w.lower() in SCALE_WORDS for w in words[start : start + used])


def _scaled(value: float, words: list[str], used: int, start: int) -> tuple[float, int]:
    """A decimal in words takes the scale words after it: "một phẩy năm tỷ"."""
    at = start + used
    for n in range(2):  # "nghìn tỷ" at most
        w = words[at].lower() if at < len(words) else ""
        if w in SCALE_WORDS and (n == 0 or w in _COMPOUND_SCALES):
            value, used, at = value * SCALE_WORDS[w], used + 1, at + 1
    return value, used


def parse_roman(s: str) -> int | None:
    """A well-formed Roman numeral's value ('XIII' -> 13); None for anything else."""
    if not s or not _ROMAN.fullmatch(s):
        return None
    values = [_ROMAN_VALUES[c] for c in s]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def parse_digits(s: str) -> float | None:
    """A digit numeral in Vietnamese notation: '.' groups thousands, ',' marks decimals."""
    s = s.strip()
    if s.isdecimal():  # plain digits, most numerals: no pattern needed to read them
        value = float(s)
    elif _GROUPED.fullmatch(s):
        value = float(s.replace(".", "").replace(",", "."))
    elif _GROUPED_ENGLISH.fullmatch(s):
        value = float(s.replace(",", ""))
    elif _PLAIN.fullmatch(s) or _DECIMAL_POINT.fullmatch(s):
        value = float(s.replace(",", "."))
    else:
        return None
    return value if math.isfinite(value) else None  # 400 digits are no amount


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
    parsed = read_words(words) if words else None
    if parsed and parsed[1] == len(words):
        return parsed[0]
    if len(words) == 1 and words[0].lower() in ORDINAL_WORDS:
        return float(ORDINAL_WORDS[words[0].lower()])
    return None
