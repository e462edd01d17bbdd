"""Attendees read by the rules backend: who was at the event, in which posts, doing what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.backends.rules.people import extract_attendees
from summarizer.ingest import read_document

ROOT = Path(__file__).resolve().parents[3]
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a post the lexicon does not list runs to its comma; the next list item is still read
        (
            "Dự hội nghị có ông Vũ Đức Long, Tỉnh ủy viên, Giám đốc Công an tỉnh; bà Hà Thị Nga, "
            "Trưởng Ban Dân vận Tỉnh ủy; cùng đại diện các sở, ngành.",
            [
                ("Vũ Đức Long", ["Tỉnh ủy viên", "Giám đốc Công an tỉnh"], "guest"),
                ("Hà Thị Nga", ["Trưởng Ban Dân vận Tỉnh ủy"], "guest"),
            ],
        ),
        (
            "Tham dự có các đồng chí: Nguyễn Văn Bình, Phó Chủ tịch UBND tỉnh; Trần Thị Mai, Kiến "
            "trúc sư trưởng thành phố; Lê Văn Hùng, Giám đốc Sở Nội vụ.",
            [
                ("Nguyễn Văn Bình", ["Phó Chủ tịch UBND tỉnh"], "guest"),
                ("Trần Thị Mai", [], "guest"),
                ("Lê Văn Hùng", ["Giám đốc Sở Nội vụ"], "guest"),
            ],
        ),
        # the head word itself is always part of the post; a word pair split by the lexicon
        # ("điện tử", "nhà báo") is made whole again
        (
            "Dự hội nghị có ông Hoàng Văn Phúc, Đại biểu Quốc hội khóa XV; ông Tạ Văn Nam, Tổng "
            "Biên tập Báo Hà Giang điện tử; bà Hứa Thị Oanh, Chủ tịch Hội Nhà báo tỉnh.",
            [
                ("Hoàng Văn Phúc", ["Đại biểu Quốc hội khóa XV"], "guest"),
                ("Tạ Văn Nam", ["Tổng Biên tập Báo Hà Giang điện tử"], "guest"),
                ("Hứa Thị Oanh", ["Chủ tịch Hội Nhà báo tỉnh"], "guest"),
            ],
        ),
        # the ministry named after a comma says where the post belongs: one post
        (
            "Đến dự có ông Phan Minh Tâm, Phó Cục trưởng Cục Bưu điện Trung ương, Bộ TT&TT.",
            [("Phan Minh Tâm", ["Phó Cục trưởng Cục Bưu điện Trung ương, Bộ TT&TT"], "guest")],
        ),
        # a lower-case word inside a department's name does not end the post
        (
            "Hội nghị có sự tham dự của ông Đào Văn Kiên, Phó Cục trưởng Cục Kinh tế số và Xã hội "
            "số.",
            [("Đào Văn Kiên", ["Phó Cục trưởng Cục Kinh tế số và Xã hội số"], "guest")],
        ),
        # "kiến nghị" after a person is a speaking verb, and ends the post before it
        (
            "Tại phần thảo luận, bà Nguyễn Thị Lan, Giám đốc Bưu điện tỉnh kiến nghị Sở hỗ trợ "
            "chuyển đổi số cho các bưu cục.",
            [("Nguyễn Thị Lan", ["Giám đốc Bưu điện tỉnh"], "speaker")],
        ),
        # words said at another event, in an interview or before: cited, not present
        (
            "Theo bà Lê Thu Hà, Vụ trưởng Vụ Kế hoạch - Tài chính, trả lời phỏng vấn báo chí tuần "
            "trước, cả nước có 63/63 tỉnh ban hành đề án chuyển đổi số.",
            [],
        ),
        (
            "Theo ông Trần Quang Huy, Phó Giám đốc Sở Tài chính, phát biểu tại một diễn đàn ở TP. "
            "Hồ Chí Minh, vốn cho hạ tầng số sẽ tăng.",
            [],
        ),
        (
            "Ông Mai Văn Sơn, Giám đốc Sở Thông tin và Truyền thông tỉnh Nam Định, chia sẻ tại Nam "
            "Định rằng tỉnh sẽ phủ sóng 5G.",
            [],
        ),
        ("Trước đó, ông Lại Văn Toàn, Giám đốc Sở Tài chính cho biết ngân sách đã bố trí đủ.", []),
        # a deed at the event still counts; a place inside what is said is no other event
        (
            "Trước đó, ông Lại Văn Toàn, Phó Chủ tịch UBND tỉnh trao Bằng khen cho các tập thể.",
            [("Lại Văn Toàn", ["Phó Chủ tịch UBND tỉnh"], "presenter")],
        ),
        (
            "Ông Hồ Văn Minh, Giám đốc Sở cho biết tại các huyện miền núi sóng di động đã phủ 98% "
            "thôn.",
            [("Hồ Văn Minh", ["Giám đốc Sở"], "speaker")],
        ),
        (
            "Phát biểu tại hội nghị, ông Trần Văn Nam, Giám đốc Sở cho biết năm 2024 Sở sẽ tập "
            "trung phát triển dữ liệu số.",
            [("Trần Văn Nam", ["Giám đốc Sở"], "speaker")],
        ),
    ],
)
def test_posts_as_noun_phrases_and_speech_placed_elsewhere(sentence: str, expected: list) -> None:
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
