"""The Vietnamese brief: what it shows beside each item, and how it words problems."""

from summarizer.render import render_markdown
from summarizer.render.phrases import problem_line, shorten
from summarizer.schema import (
    Achievement,
    Alert,
    Check,
    Metric,
    ReportSummary,
    SourceInfo,
    SummaryResult,
    Usage,
    VerificationReport,
)

EVIDENCE = "Toàn tỉnh đã lắp đặt gần 300 camera giám sát giao thông"
CAMERAS = Metric(value=300, unit="camera", text="300 camera", qualifier="approx")


def _result(
    achievements, checks, *, alerts=(), usage=None, overview="Tỉnh lắp camera."
) -> SummaryResult:
    return SummaryResult(
        source=SourceInfo(path="bao-cao.txt", sha256="0" * 64, chars=100),
        summary=ReportSummary(
            organization="Sở Thông tin và Truyền thông",
            overview=overview,
            achievements=achievements,
        ),
        verification=VerificationReport.from_checks(checks),
        usage=usage or Usage(backend="rules"),
        alerts=list(alerts),
    )


def _check(path, status, claim="300 camera", found=None, severity=None, kind="value") -> Check:
    return Check(
        path=path, kind=kind, claim=claim, status=status, found=found, severity=severity,
        reason="why",
    )  # fmt: skip


def test_a_metric_keeps_its_hedge_word_and_unit_as_written():
    item = Achievement(sector="it", description="Lắp camera", metrics=[CAMERAS], evidence=EVIDENCE)
    brief = render_markdown(_result([item], [_check("achievements[0].metrics[0].value", "exact")]))
    assert "**gần 300 camera** ✓" in brief
    assert "✓ mọi con số đã được kiểm chứng với văn bản gốc" in brief


def test_a_unit_missing_from_the_text_is_added():
    metric = Metric(value=8, unit="đơn vị", text="8")
    item = Achievement(sector="general", description="x", metrics=[metric], evidence="có 8 đơn vị")
    assert "**8 đơn vị**" in render_markdown(_result([item], []))


def test_a_metric_is_shown_only_beside_the_item_whose_evidence_holds_it():
    elsewhere = Metric(value=12, unit="trạm BTS", text="12 trạm BTS")
    item = Achievement(
        sector="telecom", description="Phủ sóng", metrics=[elsewhere], evidence=EVIDENCE
    )
    assert "12 trạm BTS" not in render_markdown(_result([item], []))


def test_no_tick_beside_an_unverified_number_and_problems_in_vietnamese():
    wrong = Metric(value=350, unit="camera", text="350 camera")
    evidence = "lắp đặt 350 camera"  # the item says so; the source says 300
    item = Achievement(sector="it", description="Lắp camera", metrics=[wrong], evidence=evidence)
    checks = [
        _check("achievements[0].metrics[0].value", "mismatch", "350 camera", found="300 camera"),
        _check("achievements[0].evidence", "exact", evidence, kind="evidence"),
    ]
    brief = render_markdown(_result([item], checks))
    assert "**350 camera** ✗ chưa kiểm chứng" in brief
    assert "350 camera** ✓" not in brief and "mọi con số" not in brief
    assert "- Số liệu chưa kiểm chứng: «350 camera» — văn bản gốc ghi «300 camera»" in brief
    assert "achievements[0]" not in brief  # no JSON paths for the reader


def test_errors_and_warnings_are_listed_apart():
    item = Achievement(sector="it", description="Lắp camera", metrics=[CAMERAS], evidence=EVIDENCE)
    checks = [
        _check("achievements[0].metrics[0].value", "exact", severity="warning"),
        _check("overview", "missing", "1.000 camera", kind="number"),
    ]
    brief = render_markdown(_result([item], checks))
    errors = brief.index("## Chưa kiểm chứng")
    warnings = brief.index("## Cần xem lại")
    assert errors < brief.index("«1.000 camera» — không tìm thấy") < warnings
    assert brief.index("Số liệu cần xem lại: «300 camera»") > warnings
    assert "**gần 300 camera** ⚠ cần xem lại" in brief


def test_the_tick_needs_at_least_one_check():
    brief = render_markdown(_result([], []))
    assert "✓" not in brief and "Không có số liệu nào để kiểm chứng" in brief


def test_an_empty_summary_gets_no_tick_for_its_header_alone():
    header = _check("organization", "exact", "Sở Thông tin và Truyền thông", kind="text")
    alert = Alert(code="empty_summary", message="no achievement, target, attendee or award found")
    brief = render_markdown(_result([], [header], alerts=[alert], overview=""))
    assert "✓" not in brief and "Không có số liệu nào để kiểm chứng" in brief
    assert "✓" in render_markdown(_result([], [header], overview=""))  # the alert makes it so


def test_alerts_stand_at_the_top_and_the_footer_names_model_and_prompt():
    usage = Usage(backend="llm", model="gpt-4o-mini", prompt_version="abc123def456")
    alert = Alert(
        code="off_topic", message="Văn bản không thuộc lĩnh vực thông tin và truyền thông"
    )
    brief = render_markdown(_result([], [], alerts=[alert], usage=usage))
    lines = brief.splitlines()
    assert "off_topic" in lines[2] and alert.message in lines[2]
    assert lines[-1] == (
        "_Nguồn: bao-cao.txt · backend llm · mô hình gpt-4o-mini · phiên bản prompt abc123def456_"
    )


def test_a_long_description_is_shortened_at_a_word():
    words = "triển khai Đề án tổng thể chuyển đổi số giai đoạn 2022 - 2025 " * 20
    short = shorten(words, 60)
    assert short.endswith("…") and len(short) <= 60
    assert words.startswith(short[:-1]) and words[len(short) - 1] == " "


def test_a_claim_found_elsewhere_says_so():
    line = problem_line(_check("x", "unsupported", "300 camera", found="300 camera"))
    assert line.startswith("Số liệu chưa kiểm chứng: «300 camera» — văn bản gốc có «300 camera»")


def test_the_rules_footer_says_no_model_was_used():
    brief = render_markdown(_result([], []))
    assert (
        brief.splitlines()[-1]
        == "_Nguồn: bao-cao.txt · backend rules · không dùng mô hình ngôn ngữ_"
    )


def test_one_problem_line_per_metric():
    item = Achievement(sector="it", description="x", metrics=[CAMERAS], evidence=EVIDENCE)
    checks = [
        _check("achievements[0].metrics[0].value", "missing", "350", kind="value"),
        _check(
            "achievements[0].metrics[0].text",
            "mismatch",
            "350 camera",
            found="300 camera",
            kind="text",
        ),
    ]
    problems = [
        line for line in render_markdown(_result([item], checks)).splitlines() if "«350" in line
    ]
    assert problems == ["- Số liệu chưa kiểm chứng: «350 camera» — văn bản gốc ghi «300 camera»"]
