"""Open time of a review page over a 2 MB report in headless chromium.

The report is every annotated document's text, repeated until it passes 2 MB of UTF-8; its
summary is each part's rules summary with spans shifted and item indices renumbered, so the page
carries every mark and item a real summary of that text would.

    .venv/bin/python bench/html_open_time.py [MEGABYTES]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from summarizer.backends import make_backend
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.pipeline import summarize_document
from summarizer.render import render_html
from summarizer.schema import ReportSummary, SourceInfo, SummaryResult, Usage, VerificationReport
from summarizer.testing.browser import CHROMIUM, CHROMIUM_ARGS

sys.path.insert(0, str(Path(__file__).parent))
from html_coverage import documents

GROUPS = ("achievements", "targets", "attendees", "awards")


def _shift(check, offset: int, counts: dict[str, int]):
    path = re.sub(
        r"^(\w+)\[(\d+)\]", lambda m: f"{m[1]}[{int(m[2]) + counts.get(m[1], 0)}]", check.path
    )
    span = None if check.span is None else (check.span[0] + offset, check.span[1] + offset)
    return check.model_copy(update={"path": path, "span": span})


def big_result(megabytes: float) -> tuple[SummaryResult, str]:
    backend = make_backend(Settings(backend="rules", backend_chosen=True))
    parts = []
    for path in documents(["eval/gold", "eval/extra", "eval/wild", "eval/hard"]):
        doc = read_document(path)
        parts.append((doc.text + "\n\n", summarize_document(doc, backend)))
    text, checks = "", []
    lists: dict[str, list] = {g: [] for g in GROUPS}
    while len(text.encode()) < megabytes * 1_000_000:
        for part, result in parts:
            counts = {g: len(lists[g]) for g in GROUPS}
            checks += [
                _shift(c, len(text), counts)
                for c in result.verification.checks
                if c.path.split("[")[0] in GROUPS
            ]
            for g in GROUPS:
                lists[g] += getattr(result.summary, g)
            text += part
    summary = ReportSummary(title="Báo cáo 2 MB", **lists)
    source = SourceInfo(path="big.txt", sha256="0" * 64, chars=len(text))
    result = SummaryResult(
        source=source,
        summary=summary,
        verification=VerificationReport.from_checks(checks),
        usage=Usage(backend="rules"),
    )
    return result, text


def main(megabytes: float) -> None:
    result, text = big_result(megabytes)
    started = time.perf_counter()
    page_html = render_html(result, text)
    render_s = time.perf_counter() - started
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.html"
        out.write_text(page_html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(out.as_uri(), wait_until="load", timeout=300_000)
        page.locator(".item[data-item]").first.wait_for()
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        page.locator('.item[data-item="achievements[0]"]').click()
        page.locator("#source mark.active").first.wait_for()
        click_s = time.perf_counter() - started
        timing = page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0];"
            " return [t.domInteractive, t.domContentLoadedEventEnd, t.loadEventEnd]; }"
        )
        marks = page.evaluate("() => document.querySelectorAll('#source mark').length")
        browser.close()
    size = out_size = len(page_html.encode())
    print(f"source text: {len(text.encode()) / 1e6:.2f} MB, {len(text)} chars")
    print(f"page: {size / 1e6:.2f} MB, {len(result.verification.checks)} checks, {marks} marks")
    print(f"render in Python: {render_s:.2f} s")
    print(f"open in chromium (navigation to load event, items ready): {load_s:.2f} s")
    print(
        "navigation timing (ms): DOM parsed {:.0f}, DOMContentLoaded done {:.0f}, "
        "load done {:.0f}".format(*timing)
    )
    print(f"click an item until its evidence is marked: {click_s:.2f} s")
    del out_size


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 2.0)
