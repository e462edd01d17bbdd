"""Text cut into the tokens that the verifier compares, for sources and summaries alike.

Each number mention (digits, words or a Roman numeral) is one token, keyed by its value; each
run of letters is one token, keyed by its folded spelling; punctuation and white space separate
tokens and are otherwise ignored. A Claim is a string of the summary so cut, once per string.

An ordinal numeral counts what the words right before it name, its role: "quý IV" is a quarter,
"lần thứ II" and "Đại hội XIII" an occurrence, "khóa XV" a tenure, "kỳ họp thứ 5" a session,
"giai đoạn II" a phase, "đợt 2" a round; a numeral heading a line ("III. NHIỆM VỤ") is a section
and counts none of these. A Roman numeral is thus a quarter only after "quý".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..numbers import NumberMention, find_numbers, parse_numeral
from ..numbers.numerals import NUMBER_WORDS, ORDINAL_WORDS
from .once import once
from .text import CLAUSE_END, END_MARKS, SENTENCE_END, parse_date_text, word_key

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_KIND_GROUPS = {
    "date": "date",
    "time": "time",
    "tech": "tech",
    "docnum": "docnum",
    "phone": "phone",
    "hotline": "phone",
    "fraction": "fraction",
    "percent": "percent",
}
_PIECE = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_HAS_DIGIT = re.compile(r"\d")
# What a numeral without digits is made of, as the number reader reads it: a number or ordinal
# word, a Roman numeral, a one-letter list mark ("a)"); the letters that it also matches in
# another case ("İ" for "i") are no sure proof of anything and send a string to it whole.
_NUMERAL_WORDS = (
    frozenset(NUMBER_WORDS) | frozenset(ORDINAL_WORDS) | frozenset("abcdefghijklmnopqrstuvwxyzđ")
)
_ROMAN = "IVXLC"
_DIGIT_OR_ODD_CASE = re.compile(r"[\dİıſ]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")

SECTION = "section"
_ROLE_PHRASES = {
    "quarter": ("quý",),
    "phase": ("giai đoạn",),
    "round": ("đợt",),
    "term": ("kỳ", "kì"),
    "tenure": ("khóa", "khoá"),
    "session": ("kỳ họp", "kì họp", "phiên"),
    "occurrence": ("lần", "đại hội"),
}
_ROLES_BY_LAST_WORD: dict[tuple, list[tuple[list[tuple], str]]] = {}
for _role, _phrases in _ROLE_PHRASES.items():
    for _phrase in _phrases:
        _keys = [("w", word_key(w)) for w in _phrase.split()]
        _ROLES_BY_LAST_WORD.setdefault(_keys[-1], []).append((_keys, _role))
_RANK_WORD = ("w", word_key("thứ"))
_ORDINAL_KINDS = ("ordinal", "level")


class Token(NamedTuple):
    """One word or number of a text; a tuple, as a source has thousands of them."""

    key: tuple
    start: int
    end: int
    mention: NumberMention | None = None

    @property
    def is_number(self) -> bool:
        return self.key[0] != "w"


def number_key(m: NumberMention) -> tuple:
    """Dates compare by day, month and year; other numbers by every numeral they write, so
    "15/63" differs from "15/64" and "2G/3G/4G" from "2G/4G/4G"."""
    return _number_key(m.kind, m.text, m.value)


@lru_cache(maxsize=65536)
def _number_key(kind: str, text: str, value: float) -> tuple:
    """A source writes the same numerals again and again: each distinct one is keyed once."""
    if kind == "date":
        parts = parse_date_text(text)
        if parts[1] is not None:
            return ("date", *parts)
    if kind == "time":
        return ("time", re.sub(r"\s", "", text))
    groups = _DIGITS.findall(text)
    if not groups:
        return ("n", (round(value, 6),))
    return ("n", tuple(_numeral_key(g) for g in groups))


def _numeral_key(numeral: str) -> float | str:
    value = parse_numeral(numeral)
    return numeral if value is None else round(value, 6)


def kind_group(tok: Token) -> str:
    """Which numbers may compete for one context: years with years, dates with dates,
    technology names, document and phone numbers among themselves, all other amounts together."""
    if is_year(tok):
        return "year"
    if tok.mention is None:
        return "other"
    return _KIND_GROUPS.get(tok.mention.kind, "other")


def tokenize(text: str, mentions: list[NumberMention]) -> list[Token]:
    """Word and number tokens of text, in order."""
    tokens: list[Token] = []
    add, new, pieces, key = tokens.append, tuple.__new__, _PIECE.finditer, _piece_key
    pos = 0
    for m in [*mentions, None]:
        stop = len(text) if m is None else m.start
        for piece in pieces(text, pos, stop):
            add(new(Token, (key(piece.group()), piece.start(), piece.end(), None)))
        if m is not None:
            add(new(Token, (number_key(m), m.start, m.end, m)))
            pos = m.end
    return tokens


@lru_cache(maxsize=65536)
def _piece_key(piece: str) -> tuple:
    """The key of a word, or of digits that no number mention took."""
    return ("n", (_numeral_key(piece),)) if piece[0].isdigit() else ("w", word_key(piece))


def is_year(tok: Token) -> bool:
    """A four-digit whole number between 1900 and 2100."""
    if tok.key[0] != "n" or len(tok.key[1]) != 1 or isinstance(tok.key[1][0], str):
        return False
    value = tok.key[1][0]
    # the width first: a numeral of hundreds of digits parses to inf, which int() refuses
    return tok.end - tok.start == 4 and 1900 <= value <= 2100 and value == int(value)


def role_of(text: str, tokens: list[Token], i: int) -> str | None:
    """What ordinal number token i counts, by the words right before it ("thứ" passed over):
    None for a number that is no ordinal or whose words name no known role."""
    mention = tokens[i].mention
    if mention is None:
        return None
    if mention.kind == SECTION:
        return SECTION
    if mention.kind not in _ORDINAL_KINDS:
        return None
    k = i - 1
    if k >= 0 and tokens[k].key == _RANK_WORD and _adjacent(text, tokens[k], tokens[i]):
        k -= 1
    if k < 0 or not _adjacent(text, tokens[k], tokens[k + 1]):
        return None
    for keys, role in _ROLES_BY_LAST_WORD.get(tokens[k].key, ()):
        lo = k + 1 - len(keys)
        if lo >= 0 and [t.key for t in tokens[lo : k + 1]] == keys:
            return role
    return None


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return not text[a.end : b.start].strip()


def same_role(a: str | None, b: str | None) -> bool:
    """Whether two numbers may be one: equal roles, or one unknown; a section numeral is only
    ever a section numeral."""
    if a == b:
        return True
    return SECTION not in (a, b) and (a is None or b is None)


def render_value(value: float | None, *, grouped: bool = False) -> str:
    """A value in Vietnamese notation: 1332 or 1.332, 1,7."""
    if value is None:
        return "none"
    if float(value).is_integer():
        whole = int(value)
        return f"{whole:,}".replace(",", ".") if grouped else str(whole)
    text = f"{value:.10g}"
    if grouped and "." in text:
        head, tail = text.split(".")
        return f"{int(head):,}".replace(",", ".") + "," + tail
    return text.replace(".", ",")


@dataclass(frozen=True)
class Claim:
    """A string of the summary, read for numbers and tokenized like the source when these are
    first asked for: a metric's text found as written needs neither, and most free-text strings
    hold no number, so their checks need no tokens."""

    text: str

    @classmethod
    def of(cls, text: str) -> Claim:
        return _claim(text)

    @once
    def mentions(self) -> list[NumberMention]:
        return [] if holds_no_number(self.text) else find_numbers(self.text)

    @once
    def tokens(self) -> list[Token]:
        return tokenize(self.text, self.mentions)

    @once
    def keys(self) -> list[tuple]:
        return [t.key for t in self.tokens]

    @once
    def numbers(self) -> list[int]:
        """Positions of the number tokens: the mentions, and digits that no mention took."""
        if not self.mentions and not _HAS_DIGIT.search(self.text):
            return []
        return [i for i, t in enumerate(self.tokens) if t.key[0] != "w"]

    @once
    def _sentence_ends(self) -> _Marks:
        return _Marks.of(SENTENCE_END, self.text)

    @once
    def _clause_ends(self) -> _Marks:
        return _Marks.of(CLAUSE_END, self.text)

    def _bounds(self, pos: int, *, clause: bool) -> tuple[int, int]:
        marks = self._clause_ends if clause else self._sentence_ends
        tok = self.tokens[pos]
        return marks.before(self.text, tok.start), marks.after(tok.end, len(self.text))

    def sentence_numbers(self, pos: int, *, clause: bool = False) -> list[int]:
        """Positions of the other numbers in the claim's sentence (or ';'-clause) around pos."""
        begin, end = self._bounds(pos, clause=clause)
        return [p for p in self.numbers if p != pos and begin <= self.tokens[p].start < end]

    def clause_words(self, pos: int) -> frozenset[tuple]:
        """Keys of the words of the claim's ';'-clause around pos."""
        begin, end = self._bounds(pos, clause=True)
        return frozenset(t.key for t in self.tokens if not t.is_number and begin <= t.start < end)

    def neighbours(self, pos: int) -> set[tuple]:
        """Keys of the other numbers in the claim's sentence around pos."""
        keys = {self.tokens[p].key for p in self.sentence_numbers(pos)}
        return keys - {self.tokens[pos].key}

    def role(self, pos: int) -> str | None:
        return role_of(self.text, self.tokens, pos)

    def written(self, pos: int) -> str:
        tok = self.tokens[pos]
        return self.text[tok.start : tok.end]

    def is_bare_year(self) -> bool:
        words = [t for t in self.tokens if not t.is_number]
        return (
            len(self.numbers) == 1
            and is_year(self.tokens[self.numbers[0]])
            and all(t.key == ("w", "năm") for t in words)
        )

    def first_metric(self) -> NumberMention | None:
        mentions = [m for p in self.numbers if (m := self.tokens[p].mention) is not None]
        return next((m for m in mentions if m.is_metric), mentions[0] if mentions else None)


class _Marks(NamedTuple):
    """Where the sentence (or clause) ends of a claim stand, found in one pass: its numbers
    each ask for the sentence around them."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, pattern: re.Pattern[str], text: str) -> _Marks:
        spans = [m.span() for m in pattern.finditer(text)]
        return cls([a for a, _ in spans], [b for _, b in spans])

    def before(self, text: str, start: int) -> int:
        """Where the sentence holding offset start begins: after the last end before it, or at
        start itself after an end mark that no space follows ("1.200"), as a search that stops
        at start reads it."""
        if start and text[start - 1] in END_MARKS:
            return start
        k = bisect_right(self.ends, start)
        return self.ends[k - 1] if k else 0

    def after(self, end: int, length: int) -> int:
        """Where the sentence holding offset end stops: at the first end mark from end on."""
        k = bisect_left(self.starts, end)
        return self.starts[k] if k < len(self.starts) else length


def holds_no_number(text: str) -> bool:
    """Whether the number reader surely finds nothing in text: no digit, and no word that could
    be a numeral. Most strings of a summary are names, titles and units: this look at their
    words spares them the reader's full pass."""
    if _DIGIT_OR_ODD_CASE.search(text):
        return False
    for word in _LETTER_RUN.findall(text):
        if word.lower() in _NUMERAL_WORDS or not word.strip(_ROMAN):
            return False
    return True


@lru_cache(maxsize=4096)
def _claim(text: str) -> Claim:
    """Summaries repeat their strings across re-asks and batches: read each once."""
    return Claim(text)
