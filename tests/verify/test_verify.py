"""The verifier: gold summaries verify against their sources; each rule flags what it should."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.ingest import read_document
from summarizer.render import render_verification
from summarizer.schema import Achievement, Award, Metric, ReportSummary, Target
from summarizer.verify import index_source, verify
from summarizer.verify.text import fold, locate
from summarizer.verify.wordtokens import Claim

EVAL = Path(__file__).resolve().parents[2] / "eval"
GOLD_DIRS = (EVAL / "gold", EVAL / "extra")  # real reports, and invented ones of the genre
SCRIPT = Path(sys.executable).parent / "summarizer"


def _gold_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for folder in GOLD_DIRS:
        for gold in sorted(folder.glob("*.gold.json")):
            stem = gold.name.removesuffix(".gold.json")
            source = next(
                p for p in folder.iterdir() if p.stem == stem and p.suffix in (".txt", ".html")
            )
            pairs.append((gold, source))
    return pairs


GOLD_PAIRS = _gold_pairs()


def _load(gold: Path) -> ReportSummary:
    return ReportSummary.model_validate_json(gold.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("gold", "source"), GOLD_PAIRS, ids=[g.name for g, _ in GOLD_PAIRS])
def test_gold_summary_verifies_against_its_source(gold: Path, source: Path) -> None:
    text = read_document(source).text
    report = verify(_load(gold), text)
    failures = [f"{c.path} {c.claim!r}: {c.status} ({c.reason})" for c in report.failures]
    assert failures == []
    assert report.verified
    assert report.counts["exact"] + report.counts["normalized"] == len(report.checks)
    for check in report.checks:
        if check.span is not None:
            assert text[check.span[0] : check.span[1]] == check.found


def test_both_gold_folders_are_checked() -> None:
    folders = {gold.parent.name for gold, _ in GOLD_PAIRS}
    assert folders == {"gold", "extra"}
    assert len(GOLD_PAIRS) >= 20


def test_gold_checks_cover_every_kind_of_claim() -> None:
    gold, source = next(p for p in GOLD_PAIRS if p[0].name.startswith("000_"))
    report = verify(_load(gold), read_document(source).text)
    kinds = {c.kind for c in report.checks}
    assert kinds >= {"value", "text", "count", "date", "number", "evidence", "qualifier", "title"}
    paths = {c.path for c in report.checks}
    assert {"awards[0].collectives", "awards[0].individuals", "event_date", "overview"} <= paths


def _summary(**fields) -> ReportSummary:
    return ReportSummary(**fields)


def _item(evidence: str, *metrics: Metric, description: str = "x") -> Achievement:
    return Achievement(
        sector="general", description=description, metrics=list(metrics), evidence=evidence
    )


def _status(report, path: str) -> str:
    return next(c.status for c in report.checks if c.path == path)


SOURCE = (
    "Thứ năm - 21/01/2021 15:00\n"
    "Ngày 20/01/2021, Sở tổ chức Hội nghị tổng kết công tác năm 2020, triển khai nhiệm vụ năm "
    "2021. Toàn tỉnh có 18 doanh nghiệp; doanh thu đạt hơn 1,7 tỷ đồng; có 1.100 trạm và 10 "
    "điểm. Có 09 tập thể và 05 cá nhân nhận Giấy khen. Sở trao Kỷ niệm chương cho bốn mươi tám "
    "cá nhân. Đại hội lần thứ XIII. Trong năm 2021, Sở sẽ: đưa 100% hồ sơ lên mạng; mở\u00a0rộng "
    "vùng phủ sóng."
)


@pytest.mark.parametrize(
    ("metric", "path", "status"),
    [
        (Metric(value=1.7, unit="tỷ đồng", text="1,7 tỷ đồng"), "value", "exact"),
        (Metric(value=2.7, unit="tỷ đồng", text="1,7 tỷ đồng"), "value", "mismatch"),
        (Metric(value=1.7, unit="tỷ đồng", text="1,7 tỷ đồng"), "text", "exact"),
        # digit boundaries: the source has "18 doanh nghiệp" and "1.100 trạm"
        (Metric(value=8, unit="doanh nghiệp", text="8 doanh nghiệp"), "text", "mismatch"),
        (Metric(value=100, unit="trạm", text="100 trạm"), "text", "mismatch"),
        (Metric(value=7, unit="người", text="7 người"), "text", "missing"),
        (Metric(value=1100, unit="trạm", text="1.100 trạm"), "value", "exact"),
        (Metric(value=9, unit="tập thể", text="09 tập thể"), "value", "normalized"),
        (Metric(value=9, unit="tập thể", text="9 tập thể"), "text", "normalized"),
        (Metric(value=1101, unit="trạm", text="1.101 trạm"), "text", "mismatch"),
        (Metric(value=1101, unit="trạm", text="1.101 trạm"), "value", "missing"),
        (Metric(value=1100, total=1200, unit="trạm", text="1.100 trạm"), "total", "mismatch"),
    ],
)
def test_metric_rules(metric: Metric, path: str, status: str) -> None:
    evidence = "Có 09 tập thể" if "tập thể" in metric.text else "Toàn tỉnh có"
    report = verify(_summary(achievements=[_item(evidence, metric)]), SOURCE)
    assert _status(report, f"achievements[0].metrics[0].{path}") == status


@pytest.mark.parametrize(
    ("evidence", "status"),
    [
        ("doanh thu đạt hơn 1,7 tỷ đồng", "exact"),
        ("doanh thu  đạt\nhơn 1,7 tỷ đồng", "normalized"),  # white space folded
        ("mở rộng vùng phủ sóng", "normalized"),  # NBSP in the source
        ("Doanh thu đạt hơn 1,7 tỷ đồng", "normalized"),  # letter case
        ("doanh thu đạt hơn 2,7 tỷ đồng", "missing"),
        ("8 doanh nghiệp", "missing"),  # digit boundary: "18 doanh nghiệp"
        ("oanh thu đạt", "missing"),  # word boundary
    ],
)
def test_evidence_rules(evidence: str, status: str) -> None:
    report = verify(_summary(achievements=[_item(evidence)]), SOURCE)
    assert _status(report, "achievements[0].evidence") == status


def test_curly_and_straight_quotes_fold_alike() -> None:
    source = "Kỷ niệm chương “Vì sự nghiệp Thông tin và Truyền thông” cho cá nhân"
    report = verify(_summary(achievements=[_item('chương "Vì sự nghiệp Thông tin')]), source)
    assert _status(report, "achievements[0].evidence") == "normalized"


@pytest.mark.parametrize(
    ("collectives", "individuals", "expected"),
    [
        (9, 5, ("normalized", "normalized")),  # written "09", "05"
        (10, 5, ("mismatch", "normalized")),  # the evidence gives 09 tập thể
        (9, 6, ("normalized", "mismatch")),
    ],
)
def test_award_counts_are_matched_with_their_noun(collectives, individuals, expected) -> None:
    award = Award(
        award="Giấy khen",
        collectives=collectives,
        individuals=individuals,
        evidence="Có 09 tập thể và 05 cá nhân nhận Giấy khen",
    )
    report = verify(_summary(awards=[award]), SOURCE)
    got = (_status(report, "awards[0].collectives"), _status(report, "awards[0].individuals"))
    assert got == expected


def test_counts_written_in_words_are_found() -> None:
    award = Award(
        award="Kỷ niệm chương",
        individuals=48,
        evidence="Sở trao Kỷ niệm chương cho bốn mươi tám cá nhân",
    )
    report = verify(_summary(awards=[award]), SOURCE)
    check = next(c for c in report.checks if c.path == "awards[0].individuals")
    assert (check.status, check.found) == ("normalized", "bốn mươi tám")


@pytest.mark.parametrize(
    ("overview", "status"),
    [
        ("09 tập thể và 05 cá nhân nhận Giấy khen.", "exact"),
        ("Có 9 tập thể nhận thưởng.", "normalized"),
        ("Có 10 tập thể và 05 cá nhân nhận Giấy khen.", "mismatch"),  # 10 stands elsewhere
        ("Có 11 tập thể nhận Giấy khen.", "mismatch"),  # the source has 09 there
        ("Sở lắp 11 camera.", "missing"),
        ("48 cá nhân nhận Kỷ niệm chương.", "normalized"),  # words in the source
        ("Đại hội lần thứ 13.", "normalized"),  # a Roman numeral in the source
        ("Hội nghị tổng kết công tác năm 2021, triển khai nhiệm vụ", "mismatch"),
    ],
)
def test_numbers_in_free_text_are_matched_in_context(overview: str, status: str) -> None:
    report = verify(_summary(overview=overview), SOURCE)
    statuses = {c.status for c in report.checks if c.path == "overview"}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


WORD_ORDER_SOURCE = (
    "Chính quyền số có bước tiến: tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn "
    "trình đạt 61,4%, trong khi chỉ tiêu giao là 50%; 1.152/1.608 thủ tục được cung cấp trực "
    "tuyến. Ban hành 08 Quyết định (03 quyết định quy phạm, 05 quyết định cá biệt) và 4 Kế "
    "hoạch. Năm 2025, Sở phấn đấu ít nhất 80% hồ sơ thủ tục hành chính được xử lý trực tuyến "
    "toàn trình; dịch vụ công trực tuyến mức độ 3, 4 đạt 100%. Các trạm 2G giảm dần để chuyển "
    "băng tần của 2G cho các công nghệ mới hơn như 4G, 5G."
)


@pytest.mark.parametrize(
    ("overview", "status"),
    [
        # the words of 80%'s clause in the order of the claim, those of 61,4% in another order
        ("Có 61,4% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình.", "exact"),
        ("Hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình đạt 61,4%.", "exact"),
        ("Năm 2025 phấn đấu 80% hồ sơ thủ tục hành chính được xử lý trực tuyến.", "exact"),
        # not in the source, where 80% stands in its words
        ("Có 62,4% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình.", "mismatch"),
        # 50% stands in the source, but nothing the source says of it is about these hồ sơ
        ("Có 50% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình.", "mismatch"),
        # 05 stands in the clause, but "Kế hoạch" is said of the 4, past the 05's reach
        ("Ban hành 08 Quyết định và 5 Kế hoạch.", "mismatch"),
        # the other 4 of "mức độ 3, 4" is the claimed one itself
        ("Dịch vụ công trực tuyến mức độ 4, 4 đạt 100%.", "mismatch"),
        # 2G stands before the 4G there: the words match, the side of the number does not
        ("Băng tần chuyển cho các công nghệ mới hơn như 4G, 2G.", "mismatch"),
        ("Băng tần chuyển cho các công nghệ mới hơn như 4G, 5G.", "exact"),
    ],
)
def test_numbers_in_free_text_may_reorder_the_words_of_their_clause(overview, status) -> None:
    report = verify(_summary(overview=overview), WORD_ORDER_SOURCE)
    statuses = {c.status for c in report.checks if c.path == "overview"}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


YEAR_SOURCE = (
    "Năm 2022, chỉ số ICT Index của tỉnh xếp thứ 24/63, tăng 9 bậc so với năm 2018. "
    "Năm 2023 Sở tiếp tục cải thiện chỉ số."
)


@pytest.mark.parametrize(
    ("description", "status"),
    [
        ("Chỉ số ICT Index xếp thứ 24/63, tăng bậc so với năm 2018", "exact"),
        # named by the evidence's sentence, before the evidence begins
        ("Chỉ số ICT Index năm 2022 xếp thứ 24/63, tăng bậc so với năm 2018", "exact"),
        ("Chỉ số ICT Index năm 2021 xếp thứ 24/63", "mismatch"),
        # only the next sentence names 2023: the evidence's own sentence names other years
        ("Chỉ số ICT Index năm 2023 xếp thứ 24/63", "mismatch"),
    ],
)
def test_a_description_may_name_any_year_of_its_evidences_sentence(description, status) -> None:
    evidence = "chỉ số ICT Index của tỉnh xếp thứ 24/63, tăng 9 bậc so với năm 2018"
    item = _item(evidence, description=description)
    report = verify(_summary(achievements=[item]), YEAR_SOURCE)
    statuses = {c.status for c in report.checks if c.path == "achievements[0].description"}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


def _extra(stem: str) -> tuple[dict, str]:
    gold, source = next(p for p in GOLD_PAIRS if p[0].name.startswith(stem))
    return json.loads(gold.read_text(encoding="utf-8")), read_document(source).text


def test_a_figure_reworded_from_its_sentence_is_not_taken_for_a_target() -> None:
    raw, text = _extra("h01_")
    head = raw["overview"].rsplit(" và ", 1)[0]
    raw["overview"] = f"{head} và 61,4% hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình."
    report = verify(ReportSummary.model_validate(raw), text)
    check = next(c for c in report.checks if c.path == "overview" and c.claim == "61,4%")
    assert check.status == "exact"
    assert "đạt 61,4%" in text[check.span[0] - 10 : check.span[1]]
    assert report.verified


def test_a_year_of_the_evidences_sentence_is_not_taken_for_another() -> None:
    raw, text = _extra("h03_")
    i = next(i for i, a in enumerate(raw["achievements"]) if "ICT Index" in a["evidence"])
    raw["achievements"][i]["description"] = (
        "Chỉ số ICT Index năm 2022 xếp thứ 24/63, tăng bậc so với năm 2018"
    )
    report = verify(ReportSummary.model_validate(raw), text)
    path = f"achievements[{i}].description"
    assert {c.claim: c.status for c in report.checks if c.path == path} == {
        "2022": "exact",
        "24/63": "exact",
        "2018": "exact",
    }
    assert report.verified


def test_a_source_indexed_once_verifies_as_a_fresh_one() -> None:
    pairs = [(_load(gold), read_document(source).text) for gold, source in GOLD_PAIRS[:4]]
    index_source.cache_clear()
    fresh = [verify(summary, text) for summary, text in pairs]
    for summary, text in pairs:  # the summaries again, and each against another's source
        verify(summary, pairs[0][1])
        assert index_source(text) is index_source(text)
    assert [verify(summary, text) for summary, text in pairs] == fresh


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("event_date", "2021-01-20", "normalized"),
        ("event_date", "2021-01-21", "mismatch"),  # only the date line gives it
        ("event_date", "2021-01-22", "missing"),
        ("published_date", "2021-01-21", "normalized"),
        ("published_date", "2021-01-20", "mismatch"),  # a date of the body
    ],
)
def test_dates(field: str, value: str, status: str) -> None:
    report = verify(_summary(**{field: value}), SOURCE)
    assert _status(report, field) == status


@pytest.mark.parametrize(
    ("published", "event", "status"),
    [
        ("2024-01-12", "2024-01-12", "normalized"),
        ("2024-01-13", "2024-01-12", "normalized"),
        ("2024-01-12", "2023-01-12", "missing"),
        ("2024-01-02", "2023-12-30", "normalized"),  # a date after publication: the year before
    ],
)
def test_dates_without_a_year_take_the_publication_year(published, event, status) -> None:
    day = event[8:].lstrip("0") + "/" + event[5:7].lstrip("0")
    source = (
        f"Cập nhật: {published[8:]}/{published[5:7]}/{published[:4]} 10:00\nChiều {day}, Sở họp."
    )
    report = verify(_summary(published_date=published, event_date=event), source)
    assert _status(report, "event_date") == status


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("period", "2020", "exact"),
        ("period", "2021", "mismatch"),  # the source reviews 2020 and plans 2021
        ("next_period", "2021", "exact"),
        ("next_period", "2020", "mismatch"),
        ("next_period", "2022", "mismatch"),
    ],
)
def test_bare_years_as_periods(field: str, value: str, status: str) -> None:
    report = verify(_summary(**{field: value}), SOURCE)
    assert _status(report, field) == status


def test_a_year_of_a_source_that_marks_no_period_is_only_looked_up() -> None:
    source = "Năm 2020 toàn tỉnh có 8 trạm."
    assert _status(verify(_summary(period="2020"), source), "period") == "exact"
    assert _status(verify(_summary(period="2022"), source), "period") == "missing"


@pytest.mark.parametrize(("deadline", "status"), [("2021", "exact"), ("2020", "mismatch")])
def test_deadline_is_the_period_of_the_items_list(deadline: str, status: str) -> None:
    target = Target(
        sector="it",
        description="Đưa hồ sơ lên mạng",
        deadline=deadline,
        evidence="đưa 100% hồ sơ lên mạng",
    )
    report = verify(_summary(targets=[target]), SOURCE)
    assert _status(report, "targets[0].deadline") == status


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("III. NHIỆM VỤ QUÝ IV/2022", ["section", "quarter", None]),
        (
            "Hội thi lần thứ II; Đại hội XIII; Quốc hội khoá XV",
            ["occurrence", "occurrence", "tenure"],
        ),
        ("kỳ họp thứ 5, học kỳ II, giai đoạn 2, đợt II", ["session", "term", "phase", "round"]),
        ("xếp thứ 24/63, có 27 thôn", [None, None]),
    ],
)
def test_an_ordinal_counts_what_the_words_before_it_name(text: str, roles: list) -> None:
    claim = Claim.of(text)
    assert [claim.role(p) for p in claim.numbers] == roles


ORDINAL_SOURCE = (
    "II. KẾT QUẢ QUÝ III/2023\n"
    "Sở đã tổ chức Hội thảo chuyển đổi số lần thứ III.\n"
    "III. NHIỆM VỤ TRỌNG TÂM QUÝ IV/2023\n"
    "1. Hoàn thành cấp chữ ký số cho 200 cán bộ.\n"
    "2. Tổ chức Cuộc thi sáng tạo thanh niên lần thứ II.\n"
    "3. Triển khai giai đoạn II của Đề án; đợt 2 kiểm tra an toàn thông tin.\n"
    "4. Phục vụ kỳ họp thứ 5 HĐND tỉnh khóa XVI.\n"
    "Cuộc thi tiếng Anh lần thứ II tổ chức trong đợt 3 của năm học.\n"
)


@pytest.mark.parametrize(
    ("evidence", "deadline", "status"),
    [
        # the item's own "lần thứ II" counts contests, not quarters: the heading's IV holds
        ("Tổ chức Cuộc thi sáng tạo thanh niên lần thứ II", "quý IV/2023", "exact"),
        ("Tổ chức Cuộc thi sáng tạo thanh niên lần thứ II", "quý II/2023", "mismatch"),
        ("Hoàn thành cấp chữ ký số cho 200 cán bộ", "quý IV/2023", "exact"),
        # III is the reviewed quarter, and a section numeral: the list plans quarter IV
        ("Hoàn thành cấp chữ ký số cho 200 cán bộ", "quý III/2023", "mismatch"),
        ("Hoàn thành cấp chữ ký số cho 200 cán bộ", "Quý 4 năm 2023", "normalized"),
        ("Triển khai giai đoạn II của Đề án", "giai đoạn 2", "normalized"),
        ("Triển khai giai đoạn II của Đề án", "giai đoạn 3", "mismatch"),
        ("đợt 2 kiểm tra an toàn thông tin", "đợt 2", "exact"),
        # "kỳ họp thứ 5" is a session, "khóa XVI" a tenure: the round planned is "đợt 2"
        ("Phục vụ kỳ họp thứ 5 HĐND tỉnh khóa XVI", "đợt 5", "mismatch"),
        ("Phục vụ kỳ họp thứ 5 HĐND tỉnh khóa XVI", "đợt 16", "mismatch"),
        ("Phục vụ kỳ họp thứ 5 HĐND tỉnh khóa XVI", "kỳ họp thứ 5", "exact"),
        ("Phục vụ kỳ họp thứ 5 HĐND tỉnh khóa XVI", "kỳ họp thứ 6", "mismatch"),
    ],
)
def test_an_ordinal_of_a_deadline_is_held_to_ordinals_of_its_role(evidence, deadline, status):
    target = Target(sector="it", description="x", deadline=deadline, evidence=evidence)
    report = verify(_summary(targets=[target]), ORDINAL_SOURCE)
    statuses = {c.status for c in report.checks if c.path == "targets[0].deadline"}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("period", "quý III/2023", "exact"),
        ("next_period", "quý 4 năm 2023", "normalized"),
        ("next_period", "quý 2 năm 2023", "mismatch"),  # "lần thứ II", "2.", "đợt 2" are not
        ("period", "quý 3 năm 2023", "normalized"),
        ("period", "quý 4 năm 2023", "mismatch"),  # the source reviews quarter III
    ],
)
def test_an_ordinal_of_a_period_is_held_to_ordinals_of_its_role(field, value, status) -> None:
    report = verify(_summary(**{field: value}), ORDINAL_SOURCE)
    statuses = {c.status for c in report.checks if c.path == field}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


@pytest.mark.parametrize(
    ("description", "status"),
    [
        ("Đợt 3 của Cuộc thi tiếng Anh", "exact"),
        ("Đợt 2 của Cuộc thi tiếng Anh", "mismatch"),  # its II counts contests, not rounds
        ("Cuộc thi tiếng Anh lần thứ 2", "normalized"),
    ],
)
def test_a_number_of_free_text_is_confirmed_only_by_one_of_its_role(description, status) -> None:
    evidence = "Cuộc thi tiếng Anh lần thứ II tổ chức trong đợt 3 của năm học"
    report = verify(
        _summary(achievements=[_item(evidence, description=description)]), ORDINAL_SOURCE
    )
    statuses = {c.status for c in report.checks if c.path == "achievements[0].description"}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


@pytest.mark.parametrize(
    ("overview", "status"),
    [
        ("Quý IV có nhiều nhiệm vụ.", "exact"),
        # II stands only as "II." heading a line, "lần thứ II", "giai đoạn II", "đợt 2"
        ("Quý II có nhiều nhiệm vụ.", "missing"),
        ("Sở tổ chức Hội thảo lần thứ III.", "exact"),
    ],
)
def test_a_number_stands_in_the_source_only_in_its_role(overview: str, status: str) -> None:
    report = verify(_summary(overview=overview), ORDINAL_SOURCE)
    statuses = {c.status for c in report.checks if c.path == "overview"}
    worst = next(s for s in ("mismatch", "missing", "normalized", "exact") if s in statuses)
    assert worst == status


def test_fold_maps_back_to_original_offsets() -> None:
    source = "a\u00a0 b  “Vì sự”   c"
    span = locate('b "vì sự" c', fold(source))
    assert span is not None
    assert source[span[0] : span[1]] == "b  “Vì sự”   c"


def test_table_lists_failures_first_with_their_line() -> None:
    metric = Metric(value=2.7, unit="tỷ đồng", text="1,7 tỷ đồng")
    report = verify(_summary(achievements=[_item("doanh thu đạt hơn 1,7 tỷ đồng", metric)]), SOURCE)
    table = render_verification(report, SOURCE).splitlines()
    assert table[0].startswith("verified: no")
    assert table[2].split()[:4] == ["STATUS", "SEVERITY", "KIND", "PATH"]
    rows = [row.split() for row in table[3:]]
    value = ["mismatch", "error", "value", "achievements[0].metrics[0].value", "2"]
    assert value in [row[:5] for row in rows]
    severities = [row[1] for row in rows]
    assert severities == sorted(severities, key=["error", "warning", "-"].index)


# --- the command line -------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=clean, timeout=120
    )


def _gold_and_source(prefix: str) -> tuple[Path, Path]:
    return next(p for p in GOLD_PAIRS if p[0].name.startswith(prefix))


@pytest.mark.slow
def test_cli_verifies_a_gold_summary(tmp_path: Path) -> None:
    gold, source = _gold_and_source("d10_")
    result = run("verify", str(gold), str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("verified: yes")


@pytest.mark.slow
def test_cli_reads_summarize_output_and_prints_json(tmp_path: Path) -> None:
    gold, source = _gold_and_source("000_")
    raw = json.loads(gold.read_text(encoding="utf-8"))
    raw["achievements"][3]["metrics"][0]["value"] = 2.7
    wrapped = {"source": {"path": str(source)}, "summary": raw, "verification": {}, "usage": {}}
    path = tmp_path / "out.json"
    path.write_text(json.dumps(wrapped, ensure_ascii=False), encoding="utf-8")
    result = run("verify", str(path), str(source), "--format", "json")
    assert result.returncode == 3
    report = json.loads(result.stdout)
    assert report["verified"] is False
    bad = [c for c in report["checks"] if c["status"] in ("mismatch", "missing")]
    assert [c["path"] for c in bad] == ["achievements[3].metrics[0].value"]
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "cannot be read"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"foo": 1}', "no summary fields"),
        ('{"overview": 5}', "not a summary"),
    ],
)
def test_cli_refuses_what_is_not_a_summary(tmp_path: Path, content, reason: str) -> None:
    path = tmp_path / "summary.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    _, source = _gold_and_source("d01_")
    result = run("verify", str(path), str(source))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert reason in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_cli_refuses_a_missing_source(tmp_path: Path) -> None:
    gold, _ = _gold_and_source("d01_")
    result = run("verify", str(gold), str(tmp_path / "absent.txt"))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


PLAN_ITEM = (
    "Tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số năm 2024, hoàn thành trong tháng 11/2023"
)
PLAN_SOURCES = {
    # a numbered list under a heading without a colon: the heading is no list lead
    "numbered": "II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2023\n1. " + PLAN_ITEM + ".\n",
    # a bulleted list under a lead: the lead's year is the item's period
    "bulleted": "II. Nhiệm vụ trọng tâm 6 tháng cuối năm 2023:\n- " + PLAN_ITEM + ".\n",
}


@pytest.mark.parametrize(
    ("layout", "deadline", "passes"),
    [
        # "năm 2024" names the plan; "tháng 11/2023" and the heading set the item's period
        ("numbered", "6 tháng cuối năm 2023", True),
        ("numbered", "tháng 11/2023", True),
        ("numbered", "năm 2022", False),
        ("bulleted", "6 tháng cuối năm 2023", True),
        ("bulleted", "năm 2023", True),
        ("bulleted", "năm 2024", False),
        ("bulleted", "năm 2022", False),
    ],
)
def test_a_year_in_a_plans_name_is_not_the_items_period(layout, deadline, passes):
    source = (
        "BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2023\nSở đã cấp 120 chữ ký số.\n" + PLAN_SOURCES[layout]
    )
    target = Target(
        sector="it", description="Ban hành kế hoạch", deadline=deadline, evidence=PLAN_ITEM
    )
    report = verify(_summary(targets=[target]), source)
    statuses = {c.status for c in report.checks if c.path == "targets[0].deadline"}
    assert statuses and statuses.isdisjoint({"mismatch", "missing"}) == passes
