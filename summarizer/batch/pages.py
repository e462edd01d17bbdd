"""A batch folder's review pages: `<name>.html` beside each `<name>.json`, and index.html.

Pages are rebuilt from the outputs on disk and the sources they name, so `summarizer report`
redraws them at any time; a source that moved or changed since its run gives a page without
the source side, saying so.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import SummarizerError
from ..render.html_tables import IndexRow, render_batch_index
from ..schema import SummaryResult
from .work import draw_page, page_items, shown_path, write_atomic

INDEX_HTML = "index.html"
Drawn = Mapping[tuple[str, str], int]  # (path, output) of a page a run drew -> its items
Facts = tuple[str, list[str], int, int]  # a page's status, alerts, items and errors


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
    draw_page(json_path, result, text, note)
    return result


def _facts(folder: Path, doc: dict[str, Any], drawn: Drawn) -> Facts | None:
    """The page's status, alerts, items and errors. A page this run drew as it wrote the output
    is not drawn again: the report's row and the items the run counted say all of it."""
    if doc.get("status") == "done":
        items = drawn.get((str(doc.get("path")), str(doc.get("output"))))
        if items is not None:
            status = "verified" if doc.get("verified") else "unverified"
            return (
                status,
                list(doc.get("alerts") or []),
                items,
                int(doc.get("unverified_claims") or 0),
            )
    result = write_page(folder, doc["output"], doc.get("path")) if doc.get("output") else None
    if doc.get("status") != "done" or result is None:
        return None
    status = "verified" if result.verification.verified else "unverified"
    alerts: list[str] = [a.code for a in result.alerts]
    return status, alerts, page_items(result), len(result.verification.failures)


def _row(folder: Path, doc: dict[str, Any], drawn: Drawn) -> IndexRow:
    name = shown_path(Path(doc["path"])) if doc.get("path") else str(doc.get("output"))
    usage = (doc.get("total_tokens"), doc.get("cost_usd"), doc.get("latency_s"))
    facts = _facts(folder, doc, drawn)
    if facts is None:
        return IndexRow(name, None, "failed", [], 0, 0, *usage, note=str(doc.get("error") or ""))
    status, alerts, items, errors = facts
    return IndexRow(
        name=name,
        href=Path(doc["output"]).with_suffix(".html").as_posix(),
        status=status,
        alerts=alerts,
        items=items,
        errors=errors,
        tokens=doc.get("total_tokens"),
        cost_usd=doc.get("cost_usd"),
        latency_s=doc.get("latency_s"),
    )


def write_pages(folder: Path, report: dict[str, Any], drawn: Drawn | None = None) -> Path:
    """Every done document's review page (but those this run drew as it wrote their outputs:
    `drawn` maps their paths and outputs to their items), then index.html over the report's
    documents."""
    drawn = {} if drawn is None else drawn
    rows = [_row(folder, doc, drawn) for doc in report["documents"]]
    index = folder / INDEX_HTML
    write_atomic(index, render_batch_index(str(folder), rows, report["totals"]))
    return index
