"""The rules backend's language rules, one Vietnamese sentence at a time."""

from __future__ import annotations

import pytest

from summarizer.backends.rules.cues import read_period, sector_of
from summarizer.backends.rules.items import Draft, find_items
from summarizer.backends.rules.metrics import metrics_in
from summarizer.backends.rules.segment import segment, split_clauses, split_sentences
from summarizer.numbers import find_numbers


def _items(text: str, review: str | None = "2023", plan: str | None = "2024") -> list[Draft]:
    return find_items(text, segment(text), review, plan)


def _kinds(text: str, **periods: str | None) -> list[tuple[str, str | None, str]]:
    return [(d.kind, d.deadline, d.span.text) for d in _items(text, **periods)]


# --- segmentation ---------------------------------------------------------------------------------


def test_sentences_end_at_a_stop_before_a_capital_not_inside_numbers():
    text = "Toàn tỉnh có 1.332 trạm BTS. Doanh thu đạt 1,7 tỷ đồng. đây không tách."
    assert [s.text for s in split_sentences(text, 0, len(text))] == [
        "Toàn tỉnh có 1.332 trạm BTS.",
        "Doanh thu đạt 1,7 tỷ đồng. đây không tách.",
    ]


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        ("có 167 điểm phục vụ bưu chính; 8 doanh nghiệp đang hoạt động", 2),
        # a ';' inside brackets does not cut
        ("tổng cộng 131.788 hồ sơ (mức độ 3: 36.753 hồ sơ; mức độ 4: 95.035 hồ sơ)", 1),
        # a breakdown stays with the total it breaks down
        ("đã có 1.364 TTHC trực tuyến; trong đó mức độ 3 có 191 dịch vụ", 1),
        # a short list of nouns is not a claim of its own
        ("triển khai các nhiệm vụ ứng dụng công nghệ thông tin; thông tin, báo chí, xuất bản", 1),
        ("cáp quang hóa 100%, đồng thời 100% cơ quan đã nối mạng chuyên dùng", 2),
    ],
)
def test_clauses_cut_at_top_level_semicolons(sentence, clauses):
    assert len(split_clauses(sentence, 0, len(sentence))) == clauses


def test_a_colon_before_a_semicolon_list_is_the_lead_of_that_list():
    text = "Năm 2024, ngành tập trung các nội dung: nâng cấp hạ tầng số; phát triển dữ liệu số."
    para = segment(text)[0]
    sentence = para.sentences[0]
    assert sentence.lead is not None and sentence.lead.text.endswith("các nội dung")
    assert [c.text for c in sentence.clauses] == ["nâng cấp hạ tầng số", "phát triển dữ liệu số."]


def test_numbered_lines_without_a_sentence_are_headings():
    paras = segment("II. PHƯƠNG HƯỚNG NHIỆM VỤ\n1. Xây dựng chính sách\n2. Nâng cấp hạ tầng số.\n")
    assert [p.heading for p in paras] == [True, True, False]


# --- achievements and targets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a coming year that opens the sentence frames every clause of it
        (
            "Năm 2024, Sở tập trung nâng cao chất lượng dịch vụ công trực tuyến; đẩy mạnh "
            "chuyển đổi số trong cơ quan nhà nước.",
            [("target", "2024"), ("target", "2024")],
        ),
        # the reviewed year frames results
        (
            "Năm 2023, Sở đã hoàn thành 18/20 chỉ tiêu được giao, đạt 90%.",
            [("achievement", None)],
        ),
        # a plan cue makes a target even with figures in it
        (
            "Phấn đấu 80% dịch vụ công trực tuyến mức độ 4 được cung cấp trên Cổng.",
            [("target", None)],
        ),
        # a directive with no period has no deadline
        (
            "Phó Chủ tịch UBND tỉnh đề nghị Sở tăng cường bảo đảm an toàn thông tin mạng.",
            [("target", None)],
        ),
        # "thời gian tới" is open
        (
            "Trong thời gian tới, Sở sẽ nâng cấp Trung tâm dữ liệu của tỉnh.",
            [("target", None)],
        ),
        # "Bước sang" looks forward even when the periods are unknown
        (
            "Bước sang năm 2025, ngành đặt mục tiêu phủ sóng 5G tới các khu công nghiệp.",
            [("target", "2025")],
        ),
    ],
)
def test_frames_and_cues_decide_results_and_plans(text, expected):
    assert [(kind, deadline) for kind, deadline, _ in _kinds(text)] == expected


def test_half_year_deadline_takes_its_year_from_the_planned_period():
    text = "6 tháng cuối năm, Sở tăng cường kiểm tra các doanh nghiệp bưu chính trên địa bàn."
    found = _kinds(text, review="6 tháng đầu năm 2019", plan="6 tháng cuối năm 2019")
    assert found == [("target", "6 tháng cuối năm 2019", text.rstrip("."))]


def test_plain_sentences_continue_a_run_of_plans_with_its_deadline():
    text = (
        "Năm 2024, Sở tiếp tục vận hành Trung tâm giám sát an toàn thông tin mạng.\n"
        "Đồng thời, phát triển hạ tầng công nghệ thông tin theo hướng hiện đại.\n"
    )
    assert [(k, d) for k, d, _ in _kinds(text)] == [("target", "2024"), ("target", "2024")]


def test_a_leader_named_anew_starts_a_new_run_of_directives():
    text = (
        "Năm 2024, Sở tập trung phát triển hạ tầng số trên địa bàn tỉnh.\n"
        "Kết luận hội nghị, Giám đốc Sở yêu cầu các phòng bám sát kế hoạch được giao.\n"
    )
    assert [d for _, d, _ in _kinds(text)] == ["2024", None]


def test_a_plans_heading_makes_the_lines_under_it_targets():
    text = (
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI\n"
        "1. Nâng cao tỷ lệ hồ sơ trực tuyến và thanh toán trực tuyến.\n"
        "2. Đẩy mạnh tuyên truyền, bồi dưỡng kỹ năng số cho người dân.\n"
    )
    assert [(k, d) for k, d, _ in _kinds(text)] == [("target", None), ("target", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị kết nối tới điểm cầu 11 huyện, thành phố trên địa bàn tỉnh.",
        "Có 04 đơn vị gửi tham luận tới hội nghị, chia sẻ cách làm ở cơ sở.",
        "Dịp này, 03 tập thể, 04 cá nhân được Chủ tịch UBND tỉnh khen thưởng.",
        "Sở vinh dự đón nhận Huân chương Lao động hạng Nhì của Chủ tịch nước.",
        "Đồng chí Phó Chủ tịch ghi nhận, biểu dương những kết quả ngành đã đạt được.",
        "Tuy nhiên, việc chuyển đổi trạm BTS còn chậm so với kế hoạch của tỉnh.",
        "Theo Cục Thống kê, tăng trưởng kinh tế của tỉnh năm 2023 đạt 7,2%.",
        "Chiều 12/1, Sở Thông tin và Truyền thông tổ chức Hội nghị tổng kết công tác năm 2023.",
    ],
)
def test_the_meeting_awards_praise_difficulties_and_other_fields_are_not_items(text):
    assert _items(text) == []


def test_an_untitled_line_with_no_stop_is_not_a_claim():
    assert _items("Toàn cảnh hội nghị\nNguyễn Văn An\n") == []


def test_concrete_results_without_numbers_are_achievements():
    text = "Trung tâm giám sát điều hành đô thị thông minh IOC đã đi vào hoạt động ổn định."
    assert [(k, d) for k, d, _ in _kinds(text)] == [("achievement", None)]


# --- sectors and periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("toàn tỉnh có 201 điểm phục vụ bưu chính", "postal"),
        ("Internet có 224.065 thuê bao", "telecom"),
        ("Mạng lưới bưu chính, viễn thông tiếp tục được mở rộng", "telecom"),
        ("tỷ lệ hồ sơ trực tuyến trên Cổng Dịch vụ công", "it"),
        ("sóng phát thanh và truyền hình đã phủ 100% địa bàn tỉnh", "press"),
        ("tăng cường bảo đảm an toàn thông tin mạng", "security"),
        ("đổi mới công tác thi đua, khen thưởng", "general"),
        ("Sở hoàn thành tốt các nhiệm vụ được giao", None),
    ],
)
def test_sector_comes_from_the_cue_words(text, sector):
    assert sector_of(text) == sector


@pytest.mark.parametrize(
    ("phrase", "review", "plan", "future", "deadline"),
    [
        ("năm 2024", "2023", "2024", True, "2024"),
        ("năm 2023", "2023", "2024", False, "2023"),
        ("năm 2023", "6 tháng đầu năm 2023", "6 tháng cuối năm 2023", True, "2023"),
        ("giai đoạn 2020 - 2025", "giai đoạn 2015 - 2020", None, True, "giai đoạn 2020 - 2025"),
        ("thời gian tới", "2023", "2024", True, None),
        ("6 tháng cuối năm", None, "6 tháng cuối năm 2019", True, "6 tháng cuối năm 2019"),
    ],
)
def test_periods_are_read_against_the_reviewed_one(phrase, review, plan, future, deadline):
    period = read_period(phrase, review, plan)
    assert (period.future, period.deadline) == (future, deadline)


# --- metrics --------------------------------------------------------------------------------------


def _metrics(text: str) -> list[tuple[float, float | None, str | None, str, str | None]]:
    return [
        (m.value, m.total, m.unit, m.text, m.qualifier)
        for m in metrics_in(text, find_numbers(text), 0, len(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Toàn tỉnh có 930 trạm BTS, gồm 600 trạm 2G",
            [
                (930, None, "trạm BTS", "930 trạm BTS", None),
                (600, None, "trạm 2G", "600 trạm 2G", None),
            ],
        ),
        (
            "Lượng thuê bao ước khoảng 554 nghìn thuê bao",
            [(554, None, "nghìn thuê bao", "554 nghìn thuê bao", "approx")],
        ),
        (
            "nâng mật độ điện thoại lên 68 thuê bao/100 dân",
            [(68, None, "thuê bao/100 dân", "68 thuê bao/100 dân", None)],
        ),
        (
            "toàn tỉnh có hơn 20 doanh nghiệp bưu chính, chuyển phát hoạt động",
            [
                (
                    20,
                    None,
                    "doanh nghiệp bưu chính, chuyển phát",
                    "20 doanh nghiệp bưu chính, chuyển phát",
                    "over",
                )
            ],
        ),
        ("với mức tăng bình quân 12%/năm", [(12, None, "%/năm", "12%/năm", None)]),
        (
            "Đã có 1.634/1.733 thôn, bản, tổ dân phố có Internet",
            [(1634, 1733, "thôn, bản, tổ dân phố", "1.634/1.733 thôn, bản, tổ dân phố", None)],
        ),
        (
            "quy tụ dữ liệu của 26 cơ quan, đơn vị về một kho",
            [(26, None, "cơ quan, đơn vị", "26 cơ quan, đơn vị", None)],
        ),
        (
            "số DVCTT có hồ sơ phát sinh là 509/1.364, chiếm 37%",
            [
                (509, 1364, None, "509/1.364", None),
                (37, None, "%", "37%", None),
            ],
        ),
    ],
)
def test_metrics_take_the_noun_phrase_after_the_number(text, expected):
    assert _metrics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word after a comma that takes its own number is a predicate, not a second noun
        (
            "Doanh thu viễn thông đạt 2.140 tỷ đồng, gấp 1,3 lần năm trước",
            [(2140, "tỷ đồng", "2.140 tỷ đồng"), (1.3, "lần", "1,3 lần")],
        ),
        # an adverb ends the noun list
        ("phủ sóng 4G cho 40 thôn, bản chưa có sóng", [(40, "thôn, bản", "40 thôn, bản")]),
        # a negation ends the unit: no half of a word pair is left at its end
        (
            "Sở cấp 12 giấy phép xuất bản tài liệu không kinh doanh",
            [(12, "giấy phép xuất bản tài liệu", "12 giấy phép xuất bản tài liệu")],
        ),
        # a noun phrase longer than the old cut still ends where it ends
        (
            "Toàn tỉnh có 1.410 vị trí lắp đặt trạm thu phát sóng thông tin di động BTS.",
            [
                (
                    1410,
                    "vị trí lắp đặt trạm thu phát sóng thông tin di động BTS",
                    "1.410 vị trí lắp đặt trạm thu phát sóng thông tin di động BTS",
                )
            ],
        ),
    ],
)
def test_units_stop_where_the_noun_phrase_stops(text, expected):
    assert [(v, u, t) for v, _, u, t, _ in _metrics(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Trong nhóm 63 tỉnh, thành phố, tỉnh xếp thứ 3",
        "phòng chống dịch Covid-19 trên địa bàn",
        "dịch vụ công trực tuyến mức độ 4 và mạng 5G",
        "theo Quyết định số 676/QĐ-UBND ngày 26/4/2022",
        "thí điểm tại KCN Yên Phong 1",
    ],
)
def test_ranks_names_levels_and_documents_are_not_metrics(text):
    assert _metrics(text) == []
