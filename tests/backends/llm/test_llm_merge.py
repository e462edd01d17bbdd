from datetime import date

import pytest

from summarizer.backends.llm.merge import majority, merge_summaries
from summarizer.schema import Achievement, Attendee, Award, Metric, ReportSummary, Target


def _metric(value: float, text: str) -> Metric:
    return Metric(value=value, text=text)


def test_one_summary_is_returned_as_is():
    summary = ReportSummary(title="Hội nghị", period="2023")
    assert merge_summaries([summary]) is summary


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([None, "2023", None], "2023"),
        (["2023", "2024", "2024"], "2024"),
        (["2023", "2024"], "2023"),  # a tie goes to the earliest part
        ([None, None], None),
        (["Sơn La", "sơn  la", "Hà Giang"], "Sơn La"),  # compared loosely, first spelling kept
    ],
)
def test_majority(values, expected):
    assert majority(values) == expected


def test_header_fields_take_the_majority_and_the_first_overview():
    parts = [
        ReportSummary(title="Tiêu đề", overview="", event_date=date(2024, 1, 10)),
        ReportSummary(title=None, overview="Tổng quan phần hai.", province="Sơn La"),
        ReportSummary(title="Tiêu đề", overview="Tổng quan phần ba.", province="Sơn La"),
    ]
    merged = merge_summaries(parts)
    assert merged.title == "Tiêu đề"
    assert merged.province == "Sơn La"
    assert merged.event_date == date(2024, 1, 10)
    assert merged.overview == "Tổng quan phần hai."
    assert merged.organization == "Sở Thông tin và Truyền thông"


def test_items_seen_in_an_overlap_are_kept_once_with_their_metrics_united():
    shared = "Lĩnh vực viễn thông mang về 1.463 tỷ đồng doanh thu, vượt kế hoạch 8%"
    a = Achievement(
        sector="telecom",
        description="Doanh thu",
        metrics=[_metric(1463, "1.463 tỷ đồng")],
        evidence=shared,
    )
    b = a.model_copy(
        update={"metrics": [_metric(1463, "1.463 tỷ đồng"), _metric(8, "8%")], "evidence": shared}
    )
    other = Achievement(sector="it", description="Khác", evidence="một câu khác")
    target_a = Target(sector="it", description="Kế hoạch", evidence="phấn đấu", deadline=None)
    target_b = target_a.model_copy(update={"deadline": "2024"})
    merged = merge_summaries(
        [
            ReportSummary(achievements=[a], targets=[target_a]),
            ReportSummary(achievements=[b, other], targets=[target_b]),
        ]
    )
    assert [x.evidence for x in merged.achievements] == [shared, "một câu khác"]
    assert [(m.value, m.text) for m in merged.achievements[0].metrics] == [
        (1463, "1.463 tỷ đồng"),
        (8, "8%"),
    ]
    assert len(merged.targets) == 1 and merged.targets[0].deadline == "2024"


def test_attendees_merge_by_name_and_keep_the_strongest_role():
    first = Attendee(
        name="Đặng Ngọc Hậu", titles=["Phó Chủ tịch UBND tỉnh"], role="guest", evidence="x"
    )
    again = Attendee(
        name="Đặng  Ngọc Hậu",
        titles=["Phó Chủ tịch UBND tỉnh", "Uỷ viên Ban Thường vụ"],
        role="speaker",
        evidence="y",
    )
    someone = Attendee(name="Nguyễn Văn A", role=None, evidence="z")
    merged = merge_summaries(
        [ReportSummary(attendees=[first]), ReportSummary(attendees=[again, someone])]
    )
    assert [a.name for a in merged.attendees] == ["Đặng Ngọc Hậu", "Nguyễn Văn A"]
    assert merged.attendees[0].titles == ["Phó Chủ tịch UBND tỉnh", "Uỷ viên Ban Thường vụ"]
    assert merged.attendees[0].role == "speaker"
    assert merged.attendees[0].evidence == "x"


def test_awards_merge_by_honour_and_authority_only():
    minister = Award(
        award="Bằng khen", conferred_by="Bộ trưởng Bộ TT&TT", collectives=2, evidence="a"
    )
    minister_again = Award(
        award="Bằng khen", conferred_by="Bộ trưởng Bộ TT&TT", individuals=5, evidence="b"
    )
    province = Award(
        award="Bằng khen", conferred_by="Chủ tịch UBND tỉnh", collectives=1, evidence="c"
    )
    merged = merge_summaries(
        [ReportSummary(awards=[minister]), ReportSummary(awards=[minister_again, province])]
    )
    assert [(a.conferred_by, a.collectives, a.individuals) for a in merged.awards] == [
        ("Bộ trưởng Bộ TT&TT", 2, 5),
        ("Chủ tịch UBND tỉnh", 1, None),
    ]
