"""Leaders' directives: "đề nghị" or "yêu cầu", an addressee, then the task asked of it.

The addressee may be a single word ("đề nghị Sở tiếp tục …"), a longer noun phrase ("đề nghị
tập thể cán bộ, công chức, viên chức của Sở tiếp tục …"), or carry the period the task is for
("đề nghị năm 2024 ngành TT&TT triển khai …"). The noun "yêu cầu" ("đáp ứng yêu cầu", "mức yêu
cầu 30%", "yêu cầu là 100%") asks nothing of anyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import PERIOD_ANY

_I = re.IGNORECASE
# Noun uses of "yêu cầu" / "đề nghị": after a verb or determiner that takes a noun.
# "đã đề nghị", "đã yêu cầu": a request already made is a deed of the period, not a directive.
_NOUN_USE = (
    r"(?<!đáp ứng )(?<!theo )(?<!mức )(?<!các )(?<!những )(?<!đúng )(?<!với )(?<!của )(?<!đã )"
)
_VERB = rf"{_NOUN_USE}(?<!\w)(?:đề nghị|yêu cầu)\s+"
_ADDRESSEE = r"(?:Sở|các|toàn|ngành|đơn vị|UBND|cơ quan|phải|tiếp tục|tập trung|lãnh đạo)(?!\w)"
_TASK = (
    r"tiếp tục|tập trung|triển khai|đẩy mạnh|tăng cường|nâng cao|chú trọng|quan tâm|khẩn trương"
    r"|sớm|phối hợp|thực hiện|hoàn thành|hoàn thiện|xây dựng|phát huy|bám sát|đôn đốc|rà soát"
    r"|tham mưu|quyết liệt|chủ động|làm tốt|nghiên cứu|bảo đảm|đảm bảo|phải|cần|nỗ lực"
    r"|phấn đấu|thường xuyên|kịp thời"
)
# A longer addressee: a few words with no stop, and no copula or verb of result.
_LONG = (
    r"(?P<who>(?!của|với|là|về|cho|được)(?:(?!(?<!\w)(?:là|đạt|được)(?!\w))[^.;:!?\n\"“]){1,90}?)"
    rf"\s(?P<task>{_TASK})(?!\w)"
)
_DIRECTIVE = re.compile(
    rf"{_VERB}(?:(?={_ADDRESSEE})|{_LONG})|(?<!\w)(?:được yêu cầu|đặt yêu cầu|chỉ đạo Sở)(?!\w)",
    _I,
)


@dataclass(frozen=True)
class Directive:
    start: int  # the verb, offset into the searched text
    period: str | None  # a period named between the verb and the task: "năm 2024"


def find_directive(text: str) -> Directive | None:
    """The first directive in text, with the period its addressee names, if any."""
    m = _DIRECTIVE.search(text)
    if m is None:
        return None
    who = m.group("who")
    period = PERIOD_ANY.search(who) if who else None
    return Directive(m.start(), period.group(0) if period else None)


def is_directive(text: str) -> bool:
    return _DIRECTIVE.search(text) is not None
