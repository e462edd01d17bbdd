"""Every number and evidence span of a summary, held against the source text.

Statuses: exact (found as written), normalized (found in another written form: white space,
NBSP, letter case, curly quotes, tone-mark placement, "09" for 9, words, Roman numerals, a date
in Vietnamese form), mismatch (the place is in the source but says another number), missing
(not in the source). Numbers match on digit boundaries: "8" is not in "18", "100" not in "1.100".

A changed number must not pass because it happens to stand elsewhere, so numbers are matched in
context:
- A metric's text is looked for whole, first inside its item's evidence; its value and total must
  be what the number at that place says ("1,7 tỷ đồng" found, value 2.7: mismatch). Found with
  another number ("18 doanh nghiệp" for "8 doanh nghiệp") it is a mismatch.
- Award counts are matched with their noun ("09 tập thể", "bốn mươi tám cá nhân"), first in the
  award's evidence; another count before that noun there is a mismatch.
- A number in free text (title, overview, description, reason, titles, ...) is aligned with each
  source number of its kind: the runs of equal words and numbers on each side are counted. When
  another number has at least as long a run on each side and two tokens more in all (four when
  the claimed one shares more of the claim's other numbers in its sentence), the claim is a
  mismatch ("có 10 tập thể" where the source has "có 09 tập thể"). Word order aside, an
  occurrence of the claimed number keeps the claim when its reach (its ';'-clause up to the
  numbers before and after it) holds every word and number that won the other one the alignment
  (the numbers on the same side) and as many words of the claim's clause: "61,4% hồ sơ ... toàn
  trình" for "tỷ lệ hồ sơ ... toàn trình đạt 61,4%", beside "ít nhất 80% hồ sơ ... toàn trình".
  Not so for a year, whose words recur year after year. A phrase that stands whole in the source
  proves its numbers.
- An item's text: a year must be one named by its evidence, clause or sentence, in any position,
  or when these name none by its paragraph; another number not in its evidence, clause or
  sentence, where the evidence holds numbers of its kind, is a mismatch. A unit's numbers
  ('thuê bao/100 dân') must stand in the metric's text when that text holds the unit's words,
  else in the evidence.
- A source is indexed once and kept for the next verifications of the same text (re-asks).
- A year in free text without evidence (overview), in weak context (under three tokens), must be
  one that the source names near the other figures of its clause ("Năm 2023, ... 100% xã").
- A deadline's years must be named by the item's clause (with its list's lead), else sentence,
  else paragraph; a bare year as period or next period must be one the source introduces as
  reviewed or planned when it marks any year so (see timeclaims).
- An ordinal counts what the words before it name (see wordtokens): "quý IV" a quarter, "lần
  thứ II" an occurrence, "III." heading a line a section. A number stands in the source, and
  confirms or rivals a claimed one, only where the roles agree or one is unknown; an ordinal of a
  deadline or period is held to the source's ordinals of exactly its role.
- The publication date must be an article date line; the event date a date of the body, or the
  date line when the body says "sáng nay"/"hôm nay". A date without a year ("Chiều 12/1") takes
  the publication year, or the year before when it would fall after the publication date.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from ..schema import (
    Achievement,
    Award,
    Check,
    CheckStatus,
    ReportSummary,
    Target,
    VerificationReport,
)
from .metrics import MetricChecks
from .quarantine import quarantine_checks
from .sourceindex import Hit, SourceIndex
from .text import difference, locate
from .timeclaims import PLAN, REVIEW, TimeChecks, TimeIndex
from .wordtokens import Claim, Token, is_year, same_role

_CACHED_SOURCES = 64  # sources kept indexed: a batch's documents in flight, each re-asked
_STRONG_CONTEXT = 3  # tokens of matching context that date a year by themselves
_COLLECTIVE = ("tập", "thể")
_INDIVIDUAL = ("cá", "nhân")


def verify(summary: ReportSummary, source: str) -> VerificationReport:
    """Check every number (metrics, counts, dates, free text) and every evidence span."""
    checks = _Checker(source).run(summary) + quarantine_checks(summary, source)
    return VerificationReport.from_checks(checks)


@lru_cache(maxsize=_CACHED_SOURCES)
def index_source(source: str) -> tuple[SourceIndex, TimeIndex]:
    """Re-asks verify one source again and again: index it once (an index only ever fills in
    lazily what it would compute the same way anew)."""
    src = SourceIndex(source)
    return src, TimeIndex(src)


class _Checker(TimeChecks, MetricChecks):
    """Builds the checks of one summary against one indexed source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.checks: list[Check] = []

    # The source is indexed on the first claim to check: a summary with none costs nothing.
    @cached_property
    def src(self) -> SourceIndex:
        return index_source(self.source)[0]

    @cached_property
    def time(self) -> TimeIndex:
        return index_source(self.source)[1]

    # --- the summary ----------------------------------------------------------------------------

    def run(self, summary: ReportSummary) -> list[Check]:
        self.dates(summary)
        for field in ("title", "organization", "province", "overview"):
            self.free_text(field, getattr(summary, field))
        self.period("period", summary.period, REVIEW)
        self.period("next_period", summary.next_period, PLAN)
        for i, item in enumerate(summary.achievements):
            self.item(f"achievements[{i}]", item)
        for i, item in enumerate(summary.targets):
            self.item(f"targets[{i}]", item)
        for i, person in enumerate(summary.attendees):
            path = f"attendees[{i}]"
            scope = self.evidence(path, person.evidence)
            self.free_text(f"{path}.name", person.name, scope)
            for j, title in enumerate(person.titles):
                self.free_text(f"{path}.titles[{j}]", title, scope)
        for i, award in enumerate(summary.awards):
            self.award(f"awards[{i}]", award)
        return self.checks

    def evidence(self, path: str, text: str) -> tuple[int, int] | None:
        span = locate(text, self.src.folded)
        if span is None:
            self.add(f"{path}.evidence", "evidence", text, "missing", "not in the source")
            return None
        diff = difference(text, self.src.text[span[0] : span[1]])
        status: CheckStatus = "exact" if diff is None else "normalized"
        self.add(
            f"{path}.evidence",
            "evidence",
            text,
            status,
            "found verbatim" if diff is None else f"found up to {diff}",
            span,
        )
        return span

    def item(self, path: str, item: Achievement) -> None:
        scope = self.evidence(path, item.evidence)
        self.free_text(f"{path}.description", item.description, scope)
        for j, metric in enumerate(item.metrics):
            self.metric(f"{path}.metrics[{j}]", metric, scope)
        if isinstance(item, Target) and item.deadline:
            self.deadline(f"{path}.deadline", item.deadline, scope)

    def award(self, path: str, award: Award) -> None:
        scope = self.evidence(path, award.evidence)
        for field in ("award", "conferred_by", "recipient", "reason"):
            self.free_text(f"{path}.{field}", getattr(award, field), scope)
        if award.collectives is not None:
            self.count(f"{path}.collectives", award.collectives, _COLLECTIVE, scope)
        if award.individuals is not None:
            self.count(f"{path}.individuals", award.individuals, _INDIVIDUAL, scope)

    # --- numbers in free text -------------------------------------------------------------------

    def free_text(self, path: str, text: str | None, scope: tuple[int, int] | None = None) -> None:
        """Every number of a free-text field, matched in its context."""
        if not text:
            return
        claim = Claim.of(text)
        whole = self.src.whole(claim) if claim.numbers else None
        for pos in claim.numbers:
            if whole is not None:
                self.add_token(
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
        if aligned.other is not None and aligned.overruled():
            tok = self.src.tokens[aligned.other.index]
            self._mismatch(path, written, tok, "the source gives {} in this context")
        elif (rival := self._rival(claim, pos, scope, aligned.same)) is not None:
            self._mismatch(path, written, rival, "its place in the source names {}")
        elif found is not None:
            why = "" if found is aligned.same else " with the words of its clause in another order"
            self.add_token(path, "number", written, self.src.tokens[found.index], why)
        else:
            self.add(path, "number", written, "missing", f"{written!r} is not in the source")

    def _mismatch(self, path: str, written: str, tok: Token, why: str) -> None:
        found = repr(self.src.text[tok.start : tok.end])
        self.add(
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
                named = self._years_around(scope)
            elif same is not None and same.score >= _STRONG_CONTEXT:
                return None
            else:
                named = self._years_of_figures(claim, pos)
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
