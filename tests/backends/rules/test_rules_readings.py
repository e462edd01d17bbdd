"""How the rules backend reads a sentence: by the pattern its words stand in, not by a word alone."""

from __future__ import annotations

import pytest

from summarizer.backends.rules.items import find_items
from summarizer.backends.rules.metrics import metrics_in
from summarizer.backends.rules.segment import segment
from summarizer.numbers import find_numbers


def _read(
    text: str, review: str | None = "2024", plan: str | None = "2025"
) -> list[tuple[str, str | None, list[float]]]:
    """(kind, deadline, metric values) of every item found in text."""
    numbers = find_numbers(text)
    return [
        (
            d.kind,
            d.deadline,
            [m.value for m in metrics_in(text, numbers, d.span.start, d.span.end)],
        )
        for d in find_items(text, segment(text), review, plan)
    ]


# --- "ghi nhận": recorded, or praised ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a system records a quantity: a result
        (
            "Năm 2024, Cổng dịch vụ công của tỉnh ghi nhận hơn 85.000 hồ sơ nộp trực tuyến.",
            [("achievement", None, [85000])],
        ),
        (
            "Trong quý, hệ thống giám sát tập trung đã ghi nhận 1.240 cảnh báo mã độc.",
            [("achievement", None, [1240])],
        ),
        # a leader notes and praises the results: not a result
        ("Giám đốc Sở ghi nhận những nỗ lực của các phòng, đơn vị trong năm qua.", []),
        ("Lãnh đạo tỉnh ghi nhận và đánh giá cao kết quả ngành đã đạt được.", []),
    ],
)
def test_ghi_nhan_is_praise_only_with_a_praised_object_or_a_person_as_subject(text, expected):
    assert _read(text) == expected


# --- "kiến nghị": a proposal, or a noun in a count ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đường dây nóng của Sở đã giải quyết 320 kiến nghị của doanh nghiệp bưu chính.",
            [("achievement", None, [320])],
        ),
        (
            "Trong năm, Sở tiếp nhận 1.180 phản ánh, kiến nghị về thủ tục hành chính, đã xử lý 97%.",
            [("achievement", None, [1180, 97])],
        ),
        # a participant's proposal at the meeting
        ("Đại diện Viettel kiến nghị tỉnh hỗ trợ mặt bằng lắp đặt trạm BTS.", []),
    ],
)
def test_kien_nghi_as_a_noun_does_not_make_a_proposal(text, expected):
    assert _read(text) == expected


def test_a_section_on_handling_complaints_is_not_a_section_of_requests():
    text = (
        "3. Tiếp nhận, xử lý phản ánh, kiến nghị\n"
        "Sở đã trả lời 412 ý kiến của người dân qua Cổng thông tin điện tử.\n"
    )
    assert _read(text) == [("achievement", None, [412])]


# --- shortfalls: a figure reached is still a result -----------------------------------------------


def test_a_measured_shortfall_under_a_difficulties_heading_is_an_achievement_with_both_levels():
    text = (
        "II. KHÓ KHĂN, HẠN CHẾ\n"
        "Tỷ lệ hồ sơ thanh toán trực tuyến chỉ đạt 12,5%, thấp hơn chỉ tiêu 25% được giao. "
        "Hạ tầng mạng ở vùng sâu còn yếu; kinh phí đầu tư cho chuyển đổi số còn hạn chế.\n"
        "III. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025\n"
        "1. Nâng tỷ lệ thanh toán trực tuyến lên 30%.\n"
    )
    assert _read(text) == [("achievement", None, [12.5, 25]), ("target", "2025", [30])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tuy nhiên, tỷ lệ thanh toán trực tuyến mới đạt 9,6%, chưa đạt chỉ tiêu đề ra.",
            [("achievement", None, [9.6])],
        ),
        # a complaint with no figure reached stays out
        ("Tuy nhiên, tỷ lệ thanh toán trực tuyến chưa đạt 50% như kế hoạch đề ra.", []),
        ("Nguồn nhân lực công nghệ thông tin ở cấp xã còn thiếu và yếu, chưa đáp ứng yêu cầu.", []),
    ],
)
def test_a_difficulty_counts_only_with_the_figure_reached(text, expected):
    assert _read(text) == expected


# --- directives -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a longer addressee between the verb and the task
        (
            "Giám đốc Sở đề nghị mỗi cán bộ, công chức, viên chức trong cơ quan nâng cao tinh thần "
            "trách nhiệm, chủ động tham mưu.",
            [("target", None, [])],
        ),
        # the period named in the addressee is the deadline
        (
            "Phó Chủ tịch UBND tỉnh yêu cầu trong năm 2025 Sở phối hợp các doanh nghiệp hoàn thành "
            "phủ sóng 5G tại trung tâm các huyện.",
            [("target", "2025", [])],
        ),
        # the noun "yêu cầu" asks nothing of anyone
        (
            "Tỷ lệ văn bản ký số đạt 92%, vượt mức yêu cầu là 80%.",
            [("achievement", None, [92, 80])],
        ),
    ],
)
def test_directives_reach_the_task_past_a_longer_addressee(text, expected):
    assert _read(text) == expected


def test_an_anniversary_of_the_coming_year_is_no_target():
    text = "Năm 2025 là dịp ngành kỷ niệm 10 năm thành lập Trung tâm Công nghệ thông tin."
    assert _read(text) == []


# --- deadlines ---------------------------------------------------------------------------------------


def test_a_period_in_the_item_wins_over_the_heading_of_its_list():
    text = (
        "Nhiệm vụ 6 tháng cuối năm 2025:\n"
        "1. Hoàn thành số hóa hồ sơ đất đai trong quý IV/2025.\n"
        "2. Phấn đấu đến hết năm 2025 có 60% người dân có tài khoản định danh điện tử.\n"
        "3. Tăng cường tuyên truyền về an toàn thông tin.\n"
    )
    found = _read(text, review="6 tháng đầu năm 2025", plan="6 tháng cuối năm 2025")
    assert [d for _, d, _ in found] == ["quý IV/2025", "2025", "6 tháng cuối năm 2025"]


def test_the_horizon_in_a_plans_name_is_not_the_deadline_of_a_task():
    text = (
        "Giám đốc Sở đề nghị các phòng tham mưu xây dựng Kế hoạch phát triển hạ tầng số tỉnh đến "
        "năm 2030."
    )
    assert _read(text) == [("target", None, [])]


def test_a_goal_with_its_own_year_is_its_own_target_inside_a_longer_period():
    text = (
        "Trong giai đoạn 2025 - 2027, Sở sẽ mở rộng mạng truyền số liệu chuyên dùng, phấn đấu "
        "đến năm 2026 có 100% xã kết nối."
    )
    assert _read(text) == [("target", "giai đoạn 2025 - 2027", []), ("target", "2026", [100])]


# --- what is not a claim ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Giám đốc Sở Nguyễn Văn Hải chủ trì.",
        "Hội nghị do Phó Giám đốc Sở Trần Minh Đức chủ trì hội nghị.",
        # a headline-like line with only a year in it is not a result with figures
        "Chiều 9/1, Sở TT&TT tổ chức hội nghị tổng kết.\n"
        "Ngành TT&TT Quảng Nam: Năm 2024 bứt phá về hạ tầng số và dữ liệu số\n",
    ],
)
def test_meeting_facts_and_headline_lines_are_not_achievements(text):
    assert _read(text) == []
