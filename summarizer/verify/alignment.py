"""A claimed number held against its occurrences in the source: the hits and who wins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

_MARGIN = 2  # how much more context another number needs to overrule the claimed one
_CLEAR_MARGIN = 4  # ... to overrule it even where the claimed one shares more of its sentence


class Hit(NamedTuple):
    """A source number aligned with a claimed one: matching tokens before and after it (a
    tuple: a claim's numbers are each aligned with every occurrence of theirs)."""

    token: int  # the source token's index
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


@dataclass(frozen=True)
class Alignment:
    """A claimed number held against the source: its best occurrence, its rival and, when the
    rival wins the adjacent words, an occurrence whose reach holds those words all the same."""

    same: Hit | None  # the occurrence with the longest runs of equal tokens around it
    other: Hit | None  # the best place where another number stands in the claim's context
    agreeing: Hit | None = None  # an occurrence that the claim's words fit in any order

    def overruled(self) -> bool:
        """Another number owns the claim's context and no occurrence of the claimed one does."""
        if self.other is None or not self.other.beats(self.same):
            return False
        return self.agreeing is None

    def found(self) -> Hit | None:
        """The occurrence to report."""
        return self.agreeing or self.same
