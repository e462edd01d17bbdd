"""Attendees read by the rules backend: who was at the event, in which posts, doing what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.backends.rules.people import extract_attendees
from summarizer.ingest import read_document

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "eval" / "gold"
OWN_DIR = ROOT / "tests" / "fixtures" / "rules_people"
LEAD = "Sáng 12/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2023.\n"


def _source(gold: Path) -> Path:
    stem = gold.name[: -len(".gold.json")]
    return next(p for p in gold.parent.glob(stem + ".*") if not p.name.endswith(".json"))


CASES = [
    (_source(p), json.loads(p.read_text("utf-8"))) for p in sorted(GOLD_DIR.glob("*.gold.json"))
]
CASES += [
    (p.with_name(p.name.replace(".expected.json", ".txt")), json.loads(p.read_text("utf-8")))
    for p in sorted(OWN_DIR.glob("*.expected.json"))
]


def _people(text: str) -> list[tuple[str, list[str], str | None]]:
    return [(a.name, a.titles, a.role) for a in extract_attendees(text)]


@pytest.mark.parametrize(("source", "gold"), CASES, ids=lambda v: getattr(v, "stem", ""))
def test_attendees_match_the_annotation(source: Path, gold: dict) -> None:
    article = read_document(source).article
    attendees = extract_attendees(article)
    expected = [(a["name"], a["titles"], a["role"]) for a in gold["attendees"]]
    assert [(a.name, a.titles, a.role) for a in attendees] == expected
    for attendee in attendees:
        assert attendee.evidence in article and attendee.name in attendee.evidence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Về dự có đồng chí Phạm Duy Hưng, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh.",
            [("Phạm Duy Hưng", ["Ủy viên BTV Tỉnh ủy", "Phó Chủ tịch UBND tỉnh"], "guest")],
        ),
        (
            "Tham dự có ông Hoàng Quốc Bảo, Phó Chủ tịch UBND tỉnh và bà Lò Thị Mai, "
            "Giám đốc Sở Nội vụ.",
            [
                ("Hoàng Quốc Bảo", ["Phó Chủ tịch UBND tỉnh"], "guest"),
                ("Lò Thị Mai", ["Giám đốc Sở Nội vụ"], "guest"),
            ],
        ),
        (
            "Dự hội nghị có các đồng chí: Nguyễn Văn An, Phó Bí thư Tỉnh ủy; Trần Thị Bình, "
            "Phó Chủ tịch HĐND tỉnh; lãnh đạo các sở, ngành.",
            [
                ("Nguyễn Văn An", ["Phó Bí thư Tỉnh ủy"], "guest"),
                ("Trần Thị Bình", ["Phó Chủ tịch HĐND tỉnh"], "guest"),
            ],
        ),
        (
            "Bà Trần Thị Minh Hoa, Phó Giám đốc Sở chủ trì hội nghị.",
            [("Trần Thị Minh Hoa", ["Phó Giám đốc Sở"], "chair")],
        ),
        (
            "Chủ trì hội nghị là đồng chí Hoàng Văn Thiên, Giám đốc Sở Thông tin và Truyền thông.",
            [("Hoàng Văn Thiên", ["Giám đốc Sở Thông tin và Truyền thông"], "chair")],
        ),
        (
            "Ông Nguyễn Văn Thi - Giám đốc Sở TT&TT trình bày báo cáo tổng kết.",
            [("Nguyễn Văn Thi", ["Giám đốc Sở TT&TT"], "speaker")],
        ),
        (
            "Đồng chí Lê Văn Bình, Bí thư Tỉnh ủy đến dự và phát biểu chỉ đạo hội nghị.",
            [("Lê Văn Bình", ["Bí thư Tỉnh ủy"], "speaker")],
        ),
        (
            "Đồng chí Lê Văn Bình, Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.",
            [("Lê Văn Bình", ["Phó Chủ tịch UBND tỉnh"], "guest")],
        ),
        (
            "Phó Chủ tịch UBND tỉnh Lào Cai Giàng Thị Dung trao Bằng khen cho các tập thể.",
            [("Giàng Thị Dung", ["Phó Chủ tịch UBND tỉnh Lào Cai"], "presenter")],
        ),
        (
            "Giám đốc Sở TT&TT Nguyễn Văn Tuệ trao Huân chương cho đồng chí Nguyễn Trung Thu.",
            [
                ("Nguyễn Văn Tuệ", ["Giám đốc Sở TT&TT"], "presenter"),
                ("Nguyễn Trung Thu", [], None),
            ],
        ),
        (
            "Hội nghị do đồng chí Vũ Hồng Sơn, Giám đốc Sở chủ trì.",
            [("Vũ Hồng Sơn", ["Giám đốc Sở"], "chair")],
        ),
        (
            "Theo Giám đốc Sở TT&TT Nguyễn Văn An, năm 2023 ngành đạt nhiều kết quả.",
            [("Nguyễn Văn An", ["Giám đốc Sở TT&TT"], "speaker")],
        ),
        # People merely cited: the author of a directive, a name in a street.
        ("Sở triển khai theo chỉ đạo của đồng chí Trần Văn Nam, Chủ tịch UBND tỉnh.", []),
        ("Hội trường trên đường Ông Ích Khiêm được trang trí.", []),
        # Unnamed groups are not attendees.
        ("Tham dự có lãnh đạo các sở, ban, ngành và UBND các huyện.", []),
    ],
)
def test_sentence_shapes(sentence: str, expected: list) -> None:
    assert _people(LEAD + sentence) == expected


def test_one_person_named_twice_is_one_attendee_with_the_fullest_posts() -> None:
    text = LEAD + (
        "Đồng chí Nguyễn Tiến Nhường, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực UBND "
        "tỉnh dự.\nĐồng chí Nguyễn Tiến Nhường, Phó Chủ tịch Thường trực UBND tỉnh ghi nhận."
    )
    expected = ["Ủy viên Ban Thường vụ Tỉnh ủy", "Phó Chủ tịch Thường trực UBND tỉnh"]
    assert _people(text) == [("Nguyễn Tiến Nhường", expected, "speaker")]


def test_the_byline_is_not_an_attendee() -> None:
    text = LEAD + "Ông Nguyễn Văn An, Giám đốc Sở phát biểu tại hội nghị.\n\nMinh Thu\n\nNGỌC ANH\n"
    assert [a.name for a in extract_attendees(text)] == ["Nguyễn Văn An"]


def test_a_document_with_no_event_has_no_attendees() -> None:
    text = (
        "Tỉnh xếp thứ 3 về chỉ số chuyển đổi số năm 2022\n\n"
        "Chiều 12/7/2023, Bộ Thông tin và Truyền thông công bố Chỉ số chuyển đổi số các tỉnh.\n"
        "Ông Nguyễn Trung Tiến, Phó Giám đốc Sở Thông tin và Truyền thông cho biết, thứ hạng được "
        "cải thiện là nhờ cả hệ thống chính trị cùng vào cuộc.\n"
    )
    assert extract_attendees(text) == []


def test_evidence_is_a_verbatim_span_naming_the_person() -> None:
    text = LEAD + "Về dự có đồng chí Phạm Duy Hưng, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh."
    (attendee,) = extract_attendees(text)
    assert (
        attendee.evidence
        == "Về dự có đồng chí Phạm Duy Hưng, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh"
    )
