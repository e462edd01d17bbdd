"""The people present at the reported event, with their posts and what they did there.

Vietnamese news names an official in three shapes: an honorific, the name and the posts after
commas ("Đồng chí Nguyễn Tiến Nhường, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực
UBND tỉnh dự"); the post before the name ("Phó Chủ tịch UBND tỉnh Đặng Minh Hưng trao …"); and
a list after a colon or semicolon ("Dự Hội nghị có các đồng chí: A, posts; B, posts"). What the
person did stands in the verbs around the name: chủ trì, phát biểu, kiến nghị, trao, dự. Words
said elsewhere ("Theo ông X, … phát biểu tại một hội thảo ở Hà Nội", "trả lời phỏng vấn",
"Trước đó, …") cite the person; they do not put the person at the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from ...schema import Attendee, Role
from .events import reports_gathering
from .mentions import Mention, find_mentions
from .provinces import is_place_name
from .vnlex import STOP_WORDS, key

_I = re.IGNORECASE
_ADVERBS = r"(?:(?:đã|cũng|đồng\s+thời|vừa|khi|thì|rất|đều|sau\s+đó)\s+)*"
_CHAIR = re.compile(r"(?<!\w)chủ\s+trì(?!\w)", _I)
_SPEAK_BEFORE = re.compile(
    r"(?<!\w)(?:phát\s+biểu|trình\s+bày|báo\s+cáo|kết\s+luận|khai\s+mạc)(?!\w)"
    r"|(?<!\w)theo\s*$",  # "Theo ông …," reports his words
    _I,
)
# "dự" attends; "dự thảo", "dự án", "dự kiến" are other words.
_DU = r"dự(?!\s+(?:thảo|án|kiến|báo|toán|thi|trữ|phòng|định|tính))"
_SPEAK_VERBS = (
    r"phát\s+biểu|báo\s+cáo|trình\s+bày|cho\s+biết|nhấn\s+mạnh|khẳng\s+định|ghi\s+nhận"
    r"|biểu\s+dương|đề\s+nghị|yêu\s+cầu|tiếp\s+thu|chia\s+sẻ|kết\s+luận|đánh\s+giá|lưu\s+ý"
    r"|nêu\s+rõ|thông\s+tin|chúc\s+mừng|hoan\s+nghênh|khen\s+ngợi|quán\s+triệt|phân\s+tích"
    r"|mong\s+muốn|đề\s+xuất|cảm\s+ơn|gửi\s+lời|khai\s+mạc|đề\s+cập|nhận\s+định|nhận\s+xét"
    r"|giao\s+nhiệm\s+vụ|chỉ\s+rõ|phát\s+động|kiến\s+nghị|thông\s+qua\s+(?:báo\s+cáo|dự\s+thảo)"
)
# Speech placed at another event, in an interview, or before the event.
_SAID = r"(?i:phát\s+biểu|chia\s+sẻ|nói|trả\s+lời)"
_SAID_ELSEWHERE = re.compile(
    rf"(?<!\w){_SAID}\s+(?:tại|ở)\s+(?:một|các)\s+\w"
    r"|(?<!\w)trong\s+(?:một\s+)?(?:cuộc|buổi)\s+(?:phỏng\s+vấn|trao\s+đổi)(?!\w)"
    r"|(?<!\w)trả\s+lời\s+phỏng\s+vấn(?!\w)",
    _I,
)
_EARLIER = re.compile(r"^\W*(?:trước\s+đó|hồi\s+tháng\s+\d+(?:/\d{4})?|năm\s+ngoái)\s*,", _I)
_SAID_AT_PLACE = re.compile(rf"(?<!\w){_SAID}\s+(?:tại|ở)\s+((?:[A-ZĐ]\w*\s?){{1,4}})")
# "dự và phát biểu" speaks; "dự và chỉ đạo hội nghị" only attends, "chỉ đạo:" alone speaks.
_SPEAK_AFTER = re.compile(
    rf"^\W*{_ADVERBS}(?:(?:(?:tới|đến|về|tham|cùng)\s+)?dự\s+và\s+)?(?:{_SPEAK_VERBS})(?!\w)"
    rf"|^\W*{_ADVERBS}chỉ\s+đạo(?!\w)",
    _I,
)
_PRESENT = re.compile(r"(?<!\w)(?:trao\s+tặng|trao|tặng|gắn)(?!\w)", _I)
_PASSIVE = re.compile(r"(?<!\w)(?:được|nhận|đón\s+nhận)(?!\w)", _I)
_RECEIVE_AFTER = re.compile(rf"^\W*{_ADVERBS}(?:vinh\s+dự\s+)?(?:được|nhận|đón\s+nhận)(?!\w)", _I)
_RECEIVE_BEFORE = re.compile(r"(?<!\w)(?:cho|tặng|trao\s+tặng|trao)\s*$", _I)
_HONOUR = re.compile(
    r"(?<!\w)(?:huân\s+chương|huy\s+chương|bằng\s+khen|giấy\s+khen|cờ\s+thi\s+đua"
    r"|kỷ\s+niệm\s+chương|danh\s+hiệu|phần\s+thưởng|tặng\s+thưởng|khen\s+thưởng)(?!\w)",
    _I,
)
_GUEST_AFTER = re.compile(
    rf"^\W*{_ADVERBS}(?:(?:tới|đến|về|tham|cùng)\s+)?{_DU}(?!\w)|^\W*{_ADVERBS}có\s+mặt(?!\w)",
    _I,
)
_GUEST_BEFORE = re.compile(
    rf"(?<!\w){_DU}(?!\w)|sự\s+(?:tham\s+dự|có\s+mặt|hiện\s+diện)",
    _I,
)
# "chỉ đạo của X" cites X; "với sự tham dự của X", "dưới sự chủ trì của X" put X at the event.
_CITED_BEFORE = re.compile(
    r"(?<!\w)(?<!sự\stham\sdự\s)(?<!sự\scó\smặt\s)(?<!sự\shiện\sdiện\s)(?<!sự\schủ\strì\s)"
    r"(?:của|theo\s+lời)\s*$",
    _I,
)
_WORDS = re.compile(r"\w+")
_SEPARATOR_ONLY = re.compile(r"^[\s,;:]*(?:và\s*)?$")
# The rest of an item (a post not known, with no verb in it), then ';' before the next item.
_NEXT_ITEM = re.compile(r"^\s*,[^;.]*;\s*(?:và\s*)?$")
_PHRASE_END = re.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;:!?\n]")  # not inside "3,66"
_EVIDENCE_AFTER = 90  # characters of the verb phrase kept after a mention
_EVIDENCE_LEAD = 60  # a sentence opening this short ("Về dự có") joins the evidence
_ROLES = ("chair", "speaker", "presenter", "guest")


@dataclass
class _Person:
    mentions: list[Mention] = field(default_factory=list)
    cues: list[set[str]] = field(default_factory=list)
    later: set[str] = field(default_factory=set)  # what the given name alone did


def extract_attendees(text: str) -> list[Attendee]:
    """The named people present at the document's event; none when it reports no event."""
    if not reports_gathering(text):
        return []
    people: dict[str, _Person] = {}
    short: list[tuple[Mention, set[str]]] = []
    for sentence_start, mentions in find_mentions(text):
        cues = _sentence_cues(text, sentence_start, mentions)
        for mention, found in zip(mentions, cues, strict=True):
            if "cited" in found:
                continue
            if mention.short:
                short.append((mention, found))
                continue
            person = people.setdefault(key(mention.name), _Person())
            person.mentions.append(mention)
            person.cues.append(found)
    for mention, found in short:
        owners = [p for k, p in people.items() if k.rsplit(" ", 1)[-1] == key(mention.name)]
        if len(owners) == 1:
            owners[0].later |= found
    return [a for p in people.values() if (a := _attendee(text, p)) is not None]


def _sentence_cues(text: str, sentence_start: int, mentions: list[Mention]) -> list[set[str]]:
    """What each mention of one sentence did, by the words before and after it."""
    found = []
    for i, m in enumerate(mentions):
        before = text[mentions[i - 1].end if i else sentence_start : m.start]
        after_end = mentions[i + 1].start if i + 1 < len(mentions) else m.sentence_end
        after = text[m.end : after_end].split(";")[0]
        cues = _cues(before if i == 0 or not m.in_list else "", after)
        if i == 0 and m.in_list:
            cues |= _cues(before, "")
        own = text[mentions[i - 1].end if i else sentence_start : after_end]
        if _said_elsewhere(text[sentence_start:after_end], own):
            cues -= {"speaker", "guest"}  # words said elsewhere; a deed here still counts
            cues = cues if cues - {"recipient"} else {"cited"}
        if _CITED_BEFORE.search(before):
            cues = {"cited"}
        found.append(cues)
    _share_list_cues(text, mentions, found)
    return found


def _said_elsewhere(sentence: str, own: str) -> bool:
    """Whether the sentence, or the person's own part of it, puts the words at another event."""
    if _EARLIER.match(sentence) or _SAID_ELSEWHERE.search(own):
        return True
    for place in _SAID_AT_PLACE.finditer(own):
        words = place.group(1).split()
        if any(is_place_name(" ".join(words[:n])) for n in range(len(words), 0, -1)):
            return True
    return False


def _cues(before: str, after: str) -> set[str]:
    cues = set()
    if _CHAIR.search(before) or _CHAIR.search(after.split(",")[0]):
        cues.add("chair")
    if _SPEAK_BEFORE.search(before) or _SPEAK_AFTER.search(after):
        cues.add("speaker")
    verb = _PRESENT.search(after)
    if verb and not _PASSIVE.search(after[: verb.start()]):
        cues.add("presenter")
    receives = _RECEIVE_AFTER.search(after) and _HONOUR.search(after)
    if receives or (_RECEIVE_BEFORE.search(before) and _HONOUR.search(before)):
        cues.add("recipient")
    if _GUEST_AFTER.search(after) or _GUEST_BEFORE.search(before):
        cues.add("guest")
    return cues


def _share_list_cues(text: str, mentions: list[Mention], found: list[set[str]]) -> None:
    """People listed together share the attendance cue said once for the list."""
    for _ in range(2):
        for i in range(1, len(mentions)):
            between = text[mentions[i - 1].end : mentions[i].start]
            listed = _SEPARATOR_ONLY.match(between) or _rest_of_item(between)
            if not (mentions[i].in_list or listed):
                continue
            for a, b in ((i - 1, i), (i, i - 1)):
                if "guest" in found[a] and "cited" not in found[b]:
                    found[b].add("guest")


def _rest_of_item(between: str) -> bool:
    """Whether `between` only finishes one list item: ', Kiến trúc sư trưởng thành phố; '."""
    if not _NEXT_ITEM.match(between):
        return False
    return not any(word in STOP_WORDS for word in _WORDS.findall(between))


def _attendee(text: str, person: _Person) -> Attendee | None:
    cues = set().union(*person.cues)
    if cues:
        cues |= person.later
    role = cast("Role | None", next((r for r in _ROLES if r in cues), None))
    if role is None and "recipient" not in cues:
        return None
    fullest = max(person.mentions, key=lambda m: len(m.titles))
    present = [m for m, c in zip(person.mentions, person.cues, strict=True) if c - {"recipient"}]
    if present:
        evidence = _evidence(text, present[0])
    else:
        evidence = max((_evidence(text, m) for m in person.mentions), key=len)
    return Attendee(name=fullest.name, titles=list(fullest.titles), role=role, evidence=evidence)


def _cuts(text: str, end: int) -> bool:
    """Whether ending a span at end cuts a word or a numeral ("3" of "3,66")."""
    last, nxt = text[end - 1], text[end]
    if last.isalnum() and nxt.isalnum():
        return True
    return last.isdigit() and nxt in ".," and text[end + 1 : end + 2].isdigit()


def _evidence(text: str, m: Mention) -> str:
    """The mention with the verb phrase after it, and a short sentence opening before it."""
    start = (
        m.sentence_start if m.first and m.start - m.sentence_start <= _EVIDENCE_LEAD else m.start
    )
    tail = text[m.end : min(m.sentence_end, m.end + _EVIDENCE_AFTER)]
    if m.end + len(tail) < m.sentence_end and not text[m.end + len(tail)].isspace():
        tail = tail[: tail.rfind(" ")] if " " in tail else ""  # never cut inside a word
    stop = _PHRASE_END.search(tail)
    end = m.end + (stop.start() if stop else len(tail))
    if stop and stop.start() == 0:
        end = m.end
    while end > m.end and end < m.sentence_end and _cuts(text, end):
        end -= 1  # never cut a word or a numeral: the evidence stands on word boundaries
    return text[max(start, 0) : max(end, m.end)].strip()
