"""The header fields of a report: headline, agency, province, dates and periods."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ...ingest import Document
from .dates import date_line, resolve_year
from .events import find_event, lead_paragraphs
from .periods import choose
from .provinces import find_province, masthead_province

DEFAULT_ORGANIZATION = "Sở Thông tin và Truyền thông"

_BREADCRUMB = re.compile(r"[>»›]|^\s*trang\s+chủ\b", re.IGNORECASE)
# A site's name over its pages: "BÁO ĐẮK LẮK ĐIỆN TỬ", "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH …".
_MASTHEAD = re.compile(
    r"^(?:BÁO|TẠP\s+CHÍ|CỔNG\s+THÔNG\s+TIN|TRANG\s+THÔNG\s+TIN|ĐÀI|THÔNG\s+TẤN)(?!\w)"
    r"|(?:ĐIỆN\s+TỬ|ONLINE|\.VN|\.COM)$"
)
# An agency's name in capitals over a page or a formal report: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG …".
_AGENCY_CAPS = re.compile(r"^(?:SỞ|BỘ|UBND|ỦY\s+BAN|UỶ\s+BAN|TỈNH\s+ỦY|CỤC|TRUNG\s+TÂM)(?!\w)")
# What makes a capitalised line a headline, not a name: a figure, or a verb of the genre.
_CAPS_NEWS = re.compile(
    r"\d|(?<!\w)(?:TỔNG\s+KẾT|SƠ\s+KẾT|TỔ\s+CHỨC|TRIỂN\s+KHAI|ĐÓN\s+NHẬN|GIAO\s+BAN|HỘI\s+NGHỊ"
    r"|KỶ\s+NIỆM|TRAO|ĐẠT|NHẬN|PHÁT\s+ĐỘNG|KÝ\s+KẾT|RA\s+MẮT)(?!\w)"
)
# Contact lines and menus: "Đường dây nóng: 0262…", "Trang chủ | Thời sự | Kinh tế".
_CONTACT = re.compile(r"^(?:đường\s+dây\s+nóng|hotline|điện\s+thoại|e-?mail|fax)\s*:", re.I)
# A portal's name, a skip link or a login link: "Cổng Thông tin điện tử Sở …", "Skip to main content".
_SITE_LINE = re.compile(
    r"^(?:cổng\s+thông\s+tin\s+điện\s+tử|trang\s+thông\s+tin\s+điện\s+tử|website|skip\s|bỏ\s+qua\s"
    r"|chuyển\s+(?:đến|tới)\s+nội\s+dung|đăng\s+nhập|đăng\s+ký|tìm\s+kiếm)",
    re.I,
)
# A caption: "Ảnh: …", "Đ/c: X - … phát biểu", "… (Ảnh: Đ.T)".
_CAPTION = re.compile(r"^(?:ảnh\s*:|đ/c\b)|\(?\s*ảnh\s*:\s*[^)]{1,40}\)?\s*$", re.I)
# A formal document's place-and-date line: "Trà Vinh, ngày 05 tháng 12 năm 2024".
_PLACE_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\s*$", re.I)
_MAX_HEADLINE = 250
_MIN_HEADLINE_WORDS = 4
_HEADER_LINES = 12
# The site's name after a headline in an HTML <title>: "… - Sở Thông tin và Truyền thông tỉnh X".
_SITE_SUFFIX = re.compile(
    r"\s+[-|–—:]{1,2}\s+(?:Sở|Cổng|Báo|Trang|Đài|UBND|Ủy ban|Uỷ ban|Tạp chí|Website|Bộ|Tin tức)"
    r"[^|–—]*$|\s+[-|–—]\s+[\w.-]+\.(?:vn|com|net|org)\s*$",
)
_OWN_AGENCY = re.compile(r"Sở\s+(?:Thông tin và Truyền thông|TT\s*&\s*TT|TT-TT|TTTT)(?!\w)")
_AGENCY_NAME = r"Sở\s+[A-ZĐ]\w*(?:\s[a-zđ]\w*)?(?:(?:,\s|\svà\s)[A-ZĐ]\w*(?:\s[a-zđ]\w*)?)*"
_ORGANISER = re.compile(
    rf"({_AGENCY_NAME})(?:\s*\([^)]{{1,12}}\))?(?:\s+tỉnh\s+[A-ZĐ]\w*(?:\s[A-ZĐ]\w*)*)?\s+"
    r"(?:đã\s+|vừa\s+)?(?:tổ\s+chức|ban\s+hành|tổng\s+hợp|sơ\s+kết|tổng\s+kết)"
)


@dataclass(frozen=True)
class Meta:
    title: str | None
    organization: str
    province: str | None
    event_date: datetime.date | None
    published_date: datetime.date | None
    period: str | None
    next_period: str | None


def extract_meta(doc: Document) -> Meta:
    """Headline, agency, province, dates and periods of one report."""
    article = doc.article
    title = headline(doc)
    lead = "\n".join(lead_paragraphs(article))
    published = doc.published or date_line(article, title)
    event = find_event(article)
    sources = [event.sentence if event else "", title or "", lead, article]
    period, next_period = choose(sources)
    event_date = None
    if event and event.day:
        event_date = resolve_year(event.day, published or _year_end(period))
    return Meta(
        title=title,
        organization=organization(title, lead),
        province=_province(doc, title, lead),
        event_date=event_date,
        published_date=published,
        period=period,
        next_period=next_period,
    )


def _year_end(period: str | None) -> datetime.date | None:
    """With no date line, a review of year Y is held by the March after it."""
    if period is None or not period[-4:].isdigit():
        return None
    year = int(period[-4:])
    return datetime.date(year + (1 if period.isdigit() else 0), 3 if period.isdigit() else 12, 31)


def headline(doc: Document) -> str | None:
    """The headline as written: the HTML title less the site's name, or the first line."""
    if doc.title and doc.title.strip():
        return _SITE_SUFFIX.sub("", " ".join(doc.title.split())) or None
    lines = [line.strip() for line in doc.article.splitlines() if line.strip()]
    for line in lines[:_HEADER_LINES]:
        if _BREADCRUMB.search(line) or date_line(line) or _furniture(line):
            continue
        if len(line.split()) < _MIN_HEADLINE_WORDS or len(line) > _MAX_HEADLINE:
            continue
        return None if line.endswith(".") and len(line.split()) > 25 else line
    return None


def _furniture(line: str) -> bool:
    """A masthead, a site name, a skip link, a caption, a contact line or a menu: not a headline."""
    agency = bool(_AGENCY_CAPS.match(line)) and not _CAPS_NEWS.search(line)
    masthead = line.isupper() and (bool(_MASTHEAD.search(line)) or agency)
    site = _SITE_LINE.match(line) or _CAPTION.search(line) or _PLACE_DATE.search(line)
    return masthead or bool(site or _CONTACT.match(line)) or line.count("|") >= 2


def organization(title: str | None, lead: str) -> str:
    """The reporting agency: the Sở that organises or issues, by default the Sở TT&TT."""
    for text in (lead, title or ""):
        match = _ORGANISER.search(text)
        if match and not _OWN_AGENCY.match(match.group(1)):
            return match.group(1)
        if match or _OWN_AGENCY.search(text):
            return DEFAULT_ORGANIZATION
    return DEFAULT_ORGANIZATION


def _province(doc: Document, title: str | None, lead: str) -> str | None:
    """The article's province; else a site's masthead; else the page around the article."""
    found = find_province(title, lead, doc.article) or masthead_province(doc.article)
    return found or masthead_province(doc.text) or find_province(None, "", doc.text)
