"""The checks of periods, deadlines, ordinals and dates, asked of the time index (see
timeclaims)."""

from __future__ import annotations

from datetime import date

from ..schema import ReportSummary
from .freetext import FreeText
from .planyears import date_years
from .recorder import Recorder
from .timeclaims import PLAN, REVIEW, TimeIndex
from .wordtokens import Claim, is_year


class TimeChecks:
    """The checks of periods, deadlines and dates."""

    def __init__(self, rec: Recorder, time: TimeIndex, free: FreeText) -> None:
        self.rec = rec
        self.src = rec.src
        self.time = time
        self.free = free

    def _wrong(self, path: str, written: str, index: int, where: str) -> None:
        tok = self.src.tokens[index]
        self.rec.add(
            path,
            "number",
            written,
            "mismatch",
            f"{where} {self.src.text[tok.start : tok.end]!r}: «{self.src.snippet(tok)}»",
            (tok.start, tok.end),
        )

    def period(self, path: str, text: str | None, role: str) -> None:
        """A bare year must be one the source introduces with the role, when it marks any so."""
        if not text:
            return
        claim = Claim.of(text)
        if not claim.is_bare_year():
            self._period_text(path, claim, role)
            return
        pos = claim.numbers[0]
        marked = self.time.marked(role)
        hits = [i for i in marked if self.src.tokens[i].key == claim.tokens[pos].key]
        name = "reviewed" if role == REVIEW else "planned"
        if hits:
            self.rec.add_token(
                path,
                "number",
                claim.written(pos),
                self.src.tokens[hits[0]],
                f" as the {name} period",
            )
        elif marked:
            self._wrong(path, claim.written(pos), marked[0], f"the source's {name} period is")
        else:
            self.free.number(path, claim, pos, None)

    def deadline(self, path: str, text: str, scope: tuple[int, int] | None) -> None:
        """A deadline's years must be named by the item's clause (with its list's lead), else its
        sentence, else its paragraph: the first of these that names a year other than a plan's
        name; or be the year of a date the item's sentence sets ("hoàn thành trong tháng 11/2023").
        """
        claim = Claim.of(text)
        years = [p for p in claim.numbers if is_year(claim.tokens[p])]
        for pos in claim.numbers:
            if claim.role(pos):
                self.ordinal(path, claim, pos, scope, PLAN)
            elif pos not in years:
                self.free.number(path, claim, pos, scope)
        named: list[int] = []
        for spans in self.time.ladder(scope, evidence=False) if scope else []:
            named = self.time.years_between(spans, ranges=len(years) > 1, plans=False)
            if named:
                break
        own = date_years(self.src, *self.src.sentence_bounds(*scope)) if scope else {}
        for pos in years:
            hits = [i for i in named if self.src.tokens[i].key == claim.tokens[pos].key]
            dated = own.get(int(claim.tokens[pos].key[1][0]))
            if not hits and dated is not None:
                why = " as the year of a date the item's sentence sets"
                self.rec.add_token(path, "number", claim.written(pos), self.src.tokens[dated], why)
            elif not named:
                self.period(path, claim.written(pos), PLAN)
            elif hits:
                self.rec.add_token(
                    path,
                    "number",
                    claim.written(pos),
                    self.src.tokens[hits[0]],
                    " as the period of the item's sentence or list",
                )
            else:
                self._wrong(path, claim.written(pos), named[0], "the item's sentence or list names")

    def _period_text(self, path: str, claim: Claim, role: str) -> None:
        """A period in words: its ordinals by their role, its other numbers as free text."""
        if not any(claim.role(p) for p in claim.numbers) or self.src.whole(claim) is not None:
            self.free.text(path, claim.text)
            return
        for pos in claim.numbers:
            if claim.role(pos):
                self.ordinal(path, claim, pos, None, role)
            else:
                self.free.number(path, claim, pos, None)

    def ordinal(
        self, path: str, claim: Claim, pos: int, scope: tuple[int, int] | None, role: str
    ) -> None:
        """An ordinal of a period or deadline ('quý IV') against the source's ordinals of its
        role: those of the item's clause (with its list's lead), sentence or paragraph, the first
        of these that names any; else those the source introduces with the role; else any."""
        counts, at = claim.role(pos) or "", scope[0] if scope else 0
        peers = self.src.with_role(counts)
        for spans in self.time.ladder(scope, evidence=False) if scope else []:
            near = [i for lo, hi in spans for i in self.src.numbers_between(lo, hi)]
            named = sorted(set(near).intersection(peers))
            if named:
                self._ordinal_among(
                    path, claim, pos, named, "the item's sentence or list names", at
                )
                return
        marked = [i for i in peers if self.time.cue_of(i) == role]
        if marked:
            name = "reviewed" if role == REVIEW else "planned"
            self._ordinal_among(path, claim, pos, marked, f"the source's {name} {counts} is", at)
        elif peers:
            self._ordinal_among(path, claim, pos, peers, f"the source's {counts} is", at)
        else:
            written = claim.written(pos)
            self.rec.add(
                path, "number", written, "missing", f"no {counts} {written!r} in the source"
            )

    def _ordinal_among(
        self, path: str, claim: Claim, pos: int, among: list[int], where: str, at: int
    ) -> None:
        """Found among the candidates, or the one nearest before offset at (the heading over an
        item) is named instead."""
        written, key = claim.written(pos), claim.tokens[pos].key
        hits = [i for i in among if self.src.tokens[i].key == key]
        before = [i for i in hits or among if self.src.tokens[i].start < at]
        shown = before[-1] if before else (hits or among)[0]
        if not hits:
            self._wrong(path, written, shown, where)
        else:
            why = f" as the {claim.role(pos)} of the item or period"
            self.rec.add_token(path, "number", written, self.src.tokens[shown], why)

    def dates(self, summary: ReportSummary) -> None:
        published = summary.published_date
        if published is not None:
            self.date("published_date", published, published, dateline=True)
        if summary.event_date is not None:
            self.date("event_date", summary.event_date, published, dateline=False)

    def _any_place(self, dateline: bool) -> bool:
        """Whether a date may stand anywhere: a publication date when the source has no date
        line, an event date when the body dates it by the day of publication."""
        if dateline:
            return not self.time.has_datelines()
        return self.time.same_day_word()

    def date(self, path: str, day: date, published: date | None, *, dateline: bool) -> None:
        """The publication date from a date line, the event date from the body."""
        shown = day.isoformat()
        matches = self.time.dates_matching(day, published)
        wanted = [(d, how) for d, how in matches if d.dateline == dateline]
        if not wanted and matches and self._any_place(dateline):
            wanted = matches
        if wanted:
            d, how = wanted[0]
            self.rec.add(
                path,
                "date",
                shown,
                "normalized",
                f"written {d.text!r} ({how}): «{self.src.snippet(d)}»",
                (d.start, d.end),
            )
        elif matches:
            d = matches[0][0]
            where = "the body, not the article's date line" if dateline else "the date line only"
            self.rec.add(
                path, "date", shown, "mismatch", f"{d.text!r} stands in {where}", (d.start, d.end)
            )
        else:
            self.rec.add(path, "date", shown, "missing", "no such date in the source")
