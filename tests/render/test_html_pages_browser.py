"""The batch index and the eval report in headless chromium: links, sorting, totals."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from summarizer.backends import make_backend
from summarizer.batch import BatchOptions, run_batch, write_report
from summarizer.config import Settings
from summarizer.evaluation import build_report, evaluate, load_gold_set, run_backend
from summarizer.evaluation.html_report import write_html_report

pytestmark = pytest.mark.browser
GOLD = Path(__file__).parents[2] / "eval" / "gold"
RULES = Settings(backend="rules", backend_chosen=True)


def test_batch_writes_a_page_per_document_and_a_sortable_index(browser_page, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for source in sorted(GOLD.glob("*.txt"))[:3]:
        shutil.copy(source, docs / source.name)
    out = tmp_path / "out"
    # in a thread: the batch runs its own event loop, and Playwright's is running in this one
    with ThreadPoolExecutor(1) as pool:
        options = BatchOptions(out=out, concurrency=1)
        pool.submit(run_batch, sorted(docs.iterdir()), RULES, options).result()
    pages = sorted(out.glob("*.html"))
    assert [p.name for p in pages if p.name != "index.html"] == [
        p.with_suffix(".html").name for p in sorted(out.glob("*.json")) if p.name != "report.json"
    ]
    (out / "index.html").unlink()
    write_report(out)  # `summarizer report DIR` redraws it
    browser_page.goto((out / "index.html").as_uri())
    rows = browser_page.locator("tbody tr")
    assert rows.count() == 3
    assert "Tổng: 3 văn bản" in browser_page.locator("tfoot").text_content()
    names = [rows.nth(i).locator("td").first.text_content() for i in range(3)]
    browser_page.locator("thead th").first.click()
    browser_page.locator("thead th").first.click()  # descending
    after = [rows.nth(i).locator("td").first.text_content() for i in range(3)]
    assert after == sorted(names, reverse=True)
    browser_page.screenshot(path=str(tmp_path / "index.png"))
    rows.first.locator("a").click()
    assert browser_page.locator("#source mark[data-path]").count() > 0
    assert browser_page.errors == [] and browser_page.outside == []


def test_eval_report_links_each_document_to_its_review_page(browser_page, tmp_path):
    items = load_gold_set(GOLD)[:3]
    runs = run_backend(items, make_backend(RULES), max_bytes=RULES.max_bytes)
    report = build_report(evaluate(runs), {"gold_dir": str(GOLD), "source": "rules"})
    path = write_html_report(report, runs, tmp_path)
    browser_page.goto(path.as_uri())
    text = browser_page.text_content("body")
    assert "Theo nhóm trường (P/R/F1)" in text and "Thiếu và thừa theo văn bản" in text
    links = browser_page.locator("a")
    assert links.count() >= 3
    browser_page.screenshot(path=str(tmp_path / "eval.png"), full_page=True)
    links.first.click()
    assert browser_page.locator("#source mark[data-path]").count() > 0
    assert browser_page.errors == [] and browser_page.outside == []
