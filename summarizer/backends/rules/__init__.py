"""The offline rules backend: Vietnamese cues of the genre, no model, no network."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ...ingest import Document
from ...ingest.injection import without_injections
from ...numbers import NumberMention, find_numbers
from ...schema import Achievement, Metric, ReportSummary, Target, Usage
from ..base import Extraction, SyncBackend
from .awards import extract_awards
from .items import Draft, find_items
from .meta import DEFAULT_ORGANIZATION, Meta, extract_meta
from .metrics import metrics_in
from .overview import build_overview
from .people import extract_attendees
from .phrases import cut_at_clause
from .scope import in_scope, is_report_text, mentions_own_agency
from .segment import segment

_DESCRIPTION_WORDS = 25
_DESCRIPTION_LIMIT = 40  # words a description may run to, to end at a clause boundary


class RulesBackend(SyncBackend):
    name = "rules"

    def extract(self, doc: Document) -> Extraction:
        return Extraction(summary=summarize(doc), usage=Usage(backend=self.name))


def _describe(evidence: str) -> str:
    """A short phrase for the claim: its evidence, capitalised, never cut inside a phrase."""
    evidence = cut_at_clause(evidence, _DESCRIPTION_WORDS, _DESCRIPTION_LIMIT)
    return evidence[:1].upper() + evidence[1:]


def _key(metric: Metric) -> tuple[float, float | None, bool]:
    return (metric.value, metric.total, metric.unit == "%")


def _distinctive(key: tuple[float, float | None, bool]) -> bool:
    """A figure too specific to recur by chance: a decimal, or a count in the thousands."""
    value, total, percent = key
    return not percent and (total is not None or not value.is_integer() or value >= 1000)


def _repeats(item: Achievement, other: Achievement) -> bool:
    """Whether item restates figures that other gives in full (a lead repeating the body)."""
    mine, theirs = {_key(m) for m in item.metrics}, {_key(m) for m in other.metrics}
    if not mine or not mine <= theirs or len(theirs) <= len(mine):
        return False
    return any(_distinctive(k) for k in mine)


def _drop_repeats(items: list[Achievement]) -> list[Achievement]:
    return [a for a in items if not any(_repeats(a, b) for b in items if b is not a)]


def _build(
    article: str, mentions: Sequence[NumberMention], drafts: list[Draft]
) -> tuple[list[Achievement], list[Target]]:
    achievements: list[Achievement] = []
    targets: list[Target] = []
    for draft in drafts:
        fields: dict[str, Any] = {
            "sector": draft.sector,
            "description": _describe(draft.span.text),
            "metrics": metrics_in(article, mentions, draft.span.start, draft.span.end),
            "evidence": draft.span.text,
        }
        if draft.kind == "target":
            targets.append(Target(**fields, deadline=draft.deadline))
        else:
            achievements.append(Achievement(**fields))
    return _drop_repeats(achievements), targets


def summarize(doc: Document) -> ReportSummary:
    """The whole summary of one document, read from its article less any injected line."""
    doc = dataclasses.replace(doc, article=without_injections(doc.article))
    article = doc.article
    meta = extract_meta(doc)
    if not in_scope(article, meta.title):
        return _off_topic(article, meta)
    paragraphs = segment(article)
    drafts = find_items(article, paragraphs, meta.period, meta.next_period, meta.title)
    achievements, targets = _build(article, find_numbers(article), drafts)
    overview = build_overview(paragraphs, achievements, targets)
    return ReportSummary(
        **_header(meta),
        overview=overview,
        achievements=achievements,
        targets=targets,
        attendees=extract_attendees(article),
        awards=extract_awards(article),
    )


def _header(meta: Meta) -> dict:
    return {
        "title": meta.title,
        "organization": meta.organization,
        "province": meta.province,
        "event_date": meta.event_date,
        "published_date": meta.published_date,
        "period": meta.period,
        "next_period": meta.next_period,
    }


def _off_topic(article: str, meta: Meta) -> ReportSummary:
    """Another sector's news or no report at all: the header, one sentence, no items."""
    header = _header(meta)
    if meta.organization == DEFAULT_ORGANIZATION and not mentions_own_agency(article):
        header["organization"] = ""
    if not is_report_text(article):
        overview = "Tài liệu không phải bản tin hay báo cáo của ngành thông tin và truyền thông."
    elif header["organization"]:
        overview = (
            f"Bài viết về hoạt động của {header['organization']}, không thuộc lĩnh vực thông tin "
            "và truyền thông."
        )
    else:
        overview = "Bài viết về lĩnh vực khác, không thuộc lĩnh vực thông tin và truyền thông."
    return ReportSummary(**header, overview=overview, in_scope=False)
