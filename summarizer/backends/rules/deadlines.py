"""The period a target names for itself, and the periods that only name a plan's horizon.

A target's own sentence may set its deadline anywhere in it: "Phấn đấu đến hết năm 2022 có …",
"trình UBND tỉnh trong quý III/2022", "phấn đấu đến năm 2025 có 80% …". That period wins over
the heading of the list the target stands in and over the period that frames its sentence. A
period inside a document's name ("Đề án chuyển đổi số … đến năm 2025, định hướng đến năm 2030")
is the horizon of that plan, not the deadline of the task that mentions it.
"""

from __future__ import annotations

import re

from .cues import PERIOD_ANY, read_period

_I = re.IGNORECASE
# Words that make a period the time limit of the task: "đến hết năm 2022", "trong quý III/2022".
_BY = re.compile(r"(?<!\w)(?:đến|tới|trước|trong|vào)(?:\s+(?:hết|cuối))?\s*$", _I)
_VISION = re.compile(r"(?<!\w)(?:định hướng|tầm nhìn)\s+(?:đến|tới)\s*$", _I)
# A named document whose own title runs on to "đến năm …" with no verb or stop in between.
_DOCUMENT = re.compile(
    r"(?<!\w)(?:Đề án|Kế hoạch|Chương trình|Chiến lược|Quy hoạch|Nghị quyết|Quyết định|Dự án"
    r")(?!\w)[^,;:.()]*?(?:đến|tới)\s*$"
)
# A plan named for its year: "dự thảo Kế hoạch chuyển đổi số năm 2025" (the year is its name's).
_NAMED_FOR = re.compile(
    r"(?<!\w)(?:Đề án|Kế hoạch|Chương trình|Chiến lược|Quy hoạch)(?!\w)"
    r"(?:\s+[^\W\d]+){0,8}?(?<!\strong)(?<!\svào)(?<!\strước)(?<!\sđến)(?<!\stới)(?<!\shết)\s+$"
)


# A period inside a quoted document name: Đề án “… giai đoạn 2021–2025, …”.
_QUOTED_NAME = re.compile(
    r"(?<!\w)(?:Đề án|Kế hoạch|Chương trình|Chiến lược|Quy hoạch|Nghị quyết|Dự án)"
    r"(?!\w)[^“”\"\n]{0,30}[“\"][^”\"\n]*$"
)


def is_horizon(text: str, start: int) -> bool:
    """Whether the period at text[start:] names a plan's horizon, not a deadline."""
    before = text[max(0, start - 120) : start]
    wide = text[max(0, start - 300) : start]
    named = text.startswith("năm", start) and _NAMED_FOR.search(before)
    return bool(
        _VISION.search(before) or _DOCUMENT.search(before) or _QUOTED_NAME.search(wide) or named
    )


def future_periods(text: str, review: str | None, plan: str | None) -> list[tuple[int, str]]:
    """(offset, deadline) of each coming period named in text, horizons left out."""
    found = []
    for m in PERIOD_ANY.finditer(text):
        if is_horizon(text, m.start()):
            continue
        period = read_period(m.group(0), review, plan)
        if period.future and period.deadline:
            found.append((m.start(), period.deadline))
    return found


def own_deadline(text: str, review: str | None, plan: str | None) -> str | None:
    """The coming period a clause sets as its own time limit: 'đến hết năm 2022', 'trong quý …'."""
    for start, deadline in future_periods(text, review, plan):
        if _BY.search(text[max(0, start - 20) : start]):
            return deadline
    return None
