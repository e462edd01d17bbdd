"""Markdown briefs and batch reports show hostile text from a document, a model answer or a
file name as text: no raw HTML, no live link."""

import re
from pathlib import Path

from summarizer.backends import make_backend
from summarizer.batch import BatchOptions, run_batch
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.pipeline import summarize_document
from summarizer.render import render_markdown
from summarizer.render.escape import md

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[bấm vào đây](javascript:alert(1))",
    "![x](http://evil.example/p.png)",
]
NAME = "<img src=x onerror=alert(1)>[x](javascript:alert(1)).txt"


def assert_inert(text: str) -> None:
    assert "<script" not in text and "<img" not in text
    assert not re.search(r"(?<!\\)\]\(", text)  # no "](" that is not backslashed: no link


def hostile_report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME
    lines = [
        f"Sở Thông tin và Truyền thông tỉnh Hà Giang {HOSTILE[0]} tổng kết năm 2023",
        f"Năm 2023, Sở đã cấp 120 chứng thư số {HOSTILE[1]} cho cán bộ, công chức {HOSTILE[2]}.",
        f"Ông Nguyễn Văn A {HOSTILE[3]}, Giám đốc Sở, chủ trì hội nghị.",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_markdown_brief_carries_no_live_markup(tmp_path):
    path = hostile_report(tmp_path)
    result = summarize_document(read_document(path), make_backend(Settings()))
    summary = result.summary.model_copy(update={"title": HOSTILE[2] + HOSTILE[0]})
    text = render_markdown(result.model_copy(update={"summary": summary}))
    assert "alert(1)" in text  # shown as text
    assert_inert(text)


def test_the_batch_report_carries_no_live_markup(tmp_path):
    path = hostile_report(tmp_path / "in")
    outcome = run_batch([path.resolve()], Settings(), BatchOptions(out=tmp_path / "out"))
    text = outcome.report_md.read_text(encoding="utf-8")
    assert "onerror" in text
    assert_inert(text)


def test_md_escapes_html_and_link_syntax():
    assert md("a <b> & [c](d)") == "a &lt;b&gt; &amp; \\[c\\](d)"
