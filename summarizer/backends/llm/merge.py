"""Merging the summaries of a long document's parts into one.

Items seen twice (parts overlap) are kept once: attendees by name, awards by honour and
conferring authority, metrics by value and text, achievements and targets by evidence. Header
fields take the value most parts agree on, the earliest on a tie; the overview is the first one.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from ...schema import Achievement, Attendee, Award, Metric, ReportSummary, Target

T = TypeVar("T")

SCALARS = (
    "title",
    "organization",
    "province",
    "event_date",
    "published_date",
    "period",
    "next_period",
)
ROLE_ORDER = ("chair", "speaker", "presenter", "guest")


def key_text(text: str | None) -> str:
    """Text compared loosely: NFC, case-folded, white space folded."""
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def merge_summaries(summaries: list[ReportSummary]) -> ReportSummary:
    if not summaries:
        return ReportSummary()
    if len(summaries) == 1:
        return summaries[0]
    fields: dict[str, Any] = {
        name: majority(getattr(s, name) for s in summaries) for name in SCALARS
    }
    fields["overview"] = next((s.overview for s in summaries if s.overview.strip()), "")
    fields["achievements"] = _items([a for s in summaries for a in s.achievements])
    fields["targets"] = _items([t for s in summaries for t in s.targets])
    fields["attendees"] = _attendees([a for s in summaries for a in s.attendees])
    fields["awards"] = _awards([a for s in summaries for a in s.awards])
    if fields["organization"] is None:
        fields.pop("organization")
    return ReportSummary(**fields)


def majority(values: Iterable[Any]) -> Any:
    """The most frequent non-null value; the first seen wins a tie; None when all are null."""
    present = [v for v in values if v is not None and v != ""]
    if not present:
        return None
    counts = Counter(_hashable(v) for v in present)
    best = max(counts.values())
    return next(v for v in present if counts[_hashable(v)] == best)


def _hashable(value: Any) -> Hashable:
    return key_text(value) if isinstance(value, str) else value


def _group(items: list[T], key: Callable[[T], Hashable]) -> list[list[T]]:
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def _metrics(metrics: Iterable[Metric]) -> list[Metric]:
    return [group[0] for group in _group(list(metrics), lambda m: (m.value, key_text(m.text)))]


def _items(items: list[Achievement]) -> list[Any]:
    merged = []
    for group in _group(items, lambda item: key_text(item.evidence)):
        first = group[0]
        update: dict[str, Any] = {"metrics": _metrics(m for item in group for m in item.metrics)}
        if isinstance(first, Target):
            update["deadline"] = next(
                (t.deadline for t in group if isinstance(t, Target) and t.deadline), None
            )
        merged.append(first.model_copy(update=update))
    return merged


def _attendees(attendees: list[Attendee]) -> list[Attendee]:
    merged = []
    for group in _group(attendees, lambda a: key_text(a.name)):
        titles: list[str] = []
        for attendee in group:
            titles += [t for t in attendee.titles if key_text(t) not in map(key_text, titles)]
        roles = [a.role for a in group if a.role is not None]
        role = min(roles, key=ROLE_ORDER.index) if roles else None
        merged.append(group[0].model_copy(update={"titles": titles, "role": role}))
    return merged


def _awards(awards: list[Award]) -> list[Award]:
    merged = []
    for group in _group(awards, lambda a: (key_text(a.award), key_text(a.conferred_by))):
        update = {
            name: next((getattr(a, name) for a in group if getattr(a, name) is not None), None)
            for name in ("recipient", "collectives", "individuals", "reason")
        }
        merged.append(group[0].model_copy(update=update))
    return merged
