"""Vietnamese text matching for the verifier: folding with a map back to source offsets.

Folding makes a phrase from a summary comparable with the source while every match still names
offsets into the original string. It tolerates only differences that are not differences of
content: runs of white space (NBSP included) count as one space; letter case; typographic
variants of quotes and dashes; and the two conventions of Vietnamese tone-mark placement
("hoà"/"hòa", "uỷ"/"ủy", "hoè"/"hòe"). Digits and letters at the edges of a phrase must sit on
word boundaries, so "8 doanh nghiệp" is not found in "18 doanh nghiệp" nor "100" in "1.100".
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

_QUOTES_DASHES = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
}
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_QUOTE_OR_DASH = re.compile("[" + "".join(_QUOTES_DASHES) + "]")
_WS = re.compile(r"\s+")
# What \s+ -> " " changes, a lone space aside; \s first in each, which re looks for fast
_WS_TO_SPACE = re.compile(r"\s(?:\s+|(?<! ))")
_WS_RUN = re.compile(r"\s\s+")
_WORD = re.compile(r"[^\W\d_]+")


def _tone_pairs() -> dict[str, str]:
    """'òa' -> 'oà', 'ủy' -> 'uỷ': one placement, so both conventions fold alike."""
    pairs = {}
    for base, seconds in (("o", "ae"), ("u", "y")):
        for tone in _TONES:
            marked = unicodedata.normalize("NFC", base + tone)
            for second in seconds:
                pairs[marked + second] = base + unicodedata.normalize("NFC", second + tone)
    return pairs


_TONE_PAIRS = _tone_pairs()
_TONE_RE = re.compile("|".join(sorted(_TONE_PAIRS)))


def fold_chars(text: str) -> str:
    """The length-preserving part of folding: case, quotes, dashes, tone placement."""
    out = _QUOTE_OR_DASH.sub(_plain_quote_or_dash, unicodedata.normalize("NFC", text))
    lowered = out.lower()
    if len(lowered) == len(out):
        out = lowered
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group()], out)


def _plain_quote_or_dash(m: re.Match[str]) -> str:
    """A regex pass finds the few typographic marks faster than a translation table."""
    return _QUOTES_DASHES[m.group()]


@lru_cache(maxsize=8192)
def fold_phrase(text: str) -> str:
    """A summary phrase as it is searched for: folded, white space collapsed and trimmed."""
    return _WS.sub(" ", fold_chars(text)).strip()


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word as compared between summary and source."""
    return fold_chars(word)


@dataclass(frozen=True)
class Folded:
    """A source text folded for search, mapped back to original offsets.

    Folding only shortens runs of two or more white-space characters to one space, so the map
    is a shift that grows at each such run: `runs` holds the folded index of each run's space,
    `shifts` the characters dropped before it (one more entry, all of them, at the end),
    `run_starts` its original offset. Small arrays instead of two offsets per character: a 2 MB
    report stays small.
    """

    original: str
    text: str
    runs: array[int]
    shifts: array[int]
    run_starts: array[int]  # the original offset of each run

    def start_of(self, i: int) -> int:
        """Original offset of folded character i."""
        return i + self.shifts[bisect_left(self.runs, i)]

    def end_of(self, i: int) -> int:
        """Original offset just past folded character i (past the whole run for a run's space)."""
        return i + 1 + self.shifts[bisect_right(self.runs, i)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of folded characters [start, end)."""
        return self.start_of(start), self.end_of(end - 1)

    def first_from(self, offset: int) -> int:
        """The first folded character that starts at or after original offset."""
        if offset <= 0:
            return 0
        if offset >= len(self.original):
            return len(self.text)
        i, start = self._holding(offset)
        return i + 1 if start < offset else i

    def folded_at(self, offset: int) -> int:
        """How many folded characters end at or before original offset."""
        if offset <= 0:
            return 0
        if offset >= len(self.original):
            return len(self.text)
        return self._holding(offset)[0]

    def _holding(self, offset: int) -> tuple[int, int]:
        """The folded character holding original offset, and where that character starts: the
        folded characters tile the original, so two look-ups find it without a search."""
        k = bisect_right(self.run_starts, offset)
        if k and offset <= self.run_starts[k - 1] + self.shifts[k] - self.shifts[k - 1]:
            return self.runs[k - 1], self.run_starts[k - 1]
        return offset - self.shifts[k], offset


def fold(text: str) -> Folded:
    """Fold a source once; searches then run on Folded.text and map back through the shifts."""
    chars = fold_chars(text) if unicodedata.is_normalized("NFC", text) else text
    if len(chars) != len(text):
        chars = text
    # A lone white-space character keeps its offsets; only longer runs shift what follows them.
    runs, shifts, run_starts = array("q"), array("q", [0]), array("q")
    for run in _WS_RUN.finditer(chars):
        runs.append(run.start() - shifts[-1])
        run_starts.append(run.start())
        shifts.append(shifts[-1] + run.end() - run.start() - 1)
    return Folded(text, _WS_TO_SPACE.sub(" ", chars), runs, shifts, run_starts)


def _numeric_edge(text: str, i: int, step: int) -> bool:
    """Whether position i continues a numeral: a digit, or a separator followed by a digit."""
    if not 0 <= i < len(text):
        return False
    if text[i].isdigit():
        return True
    nxt = i + step
    return text[i] in ".," and 0 <= nxt < len(text) and text[nxt].isdigit()


def on_boundaries(text: str, start: int, end: int) -> bool:
    """A match [start, end) must not cut a word or a numeral at either edge."""
    first, last = text[start], text[end - 1]
    if first.isdigit() and _numeric_edge(text, start - 1, -1):
        return False
    if first.isalnum() and start > 0 and text[start - 1].isalnum():
        return False
    if last.isdigit() and _numeric_edge(text, end, 1):
        return False
    return not (last.isalnum() and end < len(text) and text[end].isalnum())


def locate(
    phrase: str, source: Folded, lo: int = 0, hi: int | None = None
) -> tuple[int, int] | None:
    """Original span of the first occurrence of phrase within original offsets [lo, hi)."""
    needle = fold_phrase(phrase)
    if not needle:
        return None
    hay = source.text
    # folded characters that start at or after lo and end at or before hi
    pos = source.first_from(lo) if lo > 0 else 0
    stop = len(hay) if hi is None else source.folded_at(hi)
    while True:
        found = hay.find(needle, pos, stop)
        if found < 0:
            return None
        start, end = source.span(found, found + len(needle))
        if on_boundaries(source.original, start, end):
            return start, end
        pos = found + 1


def difference(claim: str, found: str) -> str | None:
    """None when claim is the source text as written; else what folding had to forgive."""
    claim = unicodedata.normalize("NFC", claim).strip()
    if claim == found:
        return None
    claim, found = " ".join(claim.split()), " ".join(found.split())
    if claim == found:
        return "white space"
    if claim.lower() == found.lower():
        return "letter case"
    return "quotes, dashes, letter case or tone-mark placement"


def words(text: str) -> list[re.Match[str]]:
    """The letter runs of text (digits and punctuation excluded)."""
    return list(_WORD.finditer(text))


# --- Sentences and clauses ----------------------------------------------------------------------


END_MARKS = ".!?…"  # marks that end a sentence before white space or the text's end


def _ends(breaks: str) -> re.Pattern[str]:
    """A mark of breaks, or one of .!?… before white space or the end: one character class
    first, which re looks for fast, rather than an alternation it tries at every place."""
    return re.compile(rf"[{breaks}{END_MARKS}](?:(?<=[{breaks}])|(?=\s|$))")


SENTENCE_END = _ends("\n")
CLAUSE_END = _ends("\n;")  # ';' ends a clause too


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding [start, end): from after the previous end mark to the next."""
    begin = 0
    for mark in SENTENCE_END.finditer(text, text.rfind("\n", 0, start) + 1, start):
        begin = mark.end()
    begin = max(begin, text.rfind("\n", 0, start) + 1)
    after = SENTENCE_END.search(text, max(end - 1, start))
    stop = after.start() if after else len(text)
    return begin, max(stop, end)


def clause_scope(
    text: str, start: int, end: int, sentence: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """The ';'-clause holding [start, end) plus the sentence's lead before a ':' if any
    (sentence: its sentence_bounds, when the caller has them)."""
    s_begin, s_end = sentence or sentence_bounds(text, start, end)
    c_begin = text.rfind(";", s_begin, start) + 1 or s_begin
    c_end = text.find(";", end, s_end)
    c_end = s_end if c_end < 0 else c_end
    scope = [(max(c_begin, s_begin), c_end)]
    colon = text.find(":", s_begin, start)
    if colon >= 0 and colon < c_begin:
        scope.append((s_begin, colon))
    return scope


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph holding [start, end): a paragraph is one line of the normalised text."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, len(text) if stop < 0 else stop


_LIST_ITEM = re.compile(r"[ \t]*(?:[-+•*–]|[a-zđ][)]|\d{1,2}[.)])\s")
_HEADING = re.compile(r"[ \t]*[IVXLC]+[.)]\s")
_LIST_REACH = 30  # lines looked back from an item for the lead of its list
_HEADING_MAX = 160


def _is_heading(line: str) -> bool:
    """A section heading: "V. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2020", or a short line in capitals."""
    if len(line) > _HEADING_MAX:
        return False
    if _HEADING.match(line):
        return True
    letters = list(filter(str.isalpha, line))
    return bool(letters) and sum(map(str.isupper, letters)) > 0.8 * len(letters)


def _lines_before(text: str, start: int) -> list[tuple[int, str]]:
    """The lines before the one holding offset start, nearest first, with their offsets."""
    found: list[tuple[int, str]] = []
    end = text.rfind("\n", 0, start)
    while end >= 0 and len(found) < _LIST_REACH:
        begin = text.rfind("\n", 0, end) + 1
        found.append((begin, text[begin:end]))
        end = begin - 1
    return found


def list_lead(text: str, start: int) -> tuple[int, int] | None:
    """For a position in a list, the line that introduces the list: for bulleted, numbered
    ("1.", "a)") or dashed items the nearest line above that is no item and ends with ':' or
    is a heading; for bare lines, the line ending with ':' that they follow without a break."""
    line_start = text.rfind("\n", 0, start) + 1
    bulleted = bool(_LIST_ITEM.match(text, line_start))
    for begin, line in _lines_before(text, line_start):
        if not line.strip():
            if bulleted:
                continue
            return None
        if bulleted and _LIST_ITEM.match(line):
            continue
        if line.rstrip().endswith(":") or (bulleted and _is_heading(line)):
            return begin, begin + len(line)
        if bulleted or _is_heading(line):
            return None
    return None


# --- Dates --------------------------------------------------------------------------------------

_DATE_WORDS = re.compile(
    r"(?:(?:ngày\s+)?(\d{1,2})\s+)?tháng\s+(\d{1,2})(?:\s*(?:,\s*)?(?:năm\s+|[-/.]\s*)(\d{4}))?",
    re.IGNORECASE,
)
_DATE_DIGITS = re.compile(r"(\d{1,4})\s*[/.-]\s*(\d{1,4})(?:\s*[/.-]\s*(\d{2,4}))?")


def parse_date_text(text: str) -> tuple[int | None, int | None, int | None]:
    """(day, month, year) of a written date; None for a part the text leaves out."""
    m = _DATE_WORDS.search(text)
    if m:
        day, month, year = m.groups()
        return _int(day), _int(month), _int(year)
    m = _DATE_DIGITS.search(text)
    if not m:
        return None, None, None
    first, second, third = m.groups()
    if third is None and len(first) <= 2 and len(second) <= 2:
        return int(first), int(second), None
    if third is None:
        return None, int(first), int(second) if len(second) == 4 else None
    year = int(third) if len(third) == 4 else None
    return int(first), int(second), year


def _int(part: str | None) -> int | None:
    return int(part) if part else None
