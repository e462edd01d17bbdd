"""A tail heading that would cut more than a third of a text is reported with its span."""

from summarizer.ingest import document_from_text

ARTICLE = "Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2023. " * 6


def test_a_small_tail_is_cut_silently():
    text = ARTICLE + "\nÝ kiến bạn đọc\nHay quá.\n"
    doc = document_from_text(text, path="page.txt")
    assert "Hay quá" not in doc.article and doc.cut is None


def test_a_cut_of_most_of_the_text_is_reported_with_its_span():
    rest = "Năm 2023, doanh thu bưu chính, viễn thông đạt 2.000 tỷ đồng. " * 40
    text = ARTICLE + "\nÝ kiến bạn đọc\n" + rest
    doc = document_from_text(text, path="page.txt")
    assert doc.cut is not None
    start, end = doc.cut
    assert doc.text[start:end].startswith("Ý kiến bạn đọc") and end == len(doc.text)
    assert doc.article.strip() == ARTICLE.strip()
