"""The period a report reviews and the one it plans, as the genre frames them.

Review conferences pair the two in one phrase: "tổng kết công tác năm 2020, triển khai nhiệm vụ
năm 2021", "sơ kết 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2019", "trong 5 năm
2015 - 2020 và đề ra phương hướng cho giai đoạn 2020 - 2025". The word before a period says which
it is; a sentence that opens on "Năm 2020," reviews unless its verbs look ahead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE
_HALF = r"(?P<n>\d|sáu|ba|chín|nửa)(?:\s+tháng)?\s+(?P<side>đầu|cuối)\s+năm(?:\s+(?P<hy>\d{4}))?"
_RANGE = (
    r"(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|\d+\s+năm)\s*\(?(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})\)?"
)
_YEAR = r"năm\s+(?P<y>\d{4})(?!\s*[-–/]\s*\d)"
# A school year, a quarter or a month of a briefing: "năm học 2022 - 2023", "quý II/2024",
# "tháng 10/2023"; a quarter or month only after the word that makes it a period of work.
_SCHOOL = r"năm\s+học\s+(?P<sa>\d{4})\s*[-–]\s*(?P<sb>\d{4})"
_OF_WORK = r"(?<=công\stác\s)|(?<=nhiệm\svụ\s)|(?<=giao\sban\s)|(?<=kết\squả\s)"
_PART = (
    rf"(?:{_OF_WORK})(?P<unit>quý|tháng)\s+(?P<part>IV|I{{1,3}}|[1-4](?=\s*/|\s+năm|\W*$)|"
    r"(?<=tháng\s)(?:1[0-2]|0?[1-9]))(?:\s*/\s*(?P<py>\d{4})|\s+năm\s+(?P<py2>\d{4}))?(?![\d/])"
)
_NEW = r"năm\s+mới"
_PERIOD = re.compile(
    rf"(?<!\w)(?:{_HALF}|{_RANGE}|{_SCHOOL}|{_PART}|{_YEAR}|(?P<new>{_NEW}))(?!\w)", _I
)
_WORD_NUMBERS = {"sáu": "6", "ba": "3", "chín": "9", "nửa": "6"}

_REVIEW = (
    r"tổng\s+kết|sơ\s+kết|đánh\s+giá|nhìn\s+lại|kết\s+quả|giao\s+ban|hoàn\s+thành|đạt\s+được"
    r"|thành\s+tích|năm\s+qua"
)
_PLAN = (
    r"triển\s+khai|nhiệm\s+vụ|phương\s+hướng|kế\s+hoạch|(?<!địa\s)bàn|bước\s+vào|bước\s+sang"
    r"|đề\s+ra|mục\s+tiêu|phấn\s+đấu|định\s+hướng|chương\s+trình\s+công\s+tác"
)
_TASK = re.compile(r"nhiệm\s+vụ|kế\s+hoạch", _I)
_CUE = re.compile(rf"(?<!\w)(?:(?P<review>{_REVIEW})|(?P<plan>{_PLAN}))(?!\w)", _I)
_NOT_A_PERIOD = re.compile(r"(?:\b(?:từ|đến|tới|sau|trước|với|kỳ|tầm\s+nhìn)|/)\s*$|\d\s*$", _I)
_LEADING_TRONG = re.compile(r"(?:trong|vào)\s*$", _I)
_LOOKS_AHEAD = re.compile(
    r"(?<!\w)(?:tiếp\s+tục|tập\s+trung|phấn\s+đấu|sẽ|xác\s+định|đặt\s+mục\s+tiêu|cần)(?!\w)", _I
)
_LOOKS_BACK = re.compile(r"(?<!\w)(?:đã|đạt|hoàn\s+thành|tăng|giảm)(?!\w)", _I)
_WINDOW = 90  # characters a cue may stand before its period
_STOPS = ".;:!?\n"


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    role: str | None  # "review" | "plan" | None
    label: str | None  # None when the year is left to the context ("6 tháng đầu năm")
    year: int | None
    template: str | None = None  # "6 tháng đầu năm {}" for a yearless half-year


def _label(m: re.Match[str]) -> tuple[str | None, int | None, str | None]:
    if m.group("side"):
        n = _WORD_NUMBERS.get(m.group("n").casefold(), m.group("n"))
        template = f"{n} tháng {m.group('side').casefold()} năm {{}}"
        year = int(m.group("hy")) if m.group("hy") else None
        return (template.format(year) if year else None), year, template
    if m.group("sa"):
        return f"năm học {m.group('sa')} - {m.group('sb')}", int(m.group("sb")), None
    if m.group("unit"):
        joint = " năm " if m.group("py2") else "/"
        template = f"{m.group('unit').casefold()} {m.group('part')}{joint}{{}}"
        written = m.group("py") or m.group("py2")
        year = int(written) if written else None
        if year is None and m.group("unit").casefold() == "tháng":
            return f"tháng {m.group('part')}", None, None  # "9/2023" would read as a date
        return (template.format(year) if year else None), year, template
    if m.group("a"):
        return f"giai đoạn {m.group('a')} - {m.group('b')}", int(m.group("b")), None
    if m.group("y"):
        return m.group("y"), int(m.group("y")), None
    return None, None, None


def _role(text: str, start: int, floor: int) -> str | None:
    """'review' or 'plan' by the nearest cue word before the period, within its clause."""
    lo = max(floor, start - _WINDOW)
    window = text[lo:start]
    cut = max(window.rfind(ch) for ch in _STOPS)
    window = window[cut + 1 :]
    cues = [c for c in _CUE.finditer(window) if not _proper_noun(window, c.start())]
    if cues:
        last = cues[-1]
        # "hoàn thành nhiệm vụ năm 2023", "kết quả thực hiện nhiệm vụ …": the task is reviewed.
        led = len(cues) > 1 and _TASK.fullmatch(last.group()) and last.start() - cues[-2].end() < 25
        if led and cues[-2].group("review"):
            return "review"
        return "review" if last.group("review") else "plan"
    opening = _opening(text, start)
    if opening is None:
        return None
    tail = re.split(r"[.;]", text[start : start + _WINDOW])[0]
    if _LOOKS_AHEAD.search(tail):
        return "plan"
    return "review" if opening == "sentence" or _LOOKS_BACK.search(tail) else None


def _proper_noun(window: str, pos: int) -> bool:
    """A capitalised cue inside a sentence names something: 'Sở Kế hoạch và Đầu tư'."""
    before = window[:pos].rstrip()
    return window[pos].isupper() and bool(before) and before[-1].isalnum()


def _opening(text: str, start: int) -> str | None:
    """'sentence' when the period opens its sentence ("Năm 2020, …"), 'clause' after a comma."""
    before = _LEADING_TRONG.sub("", text[max(0, start - 40) : start]).rstrip()
    if not before or before[-1] in ".!?:\n" or (start <= 40 and not text[:start].strip(" \t")):
        return "sentence"
    return "clause" if before[-1] == "," else None


def find_periods(text: str) -> list[Period]:
    """Every period named in text, each with the role its cue word gives it."""
    found: list[Period] = []
    floor = 0
    for m in _PERIOD.finditer(text):
        if _NOT_A_PERIOD.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        label, year, template = _label(m)
        role = "plan" if m.group("new") else _role(text, m.start(), floor)
        if m.group("new") and not _CUE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        found.append(Period(m.start(), m.end(), role, label, year, template))
        floor = m.end()
    return _fill_years(found)


def _fill_years(periods: list[Period]) -> list[Period]:
    """A yearless half-year takes the year of the next period named beside it."""
    filled = []
    for i, p in enumerate(periods):
        if p.template and p.year is None:
            near = [q for q in periods[i + 1 : i + 3] if q.year and q.start - p.end < 120]
            if near:
                year = near[0].year
                p = Period(p.start, p.end, p.role, p.template.format(year), year, p.template)
        filled.append(p)
    return filled


def choose(sources: list[str]) -> tuple[str | None, str | None]:
    """(period, next_period) from text sources in order of trust: the first of each role wins."""
    review: Period | None = None
    plan: Period | None = None
    new_year = False
    for source in sources:
        for p in find_periods(source):
            if p.role == "review" and review is None and p.label:
                review = p
            elif p.role == "plan" and plan is None:
                if p.label is None and p.template is None:
                    new_year = True
                elif p.label and (review is None or p.label != review.label):
                    plan = p
        if review and plan:
            break
    period = review.label if review else None
    next_period = plan.label if plan else None
    if next_period is None and new_year and review and review.label and review.label.isdigit():
        next_period = str(int(review.label) + 1)
    return period, next_period
