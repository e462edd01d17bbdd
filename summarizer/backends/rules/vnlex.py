"""Vietnamese words, names and official posts: the lexical rules that people and awards share.

Vietnamese writes a person's name as two to four capitalised syllables, family name first, and an
official post as a noun phrase whose compounds capitalise only their first syllable ("Phó Chủ
tịch Thường trực UBND tỉnh", "Giám đốc Sở Thông tin và Truyền thông"). The functions below read
those shapes from a list of word tokens that keep their offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# "H'Lan", "K'Bang": highland names keep their apostrophe inside the word.
_TOKEN = re.compile(r"[\w&]+(?:['’]\w+)?(?:[-–][\w&]+)*|\S")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word and punctuation tokens of text[start:end], with offsets into text."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def is_syllable(word: str) -> bool:
    """A capitalised syllable: 'Nguyễn', 'Tấn', 'H'Lan' (letters only, first upper, rest lower)."""
    if len(word) > 2 and word[1] in "'’":
        word = word[0] + word[2:].lower()
    return word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())


def is_acronym(word: str) -> bool:
    """'UBND', 'TT&TT', 'BTV', 'HĐND', 'TT-TT': two capitals or an ampersand."""
    return "&" in word or sum(ch.isupper() for ch in word) >= 2


def key(text: str) -> str:
    """A comparison key: NFC, case folded, tone mark moved after the vowel cluster's letters."""
    return unicodedata.normalize("NFC", _OLD_TONES.sub(_new_tone, text.casefold()))


# Old-style tone placement ('hoà', 'thuỷ') and its modern form ('hòa', 'thủy').
_OLD_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONES = re.compile(r"(?<![qQ])(?:{})(?!\w)".format("|".join(_OLD_PAIRS)))


def _new_tone(match: re.Match[str]) -> str:
    return _OLD_PAIRS[match.group()]


def spellings(name: str) -> list[str]:
    """A name in its modern spelling and, where it differs, the old tone placement."""
    modern = name
    old = name
    for old_form, new_form in _OLD_PAIRS.items():
        old = re.sub(rf"(?<![qQ]){new_form}(?!\w)", old_form, old)
    return [modern] if old == modern else [modern, old]


# Family names: a closed set in Vietnamese; 'Phó', 'Ông' and 'Văn' stay out (posts, honorifics).
SURNAMES = frozenset({
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Đoàn", "Cao", "Lâm", "Tạ",
    "Hà", "Đào", "Quách", "Tô", "Châu", "Thái", "Triệu", "Chu", "Kiều", "Lưu", "Tăng", "Trương",
    "Nông", "Hứa", "La", "Lục", "Ma", "Vi", "Sầm", "Cầm", "Lò", "Quàng", "Giàng", "Sùng",
    "Thào", "Vàng", "Mùa", "Hầu", "Lô", "Vương", "Âu", "Bạch", "Bế", "Biện", "Bồ", "Cù", "Diệp",
    "Doãn", "Đàm", "Đường", "Giáp", "Hàn", "Hạ", "Khổng", "Khúc", "Khương", "Kim", "Lã", "Lạc",
    "Lại", "Liêu", "Mạc", "Mẫn", "Nghiêm", "Ninh", "Phí", "Phùng", "Quan", "Quản", "Tiêu",
    "Tòng", "Tống", "Thạch", "Thân", "Thiều", "Từ", "Ung", "Viên", "Vy", "Đậu", "Điêu", "Lường",
    "Lăng", "Giả", "Mông", "Tôn", "Lữ", "Khuất", "Trình", "Ngọ", "Vòng", "Sái", "Cái", "Khưu",
    "Nhữ", "Ân", "Nay", "Rơ", "Ksor", "Siu", "Rah", "Kpă", "Rmah", "Niê", "Điểu",
})  # fmt: skip

# The head word of an official post; "Phó", "Quyền" or "Nguyên" may stand before it.
_POST_HEADS = """Chủ tịch|Bí thư|Giám đốc|Tổng Giám đốc|Tổng giám đốc|Ủy viên|Uỷ viên|Trưởng ban|
Trưởng Ban|Trưởng phòng|Trưởng Phòng|Trưởng đoàn|Trưởng|Bộ trưởng|Thứ trưởng|Thủ tướng|
Chánh Văn phòng|Chánh văn phòng|Chánh Thanh tra|Chánh thanh tra|Chánh án|Chủ nhiệm|
Tổng Biên tập|Tổng biên tập|Cục trưởng|Vụ trưởng|Viện trưởng|Hiệu trưởng|Thủ trưởng|
Chi cục trưởng|Đại biểu Quốc hội|Tỉnh ủy viên|Tỉnh uỷ viên|Thành ủy viên|Thành uỷ viên|
Chuyên viên|Kế toán trưởng|Đại tá|Thượng tá|Trung tá|Thiếu tá|Thiếu tướng|Trung tướng|
Thượng tướng|Đại tướng|Trưởng Đài|Tổng Thư ký|Tổng thư ký|Thư ký""".replace("\n", "")
# Posts written short: "TUV" (Tỉnh ủy viên), "UVTV"/"UV BTV" (Ủy viên Ban Thường vụ), "UV BCH".
_SHORT_POSTS = r"TUV|UVTV|UVBTV|UV\s+BTV|UV\s+BCH|UV\s+TV|UBTV|ĐUV|Ủy\s+viên\s+BTV|Uỷ\s+viên\s+BTV"
POST_HEAD = re.compile(
    rf"(?:{_SHORT_POSTS})(?![\w&])"
    rf"|(?:(?:Phó|Quyền|Nguyên|phó|quyền|nguyên)\s+)?(?:{_POST_HEADS})(?!\w)"
    rf"|(?:Phó|phó)\s+(?:trưởng|Trưởng)\s+(?:ban|Ban|phòng|Phòng)(?!\w)"
)
POST_HEAD_ANY_CASE = re.compile(POST_HEAD.pattern, re.IGNORECASE)

# Lower-case words that belong inside a post or an authority's name.
_PLACE_NOUNS = frozenset({"tỉnh", "huyện", "xã", "phường", "quận", "nước", "thành", "thị"})
_PLACE_SECOND = {"thành": "phố", "thị": ("xã", "trấn")}
# Capitalised words after which a lower-case word starts a new phrase, not a compound.
_WHOLE_WORDS = frozenset({"Sở", "Bộ", "Ban", "Cục", "Vụ", "Đài", "Báo", "Phó", "Chi", "Hội"})
# Lower-case compounds that run on inside a name: 'Ủy ban nhân dân', 'Công nghệ thông tin'.
_LOWER_CHAINS = frozenset(
    {("ban", "nhân"), ("đồng", "nhân"), ("nhân", "dân"), ("nghệ", "thông"), ("thông", "tin")}
)
_LED_BY_WHOLE_WORD = frozenset({("Hội", "đồng"), ("Chi", "cục"), ("Ban", "chấp")})
# Lower-case words that never end a compound inside a post: verbs and function words.
STOP_WORDS = frozenset({
    "dự", "tới", "đến", "về", "trao", "tặng", "phát", "chủ", "cho", "ghi", "tiếp", "đã", "đang",
    "sẽ", "vinh", "nhận", "được", "là", "có", "trình", "báo", "nhấn", "khẳng", "đề", "yêu",
    "biểu", "chỉ", "thay", "cùng", "tại", "với", "làm", "nêu", "kết", "đánh", "chúc", "chia",
    "cũng", "và", "thừa", "ký", "giao", "đi", "kiểm", "khai", "tham", "lưu", "hoan", "gửi",
    "đọc", "trả", "bế", "mong", "cảm", "bày", "phân", "quán", "điều", "động", "hướng", "khen",
    "vừa", "đồng", "thì", "mà", "nhưng", "của", "do", "vì", "trong", "ngoài", "trên", "dưới",
    "từ", "theo", "như", "khi", "nên", "để", "sau", "trước", "bởi", "qua", "các", "những",
    "này", "đó", "kiêm", "kiến", "dẫn", "thăm", "đón", "chứng", "bấm", "kêu", "nhắc", "giới",
    "tổng", "đại",
})  # fmt: skip
# Tokens that close a post: the next post, list item or bracket starts after them.
_PHRASE_BREAKS = frozenset({",", ";", ".", ":", "(", ")", "!", "?", '"', "“", "”"})
_MAX_TAIL = 5  # lower-case words a post may run on by after its last compound


def post_end(tokens: list[Token], i: int) -> int:
    """Index after the last token of the post or authority starting at tokens[i]."""
    j = i
    while j < len(tokens):
        step = _post_step(tokens, j)
        if not step:
            break
        j += step
    while j > i and tokens[j - 1].text in ("và", "-"):
        j -= 1
    return j


def _post_step(tokens: list[Token], j: int) -> int:
    """How many tokens at j continue a post (0 when the post ends before tokens[j])."""
    word = tokens[j].text
    prev = tokens[j - 1].text if j else ""
    if not _adjacent(tokens, j):
        return 0
    if word[0].isupper() and (word.isalpha() or is_acronym(word)):
        return 1
    if word in _PLACE_NOUNS:
        second = _PLACE_SECOND.get(word)
        if second is None:
            return 1
        nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
        return 2 if nxt in (second if isinstance(second, tuple) else (second,)) else 0
    if word in ("và", "-") and j + 1 < len(tokens) and tokens[j + 1].text[0].isupper():
        return 1
    if (prev, word) in _LOWER_CHAINS:
        return 1
    if word in ("thường", "phụ") and j + 1 < len(tokens):
        return 2 if tokens[j + 1].text in ("trực", "trách") else 0
    if (prev, word) in _LED_BY_WHOLE_WORD or (word == "trưởng" and is_syllable(prev)):
        return 1
    compound = word.isalpha() and word.islower() and not _verb_at(tokens, j)
    return 1 if compound and is_syllable(prev) and prev not in _WHOLE_WORDS else 0


def _verb_at(tokens: list[Token], j: int) -> bool:
    """Whether tokens[j] starts a verb or function word; "báo" is one only in "báo cáo"."""
    word = tokens[j].text
    if word == "báo":
        return j + 1 < len(tokens) and tokens[j + 1].text == "cáo"
    return word in STOP_WORDS


def post_phrase_end(text: str, tokens: list[Token], i: int) -> int:
    """End of a post as a noun phrase: on to the next ',' or ';' unless a verb starts first.

    The compounds that `post_end` knows stop before a word it cannot place ("Tỉnh ủy viên",
    "Cục Chuyển đổi số quốc gia", "Đại biểu Quốc hội khóa XV"); the post still runs to the
    separator when the words in between are plain words, not a verb or function word, and to a
    verb when a single word stands before it ("Báo … điện tử chia sẻ"): a verb of its own would
    take two. After a capitalised word or a place ("Giám đốc Sở", "UBND tỉnh") a lower-case word
    starts the verb.
    """
    head = POST_HEAD_ANY_CASE.match(text, tokens[i].start)
    if head is None:
        return i
    after_head = next(
        (k for k in range(i, len(tokens)) if tokens[k].start >= head.end()), len(tokens)
    )
    end = max(post_end(tokens, i), post_end(tokens, after_head))  # "Đại biểu Quốc hội khóa XV"
    last = tokens[end - 1].text if end > i else ""
    if not last.islower() or last in _PLACE_NOUNS or last in ("phố", "trấn"):
        return end
    k = end
    while k < len(tokens) and tokens[k].text not in _PHRASE_BREAKS:
        word = tokens[k].text
        joins = word == "và" and k + 1 < len(tokens) and tokens[k + 1].text[0].isupper()
        if _verb_at(tokens, k) and not joins:
            return k if k - end == 1 else end
        if k - end >= _MAX_TAIL or not _adjacent(tokens, k):
            return end
        if not (word.isalpha() or is_acronym(word)):
            return end
        k += 1
    return k


def _adjacent(tokens: list[Token], j: int) -> bool:
    """Whether tokens[j] follows the previous token after plain spaces only (no line break)."""
    if j == 0:
        return True
    return tokens[j].start - tokens[j - 1].end <= 2 and tokens[j - 1].end < tokens[j].start


def post_at(text: str, tokens: list[Token], i: int, *, any_case: bool = False) -> int:
    """Index after a post starting at tokens[i], or i when no post head stands there."""
    pattern = POST_HEAD_ANY_CASE if any_case else POST_HEAD
    if not pattern.match(text, tokens[i].start):
        return i
    return post_end(tokens, i)


def name_length(tokens: list[Token], i: int, longest: int = 4) -> int:
    """How many capitalised syllables (2 to `longest`) form a name at tokens[i]; 0 when none do.

    A name stops before a post written without a comma: 'Nguyễn Văn Tuệ Giám đốc Sở'.
    """
    n = 0
    while i + n < len(tokens) and is_syllable(tokens[i + n].text):
        if n and tokens[i + n].start != tokens[i + n - 1].end + 1:
            break
        if n >= 2 and _starts_post(tokens, i + n):
            break
        n += 1
    return n if 2 <= n <= longest else 0


def _starts_post(tokens: list[Token], i: int) -> bool:
    words = " ".join(t.text for t in tokens[i : i + 3])
    head = POST_HEAD.match(words)
    return head is not None and " " in head.group()  # 'Trưởng' alone may be a given name


def span_text(text: str, tokens: list[Token], i: int, j: int) -> str:
    """The source text from tokens[i] to tokens[j - 1]."""
    return text[tokens[i].start : tokens[j - 1].end]
