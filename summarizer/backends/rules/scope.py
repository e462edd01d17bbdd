"""Whether a document is about the information-and-communications sector at all.

The sector's reports name its fields again and again: telecoms, the post, IT and digital
transformation, e-government, press and publishing, information security. Another sector's
news names its own (tourism, schools, crops and prices, growth of the economy) and mentions
digital transformation at most in passing. A README or a list of sources is not Vietnamese
news at all.
"""

from __future__ import annotations

import re

_OWN = re.compile(
    r"(?<!\w)(?:thông\s+tin\s+và\s+truyền\s+thông|TT\s*&\s*TT|TT-TT|TTTT|STTTT|chuyển\s+đổi\s+số"
    r"|viễn\s+thông|bưu\s+chính|bưu\s+điện|báo\s+chí|xuất\s+bản|phát\s+thanh|truyền\s+hình"
    r"|an\s+toàn\s+thông\s+tin|an\s+ninh\s+mạng|công\s+nghệ\s+thông\s+tin|CNTT"
    r"|dịch\s+vụ\s+công\s+trực\s+tuyến|chính\s+quyền\s+(?:điện\s+tử|số)|chính\s+phủ\s+số"
    r"|kinh\s+tế\s+số|xã\s+hội\s+số|đô\s+thị\s+thông\s+minh|trạm\s+BTS|BTS|băng\s+rộng"
    r"|thuê\s+bao|internet|cáp\s+quang|hạ\s+tầng\s+số|nền\s+tảng\s+số|dữ\s+liệu\s+số"
    r"|thông\s+tin\s+cơ\s+sở|thông\s+tin\s+đối\s+ngoại|tuyên\s+truyền|IOC|một\s+cửa\s+điện\s+tử"
    r"|chữ\s+ký\s+số|văn\s+bản\s+điện\s+tử|trung\s+tâm\s+dữ\s+liệu|an\s+toàn\s+mạng)(?!\w)",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"(?<!\w)(?:du\s+lịch|lượt\s+khách|lữ\s+hành|lưu\s+trú|thể\s+thao|huy\s+chương|di\s+sản"
    r"|lễ\s+hội|gia\s+đình\s+văn\s+hóa|năm\s+học|học\s+sinh|giáo\s+viên|trường\s+học|tuyển\s+sinh"
    r"|tốt\s+nghiệp|giáo\s+dục|cà\s+phê|hồ\s+tiêu|cao\s+su|lúa|thóc|giá\s+\w+\s+(?:tăng|giảm)"
    r"|đồng/kg|nông\s+sản|thương\s+lái|xuất\s+khẩu|GRDP|tăng\s+trưởng\s+kinh\s+tế|thu\s+ngân\s+sách"
    r"|vốn\s+đầu\s+tư|khu\s+công\s+nghiệp|công\s+nghiệp\s+chế\s+biến|nông\s+nghiệp|chăn\s+nuôi"
    r"|thủy\s+sản|y\s+tế|bệnh\s+viện|bệnh\s+nhân|tiêm\s+chủng|lao\s+động|việc\s+làm"
    r"|thương\s+binh|bảo\s+hiểm\s+xã\s+hội|giao\s+thông\s+vận\s+tải|xây\s+dựng\s+nông\s+thôn)(?!\w)",
    re.IGNORECASE,
)
# Another agency named as the organiser: "Sở Văn hóa, Thể thao và Du lịch", "Sở GD&ĐT".
_OTHER_AGENCY = re.compile(
    r"(?<!\w)(?:Sở|Ngành|ngành)\s+(?:Văn\s+hóa|Văn\s+hoá|VH|Giáo\s+dục|GD|Nông\s+nghiệp|NN"
    r"|Y\s+tế|Lao\s+động|LĐ|Tài\s+chính|Kế\s+hoạch|KH|Công\s+Thương|Giao\s+thông|GTVT|Xây\s+dựng"
    r"|Tài\s+nguyên|TN|Du\s+lịch|Tư\s+pháp|Nội\s+vụ|Khoa\s+học|KH&CN|giáo\s+dục|y\s+tế"
    r"|du\s+lịch|văn\s+hóa|nông\s+nghiệp)"
)
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s|```|[-*]\s+\[|\|\s*[-:]+\s*\|)", re.MULTILINE)
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_OWN_AGENCY = re.compile(
    r"(?<!\w)(?:Sở|Bộ)\s+(?:Thông\s+tin\s+và\s+Truyền\s+thông|TT\s*&\s*TT|TT-TT|TTTT)(?!\w)"
)
_MIN_OWN = 3  # mentions of the sector's fields a report of it makes at the least


def cues(text: str) -> tuple[int, int]:
    """Mentions of the sector's fields and of another sector's, in text."""
    return len(_OWN.findall(text)), len(_OTHER.findall(text)) + 2 * len(_OTHER_AGENCY.findall(text))


def is_report_text(text: str) -> bool:
    """Vietnamese prose, not a README, a list of sources or a page in another language."""
    words = max(1, len(text.split()))
    return len(_MARKUP.findall(text)) < 3 and len(_VIETNAMESE.findall(text)) >= words * 0.1


def mentions_own_agency(text: str) -> bool:
    return bool(_OWN_AGENCY.search(text))


def in_scope(text: str, title: str | None) -> bool:
    """Whether the document reports the work, plans or honours of the sector."""
    if not is_report_text(text):
        return False
    own, other = cues(text)
    head_own, head_other = cues(title or "")
    if head_own and not head_other:
        return True
    return own >= _MIN_OWN and own >= other
