"""report.html of an eval, beside report.json and report.md, with one review page per
predicted summary under pages/."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import SummarizerError
from ..render.html import render_html
from ..render.html_tables import render_eval_report
from ..schema import SourceInfo, SummaryResult, Usage
from .report import _GROUP_LABELS
from .runner import DocRun
from .score import HEADLINE

PAGES = "pages"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _page(run: DocRun, source: str) -> str:
    """The review page of one prediction, verified against its document when no verification
    came with it (a bare saved summary)."""
    from ..ingest import read_document
    from ..verify import verify

    try:
        doc = read_document(run.item.source)
    except SummarizerError as exc:
        info = SourceInfo(path=str(run.item.source), sha256="", chars=0)
        result = SummaryResult(
            source=info,
            summary=run.summary,
            verification=run.verification or verify(run.summary, ""),
            usage=run.usage or Usage(backend=source),
        )
        return render_html(result, None, f"Không đọc được văn bản nguồn: {exc.one_line()}")
    result = SummaryResult(
        source=SourceInfo(path=doc.path, sha256=doc.sha256, chars=doc.chars),
        summary=run.summary,
        verification=run.verification or verify(run.summary, doc.text),
        usage=run.usage or Usage(backend=source),
    )
    return render_html(result, doc.text)


def write_html_report(report: dict[str, Any], runs: Sequence[DocRun], out_dir: Path) -> Path:
    """Write out_dir/report.html and a review page per document that has a prediction."""
    pages_dir = out_dir / PAGES
    pages_dir.mkdir(parents=True, exist_ok=True)
    links = {}
    for run in runs:
        if run.status != "ok":
            continue
        _write(pages_dir / f"{run.item.name}.html", _page(run, str(report.get("source", ""))))
        links[run.item.name] = f"{PAGES}/{run.item.name}.html"
    path = out_dir / "report.html"
    _write(path, render_eval_report(report, _GROUP_LABELS, HEADLINE, links))
    return path
