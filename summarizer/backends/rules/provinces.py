"""Vietnam's provinces and centrally-run cities, and which one a report is about.

The 63 units in force before 2025 with their common spellings, well-known cities, towns and
districts that belong to one of them, and the province part of a '.gov.vn' address. A report
names its own province in the headline, in the department's name ("Sở TT&TT Hà Giang") and
over and over in its text; a province named once beside others ("chỉ đứng sau Đà Nẵng") loses.
"""

from __future__ import annotations

import re
import unicodedata

from .vnlex import SURNAMES, is_syllable, spellings

# Canonical name -> other spellings (the old tone placement is added by `spellings`).
PROVINCES: dict[str, tuple[str, ...]] = {
    "An Giang": (), "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT"),
    "Bạc Liêu": (), "Bắc Giang": (), "Bắc Kạn": ("Bắc Cạn",), "Bắc Ninh": (), "Bến Tre": (),
    "Bình Dương": (), "Bình Định": (), "Bình Phước": (), "Bình Thuận": (), "Cà Mau": (),
    "Cao Bằng": (), "Cần Thơ": (), "Đà Nẵng": (),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Đăk Lắk", "Daklak", "Dak Lak"),
    "Đắk Nông": ("Đắc Nông", "Đăk Nông", "Dak Nông"), "Điện Biên": (), "Đồng Nai": (),
    "Đồng Tháp": (), "Gia Lai": (), "Hà Giang": (), "Hà Nam": (), "Hà Nội": (), "Hà Tĩnh": (),
    "Hải Dương": (), "Hải Phòng": (), "Hậu Giang": (), "Hòa Bình": (), "Hưng Yên": (),
    "Khánh Hòa": (), "Kiên Giang": (), "Kon Tum": ("Kontum",), "Lai Châu": (), "Lâm Đồng": (),
    "Lạng Sơn": (), "Lào Cai": (), "Long An": (), "Nam Định": (), "Nghệ An": (),
    "Ninh Bình": (), "Ninh Thuận": (), "Phú Thọ": (), "Phú Yên": (), "Quảng Bình": (),
    "Quảng Nam": (), "Quảng Ngãi": (), "Quảng Ninh": (), "Quảng Trị": (), "Sóc Trăng": (),
    "Sơn La": (), "Tây Ninh": (), "Thái Bình": (), "Thái Nguyên": (), "Thanh Hóa": (),
    "Thừa Thiên Huế": ("Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế", "TT Huế"),
    "Tiền Giang": (),
    "Hồ Chí Minh": (
        "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh", "Thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh", "TP.HCM", "TP. HCM", "TPHCM", "TP HCM", "TP.Hồ Chí Minh",
    ),
    "Trà Vinh": (), "Tuyên Quang": (), "Vĩnh Long": (), "Vĩnh Phúc": (), "Yên Bái": (),
}  # fmt: skip

# Cities, towns and districts known well enough to place a report in their province.
PLACES: dict[str, tuple[str, ...]] = {
    "Quảng Ninh": ("Hạ Long", "Cẩm Phả", "Móng Cái", "Uông Bí", "Quảng Yên", "Đông Triều"),
    "Tây Ninh": ("Hòa Thành", "Trảng Bàng", "Gò Dầu", "Tân Biên", "Dương Minh Châu"),
    "Phú Thọ": ("Việt Trì",), "Đắk Lắk": ("Buôn Ma Thuột",), "Gia Lai": ("Pleiku",),
    "Bình Định": ("Quy Nhơn",), "Khánh Hòa": ("Nha Trang", "Cam Ranh"),
    "Lâm Đồng": ("Đà Lạt", "Bảo Lộc"), "Bình Thuận": ("Phan Thiết",),
    "Ninh Thuận": ("Phan Rang - Tháp Chàm", "Phan Rang-Tháp Chàm"), "Phú Yên": ("Tuy Hòa",),
    "Quảng Nam": ("Tam Kỳ", "Hội An"), "Quảng Bình": ("Đồng Hới",), "Quảng Trị": ("Đông Hà",),
    "Thừa Thiên Huế": ("Huế",), "Nghệ An": ("Cửa Lò",), "Kiên Giang": ("Rạch Giá", "Phú Quốc"),
    "An Giang": ("Long Xuyên", "Châu Đốc"), "Đồng Tháp": ("Cao Lãnh", "Sa Đéc"),
    "Tiền Giang": ("Mỹ Tho",), "Long An": ("Tân An",),
    "Bình Dương": ("Thủ Dầu Một", "Dĩ An", "Thuận An", "Bến Cát", "Tân Uyên"),
    "Đồng Nai": ("Biên Hòa", "Long Khánh"), "Bà Rịa - Vũng Tàu": ("Vũng Tàu", "Bà Rịa"),
    "Bình Phước": ("Đồng Xoài",), "Đắk Nông": ("Gia Nghĩa",), "Lào Cai": ("Sa Pa", "Sapa"),
    "Điện Biên": ("Điện Biên Phủ",), "Hà Nam": ("Phủ Lý",), "Ninh Bình": ("Tam Điệp",),
    "Hải Dương": ("Chí Linh",), "Vĩnh Phúc": ("Vĩnh Yên", "Phúc Yên"), "Bắc Ninh": ("Từ Sơn",),
    "Thanh Hóa": ("Sầm Sơn",), "Hậu Giang": ("Vị Thanh",), "Hà Nội": ("Sơn Tây",),
    "Hồ Chí Minh": ("Thủ Đức",), "Kon Tum": ("Ngọc Hồi",),
}  # fmt: skip

# Names that contain a province's name but mean something else.
_NOT_PROVINCE = ("Thái Bình Dương",)

_WEIGHT_TITLE, _WEIGHT_OWN, _WEIGHT_LEAD, _WEIGHT_BODY = 4, 3, 2, 1
_OWN_NAME = re.compile(
    r"(?:Sở|ngành|Ngành)\s+(?:Thông tin và Truyền thông|TT\s*&\s*TT|TT-TT|TTTT)"
    r"(?:\s*\([^)]{1,12}\))?\s*(?:(?:tỉnh|thành phố|TP\.?)\s+)?$"
)
_PLACE_PREFIX = re.compile(r"(?:thành phố|thị xã|huyện|quận|thị trấn|TP\.?)\s+$", re.IGNORECASE)


def _fold(text: str) -> str:
    """Lower-case ASCII letters of a name: 'Bà Rịa - Vũng Tàu' -> 'bariavungtau'."""
    nfd = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in nfd if ch.isascii() and ch.isalnum()).lower()


def _alternation(names: dict[str, str]) -> re.Pattern[str]:
    """One pattern for many names, factored by shared prefixes so that a miss fails fast."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(rf"(?<!\w)(?:{_trie_pattern(trie)})(?!\w)")


def _trie_pattern(node: dict) -> str:
    """The regex of a character trie; longer names are tried before their prefixes."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:{})".format("|".join(branches))
    return f"(?:{body})?" if "" in node else body


def _build() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    for canonical, others in PROVINCES.items():
        for written in (canonical, *others):
            for spelling in spellings(written):
                names[spelling] = canonical
    names.pop("Hồ Chí Minh")  # alone it is the President's name, not the city
    places = {s: prov for prov, ps in PLACES.items() for p in ps for s in spellings(p)}
    slugs = {_fold(c): c for c in PROVINCES} | {
        "hochiminhcity": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "hcmcity": "Hồ Chí Minh",
        "hue": "Thừa Thiên Huế", "brvt": "Bà Rịa - Vũng Tàu", "baria-vungtau": "Bà Rịa - Vũng Tàu",
    }  # fmt: skip
    return names, places, slugs


_NAMES, _PLACES, _SLUGS = _build()
_NAME_RE = _alternation(_NAMES)
_PLACE_RE = _alternation(_PLACES)
_GOV = ".gov.vn"
_HOST = re.compile(r"(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*$")
_BARE_PLACE_MIN = 2  # syllables a place needs to count without "huyện"/"thành phố" before it


def _part_of_name(text: str, start: int, end: int) -> bool:
    """Whether the match continues a person's name ('Nguyễn Thị Hà Giang') or a longer name."""
    for other in _NOT_PROVINCE:
        lo = max(0, start - len(other))
        if other in text[lo : end + len(other)]:
            return True
    before = text[max(0, start - 40) : start].split()
    run = []
    for word in reversed(before):
        if not is_syllable(word):
            break
        run.append(word)
    return any(word in SURNAMES for word in run[:2])


def _mentions(text: str) -> list[tuple[int, str, bool]]:
    """(offset, province, is_own_name) for each province or place named in text."""
    found = []
    for m in _NAME_RE.finditer(text):
        if not _part_of_name(text, m.start(), m.end()):
            own = bool(_OWN_NAME.search(text[max(0, m.start() - 60) : m.start()]))
            found.append((m.start(), _NAMES[m.group()], own))
    for m in _PLACE_RE.finditer(text):
        prefixed = bool(_PLACE_PREFIX.search(text[max(0, m.start() - 12) : m.start()]))
        bare_ok = len(m.group().split()) >= _BARE_PLACE_MIN or m.group() == "Huế"
        named = (prefixed or bare_ok) and not _NAME_RE.fullmatch(m.group())
        if named and not _part_of_name(text, m.start(), m.end()):
            found.append((m.start(), _PLACES[m.group()], False))
    return found


def _domains(text: str) -> list[tuple[int, str]]:
    """Provinces named by a government site or mail address: 'tuyenquang.gov.vn'."""
    found = []
    lowered = text.lower()
    at = lowered.find(_GOV)
    while at >= 0:
        host = _HOST.search(lowered, max(0, at - 60), at)
        after = lowered[at + len(_GOV) : at + len(_GOV) + 1]
        if host and not (after.isalnum() or after == "-"):
            for label in host.group().split("."):
                province = _SLUGS.get(label) or _SLUGS.get(label.replace("-", ""))
                if province:
                    found.append((host.start(), province))
        at = lowered.find(_GOV, at + 1)
    return found


def find_province(title: str | None, lead: str, body: str) -> str | None:
    """The province the report is about: the best-attested one, first named on a tie."""
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    parts = ((title or "", _WEIGHT_TITLE), (lead, _WEIGHT_LEAD), (body, _WEIGHT_BODY))
    for offset, (part, weight) in enumerate(parts):
        for pos, province, own in _mentions(part):
            score[province] = score.get(province, 0) + max(weight, _WEIGHT_OWN * own)
            first.setdefault(province, offset * 10**9 + pos)
        for pos, province in _domains(part):
            score[province] = score.get(province, 0) + _WEIGHT_BODY
            first.setdefault(province, offset * 10**9 + pos)
    if not score:
        return None
    return max(score, key=lambda p: (score[p], -first[p]))


_MASTHEAD_LINES = 6


def masthead_province(text: str) -> str | None:
    """The province in a site's capitalised name over the page: "BÁO LONG AN ONLINE"."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_MASTHEAD_LINES]
    for line in lines:
        if line.isupper():
            found = [p for _, p, _ in _mentions(line.title())]
            if len(set(found)) == 1:
                return found[0]
    return None


def is_place_name(text: str) -> bool:
    """Whether text is the name of a province or a well-known place, not of a person."""
    return bool(_NAME_RE.fullmatch(text) or _PLACE_RE.fullmatch(text))
