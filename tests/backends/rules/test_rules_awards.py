"""Awards read by the rules backend: one per honour and conferring authority."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.backends.rules.awards import extract_awards
from summarizer.ingest import read_document

ROOT = Path(__file__).resolve().parents[3]
GOLD_DIR = ROOT / "eval" / "gold"
OWN_DIR = ROOT / "tests" / "fixtures" / "rules_people"
FIELDS = ("award", "conferred_by", "recipient", "collectives", "individuals", "reason")


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


def _fields(text: str) -> list[tuple]:
    return [tuple(getattr(a, f) for f in FIELDS) for a in extract_awards(text)]


@pytest.mark.parametrize(("source", "gold"), CASES, ids=lambda v: getattr(v, "stem", ""))
def test_awards_match_the_annotation(source: Path, gold: dict) -> None:
    article = read_document(source).article
    awards = extract_awards(article)
    assert [tuple(getattr(a, f) for f in FIELDS) for a in awards] == [
        tuple(g[f] for f in FIELDS) for g in gold["awards"]
    ]
    for award in awards:
        assert award.evidence in article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nhân dịp này, Ban Giám đốc Sở trao Giấy khen cho 12 tập thể và 25 cá nhân có thành "
            "tích xuất sắc trong năm 2022.",
            [
                (
                    "Giấy khen",
                    "Ban Giám đốc Sở",
                    None,
                    12,
                    25,
                    "có thành tích xuất sắc trong năm 2022",
                )
            ],
        ),
        (
            "Sở cũng trao danh hiệu Điển hình tiên tiến cho hai tập thể và mười sáu cá nhân.",
            [("danh hiệu Điển hình tiên tiến", "Sở Thông tin và Truyền thông", None, 2, 16, None)],
        ),
        (
            "Có 09 tập thể và 05 cá nhân được nhận Giấy khen của Giám đốc Sở tặng do có thành tích "
            "hoàn thành tốt nhiệm vụ.",
            [("Giấy khen", "Giám đốc Sở", None, 9, 5, "có thành tích hoàn thành tốt nhiệm vụ")],
        ),
        (
            "Đồng chí Nguyễn Văn An, nguyên Giám đốc Sở vinh dự được Chủ tịch nước tặng thưởng "
            "Huân chương Lao động hạng Ba.",
            [("Huân chương Lao động hạng Ba", "Chủ tịch nước", "Nguyễn Văn An", None, None, None)],
        ),
        (
            "Chủ tịch UBND tỉnh đã ký quyết định tặng Bằng khen cho 10 tập thể, 15 cá nhân.",
            [("Bằng khen", "Chủ tịch UBND tỉnh", None, 10, 15, None)],
        ),
        (
            "UBND tỉnh tặng Bằng khen cho Trung tâm Công nghệ thông tin và Truyền thông.",
            [
                (
                    "Bằng khen",
                    "UBND tỉnh",
                    "Trung tâm Công nghệ thông tin và Truyền thông",
                    None,
                    None,
                    None,
                )
            ],
        ),
        (
            "Sở vinh dự đón nhận Cờ thi đua xuất sắc của Chính phủ.",
            [("Cờ thi đua", "Chính phủ", "Sở Thông tin và Truyền thông", None, None, None)],
        ),
        # Two recipients named together: no single recipient.
        (
            "Giám đốc Sở trao Giấy khen cho ông Nguyễn Văn An và bà Trần Thị Bình.",
            [("Giấy khen", "Giám đốc Sở", None, None, None, None)],
        ),
        # One award per honour and authority; a reason at the end serves both clauses.
        (
            "Bộ trưởng Bộ TT&TT tặng Bằng khen cho 2 tập thể, 5 cá nhân; Chủ tịch UBND tỉnh tặng "
            "Bằng khen cho 1 tập thể, 3 cá nhân vì đã có thành tích xuất sắc.",
            [
                ("Bằng khen", "Bộ trưởng Bộ TT&TT", None, 2, 5, "đã có thành tích xuất sắc"),
                ("Bằng khen", "Chủ tịch UBND tỉnh", None, 1, 3, "đã có thành tích xuất sắc"),
            ],
        ),
        # Proposals, banners and related-news lines confer nothing.
        ("Sở sẽ đề nghị UBND tỉnh tặng Bằng khen cho 10 tập thể.", []),
        ("Nhiệt liệt chào mừng Sở TT&TT đón nhận Huân chương Lao động hạng Nhất", []),
        ("- Báo tỉnh đón nhận Huân chương Lao động hạng Nhất (12/04/2014)", []),
        ("Sở đã tiếp nhận 120 hồ sơ khen thưởng và danh hiệu thi đua.", []),
    ],
)
def test_award_shapes(text: str, expected: list[tuple]) -> None:
    assert _fields(text) == expected


def test_a_caption_repeating_an_award_is_not_a_second_award() -> None:
    text = (
        "Giám đốc Sở TT&TT Nguyễn Văn Tuệ trao Huân chương cho đồng chí Nguyễn Trung Thu.\n\n"
        "Dịp này, đồng chí Nguyễn Trung Thu vinh dự được Chủ tịch nước tặng thưởng Huân chương "
        "Lao động hạng Ba.\n"
    )
    assert _fields(text) == [
        ("Huân chương Lao động hạng Ba", "Chủ tịch nước", "Nguyễn Trung Thu", None, None, None)
    ]


def test_a_caption_restating_an_award_to_its_unit_is_not_a_second_award() -> None:
    text = (
        "Sở Thông tin và Truyền thông Bình Định đón nhận Cờ thi đua của Chính phủ\n\n"
        "Sáng 5/6, Sở tổ chức lễ đón nhận Cờ thi đua của Chính phủ.\n\n"
        "Thừa ủy quyền của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh Nguyễn Văn An trao Cờ thi đua "
        "của Chính phủ cho Sở TT&TT vì đã dẫn đầu phong trào thi đua năm 2023.\n\n"
        "Chủ tịch UBND tỉnh Nguyễn Văn An trao Cờ thi đua cho tập thể Sở TT&TT.\n"
    )
    assert _fields(text) == [
        (
            "Cờ thi đua",
            "Chính phủ",
            "Sở TT&TT",
            None,
            None,
            "đã dẫn đầu phong trào thi đua năm 2023",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the recipients' own unit may stand between the count and the reason
        (
            "Giám đốc Sở tặng Giấy khen cho 5 tập thể và 11 cá nhân thuộc các phòng, đơn vị có "
            "thành tích tiêu biểu trong phong trào chuyển đổi số.",
            [
                (
                    "Giấy khen",
                    "Giám đốc Sở",
                    None,
                    5,
                    11,
                    "có thành tích tiêu biểu trong phong trào chuyển đổi số",
                )
            ],
        ),
        # a reason stays with its own award, not the next clause's different one
        (
            "Bộ trưởng Bộ TT&TT tặng Bằng khen cho 2 tập thể vì có thành tích xuất sắc trong công "
            "tác năm 2023; Giám đốc Sở tặng Giấy khen cho 9 cá nhân.",
            [
                (
                    "Bằng khen",
                    "Bộ trưởng Bộ TT&TT",
                    None,
                    2,
                    None,
                    "có thành tích xuất sắc trong công tác năm 2023",
                ),
                ("Giấy khen", "Giám đốc Sở", None, None, 9, None),
            ],
        ),
    ],
)
def test_reasons_belong_to_their_own_award(text: str, expected: list[tuple]) -> None:
    assert _fields(text) == expected


def test_a_caption_names_the_honour_of_a_plain_commendation() -> None:
    text = (
        "03 tập thể, 04 cá nhân có nhiều thành tích được Chủ tịch UBND tỉnh khen thưởng.\n\n"
        "Phó Chủ tịch UBND tỉnh Vương Quốc Tuấn trao Bằng khen của Chủ tịch UBND tỉnh cho các "
        "tập thể, cá nhân.\n"
    )
    (award,) = extract_awards(text)
    assert (award.award, award.conferred_by, award.collectives, award.individuals) == (
        "Bằng khen",
        "Chủ tịch UBND tỉnh",
        3,
        4,
    )
    assert award.evidence in text and "Bằng khen" in award.evidence
