"""Where a text names a person with their posts, in the three shapes Vietnamese news uses.

"Ông Lô Quang Tuyến, Phó Giám đốc Sở" (honorific, name, posts after commas); "Phó Chủ tịch UBND
tỉnh Đặng Minh Hưng" (post, then name); "…: Nguyễn Hương Giang, Phó Bí thư Tỉnh ủy, Chủ tịch
UBND tỉnh; Vương Quốc Tuấn, …" (a list item after ':' or ';'). A byline, a name alone on its
line, has none of these shapes and is never a mention.

A post after a name is a noun phrase that opens on a post head word and runs to the next ',' or
';' unless a verb starts first. A phrase after a comma that names an organisation and no post
("Phó Vụ trưởng Vụ Thi đua - Khen thưởng, Bộ TT&TT") says where the post before it belongs and
stays part of that post. A phrase that is neither ends the posts, but not the list: the next
item after ';' is still read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from .events import is_listed_news
from .provinces import is_place_name
from .segment import split_sentences
from .vnlex import (
    POST_HEAD_ANY_CASE,
    SURNAMES,
    Token,
    is_syllable,
    name_length,
    post_at,
    post_end,
    post_phrase_end,
    span_text,
    tokenize,
)

_HONORIFIC_WORDS = {"Ông", "ông", "Bà", "bà"}
_MAX_NAME = 4
_LONGEST_NAME_AFTER_HONORIFIC = 5
_POST_SEPARATORS = (",", "-", "–")
# A line names someone only with an honorific or a post word in it (searched lower-cased).
_MAY_NAME = re.compile(
    r"\b(?:đồng chí|ông|bà|chủ tịch|bí thư|giám đốc|ủy viên|uỷ viên|trưởng|thủ tướng|chánh"
    r"|chủ nhiệm|biên tập|tá|tướng|thư ký|đại biểu|chuyên viên|tỉnh ủy viên|tỉnh uỷ viên)\b"
)
_BOARD_WORDS = ("Ban", "ban")
_STREET_WORDS = ("đường", "phố")  # "đường Bà Triệu", "phố Ông Ích Khiêm" name streets
# The body a post belongs to, named after a comma: ", Bộ TT&TT", ", UBND tỉnh Cà Mau".
_ORGANISATION = re.compile(
    r"(?:Bộ|Sở|Tổng\s+cục|Cục|UBND|HĐND|Ủy\s+ban|Uỷ\s+ban|Tỉnh\s+ủy|Tỉnh\s+uỷ|Thành\s+ủy"
    r"|Thành\s+uỷ|Tập\s+đoàn|Tổng\s+công\s+ty|Viện|Học\s+viện|Đại\s+học|Trường)(?!\w)"
)
_ITEM_ENDS = (";", ".", ":", ")")


@dataclass(frozen=True)
class Mention:
    name: str
    titles: tuple[str, ...]
    start: int  # the honorific, the first post word, or the name
    end: int  # after the last post (or the name when the post stood before it)
    sentence_start: int
    sentence_end: int
    in_list: bool = False  # an item after ':' or ';' with no honorific
    first: bool = False  # the first mention of its sentence
    short: bool = False  # the given name alone after an honorific: "Bà Hương cho biết"


def find_mentions(text: str) -> Iterator[tuple[int, list[Mention]]]:
    """(sentence start, mentions in it) for every sentence of text that names someone."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text  # a letter whose lower case is longer: search as written
    cues = [m.start() for m in _MAY_NAME.finditer(lowered)]
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        at = bisect_left(cues, pos)
        if at < len(cues) and cues[at] < end and not is_listed_news(line):
            for sentence in split_sentences(text, pos, end):
                found = _in_sentence(text, sentence.start, sentence.end)
                if found:
                    yield sentence.start, found
        pos = end


def _in_sentence(text: str, start: int, end: int) -> list[Mention]:
    tokens = tokenize(text, start, end)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        first = i
        hit = _honorific(text, tokens, i)
        if hit is None and (hit := _post_first(text, tokens, i)) is not None:
            floor = next((k for k, t in enumerate(tokens) if found and t.start >= found[-1].end), 0)
            earlier, first = _posts_before(text, tokens, i, floor)
            hit = (hit[0], earlier + hit[1], hit[2], hit[3])
        hit = hit or _list_item(text, tokens, i, listing=bool(found))
        if hit is None:
            i += 1
            continue
        name, titles, j, in_list = hit
        short = " " not in name
        found.append(
            Mention(
                name,
                titles,
                tokens[first].start,
                tokens[j - 1].end,
                start,
                end,
                in_list,
                not found,
                short,
            )
        )
        i = j
    return found


_Hit = tuple[str, tuple[str, ...], int, bool]


def _honorific_end(tokens: list[Token], i: int) -> int:
    """Index after an honorific at tokens[i] ('Ông', 'bà', 'Đồng chí'), or i when none."""
    word = tokens[i].text
    if word in _HONORIFIC_WORDS:
        return i + 1
    if word in ("Đồng", "đồng") and i + 1 < len(tokens) and tokens[i + 1].text == "chí":
        return i + 2
    return i


def _honorific(text: str, tokens: list[Token], i: int) -> _Hit | None:
    j = _honorific_end(tokens, i)
    if j == i or j >= len(tokens) or (i and tokens[i - 1].text.lower() in _STREET_WORDS):
        return None
    if post_at(text, tokens, j) > j:
        hit = _post_first(text, tokens, j, after_honorific=True)
        return hit if hit is None else (hit[0], hit[1], hit[2], False)
    n = name_length(tokens, j, _LONGEST_NAME_AFTER_HONORIFIC) or _given_name(tokens, j)
    if not n or is_place_name(span_text(text, tokens, j, j + n)):
        return None
    titles, k = _posts_after(text, tokens, j + n)
    return span_text(text, tokens, j, j + n), titles, k, False


def _given_name(tokens: list[Token], j: int) -> int:
    """1 when tokens[j] is a given name standing alone ("ông Tuấn cho biết"), else 0."""
    alone = j + 1 == len(tokens) or not tokens[j + 1].text[0].isupper()
    return int(is_syllable(tokens[j].text) and alone and tokens[j].text not in SURNAMES)


def _posts_after(text: str, tokens: list[Token], k: int) -> tuple[tuple[str, ...], int]:
    """Posts after a name, each after a comma or dash: ', Ủy viên BTV Tỉnh ủy, Phó Chủ tịch …'."""
    titles: list[str] = []
    first = k + 1
    while k + 1 < len(tokens) and tokens[k].text in _POST_SEPARATORS:
        if POST_HEAD_ANY_CASE.match(text, tokens[k + 1].start):
            end = post_phrase_end(text, tokens, k + 1)
            first = k + 1
        elif titles and tokens[k].text == ",":
            end = _organisation_end(text, tokens, k + 1)
        else:
            break
        if end == k + 1:
            break
        if first == k + 1:
            titles.append(span_text(text, tokens, first, end))
        else:
            titles[-1] = span_text(text, tokens, first, end)
        k = end
    return tuple(titles), k


def _organisation_end(text: str, tokens: list[Token], i: int) -> int:
    """End of an organisation named alone after a post's comma; i when none stands there."""
    if not _ORGANISATION.match(text, tokens[i].start):
        return i
    end = post_end(tokens, i)
    closed = end == len(tokens) or tokens[end].text in _ITEM_ENDS
    return end if closed else i


_MAX_POST_TOKENS = 10
# The party posts a leader's government post follows: "UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh X".
_PARTY_POST = re.compile(
    r"(?:TUV|UVTV|UVBTV|UV\s+BTV|UV\s+BCH|UV\s+TV|ĐUV|(?:Ủy|Uỷ)\s+viên|Tỉnh\s+(?:ủy|uỷ)\s+viên"
    r"|(?:Phó\s+)?Bí\s+thư)(?![\w&])"
)


def _posts_before(
    text: str, tokens: list[Token], i: int, floor: int
) -> tuple[tuple[str, ...], int]:
    """Party posts listed before a post-and-name: "UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh X"."""
    titles: list[str] = []
    while i - 2 >= floor and tokens[i - 1].text == ",":
        k = next(
            (
                k
                for k in range(max(floor, i - 1 - _MAX_POST_TOKENS), i - 1)
                if _PARTY_POST.match(text, tokens[k].start)
                and post_phrase_end(text, tokens, k) == i - 1
            ),
            None,
        )
        if k is None:
            break
        titles.insert(0, span_text(text, tokens, k, i - 1))
        i = k
    return tuple(titles), i


def _post_first(
    text: str, tokens: list[Token], i: int, *, after_honorific: bool = False
) -> _Hit | None:
    """A post and the name after it: 'Giám đốc Sở TT&TT Nguyễn Văn Tuệ'."""
    if not tokens[i].text[0].isupper():
        return None
    if i and tokens[i - 1].text in _BOARD_WORDS and not after_honorific:
        return None  # "Ban Giám đốc Sở trao …" names a board, not a person
    end = post_at(text, tokens, i)
    if end == i:
        return None
    name_at = _name_in_post(tokens, i, end)
    if name_at is None:
        return None
    start, stop = name_at
    if start == i:
        return None
    return span_text(text, tokens, start, stop), (span_text(text, tokens, i, start),), stop, False


def _name_in_post(tokens: list[Token], i: int, end: int) -> tuple[int, int] | None:
    """The name a post ends on: a family name and one to three more capitalised syllables."""
    run_end = end
    while run_end > i and not is_syllable(tokens[run_end - 1].text):
        run_end -= 1
    run_start = run_end
    while run_start > i and is_syllable(tokens[run_start - 1].text):
        run_start -= 1
    for s in range(run_start, run_end - 1):
        spaced = all(tokens[t].start == tokens[t - 1].end + 1 for t in range(s + 1, run_end))
        if tokens[s].text in SURNAMES and 2 <= run_end - s <= _MAX_NAME and spaced:
            return s, run_end
    return None


def _list_item(text: str, tokens: list[Token], i: int, *, listing: bool = False) -> _Hit | None:
    """A name and its posts after ':' or ';', with no honorific.

    Inside a list of people (`listing`), an item after ';' whose post is not known still names
    a person: "…; Trần Văn B, Kiến trúc sư trưởng thành phố; …".
    """
    if not i or tokens[i - 1].text not in (":", ";"):
        return None
    j = _honorific_end(tokens, i)
    n = name_length(tokens, j)
    if not n or tokens[j].text not in SURNAMES or post_at(text, tokens, j) > j:
        return None
    titles, k = _posts_after(text, tokens, j + n)
    unknown = listing and tokens[i - 1].text == ";" and k < len(tokens) and tokens[k].text == ","
    if not titles and not unknown:
        return None
    return span_text(text, tokens, j, j + n), titles, k, True
