"""Whether an item stands in the right group: a target that reads as a finished result, or an
achievement that reads as a directive, is a doubt (a warning), never an error.

The reading is made from cue words, folded like every search of the source:
- A target is doubted when its evidence reports a result ("đã", "đạt", "hoàn thành" after its
  subject, "được ... triển khai", "so với cùng kỳ", "vượt kế hoạch", "hiện có", "ước") and
  nothing looks forward: no cue ("phấn đấu", "đề nghị", "tiếp tục", "sẽ", "cần", "phải",
  "tập trung", "mục tiêu", a floor like "ít nhất") in its sentence up to the evidence's end, no
  directive in the rest of the sentence, and no such cue or plan word ("phương hướng",
  "nhiệm vụ", "kế hoạch") in the lead of its list.
- An achievement is doubted when its sentence up to the evidence's end gives a directive
  ("đề nghị", "phấn đấu", "cần", "phải", "yêu cầu" as a verb, "chỉ đạo ... tiếp tục", "sẽ")
  before any result cue, or when its evidence reports no result and its list's lead is a plan.
"""

from __future__ import annotations

import re

from ..schema import Achievement, Target
from .once import once
from .recorder import Recorder
from .sourceindex import SourceIndex
from .text import fold_phrase


def _words(*phrases: str) -> re.Pattern[str]:
    """Any of the phrases, on word boundaries, in folded text."""
    body = "|".join(fold_phrase(p) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


_RESULT = _words(
    "đã",
    r"(?<!phấn đấu )đạt(?! (?:tối thiểu|ít nhất|và vượt))",
    r"được(?: \w+){0,2} triển khai",
    r"so (?:với )?cùng kỳ",
    r"so với (?:năm|cuối năm|quý|tháng) \d{4}",
    r"so với năm trước",
    r"vượt kế hoạch",
    r"bằng [\d,.]+% kế hoạch",
    r"tăng \d+ bậc",
    "xếp thứ",
    r"(?:toàn tỉnh|hiện) có",
    r"tiếp tục được",
    r"được (?:duy trì|đẩy mạnh|quan tâm|mở rộng|chú trọng)",
    "ngày càng",
    "đang",
    "ước",
    "đi vào hoạt động",
    "không để xảy ra",
    r"hoàn thành [\d.]+/[\d.]+",
    r"chiếm (?:trên |gần |khoảng )?[\d,.]+%",
    r"thu hút [\d.]+",
    "lên tới",
)
_DONE_AFTER_SUBJECT = re.compile(r"(?<=\w) hoàn thành(?!\w)")
_DIRECTIVE_WORDS = (
    "đề nghị",
    "phấn đấu",
    "cần",
    "phải",
    r"(?<!mức )(?<!\()yêu cầu(?! (?:là|tối thiểu|của|[\d(]))",
    r"chỉ đạo(?: [^ ]+){0,8}? tiếp tục",
    "sẽ",
    "sắp tới",
    r"(?:năm|thời gian|giai đoạn) tới",
    "đặt mục tiêu",
)
_DIRECTIVE = _words(*_DIRECTIVE_WORDS)
_FORWARD = _words(
    *_DIRECTIVE_WORDS,
    r"tiếp tục(?! được)",
    "tập trung",
    r"(?<!yêu cầu )(?<!mức )(?:ít nhất|tối thiểu)",
    "còn lại",
    "sớm",
    "khẩn trương",
    "phương hướng",
    "mục tiêu",
    "năm sau",
)
_PLAN_LEAD = _words("phương hướng", "nhiệm vụ", "kế hoạch", "mục tiêu", "giải pháp")


class GroupChecks:
    """Each item's group held against how its evidence reads."""

    def __init__(self, rec: Recorder) -> None:
        self.rec = rec
        self.text = rec.src.text

    def item(self, path: str, item: Achievement, scope: tuple[int, int] | None) -> None:
        if scope is None:
            return
        read = self._target if isinstance(item, Target) else self._achievement
        why = read(_Place(self.rec.src, scope))
        if why is not None:
            self.rec.add(path, "group", item.description, "normalized", why, scope, "warning")

    @staticmethod
    def _target(place: _Place) -> str | None:
        """A doubt when the evidence reports a result and nothing around it looks forward."""
        result = _RESULT.search(place.evidence) or _DONE_AFTER_SUBJECT.search(place.evidence)
        if result is None:
            return None
        forward = (
            _FORWARD.search(place.said)
            or _DIRECTIVE.search(place.rest)
            or _FORWARD.search(place.lead)
            or _PLAN_LEAD.search(place.lead)
        )
        if forward:
            return None
        return f"reads as a finished result ({result.group().strip()!r}), not a target"

    @staticmethod
    def _achievement(place: _Place) -> str | None:
        """A doubt when a directive comes before any result, or a plan's list holds a bare
        item."""
        directive = _DIRECTIVE.search(place.said)
        if directive is not None:
            result = _RESULT.search(place.said)
            if result is not None and result.start() < directive.start():
                directive = None
        if directive is None and not _RESULT.search(place.evidence):
            directive = _DIRECTIVE.search(place.lead) or _PLAN_LEAD.search(place.lead)
        if directive is None:
            return None
        return f"reads as a directive ({directive.group()!r}), not an achievement"


class _Place:
    """The folded texts around an item's evidence, each folded when a reading first needs it:
    most items are settled by their evidence alone."""

    def __init__(self, src: SourceIndex, scope: tuple[int, int]) -> None:
        self.src, self.scope = src, scope

    @once
    def evidence(self) -> str:
        return fold_phrase(self.src.text[self.scope[0] : self.scope[1]])

    @once
    def _sentence(self) -> tuple[int, int]:
        return self.src.sentence_bounds(*self.scope)

    @once
    def said(self) -> str:
        """The sentence up to the evidence's end."""
        return fold_phrase(self.src.text[self._sentence[0] : self.scope[1]])

    @once
    def rest(self) -> str:
        """The sentence after the evidence."""
        return fold_phrase(self.src.text[self.scope[1] : self._sentence[1]])

    @once
    def lead(self) -> str:
        """The line that introduces the item's list, if any."""
        where = self.src.list_lead(self.scope[0])
        return fold_phrase(self.src.text[where[0] : where[1]]) if where else ""
