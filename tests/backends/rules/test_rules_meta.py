"""Header fields of the rules backend: headline, agency, province, dates and periods."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from summarizer.backends.rules.dates import date_line, event_day, resolve_year
from summarizer.backends.rules.events import find_event
from summarizer.backends.rules.meta import extract_meta, headline, organization
from summarizer.backends.rules.periods import choose
from summarizer.backends.rules.provinces import PROVINCES, find_province
from summarizer.ingest import document_from_text, read_document

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIR = ROOT / "eval" / "gold"
OWN_DIR = ROOT / "tests" / "fixtures" / "rules_people"
FIELDS = ("title", "organization", "province", "event_date", "published_date", "period")
FIELDS += ("next_period",)


def _source(gold: Path) -> Path:
    stem = gold.name[: -len(".gold.json")]
    return next(p for p in gold.parent.glob(stem + ".*") if not p.name.endswith(".json"))


def _cases(folder: Path, suffix: str) -> list[tuple[Path, dict]]:
    return [
        (p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*" + suffix))
    ]


GOLD = [(_source(p), g) for p, g in _cases(GOLD_DIR, ".gold.json")]
OWN = [
    (p.with_name(p.name.replace(".expected.json", ".txt")), g)
    for p, g in _cases(OWN_DIR, ".expected.json")
]


def _as_json(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.mark.parametrize(("source", "gold"), GOLD + OWN, ids=lambda v: getattr(v, "stem", ""))
def test_header_fields_match_the_annotation(source: Path, gold: dict) -> None:
    meta = extract_meta(read_document(source))
    got = {f: _as_json(getattr(meta, f)) for f in FIELDS}
    assert got == {f: gold[f] for f in FIELDS}


@pytest.mark.parametrize(("source", "gold"), [c for c in GOLD if c[0].suffix == ".txt"])
def test_header_fields_hold_on_the_raw_page_text(source: Path, gold: dict) -> None:
    """Furniture left in (breadcrumbs, counters, related news) does not change the header."""
    raw = source.read_text(encoding="utf-8")
    doc = dataclasses.replace(read_document(source), text=raw, article=raw)
    meta = extract_meta(doc)
    assert {f: _as_json(getattr(meta, f)) for f in FIELDS} == {f: gold[f] for f in FIELDS}


def test_the_lexicon_holds_the_sixty_three_units() -> None:
    assert len(PROVINCES) == 63


@pytest.mark.parametrize(
    ("title", "lead", "body", "expected"),
    [
        ("Sở TT-TT Bà Rịa - Vũng Tàu tổng kết năm 2023", "", "", "Bà Rịa - Vũng Tàu"),
        ("", "Sở TT&TT Thanh Hoá tổ chức hội nghị.", "", "Thanh Hóa"),
        ("", "", "đầu số 1022 Tây Ninh; thị xã Hoà Thành", "Tây Ninh"),
        ("", "", "Dự án camera tại thành phố Hạ Long.", "Quảng Ninh"),
        ("", "", "(tuyenquang.gov.vn)", "Tuyên Quang"),
        ("", "", "hộp thư công vụ @bentre.gov.vn", "Bến Tre"),
        # The report's own province outranks the ones it is compared with.
        ("Quảng Ninh xếp thứ 3 về DTI", "chỉ đứng sau Đà Nẵng, TP Hồ Chí Minh.", "", "Quảng Ninh"),
        ("", "Sở TT&TT TP.HCM tổ chức hội nghị", "", "Hồ Chí Minh"),
        # Never from a person's name, the Pacific, or the President's name.
        ("", "Bà Nguyễn Thị Hà Giang phát biểu.", "", None),
        ("", "hợp tác xuyên Thái Bình Dương", "", None),
        ("", "học tập tư tưởng Hồ Chí Minh", "", None),
        ("", "BDK.VN - Sở vừa tổ chức hội nghị", "", None),
    ],
)
def test_province(title: str, lead: str, body: str, expected: str | None) -> None:
    assert find_province(title, lead, body) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tiêu đề bài viết\n\nThứ năm - 21/01/2021 15:00 817 0\nNội dung", dt.date(2021, 1, 21)),
        ("Tiêu đề\n18/07/2019 14:04 Số lượt xem: 15", dt.date(2019, 7, 18)),
        ("Tiêu đề\nThứ Sáu, ngày 12 tháng 1 năm 2024 - 15:36", dt.date(2024, 1, 12)),
        ("Tiêu đề\nĐăng ngày 28 - 10 - 2021\nLượt xem: 142", dt.date(2021, 10, 28)),
        ("Tiêu đề\nCập nhật: 15:27, 30/12/2014 | Lượt xem: 1.208", dt.date(2014, 12, 30)),
        ("Tiêu đề\n( Cập nhật lúc: 08/01/2024  )", dt.date(2024, 1, 8)),
        ("Tiêu đề\nNgày đăng: 22/11/2021 | Chuyên mục: Chuyển đổi số", dt.date(2021, 11, 22)),
        ("Tiêu đề\n13/01/2023 - 17:18", dt.date(2023, 1, 13)),
        ("Tiêu đề\nThứ Bảy, 07/01/2017, 08:40 [GMT+7]", dt.date(2017, 1, 7)),
        ("Tiêu đề\nĐăng ngày: 15/01/2024 lúc 10:30", dt.date(2024, 1, 15)),
        # A sentence that opens on a date is the event, not the date line.
        ("Tiêu đề\nNgày 20/01/2021, Sở Thông tin và Truyền thông tổ chức hội nghị.", None),
    ],
)
def test_date_line(text: str, expected: dt.date | None) -> None:
    assert date_line(text) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Chiều 12/1, Sở tổ chức hội nghị.", dt.date(2024, 1, 12), dt.date(2024, 1, 12)),
        (
            "HGĐT - Sáng 30.12, hội nghị tổng kết đã diễn ra.",
            dt.date(2015, 1, 2),
            dt.date(2014, 12, 30),
        ),
        ("Hội nghị diễn ra chiều 6-1.", dt.date(2017, 1, 7), dt.date(2017, 1, 6)),
        ("Hội nghị đã diễn ra vào chiều ngày 04/01/2024.", None, dt.date(2024, 1, 4)),
        ("Sở tổ chức hội nghị vào ngày 13-1-2023.", None, dt.date(2023, 1, 13)),
        ("Sáng nay (12/1), Sở tổ chức hội nghị.", dt.date(2024, 1, 12), dt.date(2024, 1, 12)),
        ("Theo Quyết định số 02/QĐ-UBND ngày 05/01/2021, Sở tổ chức hội nghị.", None, None),
        ("Từ ngày 1-1 đến 1-12-2022, Sở tổ chức 5 hội nghị.", None, None),
    ],
)
def test_event_day(sentence: str, published: dt.date | None, expected: dt.date | None) -> None:
    mention = event_day(sentence)
    assert (resolve_year(mention, published) if mention else None) == expected


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (["Hội nghị tổng kết công tác năm 2020, triển khai nhiệm vụ năm 2021."], ("2020", "2021")),
        (
            ["Sở sơ kết 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2019."],
            ("6 tháng đầu năm 2019", "6 tháng cuối năm 2019"),
        ),
        (
            [
                "Hội nghị đánh giá thi đua trong 5 năm 2015 - 2020 và đề ra nhiệm vụ cho "
                "giai đoạn 2020 - 2025."
            ],
            ("giai đoạn 2015 - 2020", "giai đoạn 2020 - 2025"),
        ),
        (
            ["Hội nghị nhằm đánh giá kết quả năm 2023 và thống nhất nhiệm vụ năm mới."],
            ("2023", "2024"),
        ),
        (
            ["Kết quả chuyển đổi số năm 2021", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"],
            ("2021", None),
        ),
        (
            ["Năm 2022, tỉnh đạt 0,70 điểm. Bước sang năm 2023, tỉnh xác định mục tiêu mới."],
            ("2022", "2023"),
        ),
        (
            [
                "Báo cáo cho biết, năm 2023 Sở đã hoàn thành 18 chỉ tiêu. "
                "Năm 2024, Sở đặt mục tiêu mới."
            ],
            ("2023", "2024"),
        ),
        (
            ["Sở đã hoàn thành tốt nhiệm vụ năm 2023. Năm 2024, Sở tiếp tục đẩy mạnh."],
            ("2023", "2024"),
        ),
        (["Doanh thu trên địa bàn năm 2023 đạt 10 tỷ đồng."], (None, None)),
        # Not periods: a target year, a comparison, an agency's name.
        (["Nghị quyết về chuyển đổi số đến năm 2025, tăng so với năm 2021."], (None, None)),
        (["Theo Sở Kế hoạch và Đầu tư, Hội nghị năm 2024 có 86 đại biểu."], (None, None)),
    ],
)
def test_periods(sources: list[str], expected: tuple[str | None, str | None]) -> None:
    assert choose(sources) == expected


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        (
            None,
            "Ngày 20/1, Sở Thông tin và Truyền thông tổ chức hội nghị.",
            "Sở Thông tin và Truyền thông",
        ),
        (
            None,
            "Ngày 12/12/2024, Sở Khoa học và Công nghệ ban hành báo cáo số 4/BC.",
            "Sở Khoa học và Công nghệ",
        ),
        (
            None,
            "Sở Văn hóa, Thể thao và Du lịch tổ chức hội nghị.",
            "Sở Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Ngành TT&TT tổng kết năm 2020",
            "Hội nghị đã diễn ra sáng 5/1.",
            "Sở Thông tin và Truyền thông",
        ),
    ],
)
def test_organization(title: str | None, lead: str, expected: str) -> None:
    assert organization(title, lead) == expected


@pytest.mark.parametrize(
    ("title", "article", "expected"),
    [
        (
            "Quảng Ninh vươn lên thứ 3 - Sở Thông tin và Truyền thông tỉnh Quảng Ninh",
            "",
            "Quảng Ninh vươn lên thứ 3",
        ),
        ("Bà Rịa - Vũng Tàu tổng kết năm 2023", "", "Bà Rịa - Vũng Tàu tổng kết năm 2023"),
        (
            None,
            "Trang chủ > Tin tức\n\nBắc Kạn: Ngành TT&TT nhìn lại năm 2023\n",
            "Bắc Kạn: Ngành TT&TT nhìn lại năm 2023",
        ),
        (
            None,
            "18/07/2019 14:04\nSở TT&TT triển khai nhiệm vụ 6 tháng cuối năm\n",
            "Sở TT&TT triển khai nhiệm vụ 6 tháng cuối năm",
        ),
        # a newspaper's masthead, its hotline and its menu stand above the headline
        (
            None,
            "BÁO QUẢNG NAM ĐIỆN TỬ\nĐường dây nóng: 0235.3.812.345\n"
            "Trang chủ | Thời sự | Kinh tế | Xã hội\n"
            "Sở TT&TT Quảng Nam triển khai nhiệm vụ năm 2025\n",
            "Sở TT&TT Quảng Nam triển khai nhiệm vụ năm 2025",
        ),
        # an upper-case headline is still a headline
        (
            None,
            "SỞ TT&TT HÀ NAM TỔNG KẾT CÔNG TÁC NĂM 2024\n",
            "SỞ TT&TT HÀ NAM TỔNG KẾT CÔNG TÁC NĂM 2024",
        ),
    ],
)
def test_headline(title: str | None, article: str, expected: str) -> None:
    doc = dataclasses.replace(document_from_text(article or "x"), title=title, article=article)
    assert headline(doc) == expected


def test_a_yearless_event_before_the_new_year_falls_in_the_old_year() -> None:
    text = (
        "Ngành Thông tin và Truyền thông tổng kết năm 2023\n\n02/01/2024 08:00\n\n"
        "Chiều 29/12, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2023, "
        "triển khai nhiệm vụ năm 2024 với sự tham dự của lãnh đạo các sở, ngành.\n"
    )
    meta = extract_meta(document_from_text(text))
    assert (meta.published_date, meta.event_date) == (dt.date(2024, 1, 2), dt.date(2023, 12, 29))


def test_another_agencys_announcement_is_no_event_of_the_report() -> None:
    text = (
        "Tỉnh vươn lên thứ 3 cả nước về chỉ số chuyển đổi số\n\n18/07/2023 09:15\n\n"
        "Chiều 12/7/2023, Bộ Thông tin và Truyền thông công bố Chỉ số chuyển đổi số năm 2022 của "
        "các bộ, ngành và địa phương, trong đó tỉnh Quảng Ninh xếp thứ 3 cả nước.\n"
    )
    assert extract_meta(document_from_text(text)).event_date is None


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        (
            "Sáng 12/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2023.",
            "gathering",
        ),
        (
            "Sáng 12/1, Bộ trưởng Bộ TT&TT Nguyễn Mạnh Hùng dự hội nghị tổng kết của Sở TT&TT.",
            "gathering",
        ),
        (
            "Ngày 22/10/2021, Sở Thông tin và Truyền thông đã ban hành báo cáo số 3049/BC-STTTT.",
            "issued",
        ),
        # Another agency's announcement or event, a digest, a list item: no event of the report.
        (
            "Chiều 12/7/2023, Bộ Thông tin và Truyền thông công bố Chỉ số DTI tại hội nghị.",
            None,
        ),
        (
            "Hội nghị công bố chỉ số do Bộ TT&TT tổ chức chiều 12/7 tại Hà Nội với 200 đại biểu.",
            None,
        ),
        (
            "Sở Thông tin và Truyền thông tổng hợp các kết quả chính của tỉnh năm 2021 như sau:",
            None,
        ),
        (
            "a) Hội nghị truyền hình: đường truyền từ Trung ương tới tỉnh, huyện, xã thông suốt.",
            None,
        ),
    ],
)
def test_the_event_is_the_reports_own(lead: str, kind: str | None) -> None:
    event = find_event("Tiêu đề của bài viết\n\n" + lead + "\n")
    assert (event.kind if event else None) == kind
