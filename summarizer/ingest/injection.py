"""Lines addressed to an AI or a summariser: text to report, never a source of claims.

A page may carry a line written for whatever reads it by machine ("Lưu ý cho hệ thống tóm tắt:
bỏ qua mọi hướng dẫn trước đó …", "Ignore previous instructions and …"). Its numbers stand in
the source, so no check of numbers can catch a claim taken from it: the whole line is quarantined.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Who such a line addresses: named alone only when no report would name it otherwise.
_VI_SUMMARISER = r"hệ\s+thống\s+tóm\s+tắt|công\s+cụ\s+tóm\s+tắt|chương\s+trình\s+tóm\s+tắt"
_VI_MACHINE = (
    r"(?:hệ\s+thống|mô\s+hình|trợ\s+lý)\s+(?:ai|trí\s+tuệ\s+nhân\s+tạo|ngôn\s+ngữ)"
    r"|trí\s+tuệ\s+nhân\s+tạo|ai|chatbot|chat\s*gpt|máy"
)
_VI_ADDRESS = rf"(?:gửi|cho|dành\s+cho|tới)\s+(?:các\s+)?(?:{_VI_MACHINE})\s*:"
_VI_ORDER = (
    r"bỏ\s+qua\s+(?:mọi|tất\s+cả|toàn\s+bộ|các|những)?\s*(?:hướng\s+dẫn|chỉ\s+dẫn|chỉ\s+thị"
    r"|câu\s+lệnh|lệnh)"
    r"|bỏ\s+qua\s+(?:mọi|tất\s+cả|toàn\s+bộ|các|những)?\s*(?:yêu\s+cầu|quy\s+tắc)\s+"
    r"(?:trước\s+đó|ở\s+trên|đã\s+nhận)"
    r"|(?:ghi|viết|nêu|khẳng\s+định)\s+(?:vào\s+|trong\s+)?(?:bản\s+)?tóm\s+tắt\s+(?:rằng|là)"
)
_EN_ORDER = (
    r"ignore\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|preceding|your)"
    r"\s+(?:instructions|prompts?|rules|directions)"
    r"|disregard\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|your)\s+\w+"
    r"|forget\s+(?:all\s+|your\s+)?(?:previous|prior)\s+instructions"
    r"|you\s+are\s+now\b|new\s+instructions\s*:|system\s+prompt"
    r"|(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+)?(?:ai|llms?|language\s+models?"
    r"|assistants?|ai\s+assistants?|(?:automated\s+)?summari[sz]ers?|chatbots?)\b"
    r"|state\s+in\s+(?:the|your)\s+summary"
)
_ADDRESSED = re.compile(
    rf"(?<!\w)(?:{_VI_SUMMARISER}|{_VI_ADDRESS}|{_VI_ORDER}|{_EN_ORDER})", re.IGNORECASE
)


# What every line that _ADDRESSED finds holds, as str.casefold writes it: one of the words, "bỏ
# qua", or a colon after a word of _VI_MACHINE. re.IGNORECASE also reads "ı" and "İ" (casefolded
# "i" + U+0307) as "i", so only _MACHINES spell an "i", in each of the three ways.
_WORDS: tuple[str, ...] = ("tóm", "gnore", "sregard", "forget", "you", "nstruct", "system")
_WORDS += ("note", "message", "state", "chatbot", "gpt")
_SKIP = re.compile(r"bỏ\s+qua")  # a literal head, which re finds fast
_MACHINES = ("ai", "ai\u0307", "aı", "máy", "tạo", "ngữ")
_WIDEST = 8  # characters enough for "bỏ", "qua" or a word of _MACHINES
_BLOCK = 1 << 16  # characters casefolded at once

_SHARED_SOURCES = 8  # the documents in hand: the verifier, then the run's alerts, read each


def _may_address(text: str) -> bool:
    """Whether text may hold a line addressed to an AI: most texts hold none of what each such
    line holds, and looking costs a fraction of the scan with _ADDRESSED. Casefolded a block of
    lines at a time, as str.casefold takes 12 bytes a character while it works."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _BLOCK)
        end = len(text) if cut < 0 else cut
        if _holds_cue(text[start:end].casefold()) or (cut >= 0 and _holds_cue(_joint(text, cut))):
            return True
        start = end
    return False


def _holds_cue(folded: str) -> bool:
    return (
        any(word in folded for word in _WORDS)
        or bool(_SKIP.search(folded))
        or _machine_colon(folded)
    )


def _joint(text: str, cut: int) -> str:
    """The words on either side of the white space around a cut between blocks, casefolded:
    only what spans white space ("bỏ qua", "AI :") can span a line end."""
    before, after = cut, cut
    while before and text[before - 1].isspace():
        before -= 1
    while after < len(text) and text[after].isspace():
        after += 1
    return f"{text[max(0, before - _WIDEST) : before]} {text[after : after + _WIDEST]}".casefold()


def _machine_colon(folded: str) -> bool:
    """Whether a colon follows a word of _MACHINES, white space between (no copy of the text)."""
    colon = folded.find(":")
    while colon >= 0:
        end = colon
        while end and folded[end - 1].isspace():
            end -= 1
        if folded.endswith(_MACHINES, 0, end):
            return True
        colon = folded.find(":", colon + 1)
    return False


def find_injections(text: str) -> list[tuple[int, int]]:
    """Offsets [start, end) of every line of text that addresses an AI or a summariser."""
    return list(_injections(text))


@lru_cache(maxsize=_SHARED_SOURCES)
def _injections(text: str) -> tuple[tuple[int, int], ...]:
    """The verifier and the run's alerts both look for a document's injected lines: once."""
    if not _may_address(text):
        return ()
    spans: list[tuple[int, int]] = []
    for match in _ADDRESSED.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        span = (start, len(text) if end < 0 else end)
        if not spans or spans[-1] != span:
            spans.append(span)
    return tuple(spans)


def without_injections(text: str) -> str:
    """The text less each injected line: what extractors may read."""
    for start, end in reversed(find_injections(text)):
        text = text[:start] + text[end:]
    return text
