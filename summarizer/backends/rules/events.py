"""The lead of a news report and the event it reports, if any.

The lead is the first few full paragraphs under the headline. A report of the genre opens on
its event ("Ngày 20/01/2021, Sở … tổ chức Hội nghị …", "Hội nghị … đã diễn ra chiều 6-1") or on
a report issued ("Sở … đã ban hành báo cáo số …"); a digest or another agency's announcement
("Bộ Thông tin và Truyền thông công bố …") has no event of its own and so no attendees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateMention, event_day
from .segment import split_sentences

_I = re.IGNORECASE
_GATHERING = re.compile(
    r"(?<!\w)(?:hội\s+nghị(?!\s+truyền\s+hình)|hội\s+thảo|(?<!ngày\s)lễ(?!\s+hội)|giao\s+ban"
    r"|t[oọ]a\s+đàm|toạ\s+đàm|buổi\s+làm\s+việc|cuộc\s+họp|phiên\s+họp|họp\s+mặt|gặp\s+mặt"
    r"|sơ\s+kết|tổng\s+kết)(?!\w)",
    _I,
)
_ISSUED = re.compile(r"(?<!\w)(?:ban\s+hành\s+(?:báo\s+cáo|văn\s+bản)|báo\s+cáo\s+số)(?!\w)", _I)
# Another agency's own event: "Bộ Thông tin và Truyền thông công bố …", "do Bộ … tổ chức".
_FOREIGN = re.compile(
    r"^(?:[^,]{0,40},\s*)?(?:Bộ\s+(?=[A-ZĐ])|(?:Chính phủ|Thủ tướng|Quốc hội)\s)"
    r"|(?<!\w)do\s+(?:Bộ\s+(?=[A-ZĐ])|(?:Chính phủ|Thủ tướng)\s)[^,.]{0,60}tổ\s+chức",
)
_LIST_ITEM = re.compile(r"^(?:[IVXLC]{1,5}|\d{1,2}|[a-zđ])[.)]\s|^[-+•*–]\s")
_LISTED_NEWS = re.compile(r"\(\s*\d{1,2}/\d{1,2}/\d{4}[^)]*\)\s*$")
_LEAD_PARAGRAPHS = 3
_MIN_LEAD_WORDS = 12


@dataclass(frozen=True)
class Event:
    sentence: str
    kind: str  # "gathering" | "issued"
    day: DateMention | None  # offsets into `sentence`


def is_listed_news(line: str) -> bool:
    """A headline in a list of other news, dated at its end: '- Báo … (12/04/2014)'."""
    return bool(_LISTED_NEWS.search(line))


def lead_paragraphs(text: str) -> list[str]:
    """The first full paragraphs: lines of a dozen words or more that end as sentences do."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if _LIST_ITEM.match(stripped) or len(stripped.split()) < _MIN_LEAD_WORDS:
            continue
        if stripped[-1] in '.…:;)”"':
            found.append(stripped)
            if len(found) == _LEAD_PARAGRAPHS:
                break
    return found


def lead_sentences(text: str) -> list[str]:
    """The sentences of the lead paragraphs, in order."""
    sentences: list[str] = []
    for para in lead_paragraphs(text):
        sentences.extend(span.text for span in split_sentences(para, 0, len(para)))
    return sentences


def _kind(sentence: str) -> str | None:
    if _FOREIGN.search(sentence):
        return None
    if _ISSUED.search(sentence):
        return "issued"
    return "gathering" if _GATHERING.search(sentence) else None


def find_event(text: str) -> Event | None:
    """The document's own event: the first lead sentence that reports one, dated if any is."""
    first: Event | None = None
    for sentence in lead_sentences(text):
        kind = _kind(sentence)
        if kind is None:
            continue
        event = Event(sentence, kind, event_day(sentence))
        if event.day is not None:
            return event
        first = first or event
    return first


def reports_gathering(text: str) -> bool:
    """Whether the document reports a meeting or ceremony at which people were present."""
    return any(_kind(sentence) == "gathering" for sentence in lead_sentences(text))
