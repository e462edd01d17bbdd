"""The review page: a summary beside its source, every check's span marked, in one HTML file.

Contract other tools rely on: inside `#source`, whose text content is the normalised source
text, each drawn check is a `<mark data-path="..." data-status="..." data-check="i">` whose
text is exactly the source text at the check's span (see html_spans for overlapping spans).
Every piece of document or model text is escaped; nothing is fetched from outside the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from ..schema import Check, SummaryResult
from .html_assets import REVIEW_JS, json_for_script, page
from .html_spans import Mark, nest, render_source
from .markdown import _ROLES, _SECTORS

TONE_LABELS = {
    "exact": "khớp",
    "normalized": "khớp (chuẩn hoá)",
    "warning": "cảnh báo",
    "error": "lỗi",
    "none": "chưa kiểm",
}
_RANK = {"none": 0, "exact": 1, "normalized": 2, "warning": 3, "error": 4}
_HEADER = (
    ("title", "Tiêu đề"),
    ("organization", "Cơ quan"),
    ("province", "Tỉnh/thành"),
    ("event_date", "Ngày sự kiện"),
    ("published_date", "Ngày đăng"),
    ("period", "Kỳ báo cáo"),
    ("next_period", "Kỳ tới"),
    ("overview", "Tóm tắt"),
)
_ALERTS = {
    "off_topic": "Ngoài phạm vi",
    "prompt_injection": "Có câu lệnh nhắm vào AI",
    "unverified": "Chưa kiểm chứng",
    "empty_summary": "Tóm tắt rỗng",
    "cut": "Văn bản bị cắt",
}


_EMPTY = '<li class="empty">—</li>'


def tone(check: Check) -> str:
    """The colour a check is shown in: its severity when it has one, else its status."""
    return check.severity or check.status


class _Checks:
    """The checks of one summary, looked up by the item path they belong to (indexed once:
    a long report has thousands of items and tens of thousands of checks)."""

    def __init__(self, checks: Sequence[Check]) -> None:
        self.by_item: dict[str, list[Check]] = {}
        for check in checks:
            path = check.path
            cuts = [i for i, ch in enumerate(path) if ch in ".["] + [len(path)]
            for cut in dict.fromkeys(cuts):
                self.by_item.setdefault(path[:cut], []).append(check)

    def of(self, item: str) -> list[Check]:
        return self.by_item.get(item, [])

    def tone_of(self, item: str) -> str:
        tones = [tone(c) for c in self.of(item)]
        return max(tones, key=_RANK.__getitem__) if tones else "none"


def _badge(checks: _Checks, item: str) -> str:
    """The item's badge; its hover names the doubtful checks (the full list is drawn by the
    page's script when the item is picked, from the checks' JSON: a long report stays small)."""
    kind = checks.tone_of(item)
    doubtful = [c for c in checks.of(item) if c.severity]
    hover = "\n".join(f"{c.path}: {TONE_LABELS[tone(c)]} — {c.reason}" for c in doubtful)
    return (
        f'<span class="badge" data-tone="{kind}" title="{escape(hover)}">'
        f"{escape(TONE_LABELS[kind])}</span>"
    )


def _item(checks: _Checks, path: str, inner: str, tag: str = "li", cls: str = "item") -> str:
    kind = checks.tone_of(path)
    return (
        f'<{tag} class="{cls}" data-item="{escape(path)}" data-tone="{kind}">'
        f"{inner}{_badge(checks, path)}</{tag}>"
    )


def _header(result: SummaryResult, checks: _Checks) -> str:
    rows = []
    for field, label in _HEADER:
        value = getattr(result.summary, field)
        shown = "—" if value in (None, "") else str(value)
        inner = f'<span class="field-name">{label}</span> {escape(shown)}'
        rows.append(_item(checks, field, inner))
    return f'<h2>Thông tin chung</h2><ul class="items">{"".join(rows)}</ul>'


def _metrics(checks: _Checks, path: str, metrics: Iterable) -> str:
    chips = [
        _item(checks, f"{path}.metrics[{j}]", escape(m.text), tag="span", cls="metric")
        for j, m in enumerate(metrics)
    ]
    return f"<div>{''.join(chips)}</div>" if chips else ""


def _work_items(result: SummaryResult, checks: _Checks, group: str, title: str) -> str:
    items = getattr(result.summary, group)
    rows = []
    for i, item in enumerate(items):
        path = f"{group}[{i}]"
        deadline = getattr(item, "deadline", None)
        when = f" <small>(thời hạn: {escape(deadline)})</small>" if deadline else ""
        inner = (
            f'<span class="sector">{_SECTORS.get(item.sector, escape(item.sector))}</span> '
            f"{escape(item.description)}{when}{_metrics(checks, path, item.metrics)}"
        )
        rows.append(_item(checks, path, inner))
    body = "".join(rows) or _EMPTY
    return f'<h2>{title} ({len(items)})</h2><ul class="items">{body}</ul>'


def _people(result: SummaryResult, checks: _Checks) -> str:
    rows = []
    for i, person in enumerate(result.summary.attendees):
        role = f" <small>({_ROLES[person.role]})</small>" if person.role else ""
        titles = f" — {escape(', '.join(person.titles))}" if person.titles else ""
        rows.append(_item(checks, f"attendees[{i}]", f"<b>{escape(person.name)}</b>{titles}{role}"))
    body = "".join(rows) or _EMPTY
    return f'<h2>Thành phần tham dự ({len(rows)})</h2><ul class="items">{body}</ul>'


def _awards(result: SummaryResult, checks: _Checks) -> str:
    rows = []
    for i, award in enumerate(result.summary.awards):
        parts = [f"<b>{escape(award.award)}</b>"]
        if award.conferred_by:
            parts.append(f"của {escape(award.conferred_by)}")
        if award.recipient:
            parts.append(f"cho {escape(award.recipient)}")
        counts = [
            f"{n} {noun}"
            for n, noun in ((award.collectives, "tập thể"), (award.individuals, "cá nhân"))
            if n is not None
        ]
        if counts:
            parts.append(f"({escape(', '.join(counts))})")
        if award.reason:
            parts.append(f"— {escape(award.reason)}")
        rows.append(_item(checks, f"awards[{i}]", " ".join(parts)))
    body = "".join(rows) or _EMPTY
    return f'<h2>Khen thưởng ({len(rows)})</h2><ul class="items">{body}</ul>'


def _alerts(result: SummaryResult) -> str:
    if not result.alerts:
        return ""
    rows = []
    for i, alert in enumerate(result.alerts):
        label = _ALERTS.get(alert.code, alert.code)
        go = (
            f' <button type="button" data-goto-alert="{i}">xem trong văn bản</button>'
            if alert.span
            else ""
        )
        rows.append(
            f'<li data-alert-code="{escape(alert.code)}"><b>{escape(label)}</b>: '
            f"{escape(alert.message)}{go}</li>"
        )
    return f'<ul class="alerts" role="alert">{"".join(rows)}</ul>'


def _marks(result: SummaryResult) -> list[Mark]:
    marks = []
    for i, check in enumerate(result.verification.checks):
        if check.span is None:
            continue
        attrs: tuple[tuple[str, str], ...] = (
            ("data-path", check.path),
            ("data-status", check.status),
            ("data-tone", tone(check)),
            ("data-check", str(i)),
        )
        marks.append(Mark(check.span[0], check.span[1], attrs, i))
    offset = len(result.verification.checks)
    for i, alert in enumerate(result.alerts):
        if alert.span is not None:
            alert_attrs = (("data-alert", str(alert.code)), ("data-alert-index", str(i)))
            marks.append(Mark(alert.span[0], alert.span[1], alert_attrs, offset + i))
    return marks


def _footer(result: SummaryResult) -> str:
    u, src = result.usage, result.source
    cost = "—" if u.cost_usd is None else f"{u.cost_usd:.6f} USD"
    parts = [
        f"Backend: {escape(u.backend)}",
        f"Mô hình: {escape(u.model or '—')}",
        f"Phiên bản prompt: {escape(u.prompt_version or '—')}",
        f"Token: {u.prompt_tokens} vào ({u.cached_prompt_tokens} cache) + "
        f"{u.completion_tokens} ra = {u.total_tokens}",
        f"Chi phí: {cost}",
        f"Thời gian: {u.latency_s:.2f} s",
        f"Nguồn: {escape(src.path)} ({src.chars} ký tự, sha256 {escape(src.sha256[:12])}…)",
    ]
    return "<footer>" + "".join(f"<span>{p}</span>" for p in parts) + "</footer>"


def _counts(result: SummaryResult, drawn: int, spanned: int) -> str:
    counts = result.verification.counts
    errors = len(result.verification.failures)
    verdict = "đã kiểm chứng" if result.verification.verified else f"{errors} lỗi"
    return (
        '<div class="counts">'
        f'<span class="tone-{"exact" if result.verification.verified else "error"}">{verdict}</span>'
        f"<span>khớp {counts.get('exact', 0)}</span>"
        f"<span>chuẩn hoá {counts.get('normalized', 0)}</span>"
        f"<span>cảnh báo {counts.get('warnings', 0)}</span>"
        f"<span>đánh dấu {drawn}/{spanned} đoạn</span></div>"
    )


def render_html(result: SummaryResult, source_text: str | None, note: str = "") -> str:
    """The whole review page for one result over the normalised source text its spans index;
    without the text (the file moved or changed), the summary side alone and `note` saying why."""
    checks = _Checks(result.verification.checks)
    text = source_text or ""
    kept, _ = nest(_marks(result), len(text)) if source_text is not None else ([], [])
    drawn_ids = {int(dict(m.attrs)["data-check"]) for m in kept if "data-check" in dict(m.attrs)}
    data = [  # every check for the reasons list; "drawn": false when only a Range can show it
        {
            "path": c.path,
            "span": c.span,
            "tone": tone(c),
            "label": TONE_LABELS[tone(c)],
            "reason": c.reason,
            "drawn": i in drawn_ids,
        }
        for i, c in enumerate(result.verification.checks)
    ]
    spanned = sum(1 for c in result.verification.checks if c.span is not None)
    title = result.summary.title or result.source.path
    top = (
        f'<header class="top"><h1>{escape(title)}</h1>'
        f"{_counts(result, len(drawn_ids), spanned)}"
        '<label><input type="checkbox" id="only-problems"> chỉ hiện lỗi</label></header>'
    )
    summary = (
        '<section class="summary" aria-label="Tóm tắt">'
        + _header(result, checks)
        + _work_items(result, checks, "achievements", "Kết quả đạt được")
        + _work_items(result, checks, "targets", "Nhiệm vụ, chỉ tiêu")
        + _people(result, checks)
        + _awards(result, checks)
        + "</section>"
    )
    source = (
        '<section class="source" aria-label="Văn bản nguồn"><h2>Văn bản nguồn</h2>'
        + (f'<p class="tone-error">{escape(note)}</p>' if note else "")
        + f'<div id="source">{render_source(text, kept)}</div></section>'
    )
    body = (
        f'{top}{_alerts(result)}<main class="review">{summary}{source}</main>{_footer(result)}'
        f'<script type="application/json" id="checks-data">{json_for_script(data)}</script>'
    )
    return page(f"Tóm tắt: {title}", body, REVIEW_JS, "review-page")
