"""The parts of an award sentence: the honour, who confers it, who receives it, how many, why.

The genre states an award in a few fixed shapes: "Bộ trưởng Bộ TT&TT tặng Bằng khen cho 2 tập
thể, 5 cá nhân", "Sở TT&TT vinh dự được Chủ tịch nước tặng thưởng Huân chương Lao động hạng Nhì
vì …", "09 tập thể và 05 cá nhân được nhận Giấy khen của Giám đốc Sở … tặng do có thành tích …",
"thừa ủy quyền của Bộ trưởng …, Sở … đã trao Kỷ niệm chương “…” cho bốn mươi tám cá nhân".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...numbers import parse_numeral
from .vnlex import SURNAMES, Token, name_length, post_end, tokenize

_I = re.IGNORECASE
_HEAD = re.compile(
    r"(?<!\w)(?:(?P<named>[Hh]uân\s+chương|[Hh]uy\s+chương)|(?P<title>[Dd]anh\s+hiệu)"
    r"|(?P<plain>[Bb]ằng\s+khen|[Gg]iấy\s+khen|[Cc]ờ\s+thi\s+đua|[Kk]ỷ\s+niệm\s+chương"
    r"|[Bb]ằng\s+công\s+nhận))(?!\w)"
)
_QUOTED = re.compile(r"\s*(“[^”]{1,80}”|\"[^\"]{1,80}\")")
_CLASS = re.compile(r"\s+hạng\s+(?:Nhất|Nhì|Ba|nhất|nhì|ba)(?!\w)")
_NAME_STOP = frozenset({
    "hạng", "cho", "của", "vì", "do", "và", "tặng", "trao", "năm", "được", "các", "những",
    "giai", "đoạn", "trong", "tại", "đạt", "với", "từ",
})  # fmt: skip
_MAX_NAME_TOKENS = 8

_NUMBER_WORD = r"(?:một|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|tám|chín|mười|mươi|mốt|trăm|linh|lẻ)"
_COUNT = re.compile(
    rf"(?<!\w)(\d{{1,4}}|{_NUMBER_WORD}(?:\s+{_NUMBER_WORD}){{0,5}})\s+(tập\s+thể|cá\s+nhân)(?!\w)",
    _I,
)
_AUTHORITY_HEAD = re.compile(
    r"(?:Phó\s+)?(?:Chủ\s+tịch|Bộ\s+trưởng|Thủ\s+tướng|Chính\s+phủ|Giám\s+đốc|Sở|Bộ|UBND|HĐND"
    r"|Ủy\s+ban|Uỷ\s+ban|Tỉnh\s+ủy|Tỉnh\s+uỷ|Thành\s+ủy|Thành\s+uỷ|Ban|Hội\s+đồng|Tổng\s+Liên"
    r"|Liên\s+đoàn|Công\s+đoàn|Trung\s+ương|Thủ\s+trưởng|Cục|Tổng\s+cục|Chủ\s+nhiệm|Bí\s+thư"
    r"|Đảng\s+ủy|Đảng\s+uỷ|Hội|Đoàn|Viện|Bộ\s+Tư\s+lệnh|Tư\s+lệnh)(?!\w)"
)
_RECIPIENT_HEAD = re.compile(
    r"(?:Sở|Trung\s+tâm|Phòng|Báo|Đài|Bưu\s+điện|Cổng|Văn\s+phòng|Chi\s+cục|Công\s+ty|Viễn\s+thông"
    r"|VNPT|Viettel|Ban|Hội|Đoàn|Cục|Tạp\s+chí|Nhà\s+xuất\s+bản|Thanh\s+tra|UBND|Ủy\s+ban|Uỷ\s+ban"
    r"|Trường|Bệnh\s+viện|Tập\s+thể)(?!\w)"
)


@dataclass(frozen=True)
class Honour:
    start: int
    end: int
    kind: str  # as written, head capitalised: "Huân chương Lao động hạng Nhì"


def find_honours(text: str, start: int, end: int) -> list[Honour]:
    """Every honour named in text[start:end], with its own name and class where written."""
    found = []
    for m in _HEAD.finditer(text, start, end):
        stop = m.end()
        if not m.group("plain") or m.group().lower().startswith("kỷ"):
            quoted = _QUOTED.match(text, stop, end)
            stop = quoted.end() if quoted else _name_end(text, stop, end)
        if m.group("named"):
            klass = _CLASS.match(text, stop, end)
            stop = klass.end() if klass else stop
        if m.group("title") and stop == m.end():
            continue  # "danh hiệu" with no name is not an honour of its own
        written = text[m.start() : stop]
        kind = written if m.group("title") else written[0].upper() + written[1:]
        found.append(Honour(m.start(), stop, kind))
    return found


def _name_end(text: str, start: int, end: int) -> int:
    """End of an honour's own name: a capitalised word and the words it leads ('Lao động')."""
    stop = start
    for token in tokenize(text, start, end)[:_MAX_NAME_TOKENS]:
        if token.start - stop > 1 or not token.text.isalpha() or token.text in _NAME_STOP:
            break
        if stop == start and not token.text[0].isupper():
            break
        stop = token.end
    return stop


def counts(text: str, start: int, end: int) -> tuple[int | None, int | None]:
    """How many collectives and individuals text[start:end] counts ('09 tập thể', 'hai cá nhân')."""
    collectives = individuals = None
    for m in _COUNT.finditer(text, start, end):
        value = _numeral(m.group(1))
        if value is None:
            continue
        if m.group(2).lower().startswith("tập") and collectives is None:
            collectives = value
        elif m.group(2).lower().startswith("cá") and individuals is None:
            individuals = value
    return collectives, individuals


# Collectives counted by another noun after "cho": "cho 6 đơn vị", "cho 27 Sở TT&TT".
_UNIT_COUNT = re.compile(
    r"(?<!\w)cho\s+(\d{1,4})\s+(?:đơn\s+vị|Sở|cơ\s+quan|doanh\s+nghiệp|địa\s+phương"
    r"|tổ\s+chức|tỉnh|huyện|xã|phường|trường)(?!\w)"
)


def unit_count(text: str, start: int, end: int) -> int | None:
    """Collectives counted as units right after 'cho', when no 'tập thể' count is written."""
    m = _UNIT_COUNT.search(text, start, end)
    return int(m.group(1)) if m else None


def _numeral(words: str) -> int | None:
    """The value of a numeral, dropping leading words that are not part of it ('năm hai')."""
    parts = words.split()
    for i in range(len(parts)):
        value = parse_numeral(" ".join(parts[i:]))
        if value is not None and float(value).is_integer():
            return int(value)
    return None


def authority_at(text: str, pos: int, end: int) -> str | None:
    """The conferring authority that starts at pos ('Chủ tịch UBND tỉnh'), if one does."""
    if not _AUTHORITY_HEAD.match(text, pos):
        return None
    tokens = tokenize(text, pos, end)
    stop = post_end(tokens, 0)
    if stop == 0 or _ends_in_name(tokens, stop):
        return None
    return text[tokens[0].start : tokens[stop - 1].end]


def _ends_in_name(tokens: list, stop: int) -> bool:
    """Whether the phrase ends on a person's name: a presenter, not an authority."""
    return any(
        tokens[s].text in SURNAMES and name_length(tokens, s) == stop - s
        for s in range(1, max(1, stop - 1))
    )


def recipient_at(text: str, pos: int, end: int, *, whole: bool = False) -> str | None:
    """A single named recipient at pos: a unit ('Sở TT&TT') or a person ('đồng chí Nguyễn …').

    With `whole`, a unit must fill text[pos:end] (the subject before "được"); a person may be
    followed by their posts. Several recipients named together give None.
    """
    tokens = tokenize(text, pos, end)
    if not tokens:
        return None
    first = tokens[0].text.lower()
    i = 2 if first == "đồng" and len(tokens) > 1 and tokens[1].text == "chí" else 0
    i = 1 if first in ("ông", "bà") else i
    n = name_length(tokens, i)
    if n and (i or tokens[0].text in SURNAMES):
        k = i + n
        posts_follow = k == len(tokens) or tokens[k].text in (",", "-", "–")
        if (not whole or posts_follow) and not _several(tokens, k):
            return text[tokens[i].start : tokens[k - 1].end]
        return None
    if i == 0 and _RECIPIENT_HEAD.match(text, tokens[0].start):
        stop = post_end(tokens, 0)
        if stop and (not whole or stop == len(tokens)) and not _several(tokens, stop):
            return text[tokens[0].start : tokens[stop - 1].end]
    return None


def _several(tokens: list[Token], k: int) -> bool:
    """Whether another recipient follows at tokens[k]: ', bà Trần Thị B', 'và Báo Lào Cai'."""
    if k + 1 >= len(tokens) or tokens[k].text not in (",", "và"):
        return False
    nxt = tokens[k + 1].text
    if nxt.lower() in ("ông", "bà", "đồng") or _RECIPIENT_HEAD.match(nxt):
        return True
    return tokens[k].text == "và" and name_length(tokens, k + 1) > 0
