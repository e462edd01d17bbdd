"""The source text indexed once: folded text, tokens (see wordtokens), sentences, contexts.

A number of the summary is matched in context two ways. Alignment counts the runs of equal
tokens on either side of it in the summary and around each source number. Reach is what the
source says of one number, word order aside: the tokens of its ';'-clause up to the numbers
before and after it. When another number wins the alignment, an occurrence of the claimed
number whose reach holds the tokens that won it (words in any order, numbers on the same side)
keeps the claim: "61,4% hồ sơ ... trực tuyến toàn trình" is what "tỷ lệ hồ sơ ... trực tuyến
toàn trình đạt 61,4%" says, though "ít nhất 80% hồ sơ ... trực tuyến toàn trình" aligns better.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import compress, count, repeat
from operator import itemgetter, methodcaller, ne
from typing import Protocol

from ..numbers import NumberMention, find_numbers
from .alignment import Alignment, Hit
from .once import once
from .text import END_MARKS, SENTENCE_END, Folded, fold, list_lead, locate, word_key
from .wordtokens import (
    CLAUSE_END,
    Claim,
    Token,
    is_year,
    kind_group,
    role_of,
    same_role,
    tokenize,
)

_CONTEXT_REACH = 8  # tokens compared on each side of a number
_MIN_CONTEXT = 2  # another number wins only with at least this much matching context
_SCOPE_BONUS = 0.5  # an occurrence inside the item's own evidence wins ties
_KEY, _START = itemgetter(0), itemgetter(1)  # Token.key, Token.start
_KIND = itemgetter(0)  # a key's kind: "w" for a word
_END = methodcaller("end")


def _grouped(pairs: Iterable[tuple[tuple, int]]) -> dict[tuple, list[int]]:
    """Token indices by key, each list in the order of pairs."""
    found: dict[tuple, list[int]] = {}
    for key, i in pairs:
        found.setdefault(key, []).append(i)
    return found


class Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class SourceIndex:
    """Everything verification looks up in one source: its tokens at once, the rest on first
    look-up, as a verification asks for few of the look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = find_numbers(text)
        tokens = self.tokens = tokenize(text, self.mentions)
        self.keys = list(map(_KEY, tokens))  # each token's key, for comparisons in a row
        self._starts = list(map(_START, tokens))
        # number tokens (Token.is_number, without the call per token), in text order
        self._numbers = list(compress(count(), map(ne, map(_KIND, self.keys), repeat("w"))))
        self._reach: dict[int, tuple[range, range]] = {}
        self._leads: dict[int, tuple[int, int] | None] = {}

    @once
    def folded(self) -> Folded:
        return fold(self.text)

    @once
    def years(self) -> list[int]:
        """Year tokens, in text order."""
        return [i for i in self._numbers if is_year(self.tokens[i])]

    @once
    def by_key(self) -> dict[tuple, list[int]]:
        """Number tokens by key, in text order."""
        return _grouped((self.keys[i], i) for i in self._numbers)

    @once
    def followed_by(self) -> dict[tuple, list[int]]:
        """Number tokens by the key after them."""
        keys, last = self.keys, len(self.keys) - 1
        return _grouped((keys[i + 1], i) for i in self._numbers if i < last)

    @once
    def preceded_by(self) -> dict[tuple, list[int]]:
        """Number tokens by the key before them."""
        return _grouped((self.keys[i - 1], i) for i in self._numbers if i > 0)

    @once
    def _sentence_keys(self) -> dict[int, set[tuple]]:
        """Keys of the number tokens of each sentence, by the sentence's index."""
        keys, starts, sentences = self.keys, self._starts, self._sentence_starts
        found: dict[int, set[tuple]] = {}
        for i in self._numbers:
            found.setdefault(bisect_right(sentences, starts[i]) - 1, set()).add(keys[i])
        return found

    @once
    def _sentence_starts(self) -> list[int]:
        return [0, *map(_END, SENTENCE_END.finditer(self.text))]

    @once
    def _clause_starts(self) -> list[int]:
        return [0, *map(_END, CLAUSE_END.finditer(self.text))]

    @once
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]  # in text order

    def snippet(self, at: Spanned, reach: int = 40) -> str:
        """The source around a place, on one line."""
        lo, hi = max(0, at.start - reach), min(len(self.text), at.end + reach)
        return " ".join(self.text[lo:hi].split())

    # --- context alignment ----------------------------------------------------------------------

    def _run(self, claim: Claim, pos: int, j: int, step: int) -> int:
        """How many tokens in a row are equal on one side of claim token pos and source token j."""
        mine, theirs = claim.keys, self.keys
        a, b, n = pos + step, j + step, 0
        while (
            n < _CONTEXT_REACH
            and 0 <= a < len(mine)
            and 0 <= b < len(theirs)
            and mine[a] == theirs[b]
        ):
            a, b, n = a + step, b + step, n + 1
        return n

    def _hit(
        self,
        claim: Claim,
        pos: int,
        j: int,
        scope: tuple[int, int] | None,
        neighbours: set[tuple],
    ) -> Hit:
        tok = self.tokens[j]
        inside = bool(scope and scope[0] <= tok.start and tok.end <= scope[1])
        anchors = len(neighbours & self.sentence_keys(tok.start) - {tok.key}) if neighbours else 0
        before, after = self._run(claim, pos, j, -1), self._run(claim, pos, j, 1)
        return Hit(j, before, after, anchors, _SCOPE_BONUS if inside else 0.0)

    def reach(self, j: int) -> tuple[range, range]:
        """Where the source speaks of number token j, word order aside: the tokens of its
        ';'-clause before and after it, up to the numbers on either side, those included."""
        found = self._reach.get(j)
        if found is None:
            k = bisect_right(self._clause_starts, self.tokens[j].start) - 1
            end = self._clause_starts[k + 1] if k + 1 < len(self._clause_starts) else len(self.text)
            clause = self._token_range(self._clause_starts[k], end)
            lo, hi = j - 1, j + 1
            while lo >= clause.start and not self.tokens[lo].is_number:
                lo -= 1
            while hi < clause.stop and not self.tokens[hi].is_number:
                hi += 1
            before, after = range(max(lo, clause.start), j), range(j + 1, min(hi + 1, clause.stop))
            found = self._reach[j] = (before, after)
        return found

    def _said_of(self, j: int) -> set[tuple]:
        preceding, following = self.reach(j)
        return {self.tokens[i].key for span in (preceding, following) for i in span}

    def _holds(self, j: int, before: list[Token], after: list[Token]) -> bool:
        """Whether the reach of number token j has the tokens of before and after, the words in
        any order, the numbers on the side of j they stand on in the claim."""
        if not {t.key for t in before + after} <= self._said_of(j):
            return False
        for tokens, span in zip((before, after), self.reach(j), strict=True):
            numbers = {self.tokens[i].key for i in span if self.tokens[i].is_number}
            if any(t.key not in numbers for t in tokens if t.is_number):
                return False
        return True

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """text.sentence_bounds of the source, read off the sentence ends found once."""
        text, starts = self.text, self._sentence_starts
        line = text.rfind("\n", 0, start) + 1
        if start > line and text[start - 1] in END_MARKS:
            begin = start  # text.sentence_bounds reads a mark right before start as an end
        elif start > 0:
            begin = max(starts[bisect_left(starts, start) - 1], line)
        else:
            begin = 0
        after = bisect_left(starts, max(end - 1, start) + 1)
        stop = starts[after] - 1 if after < len(starts) else len(text)
        return begin, max(stop, end)

    def sentence_start(self, offset: int) -> int:
        return self._sentence_starts[bisect_right(self._sentence_starts, offset) - 1]

    def sentence_keys(self, offset: int) -> set[tuple]:
        """Keys of the numbers in the source sentence around offset."""
        return self._sentence_keys.get(bisect_right(self._sentence_starts, offset) - 1, set())

    def align(self, claim: Claim, pos: int, scope: tuple[int, int] | None) -> Alignment:
        """The occurrences of the claimed number, and the best place where another number of
        the same kind stands in the claimed number's context."""
        tok, role = claim.tokens[pos], claim.role(pos)
        neighbours = claim.neighbours(pos)
        same = [
            self._hit(claim, pos, j, scope, neighbours)
            for j in self.by_key.get(tok.key, ())
            if same_role(role, self.roles.get(j))  # "quý II" is not "lần thứ II" nor "II."
        ]
        near: set[int] = set()
        if pos + 1 < len(claim.tokens):
            near.update(self.followed_by.get(claim.tokens[pos + 1].key, ()))
        if pos > 0:
            near.update(self.preceded_by.get(claim.tokens[pos - 1].key, ()))
        group = kind_group(tok)
        others = [
            self._hit(claim, pos, j, None, neighbours)
            for j in sorted(near)
            if self.keys[j] != tok.key and group == kind_group(self.tokens[j])
        ]
        best = max(same, key=lambda h: h.score, default=None)
        other = max(
            (h for h in others if h.score >= _MIN_CONTEXT), key=lambda h: h.score, default=None
        )
        if other is None or not other.beats(best) or is_year(tok):
            # a year is held to its adjacent words: those of its sentence recur year after year
            return Alignment(best, other)
        return Alignment(best, other, self._agreeing(claim, pos, same, other))

    def _agreeing(self, claim: Claim, pos: int, same: list[Hit], other: Hit) -> Hit | None:
        """The occurrence of the claimed number whose reach holds every token the rival matched
        and as many of the claim's clause words: word order aside, the claim says what the source
        says of that occurrence."""
        before = claim.tokens[pos - other.before : pos]
        after = claim.tokens[pos + 1 : pos + 1 + other.after]
        words = claim.clause_words(pos)
        least = len(words & self._said_of(other.token))
        fits: dict[Hit, int] = {}
        for hit in same:
            shared = len(words & self._said_of(hit.token))
            if shared >= least and self._holds(hit.token, before, after):
                fits[hit] = shared
        return max(fits, key=lambda h: (fits[h], h.score), default=None)

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
        return self.tokens[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def keys_between(self, lo: int, hi: int) -> list[tuple]:
        return self.keys[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]

    def numbers_between(self, lo: int, hi: int) -> list[int]:
        span = self._token_range(lo, hi)
        return self._numbers[
            bisect_left(self._numbers, span.start) : bisect_left(self._numbers, span.stop)
        ]

    def list_lead(self, start: int) -> tuple[int, int] | None:
        """The line introducing the list that holds offset start (see text.list_lead): items
        of one list ask for the same line."""
        line_start = self.text.rfind("\n", 0, start) + 1
        if line_start not in self._leads:
            self._leads[line_start] = list_lead(self.text, line_start)
        return self._leads[line_start]

    def numbers_in(self, scope: tuple[int, int] | None) -> list[Token]:
        if scope is None:
            return []
        tokens = self.tokens
        return [tokens[i] for i in self.numbers_between(*scope) if tokens[i].mention]

    @once
    def roles(self) -> dict[int, str]:
        """What each ordinal number token counts, where its words say (see wordtokens)."""
        found = {}
        for i in self._numbers:
            role = role_of(self.text, self.tokens, i)
            if role is not None:
                found[i] = role
        return found

    def with_role(self, role: str) -> list[int]:
        """Number tokens that count role, in text order."""
        return [i for i, r in self.roles.items() if r == role]

    def years_between(self, lo: int, hi: int) -> list[int]:
        span, years = self._token_range(lo, hi), self.years
        return years[bisect_left(years, span.start) : bisect_left(years, span.stop)]

    def metric_at(self, span: tuple[int, int]) -> NumberMention | None:
        """The number a metric's text stands on: its first quantity, percent or fraction."""
        mentions = self.mentions
        inside = []
        for k in range(bisect_left(self._mention_starts, span[0]), len(mentions)):
            if mentions[k].start >= span[1]:
                break
            if mentions[k].end <= span[1]:
                inside.append(mentions[k])
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
