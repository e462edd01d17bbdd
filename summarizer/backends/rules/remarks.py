"""What a report says that is not a result: the meeting itself, honours, praise and difficulties.

A word alone rarely decides: "ghi nhận" is praise when a leader "ghi nhận, biểu dương" the results
and a plain verb when a system "ghi nhận hơn 2,4 triệu giao dịch"; "kiến nghị" is a participant's
proposal as a verb ("ông X kiến nghị tỉnh …") and part of a count as a noun ("4.700 phản ánh, kiến
nghị của người dân"); a sentence with "chưa đạt" still states a measured result when it gives the
figure reached ("mới đạt 18,3%, chưa đạt mức yêu cầu 30%").
"""

from __future__ import annotations

import re

from .cues import SPEAKER_WORDS, words

_I = re.IGNORECASE


# A source tag that opens a news item: "HGĐT - ", "BDK.VN - ", "(BDO) ", "(sonla.gov.vn) ".
SOURCE_TAG = r"(?:[A-ZĐ][\w.]{1,15}\s*[-–]\s*|\([^)]{1,40}\)\s*)?"
# The event itself: who came, who spoke, where, what was discussed.
_MEETING = re.compile(
    rf"(?<!\w)(?:(?:tại|dự|tới|trong|của|với)\s+hội nghị(?! truyền hình)"
    rf"|^\W*{SOURCE_TAG}hội nghị(?! truyền hình)|quang cảnh|toàn cảnh|tham luận|các đại biểu"
    r"|đại biểu (?:dự|tham dự)|phát biểu|trình bày|chủ trì hội nghị|thảo luận"
    r"|(?:các|đóng góp) ý kiến|(?:về|tới|đến|cùng|tham) dự|dự và chỉ đạo|ảnh:)(?!\w)"
    r"|\s(?:dự|tham dự)\W*$",
    _I,
)
# Who chairs is a fact of the meeting: "Giám đốc Sở Lê Quang Vinh chủ trì."
_CHAIRS = re.compile(
    r"(?<!\w)chủ\s+trì(?:\s+(?:hội\s+nghị|buổi\s+lễ|lễ|cuộc\s+họp|phiên\s+họp))?\W*$", _I
)
EVENT = re.compile(
    r"(?<!\w)(?:(?:tổ chức|khai mạc)\s+(?:hội nghị|lễ)|hội nghị[^.]*diễn ra"
    r"|ban hành báo cáo|tổng hợp (?:những |các )?kết quả)(?!\w)",
    _I,
)
DATE_OPENING = re.compile(
    rf"^\W*{SOURCE_TAG}"
    r"(?:(?:sáng|chiều|tối|trưa|ngày|hôm nay|hôm qua)\s+(?:ngày\s+)?\d|vừa qua|mới đây)",
    _I,
)
# An anniversary is an occasion, not a result or a plan: "Năm 2024 là dịp kỷ niệm 20 năm …".
_ANNIVERSARY = re.compile(r"(?<!\w)là\s+(?:dịp|năm)\s+(?:\w+\s+){0,2}kỷ niệm(?!\w)", _I)
HONOUR = words(
    r"huân chương", r"bằng khen", r"giấy khen", r"cờ thi đua", r"kỷ niệm chương", r"danh hiệu"
)
_CONFERRAL = re.compile(
    r"(?:khen thưởng|tặng thưởng).*(?:tập thể|cá nhân)|(?:tập thể|cá nhân).*(?:khen thưởng|tặng)",
    _I,
)
_PRAISE = words(r"biểu dương", r"đánh giá cao", r"chúc mừng", r"cảm ơn", r"khen ngợi")
# "ghi nhận" and "tiếp thu" praise or take note only with a praised object or a person as subject.
_NOTE = words(r"ghi nhận", r"tiếp thu")
_PRAISED = re.compile(
    r"\s*(?:,\s*|và\s+)?(?:(?:những|các|mọi)\s+)?(?:sự\s+)?(?:kết quả|thành tích|thành tựu"
    r"|nỗ lực|cố gắng|đóng góp|ý kiến|tinh thần|biểu dương|đánh giá cao|khen ngợi|hoan nghênh)"
    r"(?!\w)",
    _I,
)
_COUNTED = re.compile(r"\s*(?:được\s+)?(?:(?:hơn|trên|gần|khoảng|xấp xỉ|tới|có)\s+)?\d", _I)
_PERSON = words(*SPEAKER_WORDS, r"hội nghị", r"đại biểu")
_CLAUSE_STOPS = ".;:!?\n"
# "kiến nghị" as a verb: a participant's proposal, said at the meeting.
_PROPOSE = words(r"kiến nghị")
_NOUN_BEFORE = re.compile(
    r"(?:(?<!\w)(?:các|những|mọi|số|lượt|tiếp nhận|giải quyết|xử lý|trả lời|tổng hợp|theo)"
    r"|\d|(?<!\w)(?:phản ánh|ý kiến|đơn thư|đơn|đề xuất)\s*(?:,|và))\s*$",
    _I,
)
_NOUN_AFTER = re.compile(r"\s*(?:của|,\s*(?:phản ánh|đề xuất|ý kiến))(?!\w)", _I)
_PROBLEM = words(
    r"hạn chế",
    r"tồn tại",
    r"khó khăn",
    r"vướng mắc",
    r"bất cập",
    r"còn chậm",
    r"chưa cao",
    r"chưa đạt",
    r"chưa hoàn thành",
    r"chưa đáp ứng",
)
# A figure reached: "mới đạt 18,3%", "chỉ đạt 45/60", not "chưa đạt 50%".
_MEASURED = re.compile(
    r"(?<!chưa )(?<!không )(?<!\w)đạt\s+(?:(?:khoảng|gần|hơn|trên|xấp xỉ)\s+)?\d", _I
)


def is_event(text: str) -> bool:
    """The meeting itself: its opening, who came, chaired and spoke, captions of the scene."""
    return bool(
        _MEETING.search(text)
        or EVENT.search(text)
        or DATE_OPENING.match(text)
        or _CHAIRS.search(text)
        or is_occasion(text)
        or proposes(text)
    )


def is_occasion(text: str) -> bool:
    """Whether text only says what occasion a period is: an anniversary."""
    return bool(_ANNIVERSARY.search(text))


def praises(text: str) -> bool:
    """Whether text praises or takes note of results rather than stating one."""
    if _PRAISE.search(text):
        return True
    for m in _NOTE.finditer(text):
        if _COUNTED.match(text, m.end()):
            continue  # "ghi nhận hơn 2,4 triệu giao dịch": recorded
        if _PRAISED.match(text, m.end()) or _PERSON.search(_clause_before(text, m.start())):
            return True
    return False


def _clause_before(text: str, pos: int) -> str:
    cut = max(text.rfind(ch, 0, pos) for ch in _CLAUSE_STOPS)
    return text[cut + 1 : pos]


def proposes(text: str) -> bool:
    """Whether someone proposes something in text: 'kiến nghị' as a verb, not as a noun."""
    for m in _PROPOSE.finditer(text):
        noun = _NOUN_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
        if not noun and not _NOUN_AFTER.match(text, m.end()):
            return True
    return False


def is_measured(text: str) -> bool:
    """Whether text gives a figure reached, even while it says the figure falls short."""
    return bool(_MEASURED.search(text))


def is_problem(text: str) -> bool:
    """A difficulty or shortfall stated without the figure reached."""
    return bool(_PROBLEM.search(text)) and not is_measured(text)


def is_honour(text: str) -> bool:
    return bool(HONOUR.search(text) or _CONFERRAL.search(text))


def is_remark(text: str) -> bool:
    """Praise, difficulties and honours: said about the results, not results themselves."""
    return praises(text) or is_problem(text) or is_honour(text)
