"""Alerts are computed once per document, from its summary, verification and ingested text."""

import json
from pathlib import Path

import pytest

from summarizer.backends.rules import RulesBackend
from summarizer.ingest import document_from_text, read_document
from summarizer.pipeline import summarize_document
from summarizer.render import render_markdown

WILD = Path(__file__).resolve().parents[1] / "eval" / "wild"


def _codes(result) -> list[str]:
    return [a.code for a in result.alerts]


def test_an_injected_line_is_alerted_with_its_span():
    doc = read_document(WILD / "w14_long-an.txt")
    result = summarize_document(doc, RulesBackend())
    alerts = [a for a in result.alerts if a.code == "prompt_injection"]
    assert len(alerts) == 1
    start, end = alerts[0].span
    assert "hệ thống tóm tắt" in doc.text[start:end] and "\n" not in doc.text[start:end]
    assert result.verification.verified and "unverified" not in _codes(result)
    assert "Cảnh báo (prompt_injection)" in render_markdown(result)


def test_an_off_topic_page_is_alerted_and_the_alert_reaches_the_json():
    result = summarize_document(read_document(WILD / "w11_dak-lak.txt"), RulesBackend())
    assert _codes(result) == ["off_topic"]
    assert json.loads(result.model_dump_json())["alerts"][0]["code"] == "off_topic"


def test_a_cut_of_most_of_the_text_is_alerted():
    article = "Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2023. " * 6
    text = article + "\nÝ kiến bạn đọc\n" + "Năm 2023, doanh thu đạt 2.000 tỷ đồng. " * 40
    result = summarize_document(document_from_text(text, path="page.txt"), RulesBackend())
    cut = [a for a in result.alerts if a.code == "cut"]
    assert len(cut) == 1 and cut[0].span[1] == result.source.chars


def test_a_clean_report_has_no_alert():
    result = summarize_document(read_document(WILD / "w16_ninh-binh.txt"), RulesBackend())
    assert result.alerts == []


@pytest.mark.slow  # 2 MB through the rules backend: seconds
def test_a_one_line_report_is_summarised_not_left_empty_or_off_topic():
    report = (
        "Trang chủ > Tin tức Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp "
        "120 chứng thư số cho cán bộ, công chức. Bạn đã không sử dụng Site, Bấm vào đây để "
        "duy trì trạng thái đăng nhập. "
    )
    filler = "Hội nghị tổng kết công tác thông tin và truyền thông được tổ chức tại tỉnh. "
    text = report + filler * (1_990_000 // len(filler.encode()) - 3)
    assert "\n" not in text and len(text.encode()) < 2_000_000
    result = summarize_document(document_from_text(text), RulesBackend())
    assert result.summary.in_scope and result.summary.achievements
    assert not {a.code for a in result.alerts} & {"off_topic", "empty_summary"}
