import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from summarizer.cli.exits import exit_code
from summarizer.errors import InputError
from summarizer.ingest import DEFAULT_MAX_BYTES, document_from_text, read_document

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"
PLAIN = sorted(GOLD_DIR.glob("*.txt"))
HTML_PAGE = GOLD_DIR / "d10_quang-ninh.html"

VIETNAMESE = (
    "Sở Thông tin và Truyền thông tổ chức Hội nghị tổng kết công tác năm 2023, triển khai "
    "nhiệm vụ năm 2024. Đồng chí Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.\n"
    "Toàn tỉnh có 1.332 vị trí lắp đặt trạm thu phát sóng BTS; đạt gần 94,3% tổng số thôn.\n"
)
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + "".join(c for c in parts if c in TONE_MARKS))  # ô stays, tones apart
    return "".join(out).encode("cp1258")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings ---------------------------------------------------------------------------------

ENCODINGS = [
    ("utf-8", VIETNAMESE.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", VIETNAMESE.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16 LE with BOM", b"\xff\xfe" + VIETNAMESE.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE with BOM", b"\xfe\xff" + VIETNAMESE.encode("utf-16-be"), "utf-16-be"),
    ("utf-16 LE without BOM", VIETNAMESE.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 BE without BOM", VIETNAMESE.encode("utf-16-be"), "utf-16-be"),
    ("windows-1258", windows_1258(VIETNAMESE), "cp1258"),
    ("utf-8 decomposed (NFD)", unicodedata.normalize("NFD", VIETNAMESE).encode(), "utf-8"),
]


@pytest.mark.parametrize(
    ("data", "encoding"), [e[1:] for e in ENCODINGS], ids=[e[0] for e in ENCODINGS]
)
def test_each_encoding_decodes_to_the_nfc_text(tmp_path, data, encoding):
    doc = read_document(write(tmp_path, "report.txt", data))
    assert doc.text == VIETNAMESE
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.encoding == encoding
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_windows_1258_writes_tone_marks_apart():
    data = windows_1258("Sở Thông tin và Truyền thông")
    assert b"\xd2" in data  # combining hook above (hỏi) after "o"
    assert b"va\xcc" in data  # "và": a, then the combining grave accent
    assert "Sở Thông" not in data.decode("cp1258")  # only NFC puts the letters back together


@pytest.mark.parametrize("path", PLAIN[:3] + PLAIN[-3:], ids=lambda p: p.stem)
def test_windows_1258_report_reads_back_as_the_original(tmp_path, path):
    original = path.read_text(encoding="utf-8")
    doc = read_document(write(tmp_path, path.name, windows_1258(original)))
    assert doc.encoding == "cp1258"
    assert doc.text == original


def test_windows_1258_html_page_reads_back(tmp_path):
    markup = HTML_PAGE.read_text(encoding="utf-8").replace("charset=utf-8", "charset=windows-1258")
    doc = read_document(write(tmp_path, "page.html", windows_1258(markup)))
    assert doc.encoding == "cp1258"
    assert doc.text == read_document(HTML_PAGE).text


def test_utf8_with_a_stray_byte_keeps_its_text(tmp_path):
    data = VIETNAMESE[:40].encode() + b"\xff" + VIETNAMESE[40:].encode()
    doc = read_document(write(tmp_path, "r.txt", data))
    assert doc.encoding == "utf-8 (1 invalid byte replaced)"
    assert doc.text == VIETNAMESE[:40] + "\ufffd" + VIETNAMESE[40:]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_endings_become_lf(tmp_path, newline):
    doc = read_document(write(tmp_path, "r.txt", VIETNAMESE.replace("\n", newline).encode()))
    assert "\r" not in doc.text
    assert doc.text == VIETNAMESE


def test_sha256_is_of_the_file_bytes(tmp_path):
    path = write(tmp_path, "r.md", VIETNAMESE.encode("utf-8-sig"))
    assert read_document(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --- HTML ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page():
    return read_document(HTML_PAGE)


def test_html_text_is_all_visible_text(page):
    for visible in [
        "Đang truy cập: 63",  # sidebar counters
        "Tổng lượt truy cập: 5.613.924",
        "Điện thoại: 0203.3.634.521 – Fax: 0203.3.634.522",  # footer, entities unescaped
        "© 2023 Sở TT&TT Quảng Ninh",
        "Tin liên quan",
        "Quảng Ninh vươn lên vị trí thứ 3 cả nước về chỉ số chuyển đổi số năm 2022 - Sở",  # <title>
        "Năm 2022, Quảng Ninh đạt 0,7024 điểm",  # &#7843;
        "“rõ người, rõ việc, rõ trách nhiệm”",
        "Bảng xếp hạng chỉ số DTI cấp tỉnh năm 2022. (Ảnh: dti.gov.vn)",  # caption, &nbsp;
    ]:
        assert visible in page.text
    for hidden in ["jquery", "portal.css", "Bảng xếp hạng DTI 2022", "Logo", "&nbsp;", "&amp;"]:
        assert hidden not in page.text
    assert "0,7024 điểm DTI năm 2022, tăng 4 bậc so với năm 2021." not in page.text  # meta
    assert "Trang chủ\nGiới thiệu\n" in page.text  # blocks never glue together
    assert "\nPhương Thảo\n" in page.text


def test_html_article_is_the_article_alone(page):
    assert page.article.startswith(page.title)
    for kept in [
        "Chiều 12/7/2023, Bộ Thông tin và Truyền thông công bố",
        "đã hoàn thành 11/27 mục tiêu (đạt 40,7%) và 19/51 nhiệm vụ (đạt 37,3%).",
        "kinh tế số 14 và xã hội số 8.",
        "Bảng xếp hạng chỉ số DTI cấp tỉnh năm 2022.",
    ]:
        assert kept in page.article
    for furniture in [
        "Tin liên quan",
        "Thống kê truy cập",
        "Đang truy cập",
        "Văn bản mới",
        "Quyết định số 2150/QĐ-UBND",
        "Điện thoại",
        "Giấy phép số",
        "Trang chủ",
        "Chia sẻ",
        "Lượt xem",
        "Bảng xếp hạng DTI 2022",
    ]:
        assert furniture not in page.article
    text_lines = set(page.text.split("\n"))
    assert all(line in text_lines for line in page.article.split("\n"))


def test_html_metadata(page):
    assert page.title == "Quảng Ninh vươn lên vị trí thứ 3 cả nước về chỉ số chuyển đổi số năm 2022"
    assert page.published == date(2023, 7, 18)
    assert page.encoding == "utf-8"


SMALL_PAGE = """<!DOCTYPE html><html><head><title>Trang - Cổng thông tin</title>
<style>p {{ color: red }}</style><script>var hidden = "script text";</script></head>
<body><noscript>Bật JavaScript</noscript><template><p>khuôn mẫu</p></template>
<div hidden>ẩn đi</div><div style="display: none">cũng ẩn</div>
<h1>Hội nghị tổng kết năm {year}</h1><div class="date">Thứ hai, 08/01/{year}</div>
<div>Sở<b>Thông</b>tin</div><div>khối một</div><div>khối hai</div>
<p>dòng một<br>dòng hai <img src="a.jpg" alt="chú thích ảnh"> tiếp</p>
<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Trạm BTS</td><td>1.332</td></tr></table>
<select><option>-- Chọn --</option><option>Ẩn khi đóng</option></select>
</body></html>"""


def test_html_visible_text_rules(tmp_path):
    doc = read_document(write(tmp_path, "p.htm", SMALL_PAGE.format(year=2024).encode()))
    lines = doc.text.split("\n")
    assert lines[0] == "Trang - Cổng thông tin"
    for hidden in ["color", "script text", "JavaScript", "khuôn mẫu", "ẩn", "chú thích", "Ẩn"]:
        assert hidden not in doc.text
    assert "SởThôngtin" in lines  # inline tags join as the browser shows them
    assert {"khối một", "khối hai", "dòng một", "dòng hai tiếp", "-- Chọn --"} <= set(lines)
    assert {"Chỉ tiêu | Kết quả", "Trạm BTS | 1.332"} <= set(lines)


def test_html_title_and_date_fall_back_to_the_headline(tmp_path):
    doc = read_document(write(tmp_path, "p.html", SMALL_PAGE.format(year=2024).encode()))
    assert doc.title == "Hội nghị tổng kết năm 2024"
    assert doc.published == date(2024, 1, 8)
    assert doc.article.startswith("Hội nghị tổng kết năm 2024\nThứ hai, 08/01/2024\n")
    assert all(line in doc.text.split("\n") for line in doc.article.split("\n"))


def test_html_without_visible_text_is_refused(tmp_path):
    path = write(
        tmp_path, "p.html", b"<html><head><script>x()</script></head><body> </body></html>"
    )
    with pytest.raises(InputError, match="no visible text"):
        read_document(path)


# --- plain-text furniture ----------------------------------------------------------------------

FURNITURE = [
    # file, lines that must stay in the article, strings cut from it
    ("000_", ["Thứ năm - 21/01/2021 15:00", "Bích Thuận - MN"],
     ["817 0", "10 1", "Tổng số điểm", "Ý kiến bạn đọc", "Danh mục", "Thống kê truy cập",
      "Đang truy cập", "Tra cứu hồ sơ", "đăng nhập"]),
    ("001_", ["18/07/2019 14:04", "Việt Hoa"], ["Số lượt xem", "14:04 "]),
    ("002_", ["Thứ Sáu, ngày 12 tháng 1 năm 2024 - 15:36", "Theo: tuyenquang.gov.vn"],
     ["Xem tin theo ngày"]),
    ("003_", ["Đăng ngày 28 - 10 - 2021", "Châu Thị Từ Nghĩa"],
     ["Lượt xem", "\n100%\n", "Tin liên quan", "Tin mới nhất", "người đang online", "°"]),
    ("004_", ["15/01/2021 10:27", "MT"], ["lượt xem"]),
    ("d01_", ["Cập nhật: 15:27, 30/12/2014", "Minh Thu"],
     ["Lượt xem", "Tin liên quan", "Bản quyền", "Đang truy cập"]),
    ("d02_", ["( Cập nhật lúc: 08/01/2024  )"],
     ["Trang chủ", "Các tin khác", "INFOGRAPHIC", "Lượt truy cập"]),
    ("d03_", ["Thứ Bảy, 07/01/2017, 08:40 [GMT+7]", "NGỌC ANH"],
     ["In bài này", "Gửi cho bạn bè", "Lượt xem", "Ý kiến bạn đọc", "Bạn đọc có thể"]),
    ("d04_", ["Cập nhật: 10/01/2024 16:45", "Hà Anh"],
     ["Lượt xem", "Chia sẻ", "Zalo", "Tin cùng chuyên mục", "lượt truy cập"]),
    ("d05_", ["13/01/2023 - 17:18", "H. Trang"], ["Chia sẻ bài viết", "In bài viết", "Tin cùng"]),
    ("d06_", ["Thứ Ba, 30/01/2024, 10:12 [GMT+7]", "THANH HÀ"],
     ["Tin liên quan", "phát ngôn và cung cấp thông tin cho báo chí (15/11/2023)"]),
    ("d07_", ["17/08/2018 10:25 GMT+7 | Cuộc sống số", "Hoàng Nam (tổng hợp)"],
     ["Bài viết liên quan", "chuẩn bị hạ tầng 4G cho mùa du lịch"]),
    ("d08_", ["Ngày đăng: 22/11/2021", "Sở Thông tin và Truyền thông"],
     ["Lượt xem", "Chuyên mục", "Tệp đính kèm", "245 KB"]),
    ("d09_", ["Thứ tư, 15/07/2020 08:08", "KHÁNH LINH"], ["Gửi bài viết", "In bài viết", "Các tin khác"]),
]  # fmt: skip


def gold_file(prefix: str) -> Path:
    (path,) = [p for p in PLAIN if p.name.startswith(prefix)]
    return path


@pytest.mark.parametrize(("prefix", "kept", "cut"), FURNITURE, ids=[f[0] for f in FURNITURE])
def test_plain_text_furniture_is_cut(prefix, kept, cut):
    doc = read_document(gold_file(prefix))
    article_lines = doc.article.split("\n")
    for line in kept:
        assert line in article_lines
    for furniture in cut:
        assert furniture not in doc.article
        assert furniture in doc.text  # cut from the article only


def test_every_corpus_text_file_is_covered_by_the_furniture_table():
    assert {p.name[:4] for p in PLAIN} == {f[0] for f in FURNITURE}


COUNTERS = re.compile(r"lượt xem|lượt truy cập|đang truy cập|đang online|chia sẻ:", re.IGNORECASE)


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.stem)
def test_plain_text_article_keeps_title_date_and_every_gold_span(path):
    doc = read_document(path)
    lines = doc.article.split("\n")
    gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
    assert lines[0] == gold["title"]
    assert re.search(r"\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}|tháng \d+ năm \d{4}", lines[2])
    assert not COUNTERS.search(doc.article)
    folded = " ".join(doc.article.split())
    for span in _gold_spans(gold):
        assert " ".join(span.split()) in folded


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.stem)
def test_plain_text_article_lines_stand_verbatim_in_the_text(path):
    doc = read_document(path)
    text_lines = doc.text.split("\n")
    assert len(doc.article) < len(doc.text)
    for line in doc.article.split("\n"):  # whole lines, or a line less its trailing counter
        assert any(text_line.startswith(line) for text_line in text_lines)
    assert "\n\n\n" not in doc.article


def _gold_spans(gold) -> list[str]:
    if isinstance(gold, dict):
        return [
            value
            for key, value in gold.items()
            if key in {"evidence", "text"} and isinstance(value, str)
        ] + [span for value in gold.values() for span in _gold_spans(value)]
    if isinstance(gold, list):
        return [span for item in gold for span in _gold_spans(item)]
    return []


HEADER = "Tiêu đề bản tin\n\n12/03/2024 08:00\n"
BODY = " ".join(["Nội dung bài viết dài."] * 12) + "\n"
LINES = [
    # line inside an article, what the article keeps of it (None: the whole line goes)
    ("Lượt xem: 1.208", None),
    ("Số lượt xem: 15", None),
    ("Đang truy cập: 87", None),
    ("16 người đang online", None),
    ("Lượt truy cập: 1.203.458", None),
    ("  • Hôm nay2,505", None),
    ("(245 lượt xem)", None),
    ("18/07/2019 14:04 Số lượt xem: 15", "18/07/2019 14:04"),
    ("Thứ năm - 21/01/2021 15:00 817 0", "Thứ năm - 21/01/2021 15:00"),
    ("Cập nhật: 15:27, 30/12/2014 | Lượt xem: 1.208", "Cập nhật: 15:27, 30/12/2014"),
    ("Ngày đăng: 22/11/2021 | Lượt xem: 318 | Chuyên mục: Chuyển đổi số", "Ngày đăng: 22/11/2021"),
    ("Tổng số điểm của bài viết là: 0 trong 0 đánh giá", None),
    ("Chia sẻ: Facebook | Zalo", None),
    ("In bài này | Gửi cho bạn bè", None),
    ("Trang chủ > Tin tức", None),
    ("10 2", None),
    ("Cỡ chữ: A- A A+", None),
    ("Quay lại", None),
    ("Đã xem: 76", None),
    ("17/08/2018 10:25 GMT+7 | Cuộc sống số", "17/08/2018 10:25 GMT+7 | Cuộc sống số"),
    # prose that looks like furniture stays whole
    ("Cổng thông tin đạt hơn 1.500.000 lượt truy cập", "Cổng thông tin đạt hơn 1.500.000 lượt truy cập"),
    ("Hôm nay, Sở tổ chức hội nghị với 120 đại biểu", "Hôm nay, Sở tổ chức hội nghị với 120 đại biểu"),
    ("In ấn, phát hành đạt 12 triệu bản", "In ấn, phát hành đạt 12 triệu bản"),
    ("Tin liên quan đến công tác chuyển đổi số được đăng tải", "Tin liên quan đến công tác chuyển đổi số được đăng tải"),
    ("1.332", "1.332"),
    ("09/09", "09/09"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "kept"), LINES, ids=[x[0] for x in LINES])
def test_furniture_is_cut_by_whole_segments(line, kept):
    doc = document_from_text(HEADER + BODY + line + "\n" + BODY)
    lines = doc.article.split("\n")
    if kept is None:
        assert line not in doc.article and line.strip() not in lines
    else:
        assert kept in lines
    assert lines[:3] == HEADER.rstrip("\n").split("\n")
    assert doc.article.endswith(BODY.strip())  # nothing after the line was lost


@pytest.mark.parametrize(
    "heading",
    [
        "Tin liên quan",
        "Ý kiến bạn đọc (0)",
        "Các tin khác:",
        "Xem tin theo ngày:   / /",
        "Gửi ý kiến phản hồi",
        "Tags: chuyển đổi số, hội nghị",
        "Bản quyền thuộc Sở Thông tin và Truyền thông",
    ],
)
def test_tail_heading_ends_the_article(heading):
    doc = document_from_text(HEADER + BODY + heading + "\n- Một tin khác (01/01/2024)\n")
    assert doc.article == (HEADER + BODY).rstrip("\n")
    assert "Một tin khác" in doc.text


def test_tail_heading_above_the_article_does_not_empty_it():
    doc = document_from_text("Tin mới nhất\n" + HEADER + BODY)
    assert doc.article == (HEADER + BODY).rstrip("\n")


# --- text in memory -----------------------------------------------------------------------------


def test_document_from_text_normalises_like_a_file():
    raw = unicodedata.normalize("NFD", VIETNAMESE).replace("\n", "\r\n") + "Lượt xem: 12\r\n"
    doc = document_from_text(raw, path="chunk-1")
    assert doc.text == VIETNAMESE + "Lượt xem: 12\n"
    assert doc.article == VIETNAMESE.rstrip("\n")
    assert doc.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert doc.path == "chunk-1"
    assert (doc.encoding, doc.title, doc.published) == ("utf-8", None, None)


def test_document_from_text_reads_html_by_its_path():
    doc = document_from_text(HTML_PAGE.read_text(encoding="utf-8"), path="page.html")
    assert doc.text == read_document(HTML_PAGE).text
    assert doc.published == date(2023, 7, 18)


@pytest.mark.parametrize("text", ["", " \n\t\r\n"], ids=["empty", "white space"])
def test_document_from_empty_text_is_refused(text):
    with pytest.raises(InputError):
        document_from_text(text)


# --- bad input ---------------------------------------------------------------------------------


def bad_inputs(tmp_path: Path) -> list[tuple[str, Path, str]]:
    """(name, path, words the reason must contain) for every kind of bad input."""
    (tmp_path / "folder.txt").mkdir()
    return [
        ("missing", tmp_path / "nope.txt", "no such file"),
        ("directory", tmp_path / "folder.txt", "directory"),
        ("empty", write(tmp_path, "empty.txt", b""), "empty"),
        ("white space", write(tmp_path, "blank.md", b" \r\n\t \n"), "white space"),
        ("utf-16 BOM only", write(tmp_path, "bom.txt", b"\xff\xfe"), "empty"),
        ("NUL bytes", write(tmp_path, "b.txt", b"PK\x03\x04\x00\x00\x08\x00\x93\xff" * 50), "binary"),
        ("control bytes", write(tmp_path, "c.txt", bytes(range(1, 9)) * 200), "binary"),
        ("undecodable", write(tmp_path, "u.txt", bytes(range(0x80, 0x100)) * 20), "cannot decode"),
        ("pdf", write(tmp_path, "r.pdf", b"%PDF-1.7"), ".txt, .md, .html, .htm"),
        ("no extension", write(tmp_path, "README", b"text"), "unsupported"),
        ("too large", write(tmp_path, "big.txt", b"a" * (DEFAULT_MAX_BYTES + 1)), "larger than"),
    ]  # fmt: skip


def test_every_bad_input_raises_input_error_with_its_reason(tmp_path):
    for name, path, reason in bad_inputs(tmp_path):
        with pytest.raises(InputError) as caught:
            read_document(path)
        assert reason in caught.value.one_line(), name
        assert caught.value.path == str(path), name
        assert exit_code(caught.value) == 2


def test_size_limit_is_configurable_and_inclusive(tmp_path):
    path = write(tmp_path, "r.txt", VIETNAMESE.encode())
    size = path.stat().st_size
    assert read_document(path, max_bytes=size).text == VIETNAMESE
    with pytest.raises(InputError) as caught:
        read_document(path, max_bytes=size - 1)
    assert caught.value.data["size"] == size
    assert "--max-bytes" in caught.value.one_line()


def test_size_is_checked_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024**3)  # sparse: reading it whole would take minutes
    with pytest.raises(InputError, match="larger than"):
        read_document(path)


def without_file_permissions() -> list[str]:
    """A command prefix under which this user cannot read a file its mode forbids."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's file-permission override"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.mark.slow
def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "secret.txt", VIETNAMESE.encode())
    path.chmod(0)
    code = (
        "import sys\nfrom summarizer.ingest import read_document\n"
        "from summarizer.errors import InputError\n"
        "try:\n    read_document(sys.argv[1])\nexcept InputError as exc:\n    print(exc.reason)\n"
    )
    run = subprocess.run(
        [*without_file_permissions(), sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == "permission denied"


EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.*[lt]"))


def test_examples_are_readable_reports():
    assert {p.suffix for p in EXAMPLES} == {".txt", ".html"}
    for path in EXAMPLES:
        doc = read_document(path)
        assert doc.article and len(doc.article) < len(doc.text), path.name
        assert "Lượt xem" not in doc.article and "Tin liên quan" not in doc.article, path.name
