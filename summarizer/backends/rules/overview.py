"""The overview: the event sentence, the strongest numeric results, the main direction.

Built from verbatim slices of the article, so every number in it stands in the source as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...schema import Achievement, Target
from . import cues, remarks
from .phrases import cut_at_clause
from .segment import Paragraph

_SOURCE_TAG = re.compile(
    r"^\s*(?:[A-ZĐ][\w.]{1,15}\s*[-–]\s+|\([^)]{1,40}\)\s*(?:[-–]\s+)?)(?=[A-ZĐ\w])"
)
_DANGLING = " ,;:-–"  # what a cut part must not end on
_TAIL = re.compile(r"\s*(?:như sau)?\s*[:.;,…]*\s*$")
_KEEP_CAPITAL = re.compile(r"^(?:Sở|Bộ|UBND|HĐND|Trung tâm|Cổng|Internet)\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MAX_WORDS = 30
_MAX_PARTS = 3


def _clean(text: str) -> str:
    return _TAIL.sub("", _SOURCE_TAG.sub("", " ".join(text.split())))


def _shorten(text: str, limit: int = _MAX_WORDS) -> str:
    return cut_at_clause(text, limit, limit + 15)


def _lower_first(text: str) -> str:
    """Lower-case an opening common word so that a part can follow a comma."""
    words = text.split(maxsplit=2)
    if len(words) < 2 or _KEEP_CAPITAL.match(text) or words[0].isupper():
        return text
    if words[1][:1].isupper():
        return text  # a proper name: "Hà Giang xếp thứ …"
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_sentence(paragraphs: Sequence[Paragraph]) -> str | None:
    """The sentence that says what happened: the meeting held, the report issued."""
    first = None
    for para in paragraphs:
        for sentence in para.sentences:
            body = sentence.span.text
            if not body.endswith((".", "…", ":")):
                continue
            first = first or body
            if remarks.EVENT.search(body) or remarks.DATE_OPENING.match(body):
                return _shorten(_clean(body), 45)
    return _shorten(_clean(first), 45) if first else None


def _focus(item: Achievement) -> str:
    """The part of the evidence that carries its numbers: from the first to the last of them."""
    evidence = _clean(item.evidence)
    if len(evidence.split()) <= 20 or not item.metrics:
        return _shorten(evidence, 20)
    chunks = evidence.split(", ")
    hits = [i for i, c in enumerate(chunks) if any(m.text in c for m in item.metrics)]
    if not hits:
        return _shorten(evidence, 20)
    whole = ", ".join(chunks[: hits[-1] + 1])
    if len(whole.split()) <= 25:
        return whole
    return _shorten(", ".join(chunks[hits[0] : hits[-1] + 1]), 25)


def _results(achievements: Sequence[Achievement], exclude: str) -> list[str]:
    """The numeric core of the achievements with the most numbers, in reading order."""
    ranked = sorted(range(len(achievements)), key=lambda i: (-len(achievements[i].metrics), i))[
        :_MAX_PARTS
    ]
    parts = []
    for i in sorted(ranked):
        part = _focus(achievements[i])
        if part and part not in exclude:
            parts.append(part)
    return parts


def _direction(targets: Sequence[Target]) -> str | None:
    """The main plans: the first targets that name their period, else the first ones."""
    dated = [t for t in targets if t.deadline] or list(targets)
    plans = [_shorten(_clean(t.evidence), 25) for t in dated[:2]]
    plans = [p for p in plans if p]
    if not plans:
        return None
    return _sentence("Thời gian tới, " if dated[0].deadline is None else "Tới đây, ", plans)


def _sentence(opening: str, parts: list[str]) -> str:
    """Parts joined by semicolons; an opening only when no part names its own period.

    No year is ever added: a year the article does not put beside these figures would not
    verify.
    """
    if parts and (cues.frame_of(parts[0]) or any(_YEAR.search(p) for p in parts)):
        opening = ""
    body = "; ".join(_lower_first(p) if opening or k else p for k, p in enumerate(parts))
    return _capital(opening + body) + "."


def build_overview(
    paragraphs: Sequence[Paragraph],
    achievements: Sequence[Achievement],
    targets: Sequence[Target],
) -> str:
    """One to three sentences: what happened, what it achieved, what comes next."""
    sentences = []
    event = event_sentence(paragraphs)
    if event:
        sentences.append(_capital(event) + ".")
    parts = _results(achievements, event or "")
    if parts:
        sentences.append(_sentence("", parts))
    direction = _direction(targets)
    if direction:
        sentences.append(direction)
    if not sentences and paragraphs:  # no stop anywhere: the opening line says what it is
        sentences.append(_capital(_shorten(_clean(paragraphs[0].span.text), 45)) + ".")
    return " ".join(sentences[:3])
