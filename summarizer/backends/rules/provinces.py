"""Which of Vietnam's provinces a report is about.

The 63 units in force before 2025 with their common spellings, well-known cities, towns and
districts that belong to one of them, and the province part of a '.gov.vn' address. A report
names its own province in the headline, in the department's name ("Sở TT&TT Hà Giang") and
over and over in its text; a province named once beside others ("chỉ đứng sau Đà Nẵng") loses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ...ingest.places import PLACES, PROVINCES
from .vnlex import SURNAMES, is_syllable, spellings

# Names that contain a province's name but mean something else.
_NOT_PROVINCE = ("Thái Bình Dương",)

_WEIGHT_TITLE, _WEIGHT_OWN, _WEIGHT_LEAD, _WEIGHT_BODY = 4, 3, 2, 1
_OWN_NAME = re.compile(
    r"(?:Sở|ngành|Ngành)\s+(?:Thông tin và Truyền thông|TT\s*&\s*TT|TT-TT|TTTT)"
    r"(?:\s*\([^)]{1,12}\))?\s*(?:(?:tỉnh|thành phố|TP\.?)\s+)?$"
)
_PLACE_PREFIX = re.compile(r"(?:thành phố|thị xã|huyện|quận|thị trấn|TP\.?)\s+$", re.IGNORECASE)


_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u00a0": " "})  # Ð (eth) for Đ
_SPACE_RUN = re.compile(r"[ \t]{2,}")


def _normalise(text: str) -> str:
    """The text as names are listed: Đ for its look-alike Ð, one plain space between words."""
    return _SPACE_RUN.sub(" ", text.translate(_LOOKALIKES))


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
                if spelling.startswith("TP"):
                    names["Tp" + spelling[2:]] = canonical  # "Tp. Hồ Chí Minh", "Tp.HCM"
    names.pop("Hồ Chí Minh")  # alone it is the President's name, not the city
    places = {s: prov for prov, ps in PLACES.items() for p in ps for s in spellings(p)}
    slugs = {_fold(c): c for c in PROVINCES} | {
        "hochiminhcity": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh", "hcmcity": "Hồ Chí Minh",
        "hue": "Thừa Thiên Huế", "brvt": "Bà Rịa - Vũng Tàu", "baria-vungtau": "Bà Rịa - Vũng Tàu",
    }  # fmt: skip
    return names, places, slugs


@dataclass(frozen=True)
class _Tables:
    names: dict[str, str]
    places: dict[str, str]
    slugs: dict[str, str]
    name_re: re.Pattern[str]
    place_re: re.Pattern[str]


@cache
def _tables() -> _Tables:
    """Every spelling of every province and place, and their tries: built on first use."""
    names, places, slugs = _build()
    return _Tables(names, places, slugs, _alternation(names), _alternation(places))


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
    tables = _tables()
    for m in tables.name_re.finditer(text):
        if not _part_of_name(text, m.start(), m.end()):
            own = bool(_OWN_NAME.search(text[max(0, m.start() - 60) : m.start()]))
            found.append((m.start(), tables.names[m.group()], own))
    for m in tables.place_re.finditer(text):
        prefixed = bool(_PLACE_PREFIX.search(text[max(0, m.start() - 12) : m.start()]))
        bare_ok = len(m.group().split()) >= _BARE_PLACE_MIN or m.group() == "Huế"
        named = (prefixed or bare_ok) and not tables.name_re.fullmatch(m.group())
        if named and not _part_of_name(text, m.start(), m.end()):
            found.append((m.start(), tables.places[m.group()], False))
    return found


def _domains(text: str) -> list[tuple[int, str]]:
    """Provinces named by a government site or mail address: 'tuyenquang.gov.vn'."""
    found = []
    slugs = _tables().slugs
    lowered = text.lower()
    at = lowered.find(_GOV)
    while at >= 0:
        host = _HOST.search(lowered, max(0, at - 60), at)
        after = lowered[at + len(_GOV) : at + len(_GOV) + 1]
        if host and not (after.isalnum() or after == "-"):
            for label in host.group().split("."):
                province = slugs.get(label) or slugs.get(label.replace("-", ""))
                if province:
                    found.append((host.start(), province))
        at = lowered.find(_GOV, at + 1)
    return found


def find_province(title: str | None, lead: str, body: str) -> str | None:
    """The province the report is about: the best-attested one, first named on a tie."""
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    parts = ((title or "", _WEIGHT_TITLE), (lead, _WEIGHT_LEAD), (body, _WEIGHT_BODY))
    for offset, (raw, weight) in enumerate(parts):
        part = _normalise(raw)
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
    text = _normalise(text)
    tables = _tables()
    return bool(tables.name_re.fullmatch(text) or tables.place_re.fullmatch(text))
