"""True claims in the styles that used to raise false alarms, in newly written wording: each
verifies, and a changed copy of the same claim is still an error."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.schema import Achievement, Attendee, Award, Metric, ReportSummary, Target
from summarizer.verify import verify

_AGENCY = "Sở Thông tin và Truyền thông thông báo.\n"  # the default organization, named


def _verify(summary: ReportSummary, source: str):
    return verify(summary, _AGENCY + source)


def _errors(summary: ReportSummary, source: str) -> list[str]:
    return [f"{c.path}: {c.reason}" for c in _verify(summary, source).failures]


def _target(evidence: str, deadline: str | None, *metrics: Metric) -> Target:
    return Target(
        sector="it", description="x", metrics=list(metrics), evidence=evidence, deadline=deadline
    )


HEADED = (
    "Sở Thông tin và Truyền thông tỉnh Hòa Bình\n\n"
    "IV. KẾ HOẠCH CÔNG TÁC NĂM 2026\n\n"
    "1. Nâng doanh thu dịch vụ số thêm 6% so với năm 2025.\n\n"
    "2. Thực hiện Chương trình “Hạ tầng số tỉnh Hòa Bình giai đoạn 2026–2030, tầm nhìn đến năm "
    "2035”.\n"
)
LEAD = (
    "Sở Thông tin và Truyền thông tỉnh Hòa Bình họp bàn nhiệm vụ. Năm 2026, Sở tập trung:\n"
    "Đưa tỷ lệ thanh toán số lên 45%, gấp 1,5 lần năm 2025.\n"
    "Phủ sóng 5G tới 11/11 huyện, thành phố.\n"
)


@pytest.mark.parametrize(
    ("source", "evidence", "deadline", "wrong"),
    [
        # a numbered list under a heading without a colon; "so với năm 2025" only compares
        (HEADED, "Nâng doanh thu dịch vụ số thêm 6% so với năm 2025", "2026", "2027"),
        # a year inside a quoted programme name is no deadline
        (HEADED, "Thực hiện Chương trình “Hạ tầng số tỉnh Hòa Bình", "2026", "2035"),
        # bare lines under a lead ending with ':'; "gấp 1,5 lần năm 2025" only compares
        (LEAD, "Đưa tỷ lệ thanh toán số lên 45%, gấp 1,5 lần năm 2025", "2026", "2024"),
    ],
)
def test_a_deadline_from_the_heading_or_lead_of_its_list(
    source: str, evidence: str, deadline: str, wrong: str
) -> None:
    right = ReportSummary(targets=[_target(evidence, deadline)])
    assert _errors(right, source) == []
    assert _errors(ReportSummary(targets=[_target(evidence, wrong)]), source)


def test_an_x_of_y_count_after_toi_is_a_count_not_a_date() -> None:
    metric = Metric(value=11, total=11, unit="huyện", text="11/11 huyện")
    right = ReportSummary(targets=[_target("Phủ sóng 5G tới 11/11 huyện", "2026", metric)])
    assert _errors(right, LEAD) == []
    wrong = metric.model_copy(update={"total": 12})
    assert _errors(
        ReportSummary(targets=[_target("Phủ sóng 5G tới 11/11 huyện", "2026", wrong)]), LEAD
    )


def test_a_metric_ending_where_its_evidence_ends() -> None:
    source = "Năm 2026, Sở tập trung:\nĐưa dịch vụ công lên nền tảng số tại 27 xã, phường.\n"
    metric = Metric(value=27, unit="xã, phường", text="27 xã, phường")
    item = _target("Đưa dịch vụ công lên nền tảng số tại 27 xã, phường", "2026", metric)
    assert _errors(ReportSummary(targets=[item]), source) == []


NO_DATELINE = (
    "Ngành Thông tin và Truyền thông Hòa Bình bước vào năm 2026\n\n"
    "Sáng 16/1, Sở Thông tin và Truyền thông tỉnh Hòa Bình tổ chức hội nghị tổng kết công tác "
    "năm 2025, triển khai nhiệm vụ năm 2026.\n"
)
FORMAL = (
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 77/BC-STTTT\nHòa Bình, ngày 08 tháng 12 năm 2025\n\n"
    "BÁO CÁO\nTổng kết công tác năm 2025\n"
)


@pytest.mark.parametrize(
    ("source", "day", "wrong"),
    [
        (NO_DATELINE, date(2026, 1, 16), date(2025, 1, 16)),  # the year after the reviewed one
        (FORMAL, date(2025, 12, 8), date(2025, 12, 9)),  # "ngày 08 tháng 12 năm 2025"
    ],
)
def test_an_event_date_read_from_the_reviewed_year_or_a_formal_date_line(
    source: str, day: date, wrong: date
) -> None:
    report = _verify(ReportSummary(event_date=day), source)
    assert report.verified
    assert next(c for c in report.checks if c.path == "event_date").status == "normalized"
    assert not _verify(ReportSummary(event_date=wrong), source).verified


def test_a_reviewed_year_not_taken_from_a_comparison() -> None:
    source = (
        "Năm 2025, Sở đạt 40/42 chỉ tiêu, vượt kết quả năm 2024 (36/42 chỉ tiêu). "
        "Hội nghị bàn nhiệm vụ năm 2026."
    )
    assert _errors(ReportSummary(period="2025"), source) == []


def test_an_overview_year_beside_a_comparison_year() -> None:
    source = (
        "Sở Thông tin và Truyền thông tổng kết công tác năm 2025.\n\n"
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 58,2%, tăng 9,1 điểm phần trăm so với năm 2024.\n"
    )
    overview = (
        "Năm 2025, tỷ lệ hồ sơ trực tuyến toàn trình đạt 58,2%, tăng 9,1 điểm phần trăm so "
        "với năm 2024."
    )
    assert _errors(ReportSummary(overview=overview), source) == []


def test_a_month_written_with_or_without_its_year() -> None:
    source = (
        "Ngày đăng: 27/04/2026\n\nSở giao ban công tác tháng 4, triển khai nhiệm vụ tháng 5/2026. "
        "Tháng 5/2026, Sở tập trung hưởng ứng Ngày Sách."
    )
    summary = ReportSummary(
        period="tháng 4/2026", overview="Tháng 5 Sở tập trung hưởng ứng Ngày Sách."
    )
    assert _errors(summary, source) == []
    assert _errors(ReportSummary(period="tháng 3/2026"), source)


RANKED = (
    "Dự hội nghị có đồng chí Lò Văn Khánh, Phó Chủ tịch Thường trực UBND tỉnh. Dịp này, "
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 2 tập thể, 6 cá nhân."
)


def test_a_title_keeps_its_rank_word_and_a_count_its_noun() -> None:
    evidence = "đồng chí Lò Văn Khánh, Phó Chủ tịch Thường trực UBND tỉnh"
    person = Attendee(
        name="Lò Văn Khánh", titles=["Phó Chủ tịch Thường trực UBND tỉnh"], evidence=evidence
    )
    award = Award(
        award="Bằng khen",
        conferred_by="Chủ tịch UBND tỉnh",
        collectives=2,
        individuals=6,
        evidence="Chủ tịch UBND tỉnh tặng Bằng khen cho 2 tập thể, 6 cá nhân",
    )
    assert _errors(ReportSummary(attendees=[person], awards=[award]), RANKED) == []
    dropped = person.model_copy(update={"titles": ["Chủ tịch Thường trực UBND tỉnh"]})
    assert _errors(ReportSummary(attendees=[dropped]), RANKED)
    moved = award.model_copy(update={"collectives": 6, "individuals": 2})
    assert _errors(ReportSummary(awards=[moved]), RANKED)


def test_a_province_named_by_a_place_that_belongs_to_it() -> None:
    source = "Sáng 9/1, tại thành phố Buôn Ma Thuột, ngành tổng kết công tác năm 2025."
    assert _errors(ReportSummary(province="Đắk Lắk"), source) == []
    assert _errors(ReportSummary(province="Đắk Nông"), source)


def test_a_metric_bound_to_its_own_evidence() -> None:
    source = "Doanh thu đạt trên 2.600 tỷ đồng. Ngân sách chi 121 tỷ đồng cho hạ tầng."
    right = Metric(value=2600, unit="tỷ đồng", text="2.600 tỷ đồng", qualifier="over")
    item = Achievement(
        sector="telecom",
        description="x",
        metrics=[right],
        evidence="Doanh thu đạt trên 2.600 tỷ đồng",
    )
    assert _errors(ReportSummary(achievements=[item]), source) == []
    for wrong in (
        Metric(value=121, unit="tỷ đồng", text="121 tỷ đồng"),  # another sentence's number
        right.model_copy(update={"qualifier": "approx"}),
        right.model_copy(update={"unit": "triệu đồng"}),
    ):
        changed = item.model_copy(update={"metrics": [wrong]})
        errors = _errors(ReportSummary(achievements=[changed]), source)
        assert errors, wrong
