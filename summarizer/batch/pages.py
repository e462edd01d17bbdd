"""A batch folder's review pages: `<name>.html` beside each `<name>.json`, and index.html.

Pages are rebuilt from the outputs on disk and the sources they name, so `summarizer report`
redraws them at any time; a source that moved or changed since its run gives a page without
the source side, saying so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import SummarizerError
from ..render.html import render_html
from ..render.html_tables import IndexRow, render_batch_index
from ..schema import SummaryResult
from .work import shown_path, write_atomic

INDEX_HTML = "index.html"


def source_text(result: SummaryResult, path: str | None = None) -> tuple[str | None, str]:
    """The normalised text a result's spans index (read from `path`, the ledger's resolved
    path, when given), or None and why it cannot be had."""
    from ..ingest import read_document

    try:
        doc = read_document(path or result.source.path)
    except SummarizerError as exc:
        return None, f"Không đọc được văn bản nguồn: {exc.one_line()}"
    if doc.sha256 != result.source.sha256:
        return None, "Văn bản nguồn đã thay đổi từ lần chạy này; không đánh dấu được."
    return doc.text, ""


def write_page(folder: Path, output: str, path: str | None = None) -> SummaryResult | None:
    """Render `<name>.html` beside `<name>.json`; None when the output is not a result."""
    json_path = folder / output
    try:
        result = SummaryResult.model_validate_json(json_path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        return None
    text, note = source_text(result, path)
    write_atomic(json_path.with_suffix(".html"), render_html(result, text, note))
    return result


def _row(folder: Path, doc: dict[str, Any]) -> IndexRow:
    name = shown_path(Path(doc["path"])) if doc.get("path") else str(doc.get("output"))
    usage = (doc.get("total_tokens"), doc.get("cost_usd"), doc.get("latency_s"))
    result = write_page(folder, doc["output"], doc.get("path")) if doc.get("output") else None
    if doc.get("status") != "done" or result is None:
        return IndexRow(name, None, "failed", [], 0, 0, *usage, note=str(doc.get("error") or ""))
    s = result.summary
    items = len(s.achievements) + len(s.targets) + len(s.attendees) + len(s.awards)
    return IndexRow(
        name=name,
        href=Path(doc["output"]).with_suffix(".html").as_posix(),
        status="verified" if result.verification.verified else "unverified",
        alerts=[a.code for a in result.alerts],
        items=items,
        errors=len(result.verification.failures),
        tokens=doc.get("total_tokens"),
        cost_usd=doc.get("cost_usd"),
        latency_s=doc.get("latency_s"),
    )


def write_pages(folder: Path, report: dict[str, Any]) -> Path:
    """Every done document's review page, then index.html over the report's documents."""
    rows = [_row(folder, doc) for doc in report["documents"]]
    index = folder / INDEX_HTML
    write_atomic(index, render_batch_index(str(folder), rows, report["totals"]))
    return index
