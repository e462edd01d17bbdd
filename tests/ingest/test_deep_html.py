"""A page nested deeper than the HTML tree parser builds is still read: its text, not "no
visible text"."""

from pathlib import Path

from summarizer.backends.rules import RulesBackend
from summarizer.ingest import read_document
from summarizer.ingest.flathtml import flat_text
from summarizer.ingest.webpage import _HIDDEN_TAGS, _HTML_BLOCKS, _HTML_CELLS, read_page
from summarizer.pipeline import summarize_document

REPORT = (
    "<h1>Sở Thông tin và Truyền thông tổng kết năm 2023</h1>"
    "<p>Ngày 12/01/2024, Sở Thông tin và Truyền thông tỉnh Hà Giang tổ chức hội nghị.</p>"
    "<script>var hidden = 1;</script><p style='display: none'>Không hiện</p>"
    "<p>Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp 120 chứng thư số cho cán "
    "bộ, công chức.</p>"
)


def test_a_page_nested_ten_thousand_deep_is_read(tmp_path: Path):
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>" + "<div>" * 10_000 + REPORT + "</div>" * 10_000 + "</body></html>",
        encoding="utf-8",
    )
    doc = read_document(str(page))
    assert "đã cấp 120 chứng thư số" in doc.article
    assert "Không hiện" not in doc.text and "hidden" not in doc.text
    assert doc.title == "Sở Thông tin và Truyền thông tổng kết năm 2023"
    assert doc.published is not None and doc.published.isoformat() == "2024-01-12"
    summary = summarize_document(doc, RulesBackend()).summary
    assert [m.value for a in summary.achievements for m in a.metrics] == [120]


def test_the_flat_reader_sees_what_the_tree_reader_sees():
    markup = (
        "<html><head><title>T</title><style>p {}</style></head><body>"
        + REPORT
        + "<div hidden><p>ẩn</p></div><p>Một<br>Hai</p><table><tr><td>a</td><td>b</td></tr>"
        + "</table><ul><li>x<li>y</ul></body></html>"
    )
    lines, headline = flat_text(markup, _HIDDEN_TAGS, _HTML_BLOCKS, _HTML_CELLS)
    assert lines == read_page(markup).text.split("\n")
    assert headline == "Sở Thông tin và Truyền thông tổng kết năm 2023"
