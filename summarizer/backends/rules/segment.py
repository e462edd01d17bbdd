"""The article cut into paragraphs, headings, list items, sentences and clauses, with offsets.

Every span is an offset pair into the text given to `segment`, so that evidence is always a
verbatim slice of the article.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

# List markers at the start of a line: "I.", "III.", "1.", "2)", "a)", "đ)", "-", "+", "•".
_MARKER = re.compile(
    r"^\s*(?:(?:[IVXLC]{1,5}|\d{1,2})[.)]|[a-zđ][.)]|[-+•*–])\s+",
)
_ROMAN_HEAD = re.compile(r"^\s*[IVXLC]{1,5}[.)]\s+")
_SENTENCE_END = re.compile(r"(?:\.\.\.|[.!?…])+[\"”’)]?(?=\s+[\"“(]?(\w))")
_WORD = re.compile(r"\w+", re.UNICODE)
_OPENERS = {"(": ")", "“": "”", "[": "]"}
_MARKS = re.compile(r"[()“”\[\];:]")
# A clause after ';' that only breaks down the one before it stays with it.
_BREAKDOWN = re.compile(r"^\s*(?:trong đó|gồm|bao gồm|cụ thể|riêng trong đó)\b", re.IGNORECASE)
# "như:" opens examples inside one clause, not a list of clauses.
_EXAMPLES = re.compile(r"\bnhư\s*$")
# ", đồng thời" joins two statements inside one sentence; so does ", phấn đấu" when the goal
# after it names its own period ("…, phấn đấu đến năm 2025 có 80% hộ gia đình …").
_JOINER = re.compile(
    r",\s*(?=đồng thời\s|phấn đấu\s+(?:đến|tới|trong)(?:\s+hết)?\s+(?:năm\s+\d{4}|quý\s))"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    span: Span
    lead: Span | None = None  # the text before ':' that introduces a ';' list
    clauses: list[Span] = field(default_factory=list)


@dataclass
class Paragraph:
    span: Span
    heading: bool = False
    marker: str | None = None  # "1.", "a)", "III.", "-"
    label: Span | None = None  # "Hội nghị truyền hình" in "a) Hội nghị truyền hình: …"
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.span.text))


def _span(text: str, start: int, end: int) -> Span | None:
    """A span with its outer white space trimmed, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def _top_level(text: str, start: int, end: int, chars: str) -> list[int]:
    """Offsets of `chars` in text[start:end] that stand outside brackets and quotes."""
    stack: list[str] = []
    hits = []
    for m in _MARKS.finditer(text, start, end):
        c = m.group(0)
        if c in _OPENERS:
            stack.append(_OPENERS[c])
        elif stack and c == stack[-1]:
            stack.pop()
        elif c in chars and not stack:
            hits.append(m.start())
    return hits


def _is_upper_line(line: str) -> bool:
    return line.isupper() and sum(c.isalpha() for c in line[:12]) >= 6


def _is_heading(body: str, marker: str | None) -> bool:
    """A numbered or upper-case line with no sentence of its own."""
    words = len(_WORD.findall(body))
    if _is_upper_line(body) and words >= 2:
        return True
    if marker and marker[0] not in "-+•*–" and not body.rstrip().endswith((".", ";", "…")):
        return words <= 20 and ":" not in body
    return False


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end]: a stop followed by a capital letter or a digit ends one."""
    spans = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        follower = m.group(1)
        if not (follower.isupper() or follower.isdigit()) or _inside_brackets(
            text, cursor, m.start()
        ):
            continue
        span = _span(text, cursor, m.end())
        if span:
            spans.append(span)
        cursor = m.end()
    last = _span(text, cursor, end)
    if last:
        spans.append(last)
    return spans


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    piece = text[start:pos]
    opened = piece.count("(") + piece.count("“") + piece.count("[")
    return opened > piece.count(")") + piece.count("”") + piece.count("]")


def _clause_cuts(text: str, start: int, end: int) -> list[int]:
    cuts = _top_level(text, start, end, ";")
    for m in _JOINER.finditer(text, start, end):
        if not _inside_brackets(text, start, m.start()):
            cuts.append(m.start())
    return sorted(set(cuts))


def _fragment(text: str) -> bool:
    """A piece too small to be a claim of its own: a bare count, or a list of short nouns."""
    if len(_WORD.findall(text)) <= 3:
        return True
    chunks = text.split(",")
    return not any(c.isdigit() for c in text) and all(
        len(_WORD.findall(chunk)) <= 2 for chunk in chunks
    )


def split_clauses(text: str, start: int, end: int) -> list[Span]:
    """Clauses of one sentence: cut at top-level ';' and 'đồng thời'; breakdowns stay joined."""
    bounds = [start, *_clause_cuts(text, start, end), end]
    spans: list[Span] = []
    for a, b in itertools.pairwise(bounds):
        piece = _span(text, a + (1 if a != start else 0), b)
        if piece is None or not _WORD.search(piece.text):
            continue
        if spans and (_BREAKDOWN.match(piece.text) or _fragment(piece.text)):
            prev = spans.pop()
            piece = Span(prev.start, piece.end, text[prev.start : piece.end])
        spans.append(piece)
    return spans


def _sentence(text: str, span: Span) -> Sentence:
    """One sentence with its clauses; a lead before ':' is kept apart when a list follows."""
    semis = _top_level(text, span.start, span.end, ";")
    colons = _top_level(text, span.start, span.end, ":")
    if (
        colons
        and semis
        and colons[0] < semis[0]
        and not _EXAMPLES.search(text, span.start, colons[0])
    ):
        lead = _span(text, span.start, colons[0])
        return Sentence(span, lead, split_clauses(text, colons[0] + 1, span.end))
    return Sentence(span, None, split_clauses(text, span.start, span.end))


def _paragraph(text: str, start: int, end: int) -> Paragraph | None:
    span = _span(text, start, end)
    if span is None:
        return None
    m = _MARKER.match(span.text)
    marker = m.group(0).strip() if m else None
    body_start = span.start + (m.end() if m else 0)
    body = text[body_start : span.end]
    para = Paragraph(span, heading=_is_heading(body, marker), marker=marker)
    if para.heading:
        return para
    colon = body.find(":")
    if marker and colon > 0 and len(_WORD.findall(body[:colon])) <= 8:
        para.label = _span(text, body_start, body_start + colon)
        body_start += colon + 1
    para.sentences = [_sentence(text, s) for s in split_sentences(text, body_start, span.end)]
    return para


def segment(text: str) -> list[Paragraph]:
    """Paragraphs (one per line) with their sentences and clauses."""
    paragraphs = []
    pos = 0
    for line in text.splitlines(keepends=True):
        para = _paragraph(text, pos, pos + len(line))
        if para is not None:
            paragraphs.append(para)
        pos += len(line)
    return paragraphs


def is_roman_heading(para: Paragraph) -> bool:
    """A top-level section heading ("I.", "III.") that resets what the sections below it are."""
    return para.heading and bool(_ROMAN_HEAD.match(para.span.text))
