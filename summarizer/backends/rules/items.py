"""Achievements and targets: which clauses state a result, which a plan, with sector and deadline.

A report reads in order: results of the reviewed period, then plans and the leaders'
directives. A clause is a target when its sentence opens on a coming period ("Năm 2024, …",
"Bước sang năm 2015, …", "6 tháng cuối năm, …"), carries a plan cue (phấn đấu, sẽ, cần, …),
is a directive (đề nghị Sở …, yêu cầu …), stands under a plans heading, or continues a run of
such sentences. Everything else that states something concrete is an achievement, except the
meeting itself, awards, praise and difficulties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from . import cues, remarks
from .deadlines import future_periods, own_deadline
from .directives import Directive, find_directive, is_directive
from .segment import Paragraph, Sentence, Span, is_roman_heading

Kind = Literal["achievement", "target"]
_NUMBER = re.compile(r"\d")
_YEARS = re.compile(r"(?<![\d.,/])(?:19|20)\d\d(?![\d.,/])")
_LETTERS = re.compile(r"[^\W\d_]+")
_TERMINATED = (".", "!", "?", "…", ";", '"', "”", ")")
_ANNOUNCE_REACH = 40  # characters between a plan word and the period it announces
_TRAIL = " \t.;,:…/"


@dataclass
class Draft:
    """One claim found in the article, before its metrics are read."""

    kind: Kind
    span: Span  # the evidence: a verbatim slice of the article
    sector: str
    deadline: str | None = None


@dataclass
class _State:
    review: str | None
    plan: str | None
    plans_section: bool = False
    aside: bool = False  # under a heading of difficulties or recommendations
    shortfalls: bool = False  # under a heading of difficulties: measured results still count
    section_deadline: str | None = None
    section_sector: str | None = None
    block: bool = False  # the last sentence was a target: plain sentences continue it
    block_deadline: str | None = None
    pending: str | None = None  # a lead sentence named the coming period
    pending_set: bool = False
    done: bool = False
    drafts: list[Draft] = field(default_factory=list)


@dataclass
class _Reading:
    """What one sentence says as a whole."""

    start: int  # where its claim begins, after any reported-speech frame
    kind: Kind | None  # None: not an item (the meeting, an award, praise, a difficulty)
    deadline: str | None = None
    has_deadline: bool = False  # a frame or lead gave the deadline (even when it is None)
    lead_period: str | None = None  # a skipped lead naming the coming period
    target_from: int = 0  # a plan cue mid-sentence: clauses before it are results
    new_run: bool = False  # a directive that names its speaker: no deadline carried over


def _strip_prefix(text: str, start: int, end: int) -> int:
    """Skip reported-speech frames and connectives at the start of text[start:end]."""
    for _ in range(3):
        m = cues.REPORTING.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    m = cues.CONNECTIVE.match(text, start, end)
    return m.end() if m else start


def _trim(text: str, span: Span) -> Span | None:
    start = _strip_prefix(text, span.start, span.end)
    end = span.end
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    while start < end and text[start] in _TRAIL:
        start += 1
    return Span(start, end, text[start:end]) if end > start else None


def _period(match: re.Match[str] | None, state: _State) -> cues.Period | None:
    if match is None:
        return None
    ahead = match.group("ahead") is not None
    return cues.read_period(match.group("period"), state.review, state.plan, ahead)


def _future_mention(text: str, state: _State) -> str | None:
    """A coming period named anywhere in the text ("các nhiệm vụ trọng tâm năm 2017")."""
    found = future_periods(text, state.review, state.plan)
    return found[0][1] if found else None


def _not_a_result(text: str) -> bool:
    return remarks.is_event(text) or remarks.is_remark(text)


def _lead_period(text: str, state: _State) -> str | None:
    """The coming period a sentence announces plans for ("… phương hướng công tác năm 2024").

    The period must follow the plan word closely, so that a document's name ("Kế hoạch số
    59/KH-UBND … đến năm 2025") does not count.
    """
    for m in cues.PLAN_HEADING.finditer(text):
        found = _future_mention(text[m.end() : m.end() + _ANNOUNCE_REACH], state)
        if found:
            return found
    return None


def _read_sentence(text: str, sentence: Sentence, state: _State) -> _Reading:
    """Decide what a sentence is, from its opening frame, its cues and the run it stands in."""
    first = sentence.lead or (sentence.clauses[0] if sentence.clauses else sentence.span)
    head_end = max(first.end, sentence.span.start)
    start = _strip_prefix(text, sentence.span.start, head_end)
    head = text[start:head_end]
    whole = text[start : sentence.span.end]
    if remarks.is_occasion(whole):  # "Năm 2024 cũng là dịp kỷ niệm 20 năm thành lập Sở"
        return _Reading(start, None)
    period = _period(cues.frame_of(head), state)
    directive = find_directive(whole)
    if directive:
        return _directive_reading(whole, start, directive, period, state)
    done = cues.PAST.search(head) and not cues.PLAN.search(whole)
    if period is not None and period.future and not done:
        return _Reading(start, "target", period.deadline, True)
    if cues.OTHER_SOURCE.match(text, sentence.span.start) and not cues.sector_of(whole):
        return _Reading(start, None)
    checked = head if sentence.lead else whole
    if remarks.is_event(checked) or remarks.HONOUR.search(whole):
        return _Reading(start, None, lead_period=_lead_period(whole, state))
    announced = None if done or sentence.lead is None else _lead_period(head, state)
    if announced:  # "Kế hoạch năm 2024, Sở tập trung vào các nhiệm vụ: …"
        return _Reading(start, "target", announced, True)
    plan = cues.PLAN.search(whole)
    if plan and (period is None or not done):
        deadline = period.deadline if period else None
        return _Reading(
            start, "target", deadline, period is not None, target_from=start + plan.start()
        )
    continues = (state.plans_section or state.block) and not cues.PAST.search(head)
    if period is None and continues and not remarks.is_remark(whole):
        return _Reading(start, "target")
    if remarks.is_remark(checked):
        return _Reading(start, None, lead_period=_lead_period(whole, state))
    return _Reading(start, "achievement")


def _directive_reading(
    whole: str, start: int, directive: Directive, period: cues.Period | None, state: _State
) -> _Reading:
    """A directive is a target; it starts at its verb after a speaker or a first directive."""
    said_before = whole[: directive.start]
    second = re.search(r"(?:\svà|,)\s*$", said_before)
    new_run = bool(cues.SPEAKER.search(said_before))
    begin = start + directive.start if second or new_run else start
    if period is None and directive.period:  # "đề nghị năm 2024 ngành … triển khai"
        period = cues.read_period(directive.period, state.review, state.plan)
    deadline = period.deadline if period else None
    return _Reading(begin, "target", deadline, period is not None, new_run=new_run)


def _deadline(reading: _Reading, clause: str, state: _State) -> str | None:
    """The clause's own frame, else the sentence's, else the lead, run or heading it stands in."""
    own = _period(cues.frame_of(clause), state)
    if own is not None:
        return own.deadline
    written = own_deadline(clause, state.review, state.plan)
    if written is not None:
        return written
    if reading.has_deadline:
        return reading.deadline
    if reading.new_run:
        return _future_mention(clause, state)
    if state.pending_set:
        return state.pending
    if state.block and state.block_deadline is not None:
        return state.block_deadline
    if state.plans_section and state.section_deadline is not None:
        return state.section_deadline
    return _future_mention(clause, state)


def _clause_kind(reading: _Reading, clause: str, state: _State) -> Kind:
    if reading.kind == "target":
        return "target"
    own = _period(cues.frame_of(clause), state)
    plan = cues.PLAN.search(clause)
    if own is not None and own.future and (plan or not cues.PAST.search(clause)):
        return "target"
    return "target" if own is None and plan else "achievement"


def _worth_keeping(span: Span) -> bool:
    words = len(_LETTERS.findall(span.text))
    return words >= 6 or (words >= 1 and bool(_NUMBER.search(span.text)))


def _sentence_items(text: str, sentence: Sentence, sector_hint: str | None, state: _State) -> None:
    reading = _read_sentence(text, sentence, state)
    if reading.kind is None:
        state.block = False
        if reading.lead_period:
            state.pending, state.pending_set = reading.lead_period, True
        return
    kinds = set()
    sector = sector_hint
    for clause in sentence.clauses:
        if clause.end <= reading.start:
            continue
        start = max(clause.start, reading.start)
        span = _trim(text, Span(start, clause.end, text[start : clause.end]))
        if span is None or not _worth_keeping(span):
            continue
        kind = _clause_kind(reading, span.text, state)
        if kind == "target" and clause.end <= reading.target_from:
            kind = "achievement"
        if kind == "achievement" and _not_a_result(span.text):
            continue
        sector = cues.sector_of(span.text) or sector or "general"
        deadline = _deadline(reading, span.text, state) if kind == "target" else None
        state.drafts.append(Draft(kind, span, sector, deadline))
        kinds.add(kind)
    if "target" in kinds:
        state.block_deadline = _deadline(reading, "", state)
        state.block = True
    else:
        state.block = False
    state.pending, state.pending_set = None, False


def _measured_items(text: str, sentence: Sentence, hint: str | None, state: _State) -> None:
    """Under a heading of difficulties only a figure reached counts: a rate below its level."""
    for clause in sentence.clauses:
        span = _trim(text, clause)
        if span is not None and remarks.is_measured(span.text):
            sector = cues.sector_of(span.text) or hint or "general"
            state.drafts.append(Draft("achievement", span, sector))


def _heading(span: Span, state: _State, roman: bool) -> None:
    """A heading or list lead sets whether the lines below it are results or plans."""
    body = span.text
    state.aside = state.shortfalls = False
    coming = _future_mention(body, state)
    if cues.RESULT_HEADING.search(body) and not coming:
        state.plans_section = False
    elif cues.PLAN_HEADING.search(body) or is_directive(body):
        state.plans_section = True
        state.section_deadline = coming
    elif cues.ASIDE_HEADING.search(body) or remarks.proposes(body):
        state.plans_section, state.aside = False, True
        state.shortfalls = bool(cues.SHORTFALL_HEADING.search(body))
    elif cues.RESULT_HEADING.search(body) or roman:
        state.plans_section = False
    state.section_sector = cues.sector_of(body) or (None if roman else state.section_sector)
    state.block = False


def _unterminated_line(para: Paragraph, first: bool) -> bool:
    """A title, date line, caption, byline or signature: one sentence with no stop.

    A list item, or a long line with figures below the headline, still counts.
    """
    text = para.span.text
    if "Ảnh:" in text or "(Ảnh" in text:
        return True
    if len(para.sentences) > 1 or text.endswith(_TERMINATED):
        return False
    if para.marker:
        return para.words < 4
    figures = _NUMBER.search(_YEARS.sub("", text))  # a year alone is no figure: a headline
    return first or len(_LETTERS.findall(text)) < 8 or not figures


def find_items(
    text: str,
    paragraphs: list[Paragraph],
    review: str | None,
    plan: str | None,
    title: str | None = None,
) -> list[Draft]:
    """Every achievement and target of the article, in reading order."""
    state = _State(review=review, plan=plan)
    headline = " ".join((title or "").split())
    for index, para in enumerate(paragraphs):
        if state.done:
            break
        if para.heading or para.span.text.endswith(":"):
            _heading(para.span, state, is_roman_heading(para))
            continue
        first = index == 0 or " ".join(para.span.text.split()) == headline
        if _unterminated_line(para, first):
            continue
        if para.label is not None:
            _heading(para.label, state, False)
        if state.aside and not state.shortfalls:
            continue
        hint = (cues.sector_of(para.label.text) if para.label else None) or state.section_sector
        for sentence in para.sentences:
            if state.aside:
                _measured_items(text, sentence, hint, state)
            else:
                _sentence_items(text, sentence, hint, state)
        state.done = cues.END_MARK in para.span.text
    return _dedupe(state.drafts)


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """A paragraph repeated word for word gives its claims once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for draft in drafts:
        key = (draft.kind, " ".join(draft.span.text.split()))
        if key not in seen:
            seen.add(key)
            kept.append(draft)
    return kept
