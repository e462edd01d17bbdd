"""Comparison keys for Vietnamese text, so that scoring ignores how a string was typed.

Two spellings of one name differ in case, spacing, Unicode form (NFC/NFD) and in where the tone
mark sits ('Thủy'/'Thuỷ', 'Hòa'/'Hoà'); the keys below erase exactly those differences.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks: grave, acute, tilde, hook above, dot below (and the two legacy forms).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323\u0340\u0341")
_SYLLABLE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_QUOTES = re.compile(r"[\"'“”‘’«»]")
_DASH = re.compile(r"\s*[-‐‑‒–—]\s*")
_SPACE = re.compile(r"\s+")
_EDGE = ".,;:!?()[] "

# Abbreviations that official titles and authorities are written with either way.
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"tt\s*&\s*tt|tt-tt|tttt|tt và tt", "thông tin và truyền thông"),
    (r"ubnd", "ủy ban nhân dân"),
    (r"hđnd", "hội đồng nhân dân"),
    (r"btv", "ban thường vụ"),
    (r"bch", "ban chấp hành"),
    (r"cntt", "công nghệ thông tin"),
)
_ABBREVIATION_RES = tuple(
    (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), full) for pattern, full in _ABBREVIATIONS
)


def _move_tone(match: re.Match[str]) -> str:
    """Put a syllable's tone mark after its last letter, wherever the writer placed it."""
    syllable = match.group(0)
    tones = "".join(ch for ch in syllable if ch in _TONES)
    return "".join(ch for ch in syllable if ch not in _TONES) + tones


def fold(text: str | None) -> str:
    """A key equal for strings that differ only in case, spacing, quotes or tone placement."""
    if not text:
        return ""
    value = unicodedata.normalize("NFC", text).casefold()
    value = _QUOTES.sub(" ", value)
    value = unicodedata.normalize("NFD", value)
    value = _SYLLABLE.sub(_move_tone, value)
    value = unicodedata.normalize("NFC", value)
    value = _DASH.sub("-", value)
    return _SPACE.sub(" ", value).strip(_EDGE)


def expand_abbreviations(text: str) -> str:
    """Spell out the abbreviations of official posts (UBND, TT&TT, BTV, ...)."""
    value = unicodedata.normalize("NFC", text).casefold()
    for pattern, full in _ABBREVIATION_RES:
        value = pattern.sub(full, value)
    return value


def name_key(name: str | None) -> str:
    """A person's name as compared: case, spacing and diacritic form ignored."""
    return fold(name)


def title_key(title: str | None) -> str:
    """A post or authority as compared: like names, with UBND and TT&TT spelled out."""
    return fold(expand_abbreviations(title or ""))


# The head of an honour; the first three are followed by the honour's own name.
_NAMED_HEADS = ("huân chương", "huy chương", "danh hiệu")
_PLAIN_HEADS = ("bằng khen", "giấy khen", "cờ thi đua", "kỷ niệm chương", "bằng công nhận")
_HEADS = tuple((fold(head), head in _NAMED_HEADS) for head in _NAMED_HEADS + _PLAIN_HEADS)
_AFTER_NAME = re.compile(
    r"\s(?:{})\s".format("|".join(fold(word) for word in ("của", "cho", "do", "tặng")))
)


def award_kind(award: str | None) -> str:
    """The honour's kind: its head ('bằng khen'), with the name for medals and titles."""
    value = fold(award)
    found = [(value.find(head), head, named) for head, named in _HEADS if head in value]
    if not found:
        return value
    start, head, named = min(found)
    if not named:
        return head
    rest = _AFTER_NAME.split(value[start:] + " ", maxsplit=1)[0]
    return rest.strip(_EDGE)


def scalar_key(value: object) -> str | None:
    """A scalar field as compared: dates by ISO form, text folded; None stays None."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = fold(str(value))
    return text or None
