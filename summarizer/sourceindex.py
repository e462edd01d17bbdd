"""The source text indexed once per verification: folded text, number tokens, dates, contexts.

Text is cut into tokens: each number mention (digits, words or a Roman numeral) is one token,
keyed by its value; each run of letters is one token, keyed by its folded spelling; punctuation
and white space separate tokens and are otherwise ignored. Context matching compares the runs
of equal tokens on either side of a number in the summary and in the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from .numbers import NumberMention, find_numbers, parse_numeral
from .text import SENTENCE_END, Folded, fold, locate, parse_date_text, word_key

_CONTEXT_REACH = 8  # tokens compared on each side of a number
_MIN_CONTEXT = 2  # another number wins only with at least this much matching context
_MARGIN = 2  # how much more context another number needs to overrule the claimed one
_CLEAR_MARGIN = 4  # ... to overrule it even where the claimed one shares more of its sentence
_SCOPE_BONUS = 0.5  # an occurrence inside the item's own evidence wins ties

_CLAUSE_END = re.compile(SENTENCE_END.pattern + "|;")
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


class Spanned(Protocol):
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    key: tuple
    start: int
    end: int
    mention: NumberMention | None = None

    @property
    def is_number(self) -> bool:
        return self.key[0] != "w"


@dataclass(frozen=True)
class Hit:
    """A source number aligned with a claimed one: matching tokens before and after it."""

    index: int
    before: int
    after: int
    anchors: int = 0  # other numbers of the claim's sentence found in this one's sentence
    bonus: float = 0.0

    @property
    def score(self) -> float:
        return self.before + self.after + self.bonus

    def beats(self, other: Hit | None) -> bool:
        """At least as much context on each side and more in all: a margin of two tokens, or of
        four when the other shares more of the claim's other numbers in its sentence."""
        if other is None:
            return True
        if self.before < other.before or self.after < other.after:
            return False
        if self.anchors < other.anchors:
            return self.score >= other.score + _CLEAR_MARGIN
        return self.score >= other.score + _MARGIN


def number_key(m: NumberMention) -> tuple:
    """Dates compare by day, month and year; other numbers by every numeral they write, so
    "15/63" differs from "15/64" and "2G/3G/4G" from "2G/4G/4G"."""
    if m.kind == "date":
        parts = parse_date_text(m.text)
        if parts[1] is not None:
            return ("date", *parts)
    if m.kind == "time":
        return ("time", re.sub(r"\s", "", m.text))
    groups = _DIGITS.findall(m.text)
    if not groups:
        return ("n", (round(m.value, 6),))
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
    pos = 0
    for m in [*mentions, None]:
        stop = len(text) if m is None else m.start
        for piece in _PIECE.finditer(text, pos, stop):
            word = piece.group()
            digits = word[0].isdigit()
            key = ("n", (_numeral_key(word),)) if digits else ("w", word_key(word))
            tokens.append(Token(key, piece.start(), piece.end()))
        if m is not None:
            tokens.append(Token(number_key(m), m.start, m.end, m))
            pos = m.end
    return tokens


def is_year(tok: Token) -> bool:
    """A four-digit whole number between 1900 and 2100."""
    if tok.key[0] != "n" or len(tok.key[1]) != 1 or isinstance(tok.key[1][0], str):
        return False
    value = tok.key[1][0]
    return value == int(value) and 1900 <= value <= 2100 and tok.end - tok.start == 4


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
    """A string of the summary, tokenized like the source."""

    text: str
    tokens: list[Token]
    numbers: list[int]

    @classmethod
    def of(cls, text: str) -> Claim:
        return _claim(text)

    def sentence_numbers(self, pos: int, *, clause: bool = False) -> list[int]:
        """Positions of the other numbers in the claim's sentence (or ';'-clause) around pos."""
        ends = _CLAUSE_END if clause else SENTENCE_END
        start = self.tokens[pos].start
        begin = max((m.end() for m in ends.finditer(self.text, 0, start)), default=0)
        after = ends.search(self.text, self.tokens[pos].end)
        end = after.start() if after else len(self.text)
        return [p for p in self.numbers if p != pos and begin <= self.tokens[p].start < end]

    def neighbours(self, pos: int) -> set[tuple]:
        """Keys of the other numbers in the claim's sentence around pos."""
        keys = {self.tokens[p].key for p in self.sentence_numbers(pos)}
        return keys - {self.tokens[pos].key}

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
        mentions = [self.tokens[p].mention for p in self.numbers if self.tokens[p].mention]
        return next((m for m in mentions if m.is_metric), mentions[0] if mentions else None)


@lru_cache(maxsize=4096)
def _claim(text: str) -> Claim:
    """Summaries repeat their strings across re-asks and batches: tokenize each once."""
    tokens = tokenize(text, find_numbers(text))
    return Claim(text, tokens, [i for i, t in enumerate(tokens) if t.is_number])


class SourceIndex:
    """Everything verification looks up in one source, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded: Folded = fold(text)
        self.mentions = find_numbers(text)
        self.tokens = tokenize(text, self.mentions)
        self._starts = [t.start for t in self.tokens]
        self.by_key: dict[tuple, list[int]] = {}
        self.followed_by: dict[tuple, list[int]] = {}  # number tokens by the key after them
        self.preceded_by: dict[tuple, list[int]] = {}  # number tokens by the key before them
        self._sentence_starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        self._sentence_keys: dict[int, set[tuple]] = {}
        for i, tok in enumerate(self.tokens):
            if not tok.is_number:
                continue
            self.by_key.setdefault(tok.key, []).append(i)
            sentence = bisect_right(self._sentence_starts, tok.start) - 1
            self._sentence_keys.setdefault(sentence, set()).add(tok.key)
            if i + 1 < len(self.tokens):
                self.followed_by.setdefault(self.tokens[i + 1].key, []).append(i)
            if i > 0:
                self.preceded_by.setdefault(self.tokens[i - 1].key, []).append(i)

    def snippet(self, at: Spanned, reach: int = 40) -> str:
        """The source around a place, on one line."""
        lo, hi = max(0, at.start - reach), min(len(self.text), at.end + reach)
        return " ".join(self.text[lo:hi].split())

    # --- context alignment ----------------------------------------------------------------------

    def _run(self, claim: Claim, pos: int, j: int, step: int) -> int:
        n = 0
        while n < _CONTEXT_REACH:
            a, b = pos + step * (n + 1), j + step * (n + 1)
            if not (0 <= a < len(claim.tokens) and 0 <= b < len(self.tokens)):
                break
            if claim.tokens[a].key != self.tokens[b].key:
                break
            n += 1
        return n

    def _hit(self, claim: Claim, pos: int, j: int, scope: tuple[int, int] | None) -> Hit:
        tok = self.tokens[j]
        inside = bool(scope and scope[0] <= tok.start and tok.end <= scope[1])
        anchors = len(claim.neighbours(pos) & self.sentence_keys(tok.start) - {tok.key})
        before, after = self._run(claim, pos, j, -1), self._run(claim, pos, j, 1)
        return Hit(j, before, after, anchors, _SCOPE_BONUS if inside else 0.0)

    def sentence_start(self, offset: int) -> int:
        return self._sentence_starts[bisect_right(self._sentence_starts, offset) - 1]

    def sentence_keys(self, offset: int) -> set[tuple]:
        """Keys of the numbers in the source sentence around offset."""
        return self._sentence_keys.get(bisect_right(self._sentence_starts, offset) - 1, set())

    def align(
        self, claim: Claim, pos: int, scope: tuple[int, int] | None
    ) -> tuple[Hit | None, Hit | None]:
        """The best occurrence of the claimed number, and the best place where another number
        of the same kind stands in the claimed number's context."""
        tok = claim.tokens[pos]
        same = [self._hit(claim, pos, j, scope) for j in self.by_key.get(tok.key, ())]
        near: set[int] = set()
        if pos + 1 < len(claim.tokens):
            near.update(self.followed_by.get(claim.tokens[pos + 1].key, ()))
        if pos > 0:
            near.update(self.preceded_by.get(claim.tokens[pos - 1].key, ()))
        other = [
            self._hit(claim, pos, j, None)
            for j in sorted(near)
            if self.tokens[j].key != tok.key and kind_group(tok) == kind_group(self.tokens[j])
        ]
        other = [h for h in other if h.score >= _MIN_CONTEXT]
        best = max(same, key=lambda h: h.score, default=None)
        return best, max(other, key=lambda h: h.score, default=None)

    def whole(self, claim: Claim) -> dict[int, Token] | None:
        """When the claim stands whole in the source: its number tokens' source tokens."""
        span = locate(claim.text, self.folded)
        if span is None:
            return None
        inside = [self.tokens[i] for i in self.numbers_between(*span)]
        if len(inside) != len(claim.numbers):
            return None
        pairs = dict(zip(claim.numbers, inside, strict=True))
        if any(claim.tokens[p].key != t.key for p, t in pairs.items()):
            return None
        return pairs

    def find_tail(
        self, claim: Claim, scope: tuple[int, int] | None
    ) -> tuple[tuple[int, int], bool] | None:
        """A metric text found by its words with the number in another form (True), or with
        another number (False); occurrences inside scope first."""
        if not claim.numbers:
            return None
        first = claim.numbers[0]
        starts = list(self.by_key.get(claim.tokens[first].key, ()))
        if first + 1 < len(claim.tokens):
            starts += self.followed_by.get(claim.tokens[first + 1].key, ())
        found = []
        for j in starts:
            lo, hi = j - first, j - first + len(claim.tokens)
            if lo < 0 or hi > len(self.tokens):
                continue
            if all(
                claim.tokens[i].key == self.tokens[lo + i].key
                for i in range(len(claim.tokens))
                if i != first
            ):
                same = self.tokens[j].key == claim.tokens[first].key
                span = (self.tokens[lo].start, self.tokens[hi - 1].end)
                inside = bool(scope and scope[0] <= span[0] and span[1] <= scope[1])
                found.append((not inside, not same, span))
        if not found:
            return None
        _, other, span = min(found)
        return span, not other

    # --- lookups by place -----------------------------------------------------------------------

    def _token_range(self, lo: int, hi: int) -> range:
        return range(bisect_left(self._starts, lo), bisect_left(self._starts, hi))

    def tokens_between(self, lo: int, hi: int) -> list[Token]:
        return [self.tokens[i] for i in self._token_range(lo, hi)]

    def numbers_between(self, lo: int, hi: int) -> list[int]:
        return [i for i in self._token_range(lo, hi) if self.tokens[i].is_number]

    def numbers_in(self, scope: tuple[int, int] | None) -> list[Token]:
        if scope is None:
            return []
        return [t for t in self.tokens if t.mention and scope[0] <= t.start < scope[1]]

    def years_between(self, lo: int, hi: int) -> list[int]:
        return [i for i in self.numbers_between(lo, hi) if is_year(self.tokens[i])]

    def metric_at(self, span: tuple[int, int]) -> NumberMention | None:
        """The number a metric's text stands on: its first quantity, percent or fraction."""
        inside = [m for m in self.mentions if span[0] <= m.start and m.end <= span[1]]
        return next((m for m in inside if m.is_metric), inside[0] if inside else None)

    def counted(self, noun: tuple[str, ...], scope: tuple[int, int] | None) -> list[Token]:
        """Number tokens followed by the noun, inside scope when given."""
        keys = [("w", word_key(w)) for w in noun]
        found = []
        for i in self.followed_by.get(keys[0], ()):
            tok = self.tokens[i]
            after = [t.key for t in self.tokens[i + 1 : i + 1 + len(keys)]]
            if tok.mention is None or after != keys:
                continue
            if scope is None or scope[0] <= tok.start < scope[1]:
                found.append(tok)
        return found
