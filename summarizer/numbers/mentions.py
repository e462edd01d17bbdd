"""Number mentions in Vietnamese text: where they stand, what they are worth, and what kind.

One precompiled regex (summarizer.numbertokens) finds every candidate numeral: digits, words,
Roman numerals in ordinal slots. Each candidate is then classified here by the words around it,
which summarizer.numbercues reads. The rules are rules of Vietnamese writing and of the
news-portal genre: a number after its noun is a label ("giai đoạn 2"), before its noun a count
("2 giai đoạn"). Reading one numeral's value is summarizer.numbers.numerals' job; its public names are
re-exported here so callers need one import.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..schema import Qualifier
from . import cues
from .numerals import (
    ORDINAL_WORDS,
    SCALE_WORDS,
    SCALES,
    numbers_equal,
    parse_digits,
    parse_numeral,
    parse_roman,
    read_words,
)
from .tokens import WS, find_tokens

__all__ = [
    "METRIC_KINDS",
    "SCALES",
    "Kind",
    "NumberMention",
    "find_numbers",
    "numbers_equal",
    "parse_numeral",
]

Kind = Literal[
    "quantity", "percent", "fraction", "year", "date", "time", "docnum", "phone", "hotline",
    "ordinal", "level", "tech", "duration", "section", "furniture", "rate_base",
]  # fmt: skip

METRIC_KINDS: frozenset[str] = frozenset({"quantity", "percent", "fraction"})


@dataclass(frozen=True)
class NumberMention:
    """One number as it stands in the text, parsed and classified."""

    start: int
    end: int
    text: str
    value: float
    kind: Kind
    total: float | None = None
    in_words: bool = False
    scale: str | None = None
    qualifier: Qualifier | None = None
    qualifier_span: tuple[int, int] | None = None

    @property
    def is_metric(self) -> bool:
        """Whether the document may report this number as a quantity (docs/schema.md "Metric")."""
        return self.kind in METRIC_KINDS

    @property
    def scaled_value(self) -> float:
        """The value with its scale word applied: 554 nghìn is 554000."""
        return self.value * SCALES.get(self.scale or "", 1.0)


# --------------------------------------------------------------------------- classification


def _mention(
    text: str,
    start: int,
    end: int,
    value: float,
    kind: Kind,
    *,
    total: float | None = None,
    in_words: bool = False,
    scale: str | None = None,
) -> NumberMention:
    qualifier, span = cues.qualify(text, start) if kind in METRIC_KINDS else (None, None)
    return NumberMention(
        start, end, text[start:end], value, kind, total, in_words, scale, qualifier, span
    )


_DIGITS = re.compile(r"\d+")
_NOT_DIGIT = re.compile(r"\D")
_NOT_SPACES = re.compile(r"\S+")
_DAY_MONTH_MARK = re.compile(rf"{WS}?[-./]{WS}?")


def _leading_value(s: str) -> float:
    m = _DIGITS.match(s)
    return float(m.group()) if m else 0.0


def _date_plausible(day: float, month: float) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12 and day.is_integer() and month.is_integer()


def _fraction(text: str, m: re.Match[str]) -> NumberMention | None:
    start, end = m.span("frac")
    x, y = parse_digits(m.group("fx")), parse_digits(m.group("fy"))
    if x is None or y is None:
        return None  # a numeral too long for a float
    before, after = cues.text_before(text, start), cues.text_after(text, end)
    if cues.cue_before(text, start) == "rank":
        return _mention(text, start, end, x, "ordinal")  # "thứ 15/63"
    if (x, y) == (24, 7):
        return _mention(text, start, end, x, "duration")  # "24/7": round the clock
    short = len(m.group("fx")) <= 2 and len(m.group("fy")) <= 2
    if 1 <= x <= 12 and len(m.group("fy")) == 4 and 1900 <= y <= 2100:
        return _mention(text, start, end, x, "date")  # month/year
    if short and _date_plausible(x, y):
        cue = (
            cues.DATE_CUE_BEFORE.search(before) and not cues.QUANTITY_FOLLOWS.match(after)
        ) or cues.CLOCK_AFTER_DATE.match(after)
        if x > y or cue or cues.NAMED_DAY_BEFORE.search(before):
            return _mention(text, start, end, x, "date")
    return _mention(text, start, end, x, "fraction", total=y)


_CUE_KINDS: dict[str, Kind] = {
    "docnum": "docnum", "rank": "ordinal", "label": "ordinal", "level": "level", "date": "date",
}  # fmt: skip
_POINT_ZERO = re.compile(r"\d+\.0")  # "4.0": a name, not a number


def _plain_kind(
    text: str, start: int, end: int, numeral: str, value: float, cue: str | None, after: str
) -> Kind:
    """The kind of a bare numeral from the words around it (percent handled by the caller)."""
    return (
        _contact_or_rate_kind(text, start, end, numeral, value, cue)
        or _section_kind(text, start, after)
        or _year_or_cued_kind(text, start, numeral, value, cue, after)
        or _kind_from_neighbours(text, start, numeral, value, cue, after)
        or "quantity"
    )


def _contact_or_rate_kind(
    text: str, start: int, end: int, numeral: str, value: float, cue: str | None
) -> Kind | None:
    """Numbers to call and the base of a rate, which a cue word or "trên 100 dân" gives away."""
    if cue == "hotline":
        return "phone" if len(numeral) >= 8 else "hotline"
    if cue in ("phone", "rate"):
        return "rate_base" if cue == "rate" else "phone"
    if cues.is_rate_base(text, start, end, value):
        return "rate_base"
    return None


def _section_kind(text: str, start: int, after: str) -> Kind | None:
    """List numbering: "1. ..." opening a line, "(1) ..." opening a line or a list."""
    if cues.at_line_start(text, start) and cues.SECTION_MARK_AFTER.match(after):
        return "section"
    if (
        text[start - 1 : start] == "("
        and after.startswith(")")
        and (
            cues.at_line_start(text, start)
            or cues.LIST_OPEN_BEFORE.search(cues.text_before(text, start))
        )
    ):
        return "section"
    return None


def _year_or_cued_kind(
    text: str, start: int, numeral: str, value: float, cue: str | None, after: str
) -> Kind | None:
    """Years, and what the cue word before the number names (a label, rank, level, date)."""
    year = numeral.isdigit() and len(numeral) == 4 and 1900 <= value <= 2099
    if year and cue != "counted" and not cues.qualify(text, start)[0]:
        return "year"  # but "hơn 2000 người" is a count
    if (
        cue == "label"
        and cues.DURATION_AFTER.match(after)
        and not cues.DATED_UNIT_AFTER.match(after)
    ):
        return "duration"  # "trong vòng 3 ngày", but "quý 3 năm 2023" is a label
    return _CUE_KINDS.get(cue or "")


def _kind_from_neighbours(
    text: str, start: int, numeral: str, value: float, cue: str | None, after: str
) -> Kind | None:
    """Not-metrics told by the words after the number, or by a name just before it."""
    bare = numeral.isdigit()
    if (
        bare
        and cues.ADDRESS_AFTER.match(after)
        and cues.text_before(text, start, 8).rstrip().endswith("số")
    ):
        return "ordinal"  # a house number: "số 3, phường Hồng Hà"
    if cues.LEVEL_AFTER.match(after):
        return "level"
    if cue == "cap" and value <= 9 and not cues.LOWER_WORD_AFTER.match(after):
        return "level"  # "cấp 3", but "cấp 128 giấy phép" is a count
    if cues.CLOCK_AFTER.match(after):
        return "time"
    if cues.DURATION_AFTER.match(after):
        return "duration"
    if _POINT_ZERO.fullmatch(numeral):
        return "tech"  # "4.0"
    if bare and 3 <= len(numeral) <= 5 and numeral[0] != "0" and cues.PLACE_AFTER.match(after):
        return "hotline"  # "1022 Tây Ninh"
    if (
        bare
        and len(numeral) <= 3
        and cues.CLAUSE_END_AFTER.match(after)
        and cues.NAME_BEFORE.search(cues.text_before(text, start))
    ):
        return "ordinal"  # a number in a name: "KCN Yên Phong 1"
    return None


def _number(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("num")
    pct = m.group("pct")
    numeral = text[start : m.start("pct")] if pct else m.group("num")
    value = parse_digits(numeral)
    if value is None:
        value = _leading_value(numeral)
    before, after = text[max(0, start - 2) : start], cues.text_after(text, end)
    cue = cues.cue_before(text, start)
    if cue == "furniture" or cues.FURNITURE_AFTER.match(after):
        return _mention(text, start, end, value, "furniture")
    if before.endswith("(") and cues.FILE_SIZE_AFTER.match(after):
        return _mention(text, start, end, value, "furniture")  # "(245 KB)"
    glued = before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())
    if glued or (after[:1].isupper() and not cues.GLUED_UNIT_AFTER.match(after)):
        return _mention(text, start, end, value, "tech")  # "Covid-19", "IPv6", "3D"
    if pct:
        return _mention(text, start, end, value, "percent")
    kind = _plain_kind(text, start, end, numeral, value, cue, after)
    scale = None
    if kind == "quantity" and (sm := cues.SCALE_AFTER.match(after)):
        scale = " ".join(sm.group("s").split())
    return _mention(text, start, end, value, kind, scale=scale)


def _split_scale(
    words: list[str], start: int, used: int, value: float
) -> tuple[float, int, str | None]:
    """A numeral in words ending in a scale word that scales all of it keeps that word apart:
    "hai triệu" is 2 triệu, but "một triệu năm trăm nghìn" is 1,500,000 with no scale."""
    span = [w.lower() for w in words[start : start + used]]
    k = 2 if used > 2 and " ".join(span[-2:]) in SCALES else 1
    phrase = " ".join(span[-k:])
    if used <= k or phrase not in SCALES or any(w in SCALE_WORDS for w in span[:-k]):
        return value, used, None
    return value / SCALES[phrase], used - k, phrase


def _word_mentions(text: str, m: re.Match[str]) -> Iterator[NumberMention]:
    """Numbers in words: multi-word numerals always, a lone word only when it counts."""
    base, chunk = m.start("words"), m["words"]
    words = chunk.split()
    if len(words) == 1 and not cues.word_counts(text, base, base + len(chunk), chunk):
        return  # a lone word that counts nothing ("không", "năm học"): most of them
    tokens = [(base + t.start(), base + t.end()) for t in _NOT_SPACES.finditer(chunk)]
    i = 0
    while i < len(words):
        parsed = read_words(words, i)
        if not parsed:
            i += 1
            continue
        value, used = parsed
        value, used_span, scale = _split_scale(words, i, used, value)
        start, end = tokens[i][0], tokens[i + used_span - 1][1]
        lone = used == 1 and not scale
        last_end = tokens[i + used - 1][1]
        i += used
        if lone and not cues.word_counts(text, start, end, words[i - 1]):
            continue
        after = cues.text_after(text, last_end)
        kind: Kind = "quantity"
        if not scale and (pct := cues.PERCENT_WORDS_AFTER.match(after)):
            kind, end = "percent", last_end + pct.end()  # "năm mươi phần trăm"
        elif cues.LEVEL_AFTER.match(after):
            kind = "level"
        elif cues.DURATION_AFTER.match(after):
            kind = "duration"
        elif cues.cue_before(text, start) == "rank":
            kind = "ordinal"
        yield _mention(text, start, end, value, kind, in_words=True, scale=scale)


def _roman(text: str, m: re.Match[str], group: str) -> NumberMention | None:
    value = parse_roman(m[group])
    if not value:
        return None
    start, end = m.span(group)
    if group == "secr":
        return _mention(text, start, end, float(value), "section")
    cue = text[m.start() : start].strip().lower()
    kind: Kind = "level" if cue in ("cấp", "loại") else "ordinal"
    return _mention(text, start, end, float(value), kind)


def _ordinal_word(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("ordw")
    value = float(ORDINAL_WORDS[m["ordw"].lower()])
    cue = text[m.start() : start].strip()
    weekday = cue.lower() == "thứ" and cues.WEEKDAY_AFTER.match(cues.text_after(text, end))
    return _mention(text, start, end, value, "date" if weekday else "ordinal", in_words=True)


def _dated(text: str, m: re.Match[str], group: str) -> NumberMention | None:
    start, end = m.span(group)
    if group == "cued":
        parts = _DAY_MONTH_MARK.split(m[group])
        day, month = float(parts[0]), float(parts[1])
        if not _date_plausible(day, month):
            return None
    return _mention(text, start, end, _leading_value(m[group]), "date")


def _simple(text: str, m: re.Match[str], group: str) -> NumberMention:
    kinds: dict[str, Kind] = {
        "doc": "docnum", "tech": "tech", "time": "time", "hot": "hotline", "iso": "date",
        "secn": "section",
    }  # fmt: skip
    start, end = m.span(group)
    if group in ("phone", "phone2"):
        return _mention(text, start, end, float(_NOT_DIGIT.sub("", m[group])), "phone")
    return _mention(text, start, end, _leading_value(m[group]), kinds[group])


_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the Vietnamese alphabet that lists run through


def _letter_section(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("secl")
    letter = m["secl"]
    value = _LETTERS.index(letter) + 1 if letter in _LETTERS else ord(letter) - 96
    return _mention(text, start, end, float(value), "section")


def _chain(text: str, m: re.Match[str]) -> Iterator[NumberMention]:
    """A slash chain of three or more numbers ("113/114/115") lists numbers to call or labels,
    each one on its own; it counts nothing."""
    base = m.start("chain")
    for part in _DIGITS.finditer(m["chain"]):
        kind: Kind = "hotline" if len(part.group()) >= 3 else "ordinal"
        start, end = base + part.start(), base + part.end()
        yield _mention(text, start, end, float(part.group()), kind)


# A bare numeral's kind is read from at most this many characters on either side (the widest
# cue windows: 60 before a qualifier, 30 more before it; 60 after), plus how far its line's
# leading spaces and a space run after it reach: within the window, the same context gives the
# same mention, so a text that repeats itself (a table, a row of counters) classifies it once.
_CONTEXT_BEFORE = 100
_CONTEXT_AFTER = 100
_LONG_SPACE = re.compile(r"\s{20}")
_REMEMBERED = 50_000  # contexts kept per text: memory stays bounded on a text that never repeats
_LINE_LEAD = " \t\u00a0("  # what at_line_start looks back over


class _Numerals:
    """Bare numerals of one text, each distinct context classified once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[tuple[str, int, int, int], NumberMention] = {}

    def _context(self, m: re.Match[str]) -> tuple[str, int, int, int] | None:
        """The window the numeral's kind depends on, or None when a cue may reach past it."""
        text = self.text
        start, end = m.span("num")
        lo, hi = max(0, start - _CONTEXT_BEFORE), end + _CONTEXT_AFTER
        if lo > 0 and text[start - 1] in _LINE_LEAD and not text[lo:start].rstrip(_LINE_LEAD):
            return None  # the line's start lies further back
        if hi < len(text) and text[end : end + 1].isspace() and _LONG_SPACE.search(text, end, hi):
            return None  # a space run may carry a cue after the window
        pct = m.start("pct") - start if m.group("pct") else -1
        return text[lo:hi], start - lo, end - start, pct

    def number(self, m: re.Match[str]) -> NumberMention:
        # In a text no longer than the window before a numeral, each numeral's context starts
        # at the text's start: no two share one, and none is worth keeping.
        key = self._context(m) if len(self.text) > _CONTEXT_BEFORE else None
        if key is None:
            return _number(self.text, m)
        start = m.start("num")
        known = self.seen.get(key)
        if known is None:
            found = _number(self.text, m)
            if len(self.seen) < _REMEMBERED:
                self.seen[key] = found
            return found
        shift = start - known.start
        if not shift:
            return known
        k, span = known, known.qualifier_span
        return NumberMention(  # positional: dataclasses.replace costs more than the rest
            k.start + shift,
            k.end + shift,
            k.text,
            k.value,
            k.kind,
            k.total,
            k.in_words,
            k.scale,
            k.qualifier,
            None if span is None else (span[0] + shift, span[1] + shift),
        )


_Reader = Callable[[str, re.Match[str], str], NumberMention | None]
_READERS: dict[str, _Reader] = {
    "frac": lambda text, m, _: _fraction(text, m),
    "ordw": lambda text, m, _: _ordinal_word(text, m),
    "secl": lambda text, m, _: _letter_section(text, m),
    **dict.fromkeys(("date3", "dmy", "month", "cued"), _dated),
    **dict.fromkeys(("rom", "secr"), _roman),
    **dict.fromkeys(("doc", "tech", "time", "hot", "iso", "secn", "phone", "phone2"), _simple),
}  # which reader a candidate's group calls: one look-up, not a chain of tests
_SKIPPED = frozenset({"skip", "skip2"})


def _candidates(text: str) -> Iterator[NumberMention]:
    numerals = _Numerals(text)
    mention: NumberMention | None
    for m in find_tokens(text):
        group = m.lastgroup
        if group == "num":
            mention = numerals.number(m)
        elif group is None or group in _SKIPPED:
            continue
        elif group == "words" or group == "chain":
            yield from (_word_mentions if group == "words" else _chain)(text, m)
            continue
        else:
            mention = _READERS[group](text, m, group)
        if mention is not None and math.isfinite(mention.value):
            yield mention  # a numeral too long for a float (400 digits) is no amount


def _relabel(mention: NumberMention, kind: Kind) -> NumberMention:
    """A not-metric keeps no qualifier or scale (positional: dataclasses.replace costs more)."""
    m = mention
    return NumberMention(m.start, m.end, m.text, m.value, kind, m.total, m.in_words)


def _after_neighbour(text: str, prev: NumberMention, cur: NumberMention) -> Kind:
    """The kind of a plain count given the mention before it."""
    gap = text[prev.end : cur.start]
    if (
        prev.kind in ("time", "furniture")
        and gap
        and not gap.strip(cues.SPACES)
        and cues.TRAILING_COUNT_AFTER.match(text, cur.end)
    ):
        return "furniture"  # "21/01/2021 15:00 817 0"
    if prev.kind == "level" and cues.LEVEL_LIST_GAP.fullmatch(gap) and cur.value <= 9:
        return "level"  # "mức độ 3, 4"
    return cur.kind


def _is_range(text: str, prev: NumberMention, cur: NumberMention) -> bool:
    """ "10-15%", "10 - 15 triệu", "3 đến 5 năm": two numbers that share what follows them."""
    shares = cur.kind in ("duration", "level", "percent") or (
        cur.kind == "quantity" and cur.scale and not prev.scale
    )
    return bool(shares and cues.RANGE_GAP.fullmatch(text, prev.end, cur.start))


def _share_unit(prev: NumberMention, cur: NumberMention) -> NumberMention:
    """The first number of a range takes the kind and scale of the second."""
    if cur.kind in ("duration", "level"):
        return _relabel(prev, cur.kind)  # "3-5 năm": not metrics
    p = prev
    return NumberMention(
        p.start, p.end, p.text, p.value, cur.kind, p.total, p.in_words, cur.scale, p.qualifier,
        p.qualifier_span,
    )  # fmt: skip


def _number_lines(text: str) -> list[tuple[int, int]]:
    """The lines of bare numbers in text, as (start, end)."""
    if "\n" not in text:  # one line, a summary's string most often: one match decides
        return [m.span()] if (m := cues.NUMBER_LINE.match(text)) else []
    return [(ln.start(), ln.end()) for ln in cues.NUMBER_LINE.finditer(text)]


def _in_context(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Rules that need a mention's neighbours: widget lines, counters, lists and ranges."""
    if not found:
        return found
    lines = _number_lines(text)
    starts = [s for s, _ in lines]
    out: list[NumberMention] = []
    for cur in found:
        k = bisect_right(starts, cur.start) - 1 if lines else -1
        if k >= 0 and cur.end <= lines[k][1]:
            cur = _relabel(cur, "furniture")  # a line of bare numbers: "10 1", a lone "100%"
        prev = out[-1] if out else None
        if (
            prev
            and cur.kind == "quantity"
            and (kind := _after_neighbour(text, prev, cur)) != cur.kind
        ):
            cur = _relabel(cur, kind)
        if prev and prev.kind == "quantity" and _is_range(text, prev, cur):
            out[-1] = _share_unit(prev, cur)
        out.append(cur)
    return out


_SHARED_CHARS = 1000  # a source, not a summary string: found once for every reader of it
_SHARED_SOURCES = 8  # the documents in hand: the rules backend, then the verifier, read each


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in text order, non-overlapping, each classified."""
    if len(text) >= _SHARED_CHARS:
        return list(_source_numbers(text))
    return _in_context(text, list(_candidates(text)))


@lru_cache(maxsize=_SHARED_SOURCES)
def _source_numbers(text: str) -> tuple[NumberMention, ...]:
    """The rules backend and the verifier both read a document's numbers: find them once."""
    return tuple(_in_context(text, list(_candidates(text))))


def forget_numbers() -> None:
    """Drop the sources' numbers kept for their next reader."""
    _source_numbers.cache_clear()
