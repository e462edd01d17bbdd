"""Years and dates of the source as a summary's periods and dates must use them.

A year is introduced as reviewed or as planned by the nearest cue among the ten words before it
in its sentence ("tổng kết công tác năm 2020", "triển khai nhiệm vụ năm 2021"). A date is an
article date line when it stands on a short line with a time, a weekday or a label ("Cập nhật",
"Ngày đăng"), or alone; every other date belongs to the body.

An ordinal of a deadline or period ("quý IV/2022", "giai đoạn II", "đợt 2") is held only against
source numerals of its role (see wordtokens): "lần thứ II", "khóa XV" or a section numeral "III."
never name a quarter, a phase or a round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .once import once
from .planyears import comparison_years, plan_name_years
from .sourceindex import SourceIndex
from .text import (
    clause_scope,
    paragraph_bounds,
    parse_date_text,
    word_key,
)
from .wordtokens import Claim, Token, is_year

REVIEW = "review"
PLAN = "plan"
_CUES = {
    REVIEW: ("tổng kết", "sơ kết", "đánh giá", "nhìn lại", "kết quả", "đạt được"),
    PLAN: (
        "triển khai",
        "nhiệm vụ",
        "phương hướng",
        "kế hoạch",
        "bước sang",
        "bước vào",
        "bàn",
    ),
}
_CUE_KEYS = {
    role: [[("w", word_key(w)) for w in cue.split()] for cue in cues]
    for role, cues in _CUES.items()
}
_CUES_BY_LAST_WORD: dict[tuple, list[tuple[str, list[tuple]]]] = {}
for _role, _cues in _CUE_KEYS.items():
    for _cue in _cues:
        _CUES_BY_LAST_WORD.setdefault(_cue[-1], []).append((_role, _cue))
_CUE_REACH = 10  # words looked back from a year for the cue that introduces it
_SENTENCE_LEVEL = 3  # evidence, clause, sentence: the places whose years an item may name

_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}\b")
_WEEKDAY = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\b", re.IGNORECASE)
_DATE_LABEL = re.compile(r"cập nhật|ngày đăng|đăng ngày|đăng lúc|xuất bản", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:sáng|trưa|chiều|tối|hôm)\s+nay\b", re.IGNORECASE)
_DATELINE_MAX = 160  # a date line is a short line of page furniture (or a related link)
_LETTERS = re.compile(r"[^\W\d_]{2}")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    dateline: bool


class TimeIndex:
    """Years with their role and dates with their place, looked up lazily in one source."""

    def __init__(self, src: SourceIndex) -> None:
        self.src = src
        self._ladders: dict[tuple[tuple[int, int], bool], list[list[tuple[int, int]]]] = {}

    # --- years ----------------------------------------------------------------------------------

    @once
    def _roles(self) -> dict[str, list[int]]:
        """Year tokens by their cue, leaving out date lines (lists of related articles)."""
        roles: dict[str, list[int]] = {REVIEW: [], PLAN: []}
        for i in self.src.years:
            tok = self.src.tokens[i]
            if not self._is_dateline(tok.start, tok.end) and i not in self.comparisons:
                role = self._cue_before(i)
                if role:
                    roles[role].append(i)
        return roles

    def cue_of(self, i: int) -> str | None:
        """The role of the cue that introduces token i in its sentence, if any."""
        return self._cue_before(i)

    def _cue_before(self, i: int) -> str | None:
        tokens = self.src.tokens
        begin = self.src.sentence_start(tokens[i].start)
        for k in range(i - 1, max(i - 1 - _CUE_REACH, -1), -1):
            if tokens[k].start < begin:
                return None
            for role, cue in _CUES_BY_LAST_WORD.get(tokens[k].key, ()):
                if k + 1 >= len(cue) and [t.key for t in tokens[k + 1 - len(cue) : k + 1]] == cue:
                    return role
        return None

    def marked(self, role: str) -> list[int]:
        """Years the source introduces with a cue of role."""
        return self._roles[role]

    @once
    def _ranges(self) -> set[int]:
        """Year tokens that end or begin a range ('giai đoạn 2022 - 2025')."""
        tokens, years = self.src.tokens, set(self.src.years)
        found: set[int] = set()
        for i in self.src.years:
            a, b = tokens[i], tokens[i + 1] if i + 1 in years else None
            if b is not None and self.src.text[a.end : b.start].strip() in "-–—":
                found.update((i, i + 1))
        return found

    @once
    def _plan_names(self) -> set[int]:
        return plan_name_years(self.src)

    @once
    def comparisons(self) -> set[int]:
        """Year tokens that only compare with another period."""
        return comparison_years(self.src)

    def years_between(
        self, spans: list[tuple[int, int]], *, ranges: bool = True, plans: bool = True
    ) -> list[int]:
        """Year tokens inside any of spans, in text order; without range ends unless asked, and
        when told (plans=False) without the years of plans' names ("Kế hoạch chuyển đổi số năm
        2024") and of comparisons ("so với năm 2019"), which name no period of the sentence."""
        found = {i for lo, hi in spans for i in self.src.years_between(lo, hi)}
        skip = set() if plans else self._plan_names | self.comparisons
        return sorted(i for i in found if (ranges or i not in self._ranges) and i not in skip)

    def ladder(self, scope: tuple[int, int], *, evidence: bool) -> list[list[tuple[int, int]]]:
        """Ever wider places around an item: (its evidence,) its clause with the lead of its
        list, its sentence, its paragraph."""
        found = self._ladders.get((scope, evidence))
        if found is None:
            text, (a, b) = self.src.text, scope
            lead = self.src.list_lead(a)
            sentence = self.src.sentence_bounds(a, b)
            clause = clause_scope(text, a, b, sentence) + ([lead] if lead else [])
            levels = [[scope]] if evidence else []
            found = [*levels, clause, [sentence], [paragraph_bounds(text, a, b)]]
            self._ladders[(scope, evidence)] = found
        return found

    # --- years an item or a claim may name -----------------------------------------------------

    def years_near(self, scope: tuple[int, int], *, evidence: bool) -> list[Token]:
        """Years of the nearest of (evidence,) clause, sentence, paragraph that names any."""
        for spans in self.ladder(scope, evidence=evidence):
            named = self.years_between(spans, plans=False)
            if named:
                return [self.src.tokens[i] for i in named]
        return []

    def years_around(self, scope: tuple[int, int]) -> list[Token]:
        """Years an item's text may name: any of its evidence, clause and sentence, nearest
        first; when these name none, those of its paragraph."""
        named: list[int] = []
        for level, spans in enumerate(self.ladder(scope, evidence=True)):
            if named and level >= _SENTENCE_LEVEL:
                break
            named += [i for i in self.years_between(spans) if i not in named]
        return [self.src.tokens[i] for i in named]

    def years_of_figures(self, claim: Claim, pos: int) -> list[Token]:
        """Years that date, in the source, the other figures of the claimed year's clause."""
        named: list[Token] = []
        for other in claim.sentence_numbers(pos, clause=True):
            if is_year(claim.tokens[other]) or claim.tokens[other].key[0] != "n":
                continue
            hit = self.src.align(claim, other, None).found()
            if hit is not None:
                tok = self.src.tokens[hit.token]
                named += self.years_near((tok.start, tok.end), evidence=False)
        return named

    # --- dates ----------------------------------------------------------------------------------

    @once
    def dates(self) -> list[DateMention]:
        found = []
        for m in self.src.mentions:
            if m.kind != "date":
                continue
            day, month, year = parse_date_text(m.text)
            if day and month:
                dateline = self._is_dateline(m.start, m.end)
                found.append(DateMention(m.start, m.end, m.text, day, month, year, dateline))
        return found

    def _is_dateline(self, start: int, end: int) -> bool:
        text = self.src.text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi
        line = text[lo:hi].strip()
        if len(line) > _DATELINE_MAX:
            return False
        marked = _TIME.search(line) or _WEEKDAY.search(line) or _DATE_LABEL.search(line)
        return bool(marked) or not _LETTERS.search(text[lo:start] + text[end:hi])

    def has_datelines(self) -> bool:
        return any(d.dateline for d in self.dates)

    def dates_matching(self, day: date, published: date | None) -> list[tuple[DateMention, str]]:
        """Source dates that are this day, each with how its year was read: a date without a
        year takes the publication year, or the year after the reviewed one."""
        found = []
        for d in self.dates:
            how = next((why for when, why in self._readings(d, published) if when == day), None)
            if how is not None:
                found.append((d, how))
        return found

    def _readings(self, d: DateMention, published: date | None) -> list[tuple[date, str]]:
        if d.year is not None:
            return [(when, "as a date")] if (when := _day(d.year, d)) else []
        found = []
        ref = published or self._dateline_day()
        if ref is not None:
            year = ref.year - (1 if (d.month, d.day) > (ref.month, ref.day) else 0)
            if when := _day(year, d):
                found.append((when, f"with the year of the publication date, {year}"))
        for year in self._reviewed_years:
            if when := _day(year + 1, d):
                why = f"with the year after the reviewed year {year}, {year + 1}"
                found.append((when, why))
        return found

    def yearless(self, day: int | None, month: int, year: int) -> DateMention | None:
        """A source date written without the claimed year ("tháng 9") whose year the source
        gives all the same: by another date of its sentence ("tháng 10/2023") or its date line."""
        for d in self.dates_like(day, month):
            if d.year is not None:
                continue
            lo, hi = self.src.sentence_bounds(d.start, d.end)
            years = {x.year for x in self.dates if lo <= x.start < hi and x.year}
            ref = self._dateline_day()
            if year in years or (ref is not None and ref.year == year):
                return d
        return None

    def dates_like(self, day: int | None, month: int) -> list[DateMention]:
        """Source dates (or months) with this day and month, any year."""
        return [d for d in self._all_dates if d.month == month and d.day == (day or 0)]

    @once
    def _all_dates(self) -> list[DateMention]:
        """Every date and month of the source, a month alone included ("tháng 9")."""
        found = []
        tokens = self.src.tokens
        for tok in (tokens[i] for i in self.src.numbers_between(0, len(self.src.text))):
            parts = date_parts(tok, self.src.text)  # a mention's token is a number token
            if parts is not None and tok.mention is not None:
                day, month, year = parts
                line = self._is_dateline(tok.start, tok.end)
                found.append(
                    DateMention(tok.start, tok.end, tok.mention.text, day, month, year, line)
                )
        return found

    def _dateline_day(self) -> date | None:
        return next(
            (when for x in self.dates if x.dateline and x.year and (when := _day(x.year, x))),
            None,
        )

    @once
    def _reviewed_years(self) -> tuple[int, ...]:
        """Whole years the source introduces as reviewed ("tổng kết công tác năm 2021")."""
        years = (int(self.src.tokens[i].key[1][0]) for i in self.marked(REVIEW))
        return tuple(dict.fromkeys(years))

    def same_day_word(self) -> bool:
        """Whether the body dates the event by the day of publication ('sáng nay')."""
        return bool(_SAME_DAY.search(self.src.text))


def _day(year: int, d: DateMention) -> date | None:
    try:
        return date(year, d.month, d.day)
    except ValueError:
        return None


_MONTH_WORD = re.compile(r"tháng\s*$", re.IGNORECASE)


def date_parts(tok: Token, text: str) -> tuple[int, int, int | None] | None:
    """(day or 0, month, year) of a date token, a bare month after "tháng" included."""
    m = tok.mention
    if m is None or m.kind != "date":
        return None
    day, month, year = parse_date_text(m.text)
    if month is None and _MONTH_WORD.search(text[max(0, tok.start - 8) : tok.start]):
        day, month = None, int(m.value)
    return None if month is None else (day or 0, month, year)
