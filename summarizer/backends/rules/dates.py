"""Dates as Vietnamese news pages write them: the article's date line and the event's own day.

A date line stands near the headline and holds little beside the date: a weekday, a label
("Cập nhật:", "Đăng ngày", "Ngày đăng:"), a time, counters ("Thứ năm - 21/01/2021 15:00 817 0",
"( Cập nhật lúc: 08/01/2024 )", "Thứ Sáu, ngày 12 tháng 1 năm 2024 - 15:36"). The event's day
follows a time-of-day word in the lead ("Chiều 12/1", "Sáng 30.12", "vào ngày 13-1-2023").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NUMERIC = r"(?<![\d.,/-])(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}))?(?![\d]|[.,/-]\d)"
_WORDED = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?"
DATE = re.compile(rf"{_NUMERIC}|{_WORDED}", re.IGNORECASE)

_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)"
_LABEL = (
    r"(?:cập\s+nhật(?:\s+lúc)?|ngày\s+cập\s+nhật|đăng\s+ngày|ngày\s+đăng|đăng\s+lúc|"
    r"ngày\s+xuất\s+bản|xuất\s+bản|thời\s+gian\s+đăng|posted|ngày)"
)
_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:SA|CH|AM|PM))?"
_FILLER = rf"(?:{_WEEKDAY}|{_LABEL}|{_TIME}|lúc|[\s(\[|:,–-])*"
_LINE_HEAD = re.compile(rf"^\s*{_FILLER}$", re.IGNORECASE)
_LINE_TAIL = re.compile(
    rf"^(?:{_TIME}|GMT\s*\+\s*\d+|lúc|\d+|[\s()\[\]:,–-])*"
    r"(?:\||$|(?:số\s+)?lượt\s+(?:xem|truy\s+cập|đọc))",
    re.IGNORECASE,
)
_HEADER_LINES = 12  # a date line stands among the first lines of the article

_TIME_OF_DAY = re.compile(
    r"(?:sáng|chiều|tối|trưa|đêm|hôm|ngày|vào)\s+(?:nay\s+)?(?:(?:ngày|hôm)\s+)?\(?$",
    re.IGNORECASE,
)
_NOT_EVENT_BEFORE = re.compile(
    r"(?:(?:\S*\d\S*[/-][A-ZĐ]\S*|\S*[A-ZĐ]/[A-ZĐ]\S*)\s+ngày\s+|(?:từ|đến|tới)\s+(?:ngày\s+)?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every valid day-month(-year) date in text[start:end]."""
    found = []
    for m in DATE.finditer(text, start, len(text) if end is None else end):
        if m.group(1):
            day, month, year = m.group(1), m.group(3), m.group(4)
        else:
            day, month, year = m.group(5), m.group(6), m.group(7)
        if _valid(int(day), int(month), year):
            found.append(DateMention(m.start(), m.end(), int(day), int(month), _int(year)))
    return found


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _valid(day: int, month: int, year: str | None) -> bool:
    try:
        dt.date(int(year) if year else 2000, month, day)
    except ValueError:
        return False
    return year is None or 1990 <= int(year) <= 2100


def as_date(mention: DateMention, year: int | None = None) -> dt.date | None:
    """The mention as a date; a date without a year takes `year`."""
    chosen = mention.year or year
    return dt.date(chosen, mention.month, mention.day) if chosen else None


def date_line(text: str, headline: str | None = None) -> dt.date | None:
    """The article's own date line among its first lines.

    A portal prints its clock over every page ("Thứ Năm, 25/07/2024 | 23:10", "… GMT+7"), above
    the headline; the article's line stands under the headline. So the first date line after the
    headline wins, and one above it counts only when none follows.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_HEADER_LINES]
    found = [(i, day) for i, line in enumerate(lines) if (day := _line_date(line)) is not None]
    if not found:
        return None
    at = lines.index(headline.strip()) if headline and headline.strip() in lines else None
    if at is not None:
        after = [day for i, day in found if i > at]
        if after:
            return after[0]
    return found[0][1]


def _line_date(line: str) -> dt.date | None:
    """The date of a line that holds little beside a date: a weekday, a label, a time."""
    for mention in find_dates(line):
        if mention.year is None:
            continue
        head, tail = line[: mention.start], line[mention.end :]
        if _LINE_HEAD.match(head) and _LINE_TAIL.match(tail):
            return as_date(mention)
    return None


def event_day(sentence: str) -> DateMention | None:
    """The day a lead sentence gives to its event: after 'Sáng', 'Chiều', 'ngày', or first."""
    for mention in find_dates(sentence):
        before = sentence[: mention.start]
        if _NOT_EVENT_BEFORE.search(before):
            continue
        if _TIME_OF_DAY.search(before) or not before.strip(" -–,(\n") or _opens(before):
            return mention
    return None


def _opens(before: str) -> bool:
    """Whether the date opens the sentence after a source tag: 'HGĐT - Sáng 30.12'."""
    return bool(re.fullmatch(r"\s*(?:\(?[A-ZĐ.]{2,10}\)?\s*[-–]?\s*)", before))


def resolve_year(mention: DateMention, published: dt.date | None) -> dt.date | None:
    """A yearless date in the publication's year, or the year before when it would follow it."""
    if mention.year or published is None:
        return as_date(mention, mention.year)
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, mention.month, mention.day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None
