"""The Vietnamese cue words of the genre: sectors, plan frames, directives, and what is not a result.

Each pattern is a convention of Vietnamese administrative writing about the Sở Thông tin và
Truyền thông, not of any one report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


def words(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any of the phrases as whole words, case-insensitive."""
    body = "|".join(alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", _I)


# Sector cues, in the order that breaks ties (the first listed wins an even count).
SECTOR_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "telecom",
        words(
            r"viễn thông",
            r"BTS",
            r"thuê bao",
            r"internet",
            r"cáp quang",
            r"phủ sóng",
            r"sóng di động",
            r"băng rộng",
            r"di động",
            r"trạm phát sóng",
            r"tần số",
            r"wifi",
            r"hạ tầng số",
            r"mạng ngoại vi",
            r"[2-5]G",
        ),
    ),
    ("postal", words(r"bưu chính", r"chuyển phát", r"bưu điện")),
    (
        "security",
        words(
            r"an toàn(?:,| và)? an ninh (?:thông tin|mạng)",
            r"an toàn thông tin",
            r"an ninh mạng",
            r"SOC",
            r"cấp độ an toàn",
            r"mã độc",
            r"tấn công mạng",
        ),
    ),
    (
        "press",
        words(
            r"báo chí",
            r"xuất bản",
            r"phát thanh",
            r"truyền hình",
            r"truyền thanh",
            r"tuyên truyền",
            r"thông tin cơ sở",
            r"thông tin đối ngoại",
            r"trang thông tin điện tử",
            r"phóng viên",
            r"phát ngôn",
            r"nhuận bút",
        ),
    ),
    (
        "it",
        words(
            r"CNTT",
            r"ƯDCNTT",
            r"công nghệ thông tin",
            r"công nghệ số",
            r"hội nghị truyền hình",
            r"chứng thư số",
            r"(?:dạng|môi trường) (?:điện tử|mạng)",
            r"chính quyền (?:điện tử|số)",
            r"chuyển đổi số",
            r"dịch vụ công",
            r"DVCTT",
            r"IOC",
            r"dữ liệu",
            r"truyền số liệu",
            r"số hóa",
            r"nền tảng số",
            r"(?:kinh tế|xã hội) số",
            r"(?:đô thị|thành phố) thông minh",
            r"phần mềm",
            r"chữ ký số",
            r"ký số",
            r"văn bản điện tử",
            r"hộp thư",
            r"thư điện tử",
            r"trực tuyến",
            r"thủ tục hành chính",
            r"TTHC",
            r"camera",
            r"máy chủ",
            r"ICT Index",
            r"DTI",
            r"kỹ năng số",
        ),
    ),
    (
        "general",
        words(
            r"thi đua",
            r"khen thưởng",
            r"tổ chức bộ máy",
            r"nguồn nhân lực",
            r"cán bộ",
            r"cải cách hành chính",
        ),
    ),
]


_ANY_SECTOR = re.compile(
    "|".join(f"(?P<{sector}>{pattern.pattern})" for sector, pattern in SECTOR_CUES), _I
)
_ORDER = [sector for sector, _ in SECTOR_CUES]


def sector_of(text: str) -> str | None:
    """The sector whose cue words the text names most; None when it names none."""
    counts: dict[str, int] = {}
    for m in _ANY_SECTOR.finditer(text):
        counts[m.lastgroup or ""] = counts.get(m.lastgroup or "", 0) + 1
    if not counts:
        return None
    return max(_ORDER, key=lambda sector: (counts.get(sector, 0), -_ORDER.index(sector)))


# --- Periods ------------------------------------------------------------------------------------

_YEAR = r"\d{4}"
_PERIOD = (
    rf"giai đoạn {_YEAR}\s*[-–]\s*{_YEAR}"
    rf"|(?:6|sáu) tháng (?:đầu|cuối) năm(?: {_YEAR})?"
    rf"|nửa (?:đầu|cuối) năm(?: {_YEAR})?"
    rf"|năm {_YEAR}"
    rf"|quý (?:I|II|III|IV)/{_YEAR}"
    r"|thời gian tới|thời gian sắp tới|sắp tới|trước mắt|năm tới|năm mới|năm qua|năm nay"
)
# A period that opens a sentence or clause and frames all of it: "Năm 2024, …", "Bước sang năm
# 2015, …", "Trong 6 tháng cuối năm 2018, …", "Giai đoạn 2020 - 2025, …", "Đích đến năm 2025 là".
FRAME = re.compile(
    rf"^\s*(?:(?P<ahead>bước sang|sang|đích đến|mục tiêu đến|định hướng đến"
    r"|dự kiến(?: trong| đến| vào)?)\s+"
    rf"|(?:trong|đến|tới|riêng|cả)\s+)?"
    rf"(?P<period>{_PERIOD})(?=\s*[,:]|\s+(?:là|tới|này)\b|\s+[A-ZĐ])",
    _I,
)
PERIOD_ANY = re.compile(rf"(?<!\w)(?:{_PERIOD})(?!\w)", _I)
_OPEN_FUTURE = re.compile(r"thời gian (?:sắp )?tới|sắp tới|trước mắt", _I)
_NEXT_WORDS = re.compile(r"năm tới|năm mới", _I)
_PAST_WORDS = re.compile(r"năm qua|năm nay", _I)


@dataclass(frozen=True)
class Period:
    """A period as written, and what it is relative to the reviewed one."""

    text: str
    future: bool
    deadline: str | None  # what a target's deadline says; None for "thời gian tới"


def _last_year(text: str | None) -> int | None:
    years = re.findall(_YEAR, text or "")
    return int(years[-1]) if years else None


def read_period(text: str, review: str | None, plan: str | None, ahead: bool = False) -> Period:
    """Classify one period phrase against the reviewed period and the planned one.

    `ahead`: the phrase follows a word that looks forward ("Bước sang năm 2024").
    """
    low = text.lower()
    if _OPEN_FUTURE.fullmatch(low):
        return Period(text, True, None)
    if _NEXT_WORDS.fullmatch(low):
        return Period(text, True, plan)
    if _PAST_WORDS.fullmatch(low):
        return Period(text, False, None)
    written = low.startswith(("giai", "6", "sáu", "nửa", "quý"))
    deadline: str | None = (text[:1].lower() + text[1:]) if written else str(_last_year(low))
    if ("cuối năm" in low) and _last_year(low) is None:
        deadline = plan if plan and plan.lower().startswith(low) else None
    year, review_year = _last_year(low), _last_year(review)
    if review_year is None and plan and re.fullmatch(_YEAR, plan):
        review_year = int(plan) - 1  # a yearly plan follows the year it reviews
    if "cuối năm" in low:
        future = year is None or review_year is None or year >= review_year
    elif "đầu năm" in low:
        future = year is not None and review_year is not None and year > review_year
    elif year is not None and review_year is not None:
        half = "đầu năm" in (review or "")  # the year's second half is still to come
        future = year > review_year or (half and year == review_year)
    elif ahead:
        future = True
    else:
        plan_year = _last_year(plan)
        future = year is not None and plan_year is not None and year >= plan_year
    return Period(text, future, deadline)


def frame_of(text: str) -> re.Match[str] | None:
    """The period that opens the text, when one does."""
    return FRAME.match(text)


# --- Forward-looking cues -----------------------------------------------------------------------

# Plans of the agency itself, wherever they stand in the sentence.
PLAN = words(
    r"phấn đấu",
    r"sẽ",
    r"cần(?! thiết)",
    r"phải được",
    r"sắp tới",
    r"thời gian tới",
    r"trước mắt",
    r"đặt mục tiêu",
    r"xác định(?: tiếp tục| tập trung| đây là| nhiệm vụ)",
    r"(?:định hướng|nhiệm vụ|giải pháp) trọng tâm(?: của)? (?:năm|thời gian|giai đoạn|gồm|là)",
    r"phương hướng(?:,)? nhiệm vụ",
    r"đích đến",
    r"(?<!vượt )(?<!so với )dự kiến",
)
# A section heading or lead that opens a list of plans.
PLAN_HEADING = words(
    r"phương hướng",
    r"nhiệm vụ(?:,)? (?:trọng tâm|thời gian tới|năm|6 tháng|sáu tháng|quý|giai đoạn)",
    r"kế hoạch(?: năm| thời gian| 6 tháng| sáu tháng| quý| giai đoạn)",
    r"giải pháp",
    r"mục tiêu",
    r"chỉ tiêu",
    r"định hướng",
)
RESULT_HEADING = words(r"kết quả", r"tình hình", r"đánh giá", r"thực trạng")
# Sections that hold neither results nor the agency's plans: difficulties, requests upward
# ("kiến nghị" as a request is read by `remarks.proposes`, which tells it from the noun).
ASIDE_HEADING = words(r"khó khăn", r"hạn chế", r"tồn tại", r"vướng mắc", r"nguyên nhân", r"đề xuất")
# Difficulties: their measured shortfalls are still results of the period.
SHORTFALL_HEADING = words(r"khó khăn", r"hạn chế", r"tồn tại", r"vướng mắc", r"bất cập")
PAST = words(r"đã", r"đạt được", r"vừa qua", r"năm qua")

# --- Reported speech and other sources ----------------------------------------------------------

# Reported speech: "X cho biết: …", "Theo X, …". The claim is what follows.
REPORTING = re.compile(
    r"(?:[^:;]{0,160}?\s(?:cho biết|cho thấy|nhấn mạnh|khẳng định|nêu rõ)\s*[,:]"
    r"|theo(?: đó| [^,;:]{1,120}),|(?:bên cạnh đó|ngoài ra|cùng với đó|đồng thời|qua đó|"
    r"trong đó|tuy nhiên|và|nhìn chung|nhờ đó|kết quả),)\s*",
    _I,
)
CONNECTIVE = re.compile(r"(?:đồng thời|và|cùng với đó|bên cạnh đó|ngoài ra)\b[,\s]*", _I)
# Figures that another agency reports: "Theo Cục Thống kê, …", "Theo số liệu của Sở Kế hoạch
# và Đầu tư, …". They count only when they are about the sector (a cue word says so).
OTHER_SOURCE = re.compile(
    r"theo\s+(?:(?:số liệu|báo cáo|thống kê|công bố|đánh giá)\s+)?(?:của\s+)?"
    r"(?:tổng cục|cục|chi cục|ngân hàng|viện|sở(?! thông tin| tt)|bộ(?! thông tin| tt))\b",
    _I,
)
# Who speaks: a directive that names its speaker opens a new run of directives.
SPEAKER_WORDS = (
    r"giám đốc",
    r"chủ tịch",
    r"bí thư",
    r"bộ trưởng",
    r"thứ trưởng",
    r"đồng chí",
    r"ông",
    r"bà",
    r"lãnh đạo",
)
SPEAKER = words(*SPEAKER_WORDS)
# The plain end of a Vietnamese administrative text.
END_MARK = "./."
