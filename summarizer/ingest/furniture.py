"""Page furniture of Vietnamese news portals, cut from plain text so extractors read the article.

A web page saved as text keeps its counters ("Lượt xem: 142", "16 người đang online"), share and
print links, ratings, breadcrumbs, and the blocks under the article (related news, comments,
visit statistics, category lists). The rules here are conventions of the genre shared by the
provincial portals, not of any one page.

Only whole segments are cut: a line, or the furniture at the end of a line ("18/07/2019 14:04
Số lượt xem: 15" keeps "18/07/2019 14:04"). Nothing inside what is kept is rewritten, so every
span of the article that does not cross a cut stands verbatim in the text.
"""

from __future__ import annotations

import re

# Linear time on any line: a quantifier that a neighbour could share characters with is
# possessive (*+, ++), and a number starts only where no digit, "." or "," stands before it,
# so no run of spaces or of "1." is tried again from each of its positions.
_WS = r"[^\S\n]"  # white space within a line
_NUMBER = r"(?<![\d.,])\d[\d.,]*+"

# View, visit and online counters: a label and its number, or a number and its label.
_COUNTER_LABEL = (
    r"(?:số\s+)?(?:lượt|lần)\s+(?:xem|đọc|nghe|truy\s+cập|thích|chia\s+sẻ|bình\s+luận|tải)"
    r"|đã\s+xem|views?|hits"
    r"|tổng\s+(?:số\s+)?(?:lượt\s+)?(?:truy\s+cập|xem)"
    r"|đang\s+(?:truy\s+cập|online|trực\s+tuyến)|truy\s+cập\s+hôm\s+nay"
    r"|khách\s+viếng\s+thăm|máy\s+chủ\s+tìm\s+kiếm|thành\s+viên\s+(?:online|trực\s+tuyến)"
)
_COUNTER_UNIT = (
    r"lượt\s+(?:xem|đọc|truy\s+cập)|(?:người|khách|thành\s+viên)\s+đang\s+(?:online|xem|truy\s+cập)"
)
_COUNTER = re.compile(
    rf"(?<!\w)\(?(?:(?:{_COUNTER_LABEL}){_WS}*+:?{_WS}*+{_NUMBER}"
    rf"|{_NUMBER}{_WS}++(?:{_COUNTER_UNIT}))\)?{_WS}*+$",
    re.IGNORECASE,
)
# Counters of a statistics block, cut only as whole lines: as words they are too common.
_STAT_LINE = re.compile(
    rf"^{_WS}*+[•·*-]?{_WS}*+(?:hôm\s+nay|hôm\s+qua|tuần\s+này|tuần\s+trước|tháng\s+này"
    rf"|tháng\s+trước|tháng\s+hiện\s+tại|năm\s+nay){_WS}*+:?{_WS}*+{_NUMBER}{_WS}*+$",
    re.IGNORECASE,
)
# NukeViet's date line ends in bare view and comment counts: "21/01/2021 15:00 817 0".
_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}")
_BARE_AFTER_TIME = re.compile(
    rf"(?<=\d:\d\d)(?:{_WS}*+(?:SA|CH|AM|PM))?(?P<cut>(?:{_WS}++\d{{1,9}}){{1,2}}){_WS}*+$",
    re.IGNORECASE,
)
_SEPARATORS = "|•·–-"
_MAX_TRAILING_CUTS = 8  # furniture segments cut from one line's end; real pages have a few

# Lines that are furniture wherever they stand.
_FURNITURE_LINE = re.compile(
    r"^\s*+(?:"
    r"(?:trang\s+chủ|home)\s*[>»›/|]"  # breadcrumb
    r"|tổng\s+số\s+điểm\s+của\s+bài\s+viết"  # rating
    r"|(?:click|bấm|nhấn)\s+(?:vào\s+đây\s+)?để\s+(?:đánh\s+giá|bình\s+chọn)"
    r"|đánh\s+giá\s+bài\s+viết\s*:?\s*$"
    r"|(?:tệp|tập\s+tin|file)\s+đính\s+kèm\b"  # attachment links
    r"|.*bấm\s+vào\s+đây\s+để\s+duy\s+trì\s+trạng\s+thái\s+đăng\s+nhập"  # session notice
    r"|cỡ\s+chữ\b"  # text-size widget
    r"|(?:quay\s+lại|trở\s+(?:về|lại)|về\s+trang\s+trước|(?:lên|về)\s+đầu\s+trang|đầu\s+trang"
    r"|(?:xem\s+)?bản\s+in|in\s+trang|tải\s+về|đăng\s+nhập|đăng\s+ký)\W*$"  # navigation
    r")",
    re.IGNORECASE,
)

# Share, print and send links: "Chia sẻ: Facebook | Zalo", "In bài này | Gửi cho bạn bè".
_SHARE_ACTIONS = {
    "chia", "gửi", "in", "lưu", "facebook", "zalo", "twitter", "email", "e-mail", "print", "share",
}  # fmt: skip
_SHARE_WORDS = _SHARE_ACTIONS | {
    "sẻ", "bài", "viết", "này", "cho", "bạn", "bè", "trang", "tin", "qua", "bản", "linkedin",
    "google", "google+", "messenger", "telegram", "copy", "link", "sao", "chép", "liên", "kết",
}  # fmt: skip
_META_SEGMENT = re.compile(r"^\s*+(?:chuyên\s+mục|danh\s+mục|thể\s+loại)\s*:", re.IGNORECASE)

# Headings of the blocks under the article; the first one ends it.
_TAIL_HEADINGS = (
    r"(?:các\s+)?tin\s+(?:tức\s+|bài\s+)?liên\s+quan|(?:các\s+)?bài\s+(?:viết\s+)?liên\s+quan"
    r"|ý\s+kiến\s+(?:của\s+)?bạn\s+đọc|ý\s+kiến\s+của\s+bạn|gửi\s+ý\s+kiến|(?:gửi\s+)?bình\s+luận"
    r"|thống\s+kê\s+truy\s+cập|(?:các\s+)?tin\s+(?:tức\s+)?khác|(?:các\s+)?bài\s+(?:viết\s+)?khác"
    r"|(?:tin|bài)\s+(?:viết\s+)?cùng\s+(?:chuyên\s+mục|loại|danh\s+mục)"
    r"|tin\s+mới(?:\s+nhất|\s+hơn)?|(?:các\s+)?tin\s+cũ\s+hơn|(?:các\s+)?tin\s+đã\s+(?:đưa|đăng)"
    r"|(?:gửi\s+)?(?:ý\s+kiến\s+)?phản\s+hồi"
    r"|tin\s+(?:xem|đọc)\s+nhiều(?:\s+nhất)?|(?:xem|đọc)\s+nhiều\s+nhất|tin\s+nổi\s+bật"
    r"|tin\s+tiêu\s+điểm|có\s+thể\s+bạn\s+quan\s+tâm|danh\s+mục|chuyên\s+mục|xem\s+thêm"
    r"|xem\s+tin\s+theo\s+ngày|liên\s+kết\s+website|văn\s+bản\s+mới|thăm\s+dò\s+ý\s+kiến"
    r"|từ\s+kh[óo]á|tags?"
)
_TAIL_MARKER = re.compile(
    rf"^\s*+[•·*-]?\s*+(?:{_TAIL_HEADINGS})\s*+(?:\(\s*+\d*+\s*+\))?(?:\s*+:.*|\W*+)$",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(r"^\s*+(?:bản\s+quyền\s+(?:thuộc|của)|copyright\b|©)", re.IGNORECASE)
_MIN_ARTICLE_BEFORE_TAIL = 200  # characters of article before a tail heading may end it
_MAX_SILENT_CUT = 1 / 3  # a tail cut past this share of the text is reported
# A furniture line is a label, a link bar or a notice: longer lines (a whole article saved as
# one line) hold text, and a furniture phrase inside them never drops or ends them.
_MAX_FURNITURE_LINE = 300


def _is_widget(line: str) -> bool:
    """A line with no letters, dates or real figures: image counters ("10 1"), zoom ("100%")."""
    if not line.strip() or any(ch.isalpha() for ch in line):
        return False
    return not re.search(r"\d[.,/:]\d|\d{4}", line)


def _is_share(segment: str) -> bool:
    words = re.sub(r"[:()]", " ", segment.casefold()).split()
    return bool(words) and set(words) <= _SHARE_WORDS and bool(_SHARE_ACTIONS & set(words))


def _counter_may_start(before: str) -> bool:
    """A trailing counter stands alone, after a separator, or after a date, time or sentence."""
    stripped = before.rstrip()
    if not stripped:
        return True
    if stripped[-1] in "|•·(–-":
        return True
    return stripped != before and (stripped[-1].isdigit() or stripped[-1] in ".)]")


def _trailing_cut(line: str) -> int | None:
    """Where the furniture at the end of the line starts, if it ends in furniture."""
    counter = _COUNTER.search(line)
    if counter and _counter_may_start(line[: counter.start()]):
        return counter.start()
    bare = _BARE_AFTER_TIME.search(line)
    if bare and _DATE.search(line):
        return bare.start("cut")
    segment = re.search(r"\|([^|]*)$", line)
    if segment and (_is_share(segment[1]) or _META_SEGMENT.match(segment[1])):
        return segment.start()
    return None


def _trim_line(line: str) -> str | None:
    """The line less its trailing furniture; None when the whole line is furniture."""
    short = len(line) <= _MAX_FURNITURE_LINE
    if short and (_FURNITURE_LINE.match(line) or _STAT_LINE.match(line) or _is_widget(line)):
        return None
    for _ in range(_MAX_TRAILING_CUTS):
        cut = _trailing_cut(line)
        if cut is None:
            break
        line = _without_separators_at_end(line[:cut])
        if not line.strip():
            return None
    return None if len(line) <= _MAX_FURNITURE_LINE and _is_share(line) else line


def _without_separators_at_end(text: str) -> str:
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _SEPARATORS):
        end -= 1
    return text[:end]


def cut_furniture(text: str) -> str:
    """The article of a plain-text page: the text less counters, links and the blocks below it."""
    return read_article(text)[0]


def read_article(text: str) -> tuple[str, tuple[int, int] | None]:
    """The article, and the span of the tail cut when it took more than a third of the text
    (the whole text when no article is left).

    A tail heading ends the article; one that would leave less than two thirds of the text (a
    "Ý kiến bạn đọc" heading inside a long report) still ends it, and its span is returned so
    the cut is reported, never silent.
    """
    kept: list[str] = []
    kept_chars = 0
    offset = 0
    cut: tuple[int, int] | None = None
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        short = len(line) <= _MAX_FURNITURE_LINE
        if short and (_TAIL_MARKER.match(line) or _FOOTER_START.match(line)):
            if kept_chars >= _MIN_ARTICLE_BEFORE_TAIL:
                if len(text[line_start:].strip()) > len(text.strip()) * _MAX_SILENT_CUT:
                    cut = (line_start, len(text))
                break
            continue
        trimmed = _trim_line(line) if line.strip() else ""
        if trimmed is None:
            continue
        if not trimmed.strip():  # blank lines fold into one paragraph break
            if kept and kept[-1]:
                kept.append("")
            continue
        kept.append(trimmed)
        kept_chars += len(trimmed.strip())
    while kept and not kept[-1]:
        kept.pop()
    if not kept and any(ch.isalpha() for ch in text):
        start = len(text) - len(text.lstrip())
        cut = (start, len(text))  # nothing but furniture: said, never an empty summary unsaid
    return "\n".join(kept), cut
