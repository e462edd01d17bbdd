"""The overview pages: a batch folder's index.html and an eval's report.html."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from .html_assets import TABLE_JS, page

_STATUS = {"verified": "đã kiểm chứng", "unverified": "có lỗi", "failed": "thất bại"}


@dataclass(frozen=True)
class IndexRow:
    """One document of a batch as the index shows it."""

    name: str
    href: str | None  # its review page, relative to the index; None when there is none
    status: str  # verified | unverified | failed
    alerts: Sequence[str]
    items: int
    errors: int
    tokens: int | None
    cost_usd: float | None
    latency_s: float | None
    note: str = ""


def _num(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return '<td class="num" data-sort="-1">—</td>'
    shown = f"{value:.{digits}f}" if digits else f"{value}"
    return f'<td class="num" data-sort="{value}">{shown}</td>'


def _link(name: str, href: str | None) -> str:
    return f'<a href="{escape(href)}">{escape(name)}</a>' if href else escape(name)


def _table(head: Sequence[str], rows: Sequence[str], foot: str = "", cls: str = "") -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    tfoot = f"<tfoot>{foot}</tfoot>" if foot else ""
    return (
        f'<table class="grid {cls}"><thead><tr>{th}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>{tfoot}</table>"
    )


def render_batch_index(folder: str, rows: Sequence[IndexRow], totals: Mapping[str, Any]) -> str:
    """index.html of a batch folder: a sortable table of its documents and the run's totals."""
    body_rows = []
    for r in rows:
        tone = {"verified": "exact", "unverified": "error", "failed": "error"}[r.status]
        alerts = ", ".join(r.alerts)
        body_rows.append(
            f'<tr data-status="{r.status}"><td>{_link(r.name, r.href)}'
            f"{'<br><small>' + escape(r.note) + '</small>' if r.note else ''}</td>"
            f'<td class="tone-{tone}" data-sort="{r.status}">{_STATUS[r.status]}</td>'
            f'<td data-sort="{len(r.alerts)}">{escape(alerts) or "—"}</td>'
            f"{_num(r.items)}{_num(r.errors)}{_num(r.tokens)}"
            f"{_num(r.cost_usd, 6)}{_num(r.latency_s, 2)}</tr>"
        )
    cost = totals.get("cost_usd")
    foot = (
        f"<tr><td>Tổng: {totals.get('documents', len(rows))} văn bản</td>"
        f"<td>{totals.get('verified', 0)} kiểm chứng, {totals.get('unverified', 0)} có lỗi, "
        f"{totals.get('failed', 0)} thất bại</td>"
        f"<td>{sum(1 for r in rows if r.alerts)}</td>{_num(sum(r.items for r in rows))}"
        f"{_num(sum(r.errors for r in rows))}{_num(totals.get('total_tokens'))}"
        f"{_num(cost, 6)}{_num(totals.get('latency_s'), 2)}</tr>"
    )
    head = [
        "Văn bản",
        "Trạng thái",
        "Cảnh báo",
        "Mục",
        "Lỗi",
        "Token",
        "Chi phí (USD)",
        "Thời gian (s)",
    ]
    body = (
        f'<div class="page"><h1>Lô văn bản: {escape(folder)}</h1>'
        "<p>Bấm tiêu đề cột để sắp xếp; bấm tên văn bản để xem tóm tắt trên văn bản nguồn.</p>"
        f"{_table(head, body_rows, foot, 'sortable')}</div>"
    )
    return page(f"Lô văn bản: {folder}", body, TABLE_JS)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _groups(scores: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    rows = []
    for name, label in labels.items():
        g = scores["groups"][name]
        rows.append(
            f"<tr><td>{escape(label)}</td>{_num(g['tp'])}{_num(g['pred'])}{_num(g['gold'])}"
            + "".join(_num(g[k], 3) for k in ("precision", "recall", "f1"))
            + "</tr>"
        )
    head = ["Nhóm", "Khớp", "Dự đoán", "Chuẩn", "P", "R", "F1"]
    return _table(head, rows)


def _misses(entry: Mapping[str, Any]) -> str:
    parts = []
    for group, found in (entry.get("misses") or {}).items():
        if group == "scalars":
            for field, pair in (found or {}).items():
                parts.append(
                    f"<li><b>{escape(field)}</b>: dự đoán {escape(str(pair.get('pred')))}, "
                    f"chuẩn {escape(str(pair.get('gold')))}</li>"
                )
            continue
        for kind, label in (("missed", "thiếu"), ("extra", "thừa")):
            for text in (found or {}).get(kind, []):
                parts.append(f"<li><b>{escape(group)}</b> {label}: {escape(str(text))}</li>")
    return f"<ul>{''.join(parts)}</ul>" if parts else "—"


def render_eval_report(
    report: Mapping[str, Any],
    labels: Mapping[str, str],
    headline: Sequence[tuple[str, str]],
    pages: Mapping[str, str],
) -> str:
    """report.html of an eval: per-field P/R/F1, per-document scores, what was missed and
    what was spurious, each document linking to its predicted summary's review page."""
    heads = "".join(
        f"<tr><td>{escape(label)}</td>{_num(report['headline'].get(key), 3)}</tr>"
        for key, label in headline
    )
    short = [label for _, label in headline[:8]]
    doc_rows = []
    for e in report["per_document"]:
        h = e["headline"]
        doc_rows.append(
            f"<tr><td>{_link(e['name'], pages.get(e['name']))}</td><td>{escape(e['status'])}</td>"
            f"{_num(e['rank'], 3)}"
            + "".join(_num(h.get(key), 3) for key, _ in headline[:8])
            + f"{_num(e.get('total_tokens'))}{_num(e.get('cost_usd'), 6)}</tr>"
        )
    miss_rows = [
        f"<tr><td>{_link(e['name'], pages.get(e['name']))}</td><td>{_misses(e)}</td></tr>"
        for e in report["per_document"]
    ]
    body = (
        f'<div class="page"><h1>Đánh giá {escape(str(report.get("source", "")))} trên '
        f"{escape(str(report.get('gold_dir', '')))} ({report['documents']} văn bản)</h1>"
        f"<h2>Chỉ số chính</h2>{_table(['Chỉ số', 'Giá trị'], [heads])}"
        f"<h2>Theo nhóm trường (P/R/F1)</h2>{_groups(report['scores'], labels)}"
        "<h2>Theo văn bản</h2>"
        + _table(
            ["Văn bản", "Trạng thái", "Trung bình", *short, "Token", "Chi phí"],
            doc_rows,
            cls="sortable",
        )
        + "<h2>Thiếu và thừa theo văn bản</h2>"
        + _table(["Văn bản", "Mục thiếu (chuẩn có, dự đoán không) và thừa"], miss_rows)
        + "</div>"
    )
    return page("Báo cáo đánh giá", body, TABLE_JS)
