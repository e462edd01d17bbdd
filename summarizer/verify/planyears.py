"""Years that name a plan rather than a period, and the years a sentence's own dates set.

A year inside the name of a plan or programme ("Kế hoạch chuyển đổi số năm 2024", "Đề án ứng
dụng CNTT 2019") names the document, not the period of the sentence that cites it. Such a name
opens with a capitalised plan word and runs, without punctuation or a word that sets a time
("trong", "đến", "được"...), through at least one word of its own before the year; a bare
"kế hoạch năm 2024" or "KẾ HOẠCH NĂM 2024" is the plan of a period, not a name.
"""

from __future__ import annotations

import re

from .sourceindex import SourceIndex
from .text import word_key
from .wordtokens import is_year

_PLAN_WORDS = [
    [("w", word_key(w)) for w in phrase.split()]
    for phrase in ("kế hoạch", "đề án", "chương trình", "chiến lược")
]
_PERIOD_WORDS = {("w", word_key(w)) for w in ("năm", "giai", "đoạn")}
_BREAKS = {
    ("w", word_key(w))
    for w in ("được", "đã", "sẽ", "đang", "trong", "trước", "đến", "vào", "từ", "hoàn", "là")
}
_NAME_REACH = 12  # words looked back from a year for the plan word opening its name
_PUNCTUATION = re.compile(r"[,;:.!?()\[\]\"“”\n]")
_RANGE = re.compile(r"\s*[-–—]\s*")


_QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,300})[”\"]")
_QUOTE_REACH = 40  # characters between a plan word and the quoted name it introduces
_COMPARISONS = [
    [("w", word_key(w)) for w in phrase.split()]
    for phrase in ("so với", "so", "cùng kỳ", "cùng kì", "lần", "hơn", "bằng", "vượt")
]
_COMPARISON_REACH = 4  # words looked back from a year for the word that makes it a comparison
_PLAN_ENDS = {plan[-1] for plan in _PLAN_WORDS}  # a plan's name is looked for only past these
_COMPARISON_STARTS = {words[0] for words in _COMPARISONS}


def plan_name_years(src: SourceIndex) -> set[int]:
    """Year tokens inside the name of a plan or programme: a name that runs up to the year
    ("Kế hoạch chuyển đổi số năm 2024"), or a quoted one after a plan word (Đề án “… giai đoạn
    2020–2025, định hướng đến năm 2030”)."""
    keys = src.keys
    found = {
        i
        for i in src.years
        if not _PLAN_ENDS.isdisjoint(keys[max(0, i - _NAME_REACH) : i]) and _opens_plan_name(src, i)
    }
    for m in _QUOTED.finditer(src.text):
        lead = src.tokens_between(max(0, m.start() - _QUOTE_REACH), m.start())
        keys = [t.key for t in lead]
        if any(keys[k : k + len(plan)] == plan for plan in _PLAN_WORDS for k in range(len(keys))):
            found.update(src.years_between(m.start(1), m.end(1)))
    return found


def comparison_years(src: SourceIndex) -> set[int]:
    """Year tokens that only compare ("so với năm 2019", "cùng kỳ năm 2022", "gấp 2 lần năm
    2021", "cao hơn kết quả năm 2023"): they name no period of their sentence."""
    found = set()
    for i in src.years:
        if _COMPARISON_STARTS.isdisjoint(src.keys[max(0, i - _COMPARISON_REACH) : i]):
            continue  # no comparison can open among the words looked at
        begin = src.sentence_start(src.tokens[i].start)
        keys: list[tuple] = []
        for k in range(i - 1, max(i - 1 - _COMPARISON_REACH, -1), -1):
            tok = src.tokens[k]
            if tok.start < begin or tok.is_number:
                break
            keys.insert(0, tok.key)
            if any(keys[: len(c)] == c for c in _COMPARISONS):
                found.add(i)
                break
    return found


def _opens_plan_name(src: SourceIndex, i: int) -> bool:
    tokens, text = src.tokens, src.text
    own_words = 0
    for k in range(i - 1, max(i - 1 - _NAME_REACH, -1), -1):
        gap = text[tokens[k].end : tokens[k + 1].start]
        if _PUNCTUATION.search(gap) and not (_RANGE.fullmatch(gap) and is_year(tokens[k])):
            return False
        key = tokens[k].key
        if key in _BREAKS:
            return False
        for plan in _PLAN_WORDS:
            first = k + 1 - len(plan)
            if first >= 0 and [t.key for t in tokens[first : k + 1]] == plan:
                word = text[tokens[first].start : tokens[first].end]
                return own_words > 0 and _title_case(word)
        if key not in _PERIOD_WORDS and not is_year(tokens[k]):
            own_words += 1  # a word or a number of the name ("Đề án 06")
    return False


def _title_case(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def date_years(src: SourceIndex, lo: int, hi: int) -> dict[int, int]:
    """The year of each date written in [lo, hi) ("tháng 11/2023"), with its first token."""
    found: dict[int, int] = {}
    for i in src.numbers_between(lo, hi):
        key = src.tokens[i].key
        if key[0] == "date" and key[3] is not None:
            found.setdefault(int(key[3]), i)
    return found
