"""Group doubts: an item in the wrong group is a warning, and a rightly grouped one is left alone.

Every gold item is grouped right by definition, so any group warning on a gold file is a false
alarm; the regrouped copies move one item at a time (an achievement into the targets, a target
into the achievements) in every gold file, and the share of them that draws the warning is
printed (run with -s).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.ingest import read_document
from summarizer.schema import Achievement, ReportSummary, Target
from summarizer.verify import verify

EVAL = Path(__file__).resolve().parents[2] / "eval"
SETS = ("gold", "extra", "hard", "wild")
REQUIRED_SHARE = 0.6  # moved items that read plainly enough to be caught by their cue words


def _pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for name in SETS:
        for gold in sorted((EVAL / name).glob("*.gold.json")):
            stem = gold.name.removesuffix(".gold.json")
            source = next(
                p for p in gold.parent.iterdir() if p.name in (f"{stem}.txt", f"{stem}.html")
            )
            pairs.append((gold, source))
    return pairs


PAIRS = _pairs()


def _group_warnings(summary: ReportSummary, text: str) -> list[str]:
    report = verify(summary, text)
    return [c.path for c in report.checks if c.kind == "group" and c.severity == "warning"]


def _regrouped(raw: dict) -> Iterator[tuple[str, dict]]:
    """One copy per item, that item moved to the end of the other group."""
    for group, other in (("achievements", "targets"), ("targets", "achievements")):
        for i in range(len(raw[group])):
            moved = copy.deepcopy(raw)
            item = moved[group].pop(i)
            item.pop("deadline", None)
            moved[other].append(item)
            yield f"{other}[{len(moved[other]) - 1}]", moved


def test_every_set_is_measured() -> None:
    assert {gold.parent.name for gold, _ in PAIRS} == set(SETS)


def test_no_group_warning_on_any_gold_file() -> None:
    alarms = []
    for gold, source in PAIRS:
        summary = ReportSummary.model_validate_json(gold.read_text(encoding="utf-8"))
        alarms += [
            f"{gold.name} {path}" for path in _group_warnings(summary, read_document(source).text)
        ]
    print(f"\ngroup warnings on {len(PAIRS)} gold files: {len(alarms)}")
    assert alarms == []


def test_regrouped_items_draw_the_warning() -> None:
    made = caught = 0
    missed: list[str] = []
    for gold, source in PAIRS:
        raw = json.loads(gold.read_text(encoding="utf-8"))
        text = read_document(source).text
        for path, moved in _regrouped(raw):
            summary = ReportSummary.model_validate(moved)
            report = verify(summary, text)
            assert report.verified, f"{gold.name} {path}: a regrouped true item is no error"
            made += 1
            hit = any(c.path == path and c.kind == "group" for c in report.warnings)
            caught += hit
            if not hit:
                missed.append(f"{gold.name} {path}")
    print(f"\nregrouped items: {made}, warned: {caught} ({caught / made:.2%})")
    assert caught / made >= REQUIRED_SHARE


def _source(evidence: str) -> str:
    return f"Báo cáo của Sở Thông tin và Truyền thông.\n{evidence}.\n"


def _one(group: str, evidence: str) -> ReportSummary:
    kind = Target if group == "targets" else Achievement
    return ReportSummary(**{group: [kind(sector="general", description="x", evidence=evidence)]})


WARNED = [
    ("targets", "Năm 2023, Sở đã cấp 12 giấy phép xuất bản bản tin", "finished result"),
    ("targets", "Tỷ lệ hồ sơ trực tuyến đạt 41,5%, tăng 6 điểm so với cùng kỳ", "finished result"),
    ("targets", "Năm 2023 ngành hoàn thành 14/16 chỉ tiêu chủ yếu", "finished result"),
    ("achievements", "đề nghị Sở tập trung hoàn thiện kho dữ liệu dùng chung", "directive"),
    ("achievements", "Sở cần chú trọng bảo đảm an toàn thông tin mạng", "directive"),
    ("achievements", "yêu cầu các doanh nghiệp viễn thông xóa vùng lõm sóng", "directive"),
    ("achievements", "Sở phấn đấu tỷ lệ hồ sơ trực tuyến đạt trên 65%", "directive"),
]
LEFT_ALONE = [
    ("targets", "Năm 2025, phấn đấu tỷ lệ hồ sơ trực tuyến đạt trên 60%"),
    ("targets", "tiếp tục phát huy các kết quả đã đạt được"),
    ("targets", "Hoàn thành phê duyệt cấp độ cho 100% hệ thống thông tin"),
    ("targets", "đưa tỷ lệ thanh toán trực tuyến đạt tối thiểu 40%"),
    ("achievements", "Tỷ lệ thanh toán trực tuyến đạt 21,4% (yêu cầu tối thiểu 30%)"),
    ("achievements", "Tỷ lệ văn bản ký số đạt 92%, chưa đạt mức yêu cầu 95%"),
    ("achievements", "Sở đã chỉ đạo các cơ quan báo chí tuyên truyền"),
    ("achievements", "Tổng đài tiếp nhận 1.200 phản ánh, kiến nghị của người dân"),
]


@pytest.mark.parametrize(("group", "evidence", "reading"), WARNED)
def test_an_item_that_reads_as_the_other_group_is_warned(group, evidence, reading) -> None:
    report = verify(_one(group, evidence), _source(evidence))
    assert report.verified
    [check] = [c for c in report.checks if c.kind == "group"]
    assert (check.path, check.severity) == (f"{group}[0]", "warning")
    assert reading in check.reason


@pytest.mark.parametrize(("group", "evidence"), LEFT_ALONE)
def test_an_item_that_reads_as_its_own_group_is_left_alone(group: str, evidence: str) -> None:
    assert _group_warnings(_one(group, evidence), _source(evidence)) == []


def test_a_forward_list_lead_keeps_a_target() -> None:
    source = "Nhiệm vụ năm 2025, Sở phấn đấu:\n- 100% xã đạt chuẩn về hạ tầng số.\n"
    assert _group_warnings(_one("targets", "100% xã đạt chuẩn về hạ tầng số"), source) == []


def test_a_directive_list_lead_doubts_an_achievement() -> None:
    source = "Phương hướng, nhiệm vụ năm 2025:\n- Tăng cường bảo đảm an toàn thông tin mạng.\n"
    evidence = "Tăng cường bảo đảm an toàn thông tin mạng"
    assert _group_warnings(_one("achievements", evidence), source) == ["achievements[0]"]
