"""Honours conferred at the event or reported by the document: one per honour and authority.

Each clause that names an honour and a conferring verb gives a draft; drafts of one honour (a
photo caption, the headline, the sentence that reports it) are merged, the fullest one leading.
A clause that says only "khen thưởng" takes its honour from a caption with the same authority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ...schema import Award
from .events import is_listed_news
from .honours import authority_at, counts, find_honours, recipient_at, unit_count
from .segment import split_clauses, split_sentences
from .vnlex import key

_I = re.IGNORECASE
_CONFER = re.compile(
    r"(?<!\w)(?:trao|tặng|khen\s+thưởng|nhận|đón\s+nhận|được|công\s+nhận|phong\s+tặng)(?!\w)", _I
)
# A line tells of an award only with one of these words in it (searched lower-cased).
_MAY_AWARD = re.compile(
    r"huân chương|huy chương|bằng khen|giấy khen|cờ thi đua|kỷ niệm chương|danh hiệu"
    r"|khen thưởng|bằng công nhận"
)
_PLAIN_PRAISE = re.compile(r"(?<!\w)khen\s+thưởng(?!\w)", _I)
_PROPOSAL = re.compile(
    r"(?<!\w)(?:đề\s+nghị|đề\s+xuất|xét\s+tặng|sẽ|phấn\s+đấu|dự\s+kiến)(?!\w)", _I
)
_BANNER = re.compile(r"^\W*(?:nhiệt\s+liệt\s+)?(?:chào\s+mừng|chúc\s+mừng)", _I)
_OPENER = re.compile(
    r"(?:(?:Nhân|nhân)\s+dịp\s+này|[Dd]ịp\s+này|(?:Cũng\s+)?[Tt]ại\s+(?:[Hh]ội\s+nghị|buổi\s+lễ"
    r"|lễ)(?:\s+này)?|[Đđ]ồng\s+thời|[Nn]goài\s+ra|[Bb]ên\s+cạnh\s+đó|[Qq]ua\s+đó)\s*,\s*"
)
_DELEGATED = re.compile(r"(?<!\w)thừa\s+(?:ủy|uỷ)\s+quyền\s+(?:của\s+)?", _I)
_PASSIVE_BY = re.compile(r"(?<!\w)(?:được|do)\s+(?=\S)", _I)
_GIVE = re.compile(
    r"\s*(?:(?:đã|cũng|vừa|đồng\s+thời)\s+)*(?:tặng\s+thưởng|trao\s+tặng|tặng|trao|khen\s+thưởng"
    r"|phong\s+tặng|công\s+nhận|truy\s+tặng)(?!\w)",
    _I,
)
_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:đã|cũng|vừa|đồng\s+thời)\s+)*(?:tặng\s+thưởng|trao\s+tặng|tặng|trao|khen\s+thưởng)"
    r"(?!\w)",
    _I,
)
# "Chủ tịch UBND tỉnh đã ký quyết định tặng Bằng khen …": the authority signs, then gives.
_SIGNED = re.compile(r"\s+(?:đã\s+)?(?:ký\s+)?(?:ban\s+hành\s+)?quyết\s+định", _I)
_RECEIVE = re.compile(
    r"\s+(?:(?:đã|cũng|vừa|đều|rất)\s+)*(?:vinh\s+dự\s+)?(?:được|nhận|đón\s+nhận)(?!\w)", _I
)
_OWN_DEPARTMENT = re.compile(r"Sở\s+(?:TT\s*&\s*TT|TT-TT|TTTT|Thông tin và Truyền thông)(?!\w)")
_REASON_WHY = re.compile(r"(?<!\w)(?:vì\s+|do\s+(?=(?:đã\s+)?(?:có|đạt|hoàn\s+thành|lập)\s))")
# "… 7 cá nhân thuộc Sở có thành tích …": the recipients' unit may stand before the reason.
_REASON_AFTER_COUNT = re.compile(
    r"(?:tập\s+thể|cá\s+nhân)(?:\s+(?:thuộc|trực\s+thuộc|của)\s+[^;.]*?)?\s+((?:đã|có)\s.+?)"
    r"(?=\s+được\s|$)",
    _I | re.DOTALL,
)
# "dành cho đơn vị dẫn đầu …": a description of the unit, not a unit named ("tập thể Sở …").
_REASON_FOR_UNIT = re.compile(
    r"(?:[Cc]ủa|[Cc]ho|[Dd]ành\s+cho)\s+((?:đơn\s+vị|tập\s+thể)\s+(?![A-ZĐ])\S.*)$"
)
_TRIM = " \t\n,.;:"
_TAP_THE = re.compile(r"^tập thể\s+")
_CAPTION_REACH = 400  # characters between a "khen thưởng" clause and the caption naming it


@dataclass(frozen=True)
class _Draft:
    kind: str | None
    conferred_by: str | None
    recipient: str | None
    collectives: int | None
    individuals: int | None
    reason: str | None
    start: int
    end: int

    @property
    def weight(self) -> int:
        """How much the draft tells: counts weigh most, then recipient, reason, authority."""
        counted = self.collectives is not None or self.individuals is not None
        told = (self.recipient, self.reason, self.conferred_by)
        return 2 * counted + sum(v is not None for v in told)


def extract_awards(text: str) -> list[Award]:
    """Every honour the document confers or reports, one per honour and conferring authority."""
    drafts: list[_Draft] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if _MAY_AWARD.search(line.lower()) and not (_BANNER.match(line) or is_listed_news(line)):
            for sentence in split_sentences(text, pos, pos + len(line)):
                drafts.extend(_sentence_drafts(text, sentence.start, sentence.end))
        pos += len(line)
    return [_award(text, group) for group in _merge(drafts) if _reportable(group)]


def _sentence_drafts(text: str, start: int, end: int) -> list[_Draft]:
    found: list[_Draft] = []
    for clause in split_clauses(text, start, end):
        found.extend(_clause_drafts(text, clause.start, clause.end))
    return _share_reasons(found)


def _share_reasons(drafts: list[_Draft]) -> list[_Draft]:
    """A reason closing a sentence covers the honours listed before it, never one after it."""
    shared: str | None = None
    for i in range(len(drafts) - 1, -1, -1):
        if drafts[i].reason:
            shared = drafts[i].reason
        elif shared:
            drafts[i] = replace(drafts[i], reason=shared)
    return drafts


def _clause_drafts(text: str, start: int, end: int) -> list[_Draft]:
    opener = _OPENER.match(text, start, end)
    start = opener.end() if opener else start
    clause = text[start:end]
    if not _CONFER.search(clause) or _PROPOSAL.search(clause):
        return []
    honours = find_honours(text, start, end)
    if not honours:
        return _plain_praise(text, start, end)
    drafts = []
    for i, honour in enumerate(honours):
        seg_end = honours[i + 1].start if i + 1 < len(honours) else end
        collectives, individuals = counts(text, honour.end, seg_end)
        if collectives is None and individuals is None and i == 0:
            collectives, individuals = counts(text, start, honour.start)
        if collectives is None and individuals is None:
            collectives = unit_count(text, honour.end, seg_end)
        drafts.append(
            _Draft(
                kind=honour.kind,
                conferred_by=_conferrer(text, start, end, honour.start, honour.end),
                recipient=_recipient(text, start, end, honour.start, honour.end),
                collectives=collectives,
                individuals=individuals,
                reason=_reason(text, start, seg_end, honour.end),
                start=start if i == 0 else honour.start,
                end=seg_end,
            )
        )
    return drafts


def _plain_praise(text: str, start: int, end: int) -> list[_Draft]:
    """'03 tập thể, 04 cá nhân … được Chủ tịch UBND tỉnh khen thưởng': counts with no honour."""
    praise = _PLAIN_PRAISE.search(text, start, end)
    if praise is None:
        return []
    collectives, individuals = counts(text, start, end)
    if collectives is None and individuals is None:
        return []
    by = _conferrer(text, start, end, praise.start(), praise.end())
    reason = _reason(text, start, end, start)
    return [_Draft(None, by, None, collectives, individuals, reason, start, end)]


def _conferrer(text: str, start: int, end: int, h_start: int, h_end: int) -> str | None:
    """Who confers: 'Bằng khen của X', 'thừa ủy quyền của X', 'được X tặng', 'X tặng …'."""
    after = re.match(r"(?:\s+xuất\s+sắc)?\s+của\s+", text[h_end:end])
    if after and (who := authority_at(text, h_end + after.end(), end)):
        return _resolve(text, who, start)
    for pattern in (_DELEGATED, _PASSIVE_BY):
        for m in pattern.finditer(text, start, end):
            who = authority_at(text, m.end(), end)
            if who and (pattern is _DELEGATED or _GIVE.match(text, m.end() + len(who))):
                return _resolve(text, who, start)
    verb = _SUBJECT_VERB.search(text, start, h_end)
    if verb:
        who = authority_at(text, start, verb.start())
        between = text[start + len(who) : verb.start()] if who else ""
        if who and (not between or _SIGNED.fullmatch(between)):
            return _resolve(text, who, start)
    return None


def _resolve(text: str, who: str, before: int) -> str:
    """A bare 'Sở' is the department the text last named: 'Sở TT&TT'."""
    if who != "Sở":
        return who
    named = list(_OWN_DEPARTMENT.finditer(text, 0, before))
    return named[-1].group() if named else "Sở Thông tin và Truyền thông"


def _recipient(text: str, start: int, end: int, h_start: int, h_end: int) -> str | None:
    """A single named recipient: the subject of 'được/nhận', or the unit after 'cho'."""
    receive = _RECEIVE.search(text, start, h_start)
    if receive and (who := recipient_at(text, start, receive.start(), whole=True)):
        return _resolve(text, who, start)
    to = re.search(r"(?<!\w)cho\s+", text[h_end:end])
    if to and (who := recipient_at(text, h_end + to.end(), end)):
        return _resolve(text, who, start)
    return None


def _reason(text: str, start: int, end: int, h_end: int) -> str | None:
    """Why, as written: 'vì …', 'do có thành tích …', '… cá nhân đã gắn bó …', 'của đơn vị …'."""
    tail = text[h_end:end]
    why = _REASON_WHY.search(tail)
    if why:
        return tail[why.end() :].strip(_TRIM) or None
    for pattern, part in ((_REASON_AFTER_COUNT, text[start:end]), (_REASON_FOR_UNIT, tail)):
        m = pattern.search(part)
        if m:
            return m.group(1).strip(_TRIM) or None
    return None


def _compatible(a: _Draft, b: _Draft) -> bool:
    """Whether two drafts can tell of one honour from one authority."""
    if a.kind is None or b.kind is None:
        same_kind = a.conferred_by is not None and _same(a.conferred_by, b.conferred_by)
    else:
        ka, kb = key(a.kind), key(b.kind)
        same_kind = ka.startswith(kb) or kb.startswith(ka)
    return (
        same_kind
        and _same_authority(a.conferred_by, b.conferred_by)
        and _same_recipient(a.recipient, b.recipient)
        and _agree(a.collectives, b.collectives)
        and _agree(a.individuals, b.individuals)
    )


def _same_recipient(a: str | None, b: str | None) -> bool:
    """One recipient named twice: in full and short ('Sở TT&TT Cà Mau', 'tập thể Sở TT&TT')."""
    if a is None or b is None:
        return True
    ka, kb = (_TAP_THE.sub("", _entity_key(name)) for name in (a, b))
    return ka.startswith(kb) or kb.startswith(ka)


def _same_authority(a: str | None, b: str | None) -> bool:
    """One authority named in full and short: 'Thủ tướng Chính phủ', 'Chính phủ', 'Bộ trưởng'."""
    if a is None or b is None:
        return True
    ka, kb = sorted((_entity_key(a), _entity_key(b)), key=len)
    return kb == ka or kb.startswith(ka + " ") or kb.endswith(" " + ka)


def _agree(a: object, b: object) -> bool:
    return a is None or b is None or _same(a, b)


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return _entity_key(a) == _entity_key(b)
    return a == b


def _entity_key(name: str) -> str:
    return re.sub(r"tt\s*&\s*tt|tt-tt|tttt", "thông tin và truyền thông", key(name))


def _merge(drafts: list[_Draft]) -> list[list[_Draft]]:
    groups: list[list[_Draft]] = []
    for draft in drafts:
        group = next((g for g in groups if all(_compatible(draft, d) for d in g)), None)
        if group is None:
            groups.append([draft])
        else:
            group.append(draft)
    return groups


def _reportable(group: list[_Draft]) -> bool:
    return any(d.kind for d in group) or any(d.weight >= 2 for d in group)


def _award(text: str, group: list[_Draft]) -> Award:
    """One award from the drafts of one honour: the fullest leads, the others fill its gaps."""
    lead = max(reversed(group), key=lambda d: d.weight)
    kinds = [d.kind for d in group if d.kind]
    kind = max(kinds, key=len) if kinds else "khen thưởng"
    start, end = lead.start, lead.end
    if lead.kind is None and kinds:
        named = next(d for d in group if d.kind)
        if abs(named.start - lead.start) <= _CAPTION_REACH:
            start, end = min(start, named.start), max(end, named.end)

    def pick(field: str) -> Any:
        return next((v for d in [lead, *group] if (v := getattr(d, field)) is not None), None)

    authorities = [d.conferred_by for d in group if d.conferred_by]
    return Award(
        award=kind,
        conferred_by=max(authorities, key=len) if authorities else None,
        recipient=pick("recipient"),
        collectives=pick("collectives"),
        individuals=pick("individuals"),
        reason=pick("reason"),
        evidence=text[start:end].strip(_TRIM),
    )
