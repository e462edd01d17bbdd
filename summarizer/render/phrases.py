"""Vietnamese wording for a brief: a metric as the source writes it, a check as a problem line."""

from __future__ import annotations

import re
import unicodedata

from ..schema import Check, Metric

# The words each qualifier may be written with, longest first; the first is the default.
QUALIFIER_WORDS = {
    "over": ("hơn", "trên", "vượt"),
    "under": ("dưới",),
    "approx": ("khoảng", "gần", "xấp xỉ", "ước đạt", "ước tính"),
    "at_least": ("ít nhất", "tối thiểu"),
    "at_most": ("tối đa",),
}
_KIND_LABEL = {
    "value": "Số liệu",
    "total": "Số liệu",
    "text": "Số liệu",
    "number": "Số liệu",
    "count": "Số lượng",
    "date": "Ngày tháng",
    "evidence": "Trích dẫn",
}


def fold(text: str) -> str:
    """One form for comparing: NFC, case folded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def shorten(text: str, width: int) -> str:
    """At most `width` characters, cut at a word boundary with '…', never inside a word."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    head = text[: width - 1]
    space = head.rfind(" ")
    head = head[:space] if space > 0 else head
    return head.rstrip(" ,;:–-") + "…"


def _qualifier_as_written(metric: Metric, evidence: str) -> str:
    """The hedge word the evidence writes before the metric, else the qualifier's usual word."""
    if metric.qualifier is None:
        return ""
    words = QUALIFIER_WORDS[metric.qualifier]
    at = fold(evidence).find(fold(metric.text))
    if at > 0:
        before = fold(evidence)[:at].rstrip()
        for word in sorted(words, key=len, reverse=True):
            if re.search(rf"(^|\s){re.escape(word)}$", before):
                start = len(before) - len(word)
                return _original(evidence, start, word)
    return words[0]


def _original(evidence: str, start: int, word: str) -> str:
    """The word as the evidence spells it (its case), found at its folded offset."""
    folded_words = fold(evidence)
    prefix_words = len(folded_words[:start].split())
    original = " ".join(evidence.split()).split(" ")
    count = len(word.split())
    return " ".join(original[prefix_words : prefix_words + count]) or word


def metric_phrase(metric: Metric, evidence: str) -> str:
    """'gần 300 camera': the metric's text with its qualifier and unit as written."""
    text = metric.text
    if metric.unit and fold(metric.unit) not in fold(text):
        text = f"{text} {metric.unit}"
    hedge = _qualifier_as_written(metric, evidence)
    return f"{hedge} {text}" if hedge else text


def stands_in(metric: Metric, evidence: str) -> bool:
    """Whether the item's evidence contains the metric as written."""
    return fold(metric.text) in fold(evidence)


def problem_line(check: Check) -> str:
    """'Số liệu chưa kiểm chứng: «350 camera» — văn bản gốc ghi «300 camera»'."""
    label = _KIND_LABEL.get(check.kind, "Nội dung")
    claim = shorten(check.claim, 120)
    if check.severity == "warning":
        head = f"{label} cần xem lại: «{claim}»"
    else:
        head = f"{label} chưa kiểm chứng: «{claim}»"
    return head + _what_the_source_says(check)


def _what_the_source_says(check: Check) -> str:
    found = shorten(check.found, 120) if check.found else None
    if check.status == "missing":
        return " — không tìm thấy trong văn bản gốc"
    if check.status == "unsupported":
        where = f" «{found}»" if found else ""
        return f" — văn bản gốc có{where} nhưng ở chỗ khác, không trong đoạn dẫn chứng"
    if found and fold(found) != fold(check.claim):
        return f" — văn bản gốc ghi «{found}»"
    if check.severity == "warning":
        return " — chấp nhận theo cách hiểu suy ra từ văn bản gốc"
    return ""
