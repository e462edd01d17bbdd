"""Number mentions in Vietnamese text: where they stand, what they are worth, and what kind.

One precompiled regex finds every candidate numeral (digits, words, Roman numerals in ordinal
slots); each candidate is then classified by the words around it. The rules are rules of
Vietnamese writing and of the news-portal genre: a number after its noun is a label ("giai đoạn
2"), before its noun a count ("2 giai đoạn"). Reading one numeral's value is summarizer.numerals'
job; its public names are re-exported here so callers need one import.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from .numerals import (
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SCALE_WORDS,
    SCALES,
    UNITS,
    numbers_equal,
    parse_digits,
    parse_numeral,
    parse_roman,
    parse_words,
)
from .schema import Qualifier

__all__ = [
    "METRIC_KINDS",
    "SCALES",
    "Kind",
    "NumberMention",
    "find_numbers",
    "numbers_equal",
    "parse_numeral",
]

Kind = Literal[
    "quantity", "percent", "fraction", "year", "date", "time", "docnum", "phone", "hotline",
    "ordinal", "level", "tech", "duration", "section", "furniture", "rate_base",
]  # fmt: skip

METRIC_KINDS: frozenset[str] = frozenset({"quantity", "percent", "fraction"})


@dataclass(frozen=True)
class NumberMention:
    """One number as it stands in the text, parsed and classified."""

    start: int
    end: int
    text: str
    value: float
    kind: Kind
    total: float | None = None
    in_words: bool = False
    scale: str | None = None
    qualifier: Qualifier | None = None
    qualifier_span: tuple[int, int] | None = None

    @property
    def is_metric(self) -> bool:
        """Whether the document may report this number as a quantity (SCHEMA.md "Metric")."""
        return self.kind in METRIC_KINDS

    @property
    def scaled_value(self) -> float:
        """The value with its scale word applied: 554 nghìn is 554000."""
        return self.value * SCALES.get(self.scale or "", 1.0)


# --------------------------------------------------------------------------- the one pass

_LATIN = [chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250))]
_LATIN += [chr(c) for c in range(0x1E00, 0x1F00)]
_UP = "".join(c for c in _LATIN if c.isupper())
_LO = "".join(c for c in _LATIN if c.islower())
_WS = r"[ \t\u00a0]"
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+\.\d+|\d+(?:,\d+)?"
_END = r"(?!\d|[.,/]\d)"  # a numeral ends where no digit continues it
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ROMAN_CUES = (
    r"thứ|khóa|khoá|quý|hạng|kỳ|kì|giai\s+đoạn|phần|chương|mục|cấp|thế\s+k[ỷỉ]|loại|đợt|tập|nhóm"
    r"|đại\s+hội"
)
_DATE_CUES = r"ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|trước|sau|vào|hết|hạn|lúc"

_TOKEN = re.compile(
    rf"""
    ^{_WS}*\(?(?P<secl>[a-zđ])[.)](?={_WS})
    |^{_WS}*(?P<secr>[IVXLC]+)[.)](?={_WS})
    |^{_WS}*(?P<secn>\d{{1,2}}(?:\.\d{{1,2}})*)[.)](?={_WS}+\S)
    |(?=\d)(?:
      (?<![\w/.,-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\w-])
    | (?<![\w.,])(?P<hot>1[89]00(?:[ .]?\d){{4,6}})(?!\d)
    |
      (?<![\w/])(?P<doc>\d+(?:/\d{{2,4}})?[/-][{_UP}][{_UP}\d&]*(?:[-/][{_UP}\d&]+)*)(?!\w)
    | (?<![\w.,/+])(?P<phone>0(?:[ .]?\d){{8,10}})(?!\d)
    | (?<![\w.])(?P<tech>\d+(?:\.\d)?G(?:/\d+(?:\.\d)?G)*)(?!\w)
    | (?<![\d:.,/])(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d{{1,2}}[hg]\d{{2}}|(?<=GMT[+-])\d{{1,2}}
        |(?<=UTC[+-])\d{{1,2}})(?![\d:])
    | (?<![\w/.,-])(?P<date3>\d{{1,2}}{_WS}*(?P<sep>[/.–-]){_WS}*\d{{1,2}}{_WS}*(?P=sep){_WS}*\d{{4}}
        |\d{{1,2}}/\d{{1,2}}/\d{{2}})(?!\d)
    | (?<=[Nn]gày\ )(?P<dmy>\d{{1,2}}{_WS}+tháng{_WS}+\d{{1,2}}(?:{_WS}+năm{_WS}+\d{{4}})?){_END}
    | (?<=[Tt]háng\ )(?P<month>\d{{1,2}}(?:{_WS}*[/.–-]{_WS}*\d{{4}}|{_WS}+năm{_WS}+\d{{4}})?)
        (?!%){_END}
    | (?<![\w/.,])(?P<frac>(?P<fx>\d{{1,3}}(?:\.\d{{3}})+|\d+){_WS}?/{_WS}?
        (?P<fy>\d{{1,3}}(?:\.\d{{3}})+|\d+)){_END}
    | (?<![\d.,])(?P<num>(?:{_NUM})(?P<pct>{_WS}?%|{_WS}+phần{_WS}+trăm)?){_END}
    )
    |(?<!\w)(?=[^\W\d_])(?:
      (?P<skip>https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+
        |[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|zip|rar|html?|aspx?|php)\b)
    | (?=[tkqhgpcmlđnTKQHGPCMLĐN])(?i:{_ROMAN_CUES}){_WS}+(?P<rom>[IVXLC]+)(?!\w)
    | (?=[tThH])(?i:thứ|hạng){_WS}+
        (?P<ordw>(?i:nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười))(?!\w)
    | (?=[nsctđhvlNSCTĐHVL])(?i:{_DATE_CUES}){_WS}+(?P<cued>\d{{1,2}}{_WS}?[-./]{_WS}?\d{{1,2}})
        (?!%|{_WS}?[-./–]{_WS}?\d|{_WS}*(?:năm|tháng|tuần|ngày|giờ|lần)\b){_END}
    | (?=[mhbnstclMHBNSTCL])(?P<words>(?i:(?:{_WORD_ALT})(?:{_WS}+(?:{_WORD_ALT}))*))(?!\w)
    )
    |(?P<skip2>&\#\d+;|(?<![\w/])/[A-Za-z][\w.-]*(?:/[\w.%-]+)+)
    |(?<![\w.,/+])(?P<phone2>\+84(?:[ .]?\d){{8,10}})(?!\d)
    """,
    re.VERBOSE | re.MULTILINE,
)

# --------------------------------------------------------------------------- context cues

_I = re.IGNORECASE
# Words that, right before a number, say what kind it is; looked up, not searched for.
_CUE_WORDS: dict[str, tuple[str, ...]] = {
    "furniture": (
        "lượt xem", "số lượt xem", "lượt đọc", "lượt truy cập", "số lượt truy cập", "lượt thích",
        "lượt chia sẻ", "lượt bình luận", "lượt tải", "tổng truy cập", "tổng lượt truy cập",
        "tổng số lượt truy cập", "tổng số truy cập", "tổng lượt xem", "đang truy cập",
        "đang online", "đang trực tuyến", "khách viếng thăm", "máy chủ tìm kiếm",
        "điểm của bài viết", "điểm của bài viết là",
    ),
    "furniture_colon": (
        "hôm nay", "hôm qua", "tuần này", "tuần trước", "tháng này", "tháng trước",
        "tháng hiện tại", "năm nay", "thành viên",
    ),
    "furniture_paren": ("ý kiến", "ý kiến bạn đọc", "bình luận", "phản hồi"),
    "hotline": ("đầu số", "tổng đài", "đường dây nóng", "hotline", "hot line"),
    "phone": ("điện thoại", "đt", "tel", "fax", "sđt", "số máy", "di động"),
    "docnum": tuple(
        f"{doc}{suffix}"
        for doc in (
            "nghị quyết", "quyết định", "kế hoạch", "chỉ thị", "thông tư", "nghị định",
            "công văn", "báo cáo", "luật", "tờ trình", "hướng dẫn", "thông báo", "công điện",
            "giấy phép", "đề án", "chương trình", "iso", "tcvn", "qcvn",
        )
        for suffix in ("", " số")
    ),
    "rank": ("thứ", "hạng", "top", "nhóm", "vị trí", "xếp hạng"),
    "label": (
        "binh đoàn", "quân đoàn", "sư đoàn", "trung đoàn", "lữ đoàn", "tiểu đoàn", "quân khu",
        "phụ lục", "điều", "khoản", "chương", "mục", "phần", "giai đoạn", "đợt", "phường", "quận",
        "khu phố", "tổ dân phố", "ấp", "xóm", "tổ", "khu", "lô", "phiên", "kỳ", "kì", "tập", "lần",
        "bước", "vòng", "khóa", "khoá", "phòng", "phiên bản", "số nhà", "kỳ họp", "quý",
    ),
    "date": ("ngày",),
    # longer phrases that end in a cue word but are not cues
    "none": (
        "tài khoản", "học tập", "tập trung", "cổ phần", "thành phần", "một phần", "định kỳ",
        "chu kỳ", "danh mục", "nhiều lần", "các bước", "từng bước", "trong ngày", "mỗi ngày",
    ),
    "level": ("mức độ", "cấp độ"),
    "cap": ("cấp",),
    "counted": ("có", "gồm", "tổng số", "tổng cộng"),
}  # fmt: skip
_CUES = {phrase: kind for kind, phrases in _CUE_WORDS.items() for phrase in phrases}
_CUE_MAX_WORDS = max(len(p.split()) for p in _CUES)
_COLON_CUES = frozenset({"furniture", "hotline", "docnum", "level", "counted"})
_TOKENS = re.compile(r"\w+|[^\w\s]")
_SPACES = " \t\u00a0"


def _cue(text: str, start: int) -> str | None:
    """Which cue word, if any, stands right before the number at start."""
    window = text[max(0, start - 40) : start]
    tail = window.rstrip(_SPACES)
    mark = tail[-1:] if tail[-1:] in (":", "(", "/") else ""
    if mark:
        tail = tail[:-1].rstrip(_SPACES)
    if mark == "/":
        return "rate" if tail[-1:].islower() else None  # "thuê bao/100 dân"
    glued = window[-1:].isalpha()
    words = _TOKENS.findall(tail.lower())[-_CUE_MAX_WORDS:]
    kind = next(
        (k for n in range(len(words), 0, -1) if (k := _CUES.get(" ".join(words[-n:])))), None
    )
    if kind == "furniture_colon":
        return "furniture" if mark == ":" or glued else None
    if kind == "furniture_paren":
        return "furniture" if mark == "(" else None
    if kind == "phone":
        return kind if mark == ":" else None
    if kind == "none" or mark == "(" or (mark == ":" and kind not in _COLON_CUES):
        return None
    return kind


# A counter's label after its number ends the line: in prose "1 triệu lượt xem" is a result.
_FURN_AFTER = re.compile(
    rf"{_WS}*(?:(?:người|khách|thành\s+viên)\s+đang\s+(?:online|xem|truy\s+cập|trực\s+tuyến)"
    r"|lượt\s+(?:xem|đọc|truy\s+cập|thích|chia\s+sẻ|bình\s+chọn)|views?"
    rf"|(?:trong{_WS}+\d+{_WS}+)?đánh\s+giá|bình\s+luận){_WS}*(?:$|\n|\|)",
    _I,
)
_GLUED_UNIT_AFTER = re.compile(r"(?:USD|VND|VNĐ|[KMGT]i?B|[KMG]Hz|[KMG]bps)(?!\w)")
_ADDRESS_AFTER = re.compile(
    rf",?{_WS}*(?:phường|đường|phố|ngõ|ngách|hẻm|quận|thôn|ấp|khu\s+phố|tổ)(?!\w)", _I
)
_FILE_SIZE_AFTER = re.compile(rf"{_WS}*[KMGT]i?B\)", _I)
_PLACE_AFTER = re.compile(rf"{_WS}+[{_UP}][{_LO}]+{_WS}+[{_UP}][{_LO}]+")
_NAME_BEFORE = re.compile(rf"[{_UP}][\w&]*{_WS}+[{_UP}][\w&]*{_WS}+$")
_CLAUSE_END_AFTER = re.compile(rf"{_WS}*(?:[;,.:)]|$|\n)")
_LEVEL_AFTER = re.compile(rf"{_WS}+cấp(?:{_WS}+độ)?(?!\w)(?!{_WS}+(?:ủy|uỷ))", _I)
_DURATION_AFTER = re.compile(
    rf"{_WS}+(?:năm|tháng|tuần|ngày|giờ|phút|giây|thập\s+kỷ|thập\s+niên|thế\s+kỷ)(?!\w)", _I
)
_DATED_UNIT_AFTER = re.compile(rf"{_WS}+(?:năm|tháng){_WS}+\d", _I)
_CLOCK_AFTER = re.compile(rf"{_WS}+giờ{_WS}+\d", _I)
_RATE_TRÊN_BEFORE = re.compile(rf"\d[\d.,]*{_WS}+(?:\S+{_WS}+){{0,3}}trên{_WS}+$", _I)
_RATE_AFTER = re.compile(rf"{_WS}+(?:dân|người|hộ|cư\s+dân|km)(?!\w)", _I)
_SCALE_AFTER = re.compile(rf"{_WS}+(?P<s>(?:nghìn|ngàn){_WS}+t[ỷỉ]|nghìn|ngàn|triệu|t[ỷỉ])(?!\w)")
_WEEKDAY_AFTER = re.compile(rf"{_WS}*[,–-]{_WS}*(?:ngày{_WS}+)?\d", _I)
_SENTENCE_START_BEFORE = re.compile(rf"(?:^|[.!?:;\n]){_WS}*[\"“(]?$")
_LEVEL_LIST_GAP = re.compile(rf"{_WS}*(?:,|và|hoặc|/|-|–){_WS}*", _I)
_NUMBER_LINE = re.compile(r"^[ \t\u00a0]*\d[\d.,% \t\u00a0]*$", re.MULTILINE)

_QUALIFIERS: dict[str, Qualifier] = {
    "ít nhất": "at_least", "tối thiểu": "at_least", "không dưới": "at_least",
    "tối đa": "at_most", "không quá": "at_most", "không vượt quá": "at_most",
    "chưa đến": "under", "chưa tới": "under", "chưa đầy": "under", "dưới": "under",
    "trên dưới": "approx", "xấp xỉ": "approx", "ước đạt": "approx", "ước tính": "approx",
    "khoảng": "approx", "gần như": "approx", "gần": "approx", "ngót": "approx",
    "ước": "approx", "chừng": "approx",
    "hơn": "over", "trên": "over", "vượt": "over",
}  # fmt: skip
_QUAL = re.compile(
    r"(?s:.*)(?<!\w)(?P<q>"
    + "|".join(
        k.replace(" ", r"\s+")
        for k in sorted(_QUALIFIERS, key=lambda k: (-len(k.split()), -len(k)))
    )
    + rf")(?:{_WS}+(?:đạt|là|có|được|mức|kế\s+hoạch|chỉ\s+tiêu))?{_WS}+$",
    _I,
)
_COMPARATIVE = re.compile(
    rf"(?<!\w)(?:cao|thấp|nhiều|ít|lớn|nhỏ|tốt|nhanh|chậm|sớm|muộn){_WS}+$", _I
)
_BOUND_BEFORE_DƯỚI = re.compile(rf"(?<!\w)(không|trên){_WS}+$", _I)
_NUMBER_BEFORE = re.compile(rf"\d[\d.,]*%?{_WS}+$")

# Single number words count only in a counting context.
_COUNT_NOUNS = re.compile(
    rf"{_WS}+(?:tập\s+thể|cá\s+nhân|người|đơn\s+vị|cơ\s+quan|doanh\s+nghiệp|tổ\s+chức|xã|huyện"
    r"|tỉnh|thôn|bản|hộ|lĩnh\s+vực|nhiệm\s+vụ|chỉ\s+tiêu|mục\s+tiêu|dự\s+án|đề\s+án|kế\s+hoạch"
    r"|văn\s+bản|quyết\s+định|nghị\s+quyết|chương\s+trình|trạm|điểm|cuộc|lớp|hội\s+nghị|giải"
    r"|tác\s+phẩm|sản\s+phẩm|dịch\s+vụ|ứng\s+dụng|nền\s+tảng|phần\s+mềm|trường|đồng\s+chí"
    r"|đại\s+biểu|cán\s+bộ|huân\s+chương|bằng\s+khen|cờ\s+thi\s+đua|giấy\s+khen"
    r"|kỷ\s+niệm\s+chương|nhóm|công\s+trình)(?!\w)",
    _I,
)
_NEXT_WORD = re.compile(rf"{_WS}+(?P<w>\w+)")
# A lone number word before one of these counts nothing: "hai bên", "chín muồi".
_FUNCTION_WORDS = frozenset({
    "số", "cách", "phần", "trong", "mặt", "khi", "lúc", "thời", "vài", "chút", "ít", "nửa",
    "loạt", "lần", "và", "hoặc", "hay", "của", "là", "với", "cho", "các", "những", "thì", "mà",
    "có", "được", "đã", "sẽ", "đang", "này", "đó", "kia", "nào", "ấy", "nay", "qua", "trước",
    "sau", "tới", "đến", "từ", "về", "theo", "tại", "bởi", "vì", "do", "nên", "cũng", "còn",
    "chưa", "không", "rất", "lại", "ra", "vào", "lên", "xuống", "như", "để", "bên", "muồi",
    "chắn",
})  # fmt: skip
_LETTERS = "abcdđeghiklmnopqrstuvxy"


# --------------------------------------------------------------------------- classification


def _before(text: str, start: int, n: int = 60) -> str:
    return text[max(0, start - n) : start]


def _after(text: str, end: int, n: int = 60) -> str:
    return text[end : end + n]


def _at_line_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0(":
        i -= 1
    return i < 0 or text[i] == "\n"


def _qualify(text: str, start: int) -> tuple[Qualifier | None, tuple[int, int] | None]:
    """The qualifier word nearest before the number, if any."""
    offset = max(0, start - 60)
    m = _QUAL.match(text, offset, start)
    if not m:
        return None, None
    qs, qe = m.span("q")
    key = " ".join(m.group("q").lower().split())
    if key == "dưới" and (pre := _BOUND_BEFORE_DƯỚI.search(text, max(0, qs - 12), qs)):
        qs, key = pre.start(), f"{pre.group(1).lower()} dưới"  # "không dưới", "trên dưới"
    if key == "trên" and _NUMBER_BEFORE.search(_before(text, qs, 30)):
        return None, None  # "3 trên 63": out of, not over
    if key == "hơn" and _COMPARATIVE.search(_before(text, qs, 20)):
        return None, None  # "cao hơn 5%": a difference, not a bound
    return _QUALIFIERS[key], (qs, qe)


def _mention(
    text: str,
    start: int,
    end: int,
    value: float,
    kind: Kind,
    *,
    total: float | None = None,
    in_words: bool = False,
    scale: str | None = None,
) -> NumberMention:
    qualifier, span = _qualify(text, start) if kind in METRIC_KINDS else (None, None)
    return NumberMention(
        start, end, text[start:end], value, kind, total, in_words, scale, qualifier, span
    )


def _leading_value(s: str) -> float:
    m = re.match(r"\d+", s)
    return float(m.group()) if m else 0.0


def _date_plausible(day: float, month: float) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12 and day.is_integer() and month.is_integer()


_DATE_CUE_BEFORE = re.compile(rf"(?<!\w)(?:{_DATE_CUES}){_WS}*\(?$", _I)
_CLOCK_AFTER_DATE = re.compile(rf"{_WS}+\d{{1,2}}:\d{{2}}")


def _fraction(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("frac")
    x, y = parse_digits(m.group("fx")) or 0.0, parse_digits(m.group("fy")) or 0.0
    before, after = _before(text, start), _after(text, end)
    if _cue(text, start) == "rank":
        return _mention(text, start, end, x, "ordinal")  # "thứ 15/63"
    if (x, y) == (24, 7):
        return _mention(text, start, end, x, "duration")  # "24/7": round the clock
    short = len(m.group("fx")) <= 2 and len(m.group("fy")) <= 2
    if 1 <= x <= 12 and len(m.group("fy")) == 4 and 1900 <= y <= 2100:
        return _mention(text, start, end, x, "date")  # month/year
    if short and _date_plausible(x, y):
        cue = _DATE_CUE_BEFORE.search(before) or _CLOCK_AFTER_DATE.match(after)
        if x > y or cue:
            return _mention(text, start, end, x, "date")
    return _mention(text, start, end, x, "fraction", total=y)


_CUE_KINDS: dict[str, Kind] = {
    "docnum": "docnum", "rank": "ordinal", "label": "ordinal", "level": "level", "date": "date",
}  # fmt: skip


def _is_rate_base(text: str, start: int, end: int, value: float) -> bool:
    """The 100 of "68 thuê bao trên 100 dân" (the "/100" form is a cue)."""
    return (
        value >= 10
        and math.log10(value).is_integer()
        and bool(_RATE_AFTER.match(text, end))
        and bool(_RATE_TRÊN_BEFORE.search(_before(text, start)))
    )


_SECTION_MARK_AFTER = re.compile(rf"[.)]{_WS}+\S")
_LIST_OPEN_BEFORE = re.compile(rf"[:;]{_WS}*\($")
_LOWER_WORD_AFTER = re.compile(rf"{_WS}+[{_LO}]")
_POINT_ZERO = re.compile(r"\d+\.0")


def _plain_kind(text: str, start: int, end: int, numeral: str, value: float) -> Kind:
    """The kind of a bare numeral from the words around it (percent handled by the caller)."""
    cue, after = _cue(text, start), _after(text, end)
    return (
        _contact_or_rate_kind(text, start, end, numeral, value, cue)
        or _section_kind(text, start, after)
        or _year_or_cued_kind(text, start, numeral, value, cue, after)
        or _kind_from_neighbours(text, start, numeral, value, cue, after)
        or "quantity"
    )


def _contact_or_rate_kind(
    text: str, start: int, end: int, numeral: str, value: float, cue: str | None
) -> Kind | None:
    """Numbers to call and the base of a rate, which a cue word or "trên 100 dân" gives away."""
    if cue == "hotline":
        return "phone" if len(numeral) >= 8 else "hotline"
    if cue in ("phone", "rate"):
        return "rate_base" if cue == "rate" else "phone"
    if _is_rate_base(text, start, end, value):
        return "rate_base"
    return None


def _section_kind(text: str, start: int, after: str) -> Kind | None:
    """List numbering: "1. ..." opening a line, "(1) ..." opening a line or a list."""
    if _at_line_start(text, start) and _SECTION_MARK_AFTER.match(after):
        return "section"
    if (
        text[start - 1 : start] == "("
        and after.startswith(")")
        and (_at_line_start(text, start) or _LIST_OPEN_BEFORE.search(_before(text, start)))
    ):
        return "section"
    return None


def _year_or_cued_kind(
    text: str, start: int, numeral: str, value: float, cue: str | None, after: str
) -> Kind | None:
    """Years, and what the cue word before the number names (a label, rank, level, date)."""
    year = numeral.isdigit() and len(numeral) == 4 and 1900 <= value <= 2099
    if year and cue != "counted" and not _qualify(text, start)[0]:
        return "year"  # but "hơn 2000 người" is a count
    if cue == "label" and _DURATION_AFTER.match(after) and not _DATED_UNIT_AFTER.match(after):
        return "duration"  # "trong vòng 3 ngày", but "quý 3 năm 2023" is a label
    return _CUE_KINDS.get(cue or "")


def _kind_from_neighbours(
    text: str, start: int, numeral: str, value: float, cue: str | None, after: str
) -> Kind | None:
    """Not-metrics told by the words after the number, or by a name just before it."""
    bare = numeral.isdigit()
    if bare and _ADDRESS_AFTER.match(after) and _before(text, start, 8).rstrip().endswith("số"):
        return "ordinal"  # a house number: "số 3, phường Hồng Hà"
    if _LEVEL_AFTER.match(after):
        return "level"
    if cue == "cap" and value <= 9 and not _LOWER_WORD_AFTER.match(after):
        return "level"  # "cấp 3", but "cấp 128 giấy phép" is a count
    if _CLOCK_AFTER.match(after):
        return "time"
    if _DURATION_AFTER.match(after):
        return "duration"
    if _POINT_ZERO.fullmatch(numeral):
        return "tech"  # "4.0"
    if bare and 3 <= len(numeral) <= 5 and numeral[0] != "0" and _PLACE_AFTER.match(after):
        return "hotline"  # "1022 Tây Ninh"
    if (
        bare
        and len(numeral) <= 3
        and _CLAUSE_END_AFTER.match(after)
        and _NAME_BEFORE.search(_before(text, start))
    ):
        return "ordinal"  # a number in a name: "KCN Yên Phong 1"
    return None


def _number(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("num")
    pct = m.group("pct")
    numeral = text[start : m.start("pct")] if pct else m.group("num")
    value = parse_digits(numeral)
    if value is None:
        value = _leading_value(numeral)
    before, after = text[max(0, start - 2) : start], _after(text, end)
    if _cue(text, start) == "furniture" or _FURN_AFTER.match(after):
        return _mention(text, start, end, value, "furniture")
    if before.endswith("(") and _FILE_SIZE_AFTER.match(after):
        return _mention(text, start, end, value, "furniture")  # "(245 KB)"
    glued = before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())
    if glued or (after[:1].isupper() and not _GLUED_UNIT_AFTER.match(after)):
        return _mention(text, start, end, value, "tech")  # "Covid-19", "IPv6", "3D"
    if pct:
        return _mention(text, start, end, value, "percent")
    kind = _plain_kind(text, start, end, numeral, value)
    scale = None
    if kind == "quantity" and (sm := _SCALE_AFTER.match(after)):
        scale = " ".join(sm.group("s").split())
    return _mention(text, start, end, value, kind, scale=scale)


def _single_word_counts(text: str, start: int, end: int, word: str) -> bool:
    """A lone number word is a number only in a counting context ("hai tập thể")."""
    w, after = word.lower(), _after(text, end)
    if w in ("một", "năm"):  # "một số", "một cách"; "năm" is mostly "year"
        return bool(_COUNT_NOUNS.match(after))
    if w not in UNITS and w != "mười":
        return False
    nxt = _NEXT_WORD.match(after)
    if not nxt or nxt.group("w")[0].isupper() or nxt.group("w")[0].isdigit():
        return False
    if nxt.group("w").lower() in _FUNCTION_WORDS:
        return False
    return not word[0].isupper() or bool(_SENTENCE_START_BEFORE.search(_before(text, start)))


def _word_mentions(text: str, m: re.Match[str]) -> Iterator[NumberMention]:
    """Numbers in words: multi-word numerals always, a lone word only when it counts."""
    base = m.start("words")
    tokens = [
        (t.group(), base + t.start(), base + t.end()) for t in re.finditer(r"\S+", m["words"])
    ]
    i = 0
    while i < len(tokens):
        parsed = parse_words([t[0] for t in tokens[i:]])
        if not parsed:
            i += 1
            continue
        value, used = parsed
        span, scale = tokens[i : i + used], None
        if used > 1 and span[-1][0].lower() in SCALE_WORDS:
            inner = parse_words([t[0] for t in span[:-1]])
            if inner and inner[1] == used - 1:
                value, scale, span = inner[0], span[-1][0].lower(), span[:-1]
        start, end = span[0][1], span[-1][2]
        i += used
        if len(span) == 1 and not scale and not _single_word_counts(text, start, end, span[0][0]):
            continue
        after = _after(text, tokens[i - 1][2])
        kind: Kind = "quantity"
        if _LEVEL_AFTER.match(after):
            kind = "level"
        elif _DURATION_AFTER.match(after):
            kind = "duration"
        elif _cue(text, start) == "rank":
            kind = "ordinal"
        yield _mention(text, start, end, float(value), kind, in_words=True, scale=scale)


def _roman(text: str, m: re.Match[str], group: str) -> NumberMention | None:
    value = parse_roman(m[group])
    if not value:
        return None
    start, end = m.span(group)
    if group == "secr":
        return _mention(text, start, end, float(value), "section")
    cue = text[m.start() : start].strip().lower()
    kind: Kind = "level" if cue in ("cấp", "loại") else "ordinal"
    return _mention(text, start, end, float(value), kind)


def _ordinal_word(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("ordw")
    value = float(ORDINAL_WORDS[m["ordw"].lower()])
    cue = text[m.start() : start].strip()
    weekday = cue.lower() == "thứ" and _WEEKDAY_AFTER.match(_after(text, end))
    return _mention(text, start, end, value, "date" if weekday else "ordinal", in_words=True)


def _dated(text: str, m: re.Match[str], group: str) -> NumberMention | None:
    start, end = m.span(group)
    if group == "cued":
        parts = re.split(rf"{_WS}?[-./]{_WS}?", m[group])
        day, month = float(parts[0]), float(parts[1])
        if not _date_plausible(day, month):
            return None
    return _mention(text, start, end, _leading_value(m[group]), "date")


def _simple(text: str, m: re.Match[str], group: str) -> NumberMention:
    kinds: dict[str, Kind] = {
        "doc": "docnum", "tech": "tech", "time": "time", "hot": "hotline", "iso": "date",
        "secn": "section",
    }  # fmt: skip
    start, end = m.span(group)
    if group in ("phone", "phone2"):
        return _mention(text, start, end, float(re.sub(r"\D", "", m[group])), "phone")
    return _mention(text, start, end, _leading_value(m[group]), kinds[group])


def _letter_section(text: str, m: re.Match[str]) -> NumberMention:
    start, end = m.span("secl")
    letter = m["secl"]
    value = _LETTERS.index(letter) + 1 if letter in _LETTERS else ord(letter) - 96
    return _mention(text, start, end, float(value), "section")


def _candidates(text: str) -> Iterator[NumberMention]:
    for m in _TOKEN.finditer(text):
        group = m.lastgroup
        if group in (None, "skip", "skip2"):
            continue
        if group == "words":
            yield from _word_mentions(text, m)
            continue
        mention: NumberMention | None
        if group == "num":
            mention = _number(text, m)
        elif group == "frac":
            mention = _fraction(text, m)
        elif group in ("date3", "dmy", "month", "cued"):
            mention = _dated(text, m, group)
        elif group in ("rom", "secr"):
            mention = _roman(text, m, group)
        elif group == "ordw":
            mention = _ordinal_word(text, m)
        elif group == "secl":
            mention = _letter_section(text, m)
        else:
            mention = _simple(text, m, group)
        if mention is not None:
            yield mention


def _relabel(mention: NumberMention, kind: Kind) -> NumberMention:
    return replace(mention, kind=kind, qualifier=None, qualifier_span=None, scale=None)


_RANGE_GAP = re.compile(rf"{_WS}?[-–]{_WS}?")
_TRAILING_COUNT_AFTER = re.compile(rf"{_WS}*(?:$|\n|\d)")


def _after_neighbour(text: str, prev: NumberMention, cur: NumberMention) -> Kind:
    """The kind of a plain count given the mention before it."""
    gap = text[prev.end : cur.start]
    if (
        prev.kind in ("time", "furniture")
        and gap
        and not gap.strip(_SPACES)
        and _TRAILING_COUNT_AFTER.match(text, cur.end)
    ):
        return "furniture"  # "21/01/2021 15:00 817 0"
    if prev.kind == "level" and _LEVEL_LIST_GAP.fullmatch(gap) and cur.value <= 9:
        return "level"  # "mức độ 3, 4"
    return cur.kind


def _in_context(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """Rules that need a mention's neighbours: widget lines, counters, lists and ranges."""
    lines = [(ln.start(), ln.end()) for ln in _NUMBER_LINE.finditer(text)]
    starts = [s for s, _ in lines]
    out: list[NumberMention] = []
    for cur in found:
        k = bisect_right(starts, cur.start) - 1
        if k >= 0 and cur.end <= lines[k][1]:
            cur = _relabel(cur, "furniture")  # a line of bare numbers: "10 1", a lone "100%"
        prev = out[-1] if out else None
        if (
            prev
            and cur.kind == "quantity"
            and (kind := _after_neighbour(text, prev, cur)) != cur.kind
        ):
            cur = _relabel(cur, kind)
        ranged = prev and prev.kind == "quantity" and cur.kind in ("duration", "level")
        if prev and ranged and _RANGE_GAP.fullmatch(text, prev.end, cur.start):
            out[-1] = _relabel(prev, cur.kind)  # "3-5 năm": a range shares its unit
        out.append(cur)
    return out


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in text order, non-overlapping, each classified."""
    return _in_context(text, list(_candidates(text)))
