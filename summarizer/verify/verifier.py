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

from functools import lru_cache

from ..schema import (
    Achievement,
    Check,
    CheckStatus,
    ReportSummary,
    Target,
    VerificationReport,
)
from .freetext import FreeText
from .grouping import GroupChecks
from .header import HeaderChecks
from .metrics import MetricChecks
from .people import PeopleChecks
from .quarantine import quarantine_checks
from .recorder import Recorder
from .sourceindex import SourceIndex
from .text import difference, locate
from .timechecks import TimeChecks
from .timeclaims import PLAN, REVIEW, TimeIndex

_CACHED_SOURCES = 64  # sources kept indexed: a batch's documents in flight, each re-asked


def verify(summary: ReportSummary, source: str) -> VerificationReport:
    """Check every number (metrics, counts, dates, free text) and every evidence span."""
    checker = _Checker(source)
    checks = checker.run(summary) + quarantine_checks(summary, source, checker.src.folded)
    return VerificationReport.from_checks(checks)


@lru_cache(maxsize=_CACHED_SOURCES)
def index_source(source: str) -> tuple[SourceIndex, TimeIndex]:
    """Re-asks verify one source again and again: index it once (an index only ever fills in
    lazily what it would compute the same way anew)."""
    src = SourceIndex(source)
    return src, TimeIndex(src)


class _Checker:
    """Builds the checks of one summary against one indexed source."""

    def __init__(self, source: str) -> None:
        src, time = index_source(source)
        self.src = src
        self.rec = Recorder(src)
        self.free = FreeText(self.rec, time)
        self.time = TimeChecks(self.rec, time, self.free)
        self.metrics = MetricChecks(self.rec, self.free)
        self.header = HeaderChecks(self.rec, self.free)
        self.people = PeopleChecks(self.rec, self.free)
        self.group = GroupChecks(self.rec)

    # --- the summary ----------------------------------------------------------------------------

    def run(self, summary: ReportSummary) -> list[Check]:
        self.time.dates(summary)
        self.header.title(summary.title)
        self.header.organization(summary.organization)
        self.header.province(summary.province)
        self.free.text("overview", summary.overview)
        self.time.period("period", summary.period, REVIEW)
        self.time.period("next_period", summary.next_period, PLAN)
        for i, item in enumerate(summary.achievements):
            self.item(f"achievements[{i}]", item)
        for i, item in enumerate(summary.targets):
            self.item(f"targets[{i}]", item)
        for i, person in enumerate(summary.attendees):
            path = f"attendees[{i}]"
            self.people.attendee(path, person, self.evidence(path, person.evidence))
        for i, award in enumerate(summary.awards):
            path = f"awards[{i}]"
            self.people.award(path, award, self.evidence(path, award.evidence))
        return self.rec.validated()

    def evidence(self, path: str, text: str) -> tuple[int, int] | None:
        span = locate(text, self.src.folded)
        if span is None:
            self.rec.add(f"{path}.evidence", "evidence", text, "missing", "not in the source")
            return None
        diff = difference(text, self.src.text[span[0] : span[1]])
        status: CheckStatus = "exact" if diff is None else "normalized"
        self.rec.add(
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
        self.group.item(path, item, scope)
        self.free.text(f"{path}.description", item.description, scope)
        for j, metric in enumerate(item.metrics):
            self.metrics.metric(f"{path}.metrics[{j}]", metric, scope)
        if isinstance(item, Target) and item.deadline:
            self.time.deadline(f"{path}.deadline", item.deadline, scope)
