"""The words around a number that say what it is: cue words, qualifiers, counted nouns, context.

Everything here reads the text right before or right after a candidate numeral and answers one
question about it (which cue word precedes it, which qualifier bounds it, whether a lone number
word counts something); summarizer.numbers puts the answers together into a kind. The tables are
rules of Vietnamese and of the news-portal genre, never of one document.
"""

from __future__ import annotations

import math
import re

from ..schema import Qualifier
from .numerals import UNITS
from .tokens import COUNT_NOUNS, DATE_CUES, LOWER, QUANTITY_AFTER, UPPER, WS

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
_WORDS = re.compile(r"\w+|[^\w\s]")
SPACES = " \t\u00a0"
_CUE_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in _CUES)


def _last_word(text: str) -> str:
    """The last token _WORDS finds in text when it is a word; "" when it is a sign or none."""
    end = len(text.rstrip())
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


def cue_before(text: str, start: int) -> str | None:
    """Which cue word, if any, stands right before the number at start."""
    window = text[max(0, start - 40) : start]
    tail = window.rstrip(SPACES)
    mark = tail[-1:] if tail[-1:] in (":", "(", "/") else ""
    if mark:
        tail = tail[:-1].rstrip(SPACES)
    if mark == "/":
        return "rate" if tail[-1:].islower() else None  # "thuê bao/100 dân"
    glued = window[-1:].isalpha()
    low = tail.lower()
    kind = None
    if _last_word(low) in _CUE_LAST_WORDS:  # every cue ends in one of them: most numbers stop here
        words = _WORDS.findall(low)[-_CUE_MAX_WORDS:]
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


def text_before(text: str, start: int, n: int = 60) -> str:
    """The n characters before start: cues are read within a short window, never the whole text."""
    return text[max(0, start - n) : start]


def text_after(text: str, end: int, n: int = 60) -> str:
    """The n characters after end, the window the *_AFTER patterns match against."""
    return text[end : end + n]


def at_line_start(text: str, start: int) -> bool:
    """Whether only spaces or an opening bracket stand between the line's start and start."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0(":
        i -= 1
    return i < 0 or text[i] == "\n"


# --------------------------------------------------------------------------- context patterns

# A counter's label after its number ends the line: in prose "1 triệu lượt xem" is a result.
FURNITURE_AFTER = re.compile(
    rf"{WS}*(?:(?:người|khách|thành\s+viên)\s+đang\s+(?:online|xem|truy\s+cập|trực\s+tuyến)"
    r"|lượt\s+(?:xem|đọc|truy\s+cập|thích|chia\s+sẻ|bình\s+chọn)|views?"
    rf"|(?:trong{WS}+\d+{WS}+)?đánh\s+giá|bình\s+luận){WS}*(?:$|\n|\|)",
    _I,
)
GLUED_UNIT_AFTER = re.compile(r"(?:USD|VND|VNĐ|[KMGT]i?B|[KMG]Hz|[KMG]bps)(?!\w)")
ADDRESS_AFTER = re.compile(
    rf",?{WS}*(?:phường|đường|phố|ngõ|ngách|hẻm|quận|thôn|ấp|khu\s+phố|tổ)(?!\w)", _I
)
FILE_SIZE_AFTER = re.compile(rf"{WS}*[KMGT]i?B\)", _I)
PLACE_AFTER = re.compile(rf"{WS}+[{UPPER}][{LOWER}]+{WS}+[{UPPER}][{LOWER}]+")
NAME_BEFORE = re.compile(rf"[{UPPER}][\w&]*{WS}+[{UPPER}][\w&]*{WS}+$")
CLAUSE_END_AFTER = re.compile(rf"{WS}*(?:[;,.:)]|$|\n)")
LEVEL_AFTER = re.compile(rf"{WS}+cấp(?:{WS}+độ)?(?!\w)(?!{WS}+(?:ủy|uỷ))", _I)
DURATION_AFTER = re.compile(
    rf"{WS}+(?:năm|tháng|tuần|ngày|giờ|phút|giây|thập\s+kỷ|thập\s+niên|thế\s+kỷ)(?!\w)", _I
)
DATED_UNIT_AFTER = re.compile(rf"{WS}+(?:năm|tháng){WS}+\d", _I)
CLOCK_AFTER = re.compile(rf"{WS}+giờ{WS}+\d", _I)
_RATE_TRÊN_BEFORE = re.compile(rf"\d[\d.,]*{WS}+(?:\S+{WS}+){{0,3}}trên{WS}+$", _I)
_RATE_AFTER = re.compile(rf"{WS}+(?:dân|người|hộ|cư\s+dân|km)(?!\w)", _I)
PERCENT_WORDS_AFTER = re.compile(rf"{WS}+phần{WS}+trăm(?!\w)", _I)
SCALE_AFTER = re.compile(rf"{WS}+(?P<s>(?:nghìn|ngàn){WS}+t[ỷỉ]|nghìn|ngàn|triệu|t[ỷỉ])(?!\w)")
WEEKDAY_AFTER = re.compile(rf"{WS}*[,–-]{WS}*(?:ngày{WS}+)?\d", _I)
_SENTENCE_START_BEFORE = re.compile(rf"(?:^|[.!?:;\n]){WS}*[\"“(]?$")
LEVEL_LIST_GAP = re.compile(rf"{WS}*(?:,|và|hoặc|/|-|–){WS}*", _I)
NUMBER_LINE = re.compile(r"^[ \t\u00a0]*\d[\d.,% \t\u00a0]*$", re.MULTILINE)
DATE_CUE_BEFORE = re.compile(rf"(?<!\w)(?:{DATE_CUES}){WS}*\(?$", _I)
CLOCK_AFTER_DATE = re.compile(rf"{WS}+\d{{1,2}}:\d{{2}}")
# A named day: "Ngày Chuyển đổi số quốc gia 10/10", "ngày Sách Việt Nam (21/4)".
NAMED_DAY_BEFORE = re.compile(rf"(?<!\w)[Nn]gày{WS}+[{UPPER}]\w*(?:{WS}+\w+){{0,9}}{WS}*\(?$")
# What a quantity, never a day, is followed by: "từ 3/5 lên 5/5", "từ 3-5 người".
QUANTITY_FOLLOWS = re.compile(QUANTITY_AFTER, _I)
SECTION_MARK_AFTER = re.compile(rf"[.)]{WS}+\S")
LIST_OPEN_BEFORE = re.compile(rf"[:;]{WS}*\($")
LOWER_WORD_AFTER = re.compile(rf"{WS}+[{LOWER}]")
RANGE_GAP = re.compile(rf"{WS}?[-–]{WS}?|{WS}+(?:đến|tới){WS}+", _I)
TRAILING_COUNT_AFTER = re.compile(rf"{WS}*(?:$|\n|\d)")


def is_rate_base(text: str, start: int, end: int, value: float) -> bool:
    """The 100 of "68 thuê bao trên 100 dân" (the "/100" form is a cue)."""
    return (
        value >= 10
        and math.log10(value).is_integer()
        and bool(_RATE_AFTER.match(text, end))
        and bool(_RATE_TRÊN_BEFORE.search(text_before(text, start)))
    )


# --------------------------------------------------------------------------- qualifiers

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
    + rf")(?:{WS}+(?:đạt|là|có|được|mức|kế\s+hoạch|chỉ\s+tiêu))?{WS}+$",
    _I,
)
_QUAL_LAST_WORDS = frozenset(
    {k.split()[-1] for k in _QUALIFIERS} | {"đạt", "là", "có", "được", "mức", "hoạch", "tiêu"}
)
_COMPARATIVE = re.compile(
    rf"(?<!\w)(?:cao|thấp|nhiều|ít|lớn|nhỏ|tốt|nhanh|chậm|sớm|muộn){WS}+$", _I
)
_BOUND_BEFORE_DƯỚI = re.compile(rf"(?<!\w)(không|trên){WS}+$", _I)
_NUMBER_BEFORE = re.compile(rf"\d[\d.,]*%?{WS}+$")


def qualify(text: str, start: int) -> tuple[Qualifier | None, tuple[int, int] | None]:
    """The qualifier word nearest before the number, if any."""
    offset = max(0, start - 60)
    last = text[offset:start].rsplit(None, 1)[-1:]
    if not last or last[0].lower() not in _QUAL_LAST_WORDS:
        return None, None  # the cheap test that spares most numbers the pattern
    m = _QUAL.match(text, offset, start)
    if not m:
        return None, None
    qs, qe = m.span("q")
    key = " ".join(m.group("q").lower().split())
    if key == "dưới" and (pre := _BOUND_BEFORE_DƯỚI.search(text, max(0, qs - 12), qs)):
        qs, key = pre.start(), f"{pre.group(1).lower()} dưới"  # "không dưới", "trên dưới"
    if key == "trên" and _NUMBER_BEFORE.search(text_before(text, qs, 30)):
        return None, None  # "3 trên 63": out of, not over
    if key == "hơn" and _COMPARATIVE.search(text_before(text, qs, 20)):
        return None, None  # "cao hơn 5%": a difference, not a bound
    return _QUALIFIERS[key], (qs, qe)


# --------------------------------------------------------------------------- counted nouns

# Single number words count only in a counting context.
_COUNT_NOUNS = re.compile(rf"{WS}+(?:{COUNT_NOUNS})(?!\w)", _I)
_NEXT_WORD = re.compile(rf"{WS}+(?P<w>\w+)")
# A lone number word before one of these counts nothing: "hai bên", "chín muồi".
_FUNCTION_WORDS = frozenset({
    "số", "cách", "phần", "trong", "mặt", "khi", "lúc", "thời", "vài", "chút", "ít", "nửa",
    "loạt", "lần", "và", "hoặc", "hay", "của", "là", "với", "cho", "các", "những", "thì", "mà",
    "có", "được", "đã", "sẽ", "đang", "này", "đó", "kia", "nào", "ấy", "nay", "qua", "trước",
    "sau", "tới", "đến", "từ", "về", "theo", "tại", "bởi", "vì", "do", "nên", "cũng", "còn",
    "chưa", "không", "rất", "lại", "ra", "vào", "lên", "xuống", "như", "để", "bên", "muồi",
    "chắn",
})  # fmt: skip


def word_counts(text: str, start: int, end: int, word: str) -> bool:
    """A lone number word is a number only in a counting context ("hai tập thể")."""
    w, after = word.lower(), text_after(text, end)
    if w in ("một", "năm"):  # "một số", "một cách"; "năm" is mostly "year"
        return bool(_COUNT_NOUNS.match(after))
    if w not in UNITS and w != "mười":
        return False
    nxt = _NEXT_WORD.match(after)
    if not nxt or nxt.group("w")[0].isupper() or nxt.group("w")[0].isdigit():
        return False
    if nxt.group("w").lower() in _FUNCTION_WORDS:
        return False
    return not word[0].isupper() or bool(_SENTENCE_START_BEFORE.search(text_before(text, start)))
