"""Metrics from number mentions: the value as parsed, and the unit as the noun phrase after it.

The unit is what a Vietnamese count puts after its numeral ("930 trạm BTS", "554 nghìn thuê
bao", "68 thuê bao/100 dân"); it runs to the first function word, verb, number or stop. A list of
nouns joined by commas stays one unit when it is short ("26 cơ quan, đơn vị"); a word after a
comma that takes a number of its own ("1.946 tỷ đồng, gấp 1,6 lần") is a predicate, not a noun.
A unit ends where its noun phrase ends, never inside it: only a phrase too long to be a unit
is cut back to its head.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...numbers import NumberMention
from ...schema import Metric

_TOKEN = re.compile(r"[^\W\d_][\w&]*|\d[\w]*", re.UNICODE)
_MAX_UNIT_WORDS = 16  # no noun phrase of a count runs longer without a function word
_HEAD_WORDS = 2  # what is kept of a phrase that runs on past any unit: its head noun
_MAX_CONTINUATION_WORDS = 3


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that end a unit: function words, verbs of reporting and comparison, quantifiers.
_STOP = _wordset(
    """của về được đã đang sẽ có là và với trên tại cho trong từ đến tới so tăng giảm đạt chiếm
    hoạt thí các làm này đó mỗi bình nhằm để theo do bằng như ở vào ra lên xuống qua sau trước
    bên nhưng hoặc hay thì mà nên vì nhờ khi rồi cùng gồm tương mức hiện vượt giữa thuộc nay
    riêng còn đều năm cả chưa không gấp cũng vẫn rất luôn dưới ngoài"""
)
# Words that cannot open a second noun of a comma list: verbs and connectives.
_NOT_A_NOUN = _wordset(
    """cung tăng giảm đạt nâng làm góp bảo đảm kết chiếm tương trong gồm mức với đồng vượt bình
    riêng còn hiện đưa phủ cao thấp bao nhất đứng xếp và đã được"""
)
_RATE = re.compile(r"/\s?(?:\d+\s)?[^\W\d_]+")
_SCALE = re.compile(r"\s+((?:nghìn|ngàn)\s+t[ỷỉ]|nghìn|ngàn|triệu|t[ỷỉ])(?!\w)")
_PREDICATE_BEFORE = re.compile(r"(?:\b(?:là|đạt|có|gồm|lên|tới|chiếm|được)|[:])\s*$", re.I)
_ENUMERATION = re.compile(r"lần lượt", re.I)
_NUMBER_NEXT = re.compile(r"[^\S\n]+\d")
_RANK_POOL = re.compile(r"tỉnh,? thành|tỉnh/thành", re.I)


def _words_from(text: str, pos: int, limit: int) -> tuple[int, int]:
    """Words of a noun phrase starting at pos: (end offset, word count).

    A phrase that runs on past `limit` words is no unit: only its head is kept, and the count
    says `limit + 1` so that a caller can tell.
    """
    ends: list[int] = []
    end = pos
    for m in _TOKEN.finditer(text, pos):
        word = m.group(0)
        if text[end : m.start()].strip() or "\n" in text[end : m.start()]:
            break
        if word.lower() in _STOP or (word[0].isdigit() and not word[-1].isalpha()):
            break
        if len(ends) >= limit:
            return ends[min(_HEAD_WORDS, len(ends)) - 1], limit + 1
        end = m.end()
        ends.append(end)
    return end, len(ends)


def _continuation(text: str, pos: int) -> int:
    """Extend a unit over ', noun' when a short noun list follows ("cơ quan, đơn vị")."""
    while text.startswith(", ", pos):
        m = _TOKEN.match(text, pos + 2)
        if m is None:
            break
        word = m.group(0)
        if (
            word[0].isdigit()
            or word[0].isupper()
            or word.lower() in _NOT_A_NOUN
            or word.lower() in _STOP
        ):
            break
        end, count = _words_from(text, pos + 2, _MAX_CONTINUATION_WORDS + 1)
        if count == 0 or count > _MAX_CONTINUATION_WORDS or _NUMBER_NEXT.match(text, end):
            break
        pos = end
    return pos


def _unit_span(text: str, mention: NumberMention) -> tuple[int, int]:
    """Where the unit starts and ends after a mention ((end, end) when it has none)."""
    pos = mention.end
    if mention.kind == "percent":
        rate = _RATE.match(text, pos)
        return (pos, rate.end()) if rate else (pos, pos)
    scale = _SCALE.match(text, pos)
    words_at = scale.end() if scale else pos + len(text[pos:]) - len(text[pos:].lstrip(" "))
    first_end, count = _words_from(text, words_at, _MAX_UNIT_WORDS)
    if count > _MAX_UNIT_WORDS:
        return (scale.start(1) if scale else words_at), first_end
    if count == 0 and not scale:
        return pos, pos
    end = _continuation(text, first_end) if count else first_end
    rate = _RATE.match(text, end)
    if rate:
        end = rate.end()
    return (scale.start(1) if scale else words_at), end


def _is_label_part(text: str, mention: NumberMention) -> bool:
    """A numeral glued to a name ("Covid-19", "VNPT2") is part of that name."""
    before = text[mention.start - 1] if mention.start else " "
    if before.isalpha():
        return True
    return before == "-" and mention.start > 1 and text[mention.start - 2].isalpha()


def _counts(text: str, mention: NumberMention, unit: str, clause: str) -> bool:
    """Whether a metric-kind mention reports a quantity here."""
    if _is_label_part(text, mention):
        return False
    if mention.in_words and mention.value == 1:
        return False  # "một" is the article "a" as often as the number one
    if _RANK_POOL.match(unit):
        return False  # "63 tỉnh, thành phố": the pool of a national ranking
    if unit or mention.kind != "quantity":
        return True
    anchor = mention.qualifier_span[0] if mention.qualifier_span else mention.start
    before = text[max(0, anchor - 15) : anchor]
    return bool(_PREDICATE_BEFORE.search(before) or _ENUMERATION.search(clause))


def metric_of(text: str, mention: NumberMention, clause: str = "") -> Metric | None:
    """The Metric a mention gives, or None when it is not a reported quantity."""
    if not mention.is_metric:
        return None
    start, end = _unit_span(text, mention)
    unit = text[start:end]
    if mention.kind == "percent":
        unit = "%" + unit
    elif mention.scale and mention.text.endswith(mention.scale):
        unit = f"{mention.scale} {unit}".strip()
    if not _counts(text, mention, unit, clause):
        return None
    return Metric(
        value=mention.value,
        total=mention.total,
        unit=unit or None,
        text=text[mention.start : max(end, mention.end)],
        qualifier=mention.qualifier,
    )


# A day named by its date: "Ngày Chuyển đổi số quốc gia 10/10", "ngày 10/10".
_DAY_NAME = re.compile(r"(?<!\w)[Nn]gày(?:\s+[^\W\d_]+){0,6}\s*\(?$")


def _is_day(text: str, mention: NumberMention) -> bool:
    """Whether an X/Y count is a day and month that follow the name of a day."""
    written = text[mention.start : mention.end]
    parts = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})", written)
    if not parts or not (1 <= int(parts[1]) <= 31 and 1 <= int(parts[2]) <= 12):
        return False
    return bool(_DAY_NAME.search(text[max(0, mention.start - 60) : mention.start]))


def metrics_in(text: str, mentions: Sequence[NumberMention], start: int, end: int) -> list[Metric]:
    """Every reported quantity whose numeral stands inside text[start:end], in order."""
    clause = text[start:end]
    found = []
    for mention in mentions:
        if mention.start >= start and mention.end <= end and not _is_day(text, mention):
            metric = metric_of(text, mention, clause)
            if metric is not None:
                found.append(metric)
    return found
