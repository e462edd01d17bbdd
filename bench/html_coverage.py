"""How many spanned checks the review page marks, on every annotated document, in chromium.

A check counts as marked when the page holds a <mark data-check=i> whose text is exactly the
source text at the check's span; a mark with other text is counted as misplaced.

    .venv/bin/python bench/html_coverage.py [eval/gold eval/extra eval/wild eval/hard]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from summarizer.backends import make_backend
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.pipeline import summarize_document
from summarizer.render import render_html
from summarizer.testing.browser import CHROMIUM, CHROMIUM_ARGS

MARKS = """() => Array.from(document.querySelectorAll('#source mark[data-check]'),
  m => [Number(m.dataset.check), m.textContent])"""
SUFFIXES = (".txt", ".md", ".html", ".htm")


def documents(folders: list[str]) -> list[Path]:
    return sorted(
        p
        for folder in folders
        for p in Path(folder).iterdir()
        if p.suffix in SUFFIXES and p.with_name(p.stem + ".gold.json").exists()
    )


def main(folders: list[str]) -> None:
    backend = make_backend(Settings(backend="rules", backend_chosen=True))
    totals = {"spanned": 0, "marked": 0, "misplaced": 0}
    worst: list[tuple[float, str]] = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for path in documents(folders):
            doc = read_document(path)
            result = summarize_document(doc, backend)
            out = Path(tmp) / "page.html"
            out.write_text(render_html(result, doc.text), encoding="utf-8")
            page.goto(out.as_uri())
            checks = result.verification.checks
            spanned = sum(1 for c in checks if c.span is not None)
            marked = misplaced = 0
            for index, text in page.evaluate(MARKS):
                start, end = checks[index].span
                if text == doc.text[start:end]:
                    marked += 1
                else:
                    misplaced += 1
            totals["spanned"] += spanned
            totals["marked"] += marked
            totals["misplaced"] += misplaced
            worst.append((marked / spanned if spanned else 1.0, str(path)))
        browser.close()
    share = totals["marked"] / totals["spanned"] if totals["spanned"] else 1.0
    print(f"documents: {len(worst)}")
    print(
        f"checks with a span: {totals['spanned']}; marked exactly: {totals['marked']} "
        f"({share:.2%}); misplaced: {totals['misplaced']}"
    )
    for ratio, name in sorted(worst)[:3]:
        print(f"lowest: {ratio:.2%} {name}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["eval/gold", "eval/extra", "eval/wild", "eval/hard"])
