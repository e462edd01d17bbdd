"""Claims drawn from text addressed to an AI or a summariser: errors, whatever they say.

Such a line's numbers stand in the source, so the checks of numbers pass them; its place is
what condemns a claim. An item whose evidence overlaps an injected line, and a number in free
text that stands in the source only inside one, is not supported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..ingest.injection import find_injections
from ..schema import Achievement, Attendee, Award, Check, ReportSummary
from .text import Folded, fold, locate

_NUMBER = re.compile(r"(?<![\d.,])\d(?:[\d.,]*\d)?(?![\d]|[.,]\d)")


def quarantine_checks(
    summary: ReportSummary, source: str, folded: Folded | None = None
) -> list[Check]:
    """An error for each claim that rests on an injected line of the source (folded: the
    source's fold when the caller has it already)."""
    spans = find_injections(source)
    if not spans:
        return []
    folded = folded or fold(source)

    def inside(lo: int, hi: int) -> bool:
        return any(lo < end and start < hi for start, end in spans)

    checks: list[Check] = []
    items: list[tuple[str, Sequence[Achievement | Attendee | Award]]] = [
        ("achievements", summary.achievements),
        ("targets", summary.targets),
        ("attendees", summary.attendees),
        ("awards", summary.awards),
    ]
    for name, listed in items:
        for i, item in enumerate(listed):
            found = locate(item.evidence, folded)
            if found and inside(*found):
                checks.append(_error(f"{name}[{i}].evidence", item.evidence, found, source))
    free = [("title", summary.title or ""), ("overview", summary.overview)]
    free += [
        (f"achievements[{i}].description", a.description)
        for i, a in enumerate(summary.achievements)
    ]
    free += [(f"targets[{i}].description", t.description) for i, t in enumerate(summary.targets)]
    places_of: dict[str, list[tuple[int, int]]] = {}
    for path, text in free:
        for number in _NUMBER.findall(text):
            if number not in places_of:
                places_of[number] = _places(number, source)
            places = places_of[number]
            if places and all(inside(*p) for p in places):
                checks.append(_error(path, number, places[0], source))
    return checks


def _places(number: str, source: str) -> list[tuple[int, int]]:
    """Where number stands whole in source: no digit, nor '.' or ',', right before it; no digit,
    nor '.' or ',' then a digit, right after it."""
    found = []
    at = source.find(number)
    while at >= 0:
        end = at + len(number)
        before, after, then = source[at - 1 : at], source[end : end + 1], source[end + 1 : end + 2]
        if not (before.isdecimal() or (before and before in ".,")) and not (
            after.isdecimal() or (after and after in ".," and then.isdecimal())
        ):
            found.append((at, end))
            at = source.find(number, end)
        else:
            at = source.find(number, at + 1)
    return found


def _error(path: str, claim: str, span: tuple[int, int], source: str) -> Check:
    return Check(
        path=path,
        kind="evidence" if path.endswith("evidence") else "number",
        claim=claim,
        status="unsupported",
        span=span,
        found=source[span[0] : span[1]],
        reason="stands in text addressed to an AI or a summariser (prompt injection)",
    )
