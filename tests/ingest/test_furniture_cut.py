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


NOTICE = "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. "


def test_a_report_saved_as_one_line_is_read_whole():
    # a whole page on one line: a breadcrumb starts it and a session notice stands inside it
    line = "Trang chủ > Tin tức " + ARTICLE + NOTICE + ARTICLE * 200 + "Ý kiến bạn đọc"
    doc = document_from_text(line, path="page.txt")
    assert doc.article == line and doc.cut is None


def test_a_text_of_nothing_but_furniture_is_reported_as_cut_whole():
    text = "Trang chủ > Tin tức\n" + NOTICE + "\nLượt xem: 120\n"
    doc = document_from_text(text, path="page.txt")
    assert doc.article == "" and doc.cut == (0, len(doc.text))
