"""The one pattern that finds every candidate numeral in running text, in a single pass.

Digits in Vietnamese notation, numbers in words, Roman numerals after a word that takes them,
and the shapes that are numbers of another kind (dates, times, phone and document numbers, list
numbering); URLs, e-mail and file names are matched only to be skipped. Which group matched says
how summarizer.numbers goes on to classify the candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .numerals import NUMBER_WORDS

__all__ = [
    "COUNT_NOUNS", "DATE_CUES", "LOWER", "QUANTITY_AFTER", "TOKEN", "UPPER", "WS", "find_tokens",
]  # fmt: skip

_LATIN = [chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250))]
_LATIN += [chr(c) for c in range(0x1E00, 0x1F00)]
UPPER = "".join(c for c in _LATIN if c.isupper())
LOWER = "".join(c for c in _LATIN if c.islower())
WS = r"[ \t\u00a0]"
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}|\d+\.\d+|\d+(?:,\d+)?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_END = r"(?!\d|[.,/]\d)"  # a numeral ends where no digit continues it
_WORD_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# Beyond a letter's own upper and lower case, what re.IGNORECASE also lets it match.
_FOLDS = {"i": "İı", "k": "\u212a", "s": "ſ"}


def _cases(letter: str) -> str:
    return (
        f"[{re.escape(''.join(dict.fromkeys(letter + letter.upper() + _FOLDS.get(letter, ''))))}]"
    )


def _caseless(alternation: str) -> str:
    """(?i:alternation) as letter classes: the engine drops a word on its first letter at once."""
    return "|".join(
        r"\s+".join("".join(map(_cases, part)) for part in word.split(r"\s+"))
        for word in alternation.split("|")
    )


_ORDINAL_WORDS = "nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười"
_FILE_TYPES = "pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|zip|rar|html?|aspx?|php"
_ORDINAL_GOES_ON = "mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|một|hai|ba|bốn|lăm|sáu|bảy|tám|chín|mốt|tư"
_ROMAN_CUES = (
    r"thứ|khóa|khoá|quý|hạng|kỳ|kì|giai\s+đoạn|phần|chương|mục|cấp|thế\s+kỷ|thế\s+kỉ|loại|đợt|tập|nhóm"
    r"|đại\s+hội"
)
# Nouns a number counts: a lone number word before one of them is a count ("hai tập thể").
COUNT_NOUNS = (
    r"tập\s+thể|cá\s+nhân|người|đơn\s+vị|cơ\s+quan|doanh\s+nghiệp|tổ\s+chức|xã|huyện"
    r"|tỉnh|thôn|bản|hộ|lĩnh\s+vực|nhiệm\s+vụ|chỉ\s+tiêu|mục\s+tiêu|dự\s+án|đề\s+án|kế\s+hoạch"
    r"|văn\s+bản|quyết\s+định|nghị\s+quyết|chương\s+trình|trạm|điểm|cuộc|lớp|hội\s+nghị|giải"
    r"|tác\s+phẩm|sản\s+phẩm|dịch\s+vụ|ứng\s+dụng|nền\s+tảng|phần\s+mềm|trường|đồng\s+chí"
    r"|đại\s+biểu|cán\s+bộ|huân\s+chương|bằng\s+khen|cờ\s+thi\s+đua|giấy\s+khen"
    r"|kỷ\s+niệm\s+chương|nhóm|công\s+trình"
)
# After "từ 3/5" or "đến 10-15": what makes the numbers a quantity, never a day and month.
QUANTITY_AFTER = (
    rf"{WS}*(?:%|[-–]{WS}*\d)|{WS}+(?:phần{WS}+trăm|nghìn|ngàn|triệu|t[ỷỉ]|lên|xuống|đồng|thuê"
    rf"{WS}+bao|hồ{WS}+sơ|km|lượt|{COUNT_NOUNS})(?!\w)"
)
DATE_CUES = r"ngày|sáng|chiều|tối|trưa|đêm|hôm|từ|đến|tới|trước|sau|vào|hết|hạn|lúc"

_CASELESS_WORDS = _caseless(_WORD_ALT)
# The e-mail and file-name branch: what it looks for lies where the word's run of letters,
# digits and "-" (or of these and ".+") ends, which _Runs finds once for a whole run.
_NAMES = rf"""|(?=[\w-]*+[.+@])(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+\.(?:{_FILE_TYPES})\b)"""


def _token_source(names: str) -> str:
    """TOKEN's pattern, with or without the e-mail and file-name branch."""
    return rf"""
    ^(?:{WS}*\(?(?P<secl>[a-zđ])[.)](?={WS})
      | {WS}*(?P<secr>[IVXLC]+)[.)](?={WS})
      | {WS}*(?P<secn>\d{{1,2}}(?:\.\d{{1,2}})*)[.)](?={WS}+\S))
    |(?=\d)(?:
      (?<![\w/.,-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\w-])
    | (?<![\w.,])(?P<hot>1[89]00(?:[ .]?\d){{4,6}})(?!\d)
    |
      (?<![\w/])(?P<doc>\d+(?:/\d{{2,4}})?[/-][{UPPER}][{UPPER}\d&]*(?:[-/][{UPPER}\d&]+)*)(?!\w)
    | (?<![\w.,/+])(?P<phone>0(?:[ .]?\d){{8,10}})(?!\d)
    | (?<![\w.])(?P<tech>\d+(?:\.\d)?G(?:/\d+(?:\.\d)?G)*)(?!\w)
    | (?<![\d:.,/])(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?|\d{{1,2}}[hg]\d{{2}}|(?<=GMT[+-])\d{{1,2}}
        |(?<=UTC[+-])\d{{1,2}})(?![\d:])
    | (?<![\w/.,-])(?P<date3>\d{{1,2}}{WS}*(?P<sep>[/.–-]){WS}*\d{{1,2}}{WS}*(?P=sep){WS}*\d{{4}}
        |\d{{1,2}}/\d{{1,2}}/\d{{2}})(?!\d)
    | (?<=[Nn]gày\ )(?P<dmy>\d{{1,2}}{WS}+tháng{WS}+\d{{1,2}}(?:{WS}+năm{WS}+\d{{4}})?){_END}
    | (?<=[Tt]háng\ )(?P<month>\d{{1,2}}(?:{WS}*[/.–-]{WS}*\d{{4}}|{WS}+năm{WS}+\d{{4}})?)
        (?!%){_END}
    | (?<![\w/.,])(?P<chain>\d{{1,5}}(?:{WS}?/{WS}?\d{{1,5}}){{2,}})(?!\w|[/.,]\d)
    | (?<![\w/.,])(?P<frac>(?P<fx>\d{{1,3}}(?:\.\d{{3}})+|\d+){WS}?/{WS}?
        (?P<fy>\d{{1,3}}(?:\.\d{{3}})+|\d+)){_END}
    | (?<![\d.,])(?P<num>(?:{_NUM})(?P<pct>{WS}?%|{WS}+phần{WS}+trăm)?){_END}
    )
    |(?<!\w)(?=[^\W\d_])(?:
      (?P<skip>https?://\S+|www\.\S+{names})
    | (?=[tkqhgpcmlđnTKQHGPCMLĐN])(?:{_caseless(_ROMAN_CUES)}){WS}+(?P<rom>[IVXLC]+)(?!\w)
    | (?=[tThH])(?:{_caseless("thứ|hạng")}){WS}+
        (?P<ordw>{_caseless(_ORDINAL_WORDS)})(?!\w)
        (?!{WS}+(?:{_caseless(_ORDINAL_GOES_ON)})(?!\w))  # "thứ mười một" is read as a numeral
    | (?=[nsctđhvlNSCTĐHVL])(?:{_caseless(DATE_CUES)}){WS}+(?P<cued>{_DAY}{WS}?[-./]{WS}?{_MONTH})
        (?!%|{WS}?[-./–]{WS}?\d|{WS}*(?:năm|tháng|tuần|ngày|giờ|lần)\b|{QUANTITY_AFTER}){_END}
    | (?=[mhbnstclkMHBNSTCLK])(?P<words>(?:{_CASELESS_WORDS})(?:{WS}+(?:{_CASELESS_WORDS}))*)(?!\w)
    )
    |(?=[&/+])(?:
      (?P<skip2>&\#\d+;|(?<![\w/])/[A-Za-z][\w.-]*(?:/[\w.%-]+)+)
    | (?<![\w.,/+])(?P<phone2>\+84(?:[ .]?\d){{8,10}})(?!\d)
    )
    """


# Each branch opens on a literal or a lookahead: the look-behinds run only where it can match.
TOKEN = re.compile(_token_source(_NAMES), re.VERBOSE | re.MULTILINE)

# --------------------------------------------------------------------------- where TOKEN can open

# TOKEN opens on a look-around, so the engine tries it at every character. Two cheap patterns
# find, together, every place where one of its branches can open (and a few more): TOKEN is
# then tried only there. A digit, "&", "/" or "+" opens where it stands; a line or a word opens
# right after a character that is not a word character (or at the text's start).
_DIGIT_OPENS = re.compile(r"[\d&/+]")
# Word characters for certain (re's \w is isalnum() or "_"): whatever follows none of them may
# open a word. Spelled out, as a set the engine scans fast where \W looks each character up.
_WORD_CHARS = "".join(c for c in (*_LATIN, *"0123456789_") if c.isalnum() or c == "_")
# Characters that are no word characters and none of "-.+@": a word they follow cannot run on
# into an e-mail address or a file name.
_NOT_NAME = " \t\r\n\u00a0,;:!?()[]{}\"'“”‘’/%&*=<>|–—…"


def _heads() -> list[tuple[str, str]]:
    """What each word branch of TOKEN opens with: its first word and what must follow it."""
    return [
        *((cue, rf"{WS}+[IVXLC]") for cue in _ROMAN_CUES.split("|")),
        *((cue, rf"{WS}+(?:{_caseless(_ORDINAL_WORDS)})") for cue in ("thứ", "hạng")),
        *((cue, rf"{WS}+\d") for cue in DATE_CUES.split("|")),
        *((word, r"(?!\w)") for word in _WORD_ALT.split("|")),
    ]


def _trie(heads: list[tuple[str, str]]) -> str:
    """The heads as one alternation branching letter by letter: a word is dropped on the first
    letter it differs in, not tried against every head in turn."""
    root: dict[str, dict] = {}
    for word, follow in heads:
        node = root
        for k, part in enumerate(word.split(r"\s+")):
            steps = [_cases(c) for c in part]
            for step in steps if k == 0 else [r"\s+", *steps]:
                node = node.setdefault(step, {})
        node.setdefault("", {})[follow] = {}

    def spell(node: dict[str, dict]) -> str:
        branches = [step + spell(child) for step, child in node.items() if step]
        branches += list(node.get("", {}))
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return spell(root)


# The character before a place where TOKEN's word branches (a head word, a URL, an e-mail or a
# file name) or its line branch can open; the place itself is where the match ends.
_WORD_OPENS = re.compile(
    rf"""[^{re.escape(_WORD_CHARS)}](?=
      {_trie(_heads())}
    | https?://
    | (?=[^\W\d_])[{re.escape(_WORD_CHARS)}]*+[^{re.escape(_NOT_NAME)}]  # into "@", ".pdf", "www."
    | (?<=\n){WS}*[(a-zđIVXLC\d]
    )""",
    re.VERBOSE,
)


# --------------------------------------------------------------------------- long runs of names

_NAME_RUN = re.compile(r"[\w-]*+")  # what the e-mail and file-name branch's look-ahead passes
_ADDRESS_RUN = re.compile(r"[\w.+-]*+")  # what an e-mail address's name can hold
_AT_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_DOT_FILE_TYPE = re.compile(rf"\.(?:{_FILE_TYPES})\b")
_LONG_RUN = 64  # shorter runs: TOKEN's own look to their end costs less than the check


@cache
def _token_without_names() -> re.Pattern[str]:
    """TOKEN less its e-mail and file-name branch: compiled only for a text with a long run."""
    return re.compile(_token_source(""), re.VERBOSE | re.MULTILINE)


def _run_end(run: re.Pattern[str], text: str, at: int) -> int:
    found = run.match(text, at)  # a run pattern matches, if only the empty string
    return found.end() if found else at


class _Runs:
    """Where the run of the word at an offset ends, kept for the later words of the run: in
    "a-a-a-…" TOKEN's e-mail and file-name branch would look for that end again at every
    word, which grows with the square of the run's length."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.name_end = self.address_end = -1

    def no_names(self, at: int) -> bool:
        """Whether the word at offset `at` stands in a long run where the e-mail and file-name
        branch cannot match: TOKEN less that branch then finds what TOKEN finds there."""
        text = self.text
        if at >= self.address_end:  # offsets only grow: a later word of a run shares its end
            self.address_end = _run_end(_ADDRESS_RUN, text, at)
        if self.address_end - at < _LONG_RUN:
            return False
        if at >= self.name_end:
            self.name_end = _run_end(_NAME_RUN, text, at)
        end = self.name_end
        if end < len(text) and text[end] in ".+@":  # the branch's look-ahead holds
            return not (_AT_DOMAIN.match(text, self.address_end) or _DOT_FILE_TYPE.match(text, end))
        return True


def find_tokens(text: str) -> Iterator[re.Match[str]]:
    """What TOKEN.finditer(text) finds, with TOKEN tried only where a branch of it can open."""
    match, digit, word = TOKEN.match, _DIGIT_OPENS.search, _WORD_OPENS.search
    runs = _Runs(text)
    m = match(text)
    if m:
        yield m
    pos = m.end() if m else 1
    never = len(text) + 1
    at_digit = at_word = -1  # where each scan found the next opening; behind pos: scan again
    while True:
        if at_digit < pos:
            found = digit(text, pos)
            at_digit = found.start() if found else never
        if at_word < pos:
            found = word(text, pos - 1)
            at_word = found.end() if found else never
        at = at_digit if at_digit < at_word else at_word
        if at == never:
            return
        if text[at - 1] in "-.+" and runs.no_names(at):
            m = _token_without_names().match(text, at)
        else:
            m = match(text, at)
        if m:
            yield m
        pos = m.end() if m else at + 1
