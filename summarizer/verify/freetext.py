"""Numbers in free text (title, overview, description, titles, reasons), matched in context."""

from __future__ import annotations

from .alignment import Hit
from .recorder import Recorder
from .timeclaims import DateMention, TimeIndex, date_parts
from .wordtokens import Claim, Token, is_year, same_role

_STRONG_CONTEXT = 3  # tokens of matching context that date a year by themselves


class FreeText:
    """Checks every number of a free-text field against the source around its place."""

    def __init__(self, rec: Recorder, time: TimeIndex) -> None:
        self.rec = rec
        self.src = rec.src
        self.time = time

    def text(self, path: str, text: str | None, scope: tuple[int, int] | None = None) -> None:
        """Every number of a free-text field, matched in its context."""
        if not text:
            return
        claim = Claim.of(text)
        whole = self.src.whole(claim) if claim.numbers else None
        for pos in claim.numbers:
            if whole is not None:
                self.rec.add_token(
                    path,
                    "number",
                    claim.written(pos),
                    whole[pos],
                    " in a phrase that stands whole in the source",
                )
            else:
                self.number(path, claim, pos, scope)

    def number(self, path: str, claim: Claim, pos: int, scope: tuple[int, int] | None) -> None:
        """A number of free text: found, or overruled by another number in its context."""
        written = claim.written(pos)
        aligned = self.src.align(claim, pos, scope)
        found = aligned.found()
        other = aligned.other.token if aligned.other is not None else None
        if other is not None and aligned.overruled() and not self._yields(claim, pos, other):
            tok = self.src.tokens[other]
            self._mismatch(path, written, tok, "the source gives {} in this context")
        elif (rival := self._rival(claim, pos, scope, aligned.same)) is not None:
            self._mismatch(path, written, rival, "its place in the source names {}")
        elif found is not None:
            why = "" if found is aligned.same else " with the words of its clause in another order"
            self.rec.add_token(path, "number", written, self.src.tokens[found.token], why)
        elif (short := self._without_year(claim, pos)) is not None:
            why = f"written {short.text!r}, the year read from its sentence or the date line"
            self.rec.add(path, "date", written, "normalized", why, (short.start, short.end))
        else:
            self.rec.add(path, "number", written, "missing", f"{written!r} is not in the source")

    def _yields(self, claim: Claim, pos: int, rival: int) -> bool:
        """Whether a rival number gives way: a year that only compares ("so với năm 2023"), or
        the same month or date written with its year ("Tháng 10/2023" for "tháng 10")."""
        if is_year(self.src.tokens[rival]):
            return rival in self.time.comparisons
        mine = date_parts(claim.tokens[pos], claim.text)
        theirs = date_parts(self.src.tokens[rival], self.src.text)
        return bool(mine and theirs and mine[2] is None and mine[:2] == theirs[:2])

    def _without_year(self, claim: Claim, pos: int) -> DateMention | None:
        """A claimed month or date that the source writes with or without its year: "tháng
        9/2023" for "tháng 9" (its year given by the sentence or date line), "tháng 10" for
        "Tháng 10/2023"."""
        parts = date_parts(claim.tokens[pos], claim.text)
        if parts is None:
            return None
        if parts[2] is None:
            return next(iter(self.time.dates_like(parts[0], parts[1])), None)
        return self.time.yearless(parts[0], parts[1], parts[2])

    def _mismatch(self, path: str, written: str, tok: Token, why: str) -> None:
        found = repr(self.src.text[tok.start : tok.end])
        self.rec.add(
            path,
            "number",
            written,
            "mismatch",
            f"{why.format(found)}: «{self.src.snippet(tok)}»",
            (tok.start, tok.end),
        )

    def _rival(
        self, claim: Claim, pos: int, scope: tuple[int, int] | None, same: Hit | None
    ) -> Token | None:
        """What the claimed number's place in the source names instead of it, if anything."""
        tok = claim.tokens[pos]
        if is_year(tok):
            if scope:
                named = self.time.years_around(scope)
            elif same is not None and same.score >= _STRONG_CONTEXT:
                return None
            else:
                named = self.time.years_of_figures(claim, pos)
            return None if not named or tok.key in {t.key for t in named} else named[0]
        if scope is None:
            return None
        role, roles = claim.role(pos), self.src.roles
        levels = self.time.ladder(scope, evidence=True)[:3]
        if any(
            self.src.tokens[i].key == tok.key and same_role(role, roles.get(i))
            for spans in levels
            for i in self._numbers(spans)
        ):
            return None
        kind = tok.mention.kind if tok.mention else None
        rivals = [
            i
            for i in self._numbers([scope])
            if (m := self.src.tokens[i].mention)
            and m.kind == kind
            and same_role(role, roles.get(i))
        ]
        rivals.sort(key=lambda i: roles.get(i) != role)  # a quarter first for a quarter
        return self.src.tokens[rivals[0]] if rivals else None

    def _numbers(self, spans: list[tuple[int, int]]) -> list[int]:
        """Indices of the number tokens inside spans (roles are looked up by index)."""
        return [i for lo, hi in spans for i in self.src.numbers_between(lo, hi)]
