"""The rules backend end to end: the gold corpus, and reports of the genre it has never seen."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from summarizer.backends.rules import RulesBackend
from summarizer.backends.rules.overview import build_overview
from summarizer.backends.rules.segment import segment
from summarizer.evaluation.gold import load_gold_set
from summarizer.evaluation.score import score_document, total
from summarizer.ingest import Document, read_document
from summarizer.schema import Achievement, Metric, ReportSummary
from summarizer.verify import verify

ROOT = Path(__file__).resolve().parents[3]
GOLD = load_gold_set(ROOT / "eval" / "gold")
FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def _summary(doc: Document) -> ReportSummary:
    return RulesBackend().extract(doc).summary


def _pairs(items) -> Counter:
    return Counter((m.value, m.total) for item in items for m in item.metrics)


@pytest.fixture(scope="module")
def gold_runs():
    runs = []
    for item in GOLD:
        doc = read_document(item.source)
        runs.append((item, doc, _summary(doc)))
    return runs


# --- the gold corpus ------------------------------------------------------------------------------


def test_every_corpus_summary_verifies_against_its_source(gold_runs):
    failures = {
        item.name: [f"{c.path}: {c.reason}" for c in verify(summary, doc.text).failures]
        for item, doc, summary in gold_runs
    }
    assert {name: f for name, f in failures.items() if f} == {}


def test_metric_f1_over_the_gold_set_meets_the_bar(gold_runs):
    overall = total(score_document(summary, item.gold) for item, _, summary in gold_runs)
    assert overall.groups["achievement_metrics"].f1 >= 0.80
    assert overall.groups["target_metrics"].f1 >= 0.70


def test_every_overview_has_one_to_three_sentences(gold_runs):
    for item, _, summary in gold_runs:
        sentences = re.findall(r"[.!?](?:\s|$)", summary.overview)
        assert 1 <= len(sentences) <= 3, item.name


def test_item_counts_stay_near_the_gold_ones(gold_runs):
    for group in ("achievements", "targets"):
        predicted = sum(len(getattr(s, group)) for _, _, s in gold_runs)
        gold = sum(len(getattr(item.gold, group)) for item, _, _ in gold_runs)
        assert 0.75 * gold <= predicted <= 1.25 * gold, group


def test_metric_texts_stand_in_the_article_with_their_qualifier_left_out(gold_runs):
    qualifier_words = re.compile(r"^(?:hơn|trên|khoảng|gần|ước|dưới|tối|ít)\b", re.IGNORECASE)
    for _, doc, summary in gold_runs:
        for item in [*summary.achievements, *summary.targets]:
            assert item.evidence in doc.article
            for metric in item.metrics:
                assert metric.text in item.evidence
                assert not qualifier_words.match(metric.text)


async def test_the_async_form_gives_the_same_summary():
    doc = read_document(GOLD[0].source)
    backend = RulesBackend()
    extraction = await backend.aextract(doc)
    assert extraction.summary == backend.extract(doc).summary
    assert extraction.usage.backend == "rules"


# --- reports the rules were not written on --------------------------------------------------------

# For each report: the (value, total) of every achievement metric; (value, deadline) of every
# target metric; and qualifiers that must be read.
UNSEEN = {
    "lao-cai_2022.txt": (
        [(1126, None), (987, None), (98.2, None), (12450, None), (96, None), (1150, None),
         (6.8, None), (1215, None), (61.4, None), (11.4, None), (18, None), (45, None),
         (2300, None), (27, None), (152, 152)],
        [(100, "2023"), (70, "2023"), (5, "2023")],
        {2300: "approx", 11.4: "over", 70: "at_least", 5: "at_least", 96: "approx"},
    ),
    "hau-giang_2023.txt": (
        [(89, None), (2.1, None), (1.02, None), (84, None), (21.3, None), (98.7, None),
         (285410, None), (192306, None), (36, None), (2500, None), (14000, None), (23, None)],
        [(100, "2024"), (80, "2024"), (20, "2024")],
        {2500: "approx", 14000: "over", 80: "at_least", 20: "at_least"},
    ),
    "kon-tum_2023h1.txt": (
        [(14, None), (52.6, None), (41720, None), (1.8, None), (102, None), (4318, None),
         (86540, None), (612, None)],
        [(60, "6 tháng cuối năm 2023")],
        {612: "approx", 60: "over"},
    ),
    "phu-yen_2023.txt": (
        [(18, 20), (90, None), (7, None), (3600, None), (97.5, None), (12, None)],
        [(90, "2024"), (1, "2024")],
        {3600: "over", 1: "at_least"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_unseen_report_metrics_are_found_and_nothing_else(name):
    achievements, targets, qualifiers = UNSEEN[name]
    summary = _summary(read_document(FIXTURES / name))
    assert _pairs(summary.achievements) == Counter(achievements)
    found_targets = Counter((m.value, t.deadline) for t in summary.targets for m in t.metrics)
    assert found_targets == Counter(targets)
    read = {
        m.value: m.qualifier for item in [*summary.achievements, *summary.targets]
        for m in item.metrics if m.value in qualifiers
    }  # fmt: skip
    assert read == qualifiers


@pytest.mark.parametrize("name", sorted(UNSEEN))
def test_unseen_report_items_and_overview_verify(name):
    doc = read_document(FIXTURES / name)
    summary = _summary(doc)
    report = verify(summary, doc.text)
    own = re.compile(r"^(?:achievements|targets|overview)\b")
    assert [f"{c.path}: {c.reason}" for c in report.failures if own.match(c.path)] == []
    assert summary.overview
    assert summary.targets and summary.achievements


def test_unseen_directives_without_a_period_have_no_deadline():
    summary = _summary(read_document(FIXTURES / "lao-cai_2022.txt"))
    directives = [t for t in summary.targets if "đề nghị" in t.evidence or not t.metrics]
    assert directives and all(t.deadline is None for t in directives[:3])


def test_unseen_leader_directive_takes_the_year_it_names():
    summary = _summary(read_document(FIXTURES / "kon-tum_2023h1.txt"))
    closing = [t for t in summary.targets if "yêu cầu" in t.evidence]
    assert [t.deadline for t in closing] == ["2023"]


def test_an_overview_part_cut_at_its_word_limit_leaves_no_stray_comma():
    evidence = (
        "giai đoạn 2020 - 2024, Sở đã tham mưu UBND tỉnh ban hành 52 văn bản quy phạm pháp luật, "
        "chương trình, kế hoạch về chuyển đổi số và an toàn thông tin"
    )
    unit = "văn bản quy phạm pháp luật, chương trình, kế hoạch"
    metric = Metric(value=52, unit=unit, text=f"52 {unit}")
    item = Achievement(sector="general", description=evidence, metrics=[metric], evidence=evidence)
    other = Achievement(
        sector="telecom",
        description="có 1.874 trạm BTS",
        metrics=[Metric(value=1874, unit="trạm BTS", text="1.874 trạm BTS")],
        evidence="toàn tỉnh có 1.874 trạm BTS",
    )
    lead = "Sáng 9/1, Sở Thông tin và Truyền thông tổ chức hội nghị tổng kết công tác năm 2024."
    overview = build_overview(segment(lead), [item, other], [])
    assert ",;" not in overview and ",." not in overview
    assert "52 văn bản quy phạm pháp luật; toàn tỉnh có 1.874 trạm BTS." in overview
