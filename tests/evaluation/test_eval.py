import json
import unicodedata
from pathlib import Path

import pytest

from summarizer.backends import Extraction, SyncBackend
from summarizer.cli.exits import exit_code
from summarizer.errors import EvalRegressionError, InputError, ResponseError
from summarizer.evaluation import (
    DocRun,
    build_report,
    compare,
    enforce,
    evaluate,
    headline_table,
    load_gold_set,
    load_predictions,
    match,
    render_markdown,
    run_backend,
    score_document,
)
from summarizer.evaluation.normalize import award_kind, name_key, title_key
from summarizer.schema import (
    Achievement,
    Attendee,
    Award,
    Check,
    Metric,
    ReportSummary,
    Target,
    Usage,
    VerificationReport,
)

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"
GOLD = sorted(GOLD_DIR.glob("*.gold.json"))


def metric(value, total=None):
    return Metric(value=value, total=total, text=str(value))


def ach(*metrics):
    return Achievement(sector="it", description="d", metrics=list(metrics), evidence="e")


def tgt(*metrics):
    return Target(sector="it", description="d", metrics=list(metrics), evidence="e")


def person(name, *titles):
    return Attendee(name=name, titles=list(titles), evidence=name)


def award(kind, collectives=None, individuals=None, by=None):
    return Award(
        award=kind, collectives=collectives, individuals=individuals, conferred_by=by, evidence="e"
    )


def hand_made() -> ReportSummary:
    return ReportSummary(
        province="Tây Ninh",
        event_date="2021-01-20",
        published_date="2021-01-21",
        period="2020",
        next_period="2021",
        achievements=[ach(metric(1634, 1733), metric(94.3)), ach(metric(27))],
        targets=[tgt(metric(80))],
        attendees=[person("Nguyễn Tấn Đức", "Giám đốc Sở Thông tin và Truyền thông")],
        awards=[award("Giấy khen", 9, 5, "Giám đốc Sở Thông tin và Truyền thông")],
    )


# --- Perfect match ------------------------------------------------------------------------------


def test_hand_made_summary_against_itself_scores_one_everywhere():
    score = score_document(hand_made(), hand_made())
    assert all(value == 1.0 for value in score.headline().values() if value is not None)
    assert score.headline()["achievement_metrics_f1"] == 1.0
    assert score.headline()["attendee_titles_f1"] == 1.0


@pytest.mark.parametrize("path", GOLD, ids=[p.name for p in GOLD])
def test_every_gold_summary_against_itself_scores_one(path):
    gold = ReportSummary.model_validate_json(path.read_text(encoding="utf-8"))
    score = score_document(gold, gold)
    for name, counts in score.groups.items():
        assert counts.f1 == 1.0, name
    assert score.scalar.accuracy == 1.0
    assert score.authority.accuracy in (None, 1.0)


def test_empty_prediction_scores_zero_where_gold_has_items():
    score = score_document(ReportSummary(), hand_made())
    figures = score.headline()
    assert figures["achievement_metrics_f1"] == 0.0
    assert figures["attendee_names_f1"] == 0.0
    assert figures["awards_f1"] == 0.0
    assert figures["attendee_titles_f1"] is None  # nobody matched: nothing to judge
    assert figures["authority_accuracy"] is None
    assert figures["achievement_count_agreement"] == 0.0


# --- Metrics ------------------------------------------------------------------------------------


def test_a_missing_metric_lowers_recall_only():
    pred = hand_made()
    pred.achievements[0].metrics.pop()
    counts = score_document(pred, hand_made()).groups["achievement_metrics"]
    assert (counts.tp, counts.pred, counts.gold) == (2, 2, 3)
    assert counts.precision == 1.0
    assert counts.recall == pytest.approx(2 / 3)


def test_an_extra_metric_lowers_precision_only():
    pred = hand_made()
    pred.achievements.append(ach(metric(12)))
    counts = score_document(pred, hand_made()).groups["achievement_metrics"]
    assert counts.recall == 1.0
    assert counts.precision == pytest.approx(3 / 4)


@pytest.mark.parametrize(
    ("pred", "gold", "tp"),
    [
        ([5, 5, 5], [5, 5, 7], 2),  # each gold metric matched once
        ([5], [5, 5], 1),
        ([5, 5], [5], 1),
        ([(9, 9)], [(9, None)], 0),  # the total is part of the match
        ([(9, 9), 9], [(9, None), (9, 9)], 2),
        ([1.7], [1.70], 1),
        ([1332], [1332.0], 1),
    ],
)
def test_metrics_match_one_to_one_on_value_and_total(pred, gold, tp):
    def build(values):
        ms = [metric(*v) if isinstance(v, tuple) else metric(v) for v in values]
        return ReportSummary(achievements=[ach(*ms)])

    counts = score_document(build(pred), build(gold)).groups["achievement_metrics"]
    assert counts.tp == tp


def test_metrics_are_matched_within_their_own_group():
    pred = ReportSummary(targets=[tgt(metric(27))])
    gold = ReportSummary(achievements=[ach(metric(27))])
    score = score_document(pred, gold)
    assert score.groups["achievement_metrics"].tp == 0
    assert score.groups["target_metrics"].tp == 0
    assert score.groups["target_metrics"].precision == 0.0


def test_metrics_are_pooled_over_the_items_of_a_group():
    pred = ReportSummary(achievements=[ach(metric(1), metric(2))])
    gold = ReportSummary(achievements=[ach(metric(1)), ach(metric(2))])
    score = score_document(pred, gold)
    assert score.groups["achievement_metrics"].f1 == 1.0
    assert score.achievements.agreement == 0.5  # but the splitting differs


# --- Matching -----------------------------------------------------------------------------------


def test_match_prefers_pairs_that_agree_on_the_second_key():
    pred = [("a", 1), ("a", 2)]
    gold = [("a", 2), ("a", 1)]
    m = match(pred, gold, key=lambda x: x[0], prefer=lambda x: x[1])
    assert sorted(m.pairs) == [(0, 1), (1, 0)]
    assert m.extra == [] and m.missed == []


def test_match_reports_leftovers_on_both_sides():
    m = match(["x", "y", "y"], ["y", "z"], key=str)
    assert m.pairs == [(1, 0)]
    assert m.extra == [0, 2]
    assert m.missed == [1]


# --- Attendees ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Nguyễn Tấn Đức", "nguyễn  tấn ĐỨC", True),
        ("Nguyễn Tấn Đức", unicodedata.normalize("NFD", "Nguyễn Tấn Đức"), True),
        ("Lê Thị Thuỷ", "Lê Thị Thủy", True),  # tone mark placed on either vowel
        ("Nguyễn Văn Hoà", "Nguyễn Văn Hòa", True),
        ("Nguyễn Văn Hưng", "Nguyễn Văn Hùng", False),  # a different name
        ("Nguyễn Văn Tuệ", "Nguyễn Văn Tuế", False),
    ],
)
def test_names_compare_without_case_spacing_or_diacritic_form(a, b, same):
    assert (name_key(a) == name_key(b)) is same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ủy viên BTV Tỉnh ủy", "Uỷ viên Ban Thường vụ Tỉnh uỷ"),
        ("Phó Chủ tịch UBND tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
        ("Giám đốc Sở TT&TT", "Giám đốc Sở Thông tin và Truyền thông"),
    ],
)
def test_titles_compare_with_abbreviations_spelled_out(a, b):
    assert title_key(a) == title_key(b)


def test_titles_are_scored_over_matched_attendees_only():
    gold = ReportSummary(
        attendees=[
            person(
                "Hoàng Việt Phương", "Uỷ viên Ban Chấp hành Đảng bộ tỉnh", "Phó Chủ tịch UBND tỉnh"
            ),
            person("Nguyễn Văn A", "Giám đốc Sở"),
        ]
    )
    pred = ReportSummary(
        attendees=[
            person("Hoàng Việt Phương", "Phó Chủ tịch UBND tỉnh"),
            person("Trần Văn B", "Phó Giám đốc Sở"),
        ]
    )
    score = score_document(pred, gold)
    names, titles = score.groups["attendee_names"], score.groups["attendee_titles"]
    assert (names.tp, names.pred, names.gold) == (1, 2, 2)
    assert (titles.tp, titles.pred, titles.gold) == (1, 1, 2)
    assert score.headline()["attendee_titles_f1"] == pytest.approx(2 / 3, abs=1e-4)


# --- Awards -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Bằng khen", "bằng khen"),
        ("BẰNG KHEN", "bằng khen"),
        ("Cờ thi đua của UBND tỉnh", "cờ thi đua"),
        ("Kỷ niệm chương “Vì sự nghiệp Thông tin và Truyền thông”", "kỷ niệm chương"),
    ],
)
def test_award_kind_is_the_honours_head(written, kind):
    assert award_kind(written) == award_kind(kind)


def test_award_kind_keeps_the_name_of_a_medal_or_title():
    assert award_kind("Huân chương Lao động hạng Nhì") != award_kind("Huân chương Lao động hạng Ba")
    assert award_kind("Huân chương Lao động hạng Nhì của Chủ tịch nước") == award_kind(
        "huân chương lao động hạng nhì"
    )
    assert award_kind("danh hiệu “Điển hình tiên tiến”") == award_kind(
        "Danh hiệu Điển hình tiên tiến"
    )


def test_awards_match_on_kind_and_counts():
    gold = ReportSummary(awards=[award("Bằng khen", 2, 5), award("Bằng khen", 1, 3)])
    pred = ReportSummary(awards=[award("bằng khen", 2, 5), award("Bằng khen", 1, 4)])
    counts = score_document(pred, gold).groups["awards"]
    assert (counts.tp, counts.pred, counts.gold) == (1, 2, 2)


def test_authority_is_an_accuracy_over_matched_awards():
    gold = ReportSummary(
        awards=[
            award("Bằng khen", 2, 5, "Bộ trưởng Bộ Thông tin và Truyền thông"),
            award("Giấy khen", 9, 5, "Giám đốc Sở"),
            award("Cờ thi đua", by="Chủ tịch UBND tỉnh"),
        ]
    )
    pred = ReportSummary(
        awards=[
            award("Bằng khen", 2, 5, "Bộ trưởng Bộ TT&TT"),
            award("Giấy khen", 9, 5, "Chủ tịch UBND tỉnh"),
        ]
    )
    score = score_document(pred, gold)
    assert score.groups["awards"].tp == 2
    assert (score.authority.correct, score.authority.total) == (1, 2)


def test_awards_alike_but_for_authority_pair_by_authority():
    gold = ReportSummary(awards=[award("Bằng khen", 1, 1, "A"), award("Bằng khen", 1, 1, "B")])
    pred = ReportSummary(awards=[award("Bằng khen", 1, 1, "B"), award("Bằng khen", 1, 1, "A")])
    assert score_document(pred, gold).authority.accuracy == 1.0


# --- Scalars, grounding, counts -----------------------------------------------------------------


def test_scalars_are_an_accuracy_where_null_equals_null():
    gold = ReportSummary(province="Bình Phước", event_date=None, period="2021")
    pred = ReportSummary(province="bình phước", event_date="2021-11-22", period="2021")
    score = score_document(pred, gold)
    right = {name: tally.correct for name, tally in score.scalars.items()}
    assert right == {
        "province": 1,
        "event_date": 0,
        "published_date": 1,
        "period": 1,
        "next_period": 1,
    }
    assert score.headline()["scalar_accuracy"] == 0.8
    assert score.misses["scalars"] == {"event_date": {"pred": "2021-11-22", "gold": None}}


def check(status):
    return Check(path="p", kind="value", claim="1", status=status, reason="r")


def test_grounding_is_the_share_of_checks_the_verifier_accepts():
    report = VerificationReport.from_checks(
        [check("exact"), check("normalized"), check("mismatch"), check("missing")]
    )
    score = score_document(hand_made(), hand_made(), report)
    assert (score.grounding.correct, score.grounding.total) == (2, 4)
    assert score.headline()["grounding"] == 0.5
    assert score_document(hand_made(), hand_made()).headline()["grounding"] is None


def test_item_counts_expose_over_and_under_splitting():
    gold = ReportSummary(achievements=[ach()] * 4, targets=[tgt()] * 2)
    pred = ReportSummary(achievements=[ach()] * 2, targets=[tgt()] * 4)
    score = score_document(pred, gold)
    assert (score.achievements.pred, score.achievements.gold) == (2, 4)
    assert score.achievements.agreement == 0.5
    assert score.targets.agreement == 0.5


# --- The set ------------------------------------------------------------------------------------


def gold_items():
    return load_gold_set(GOLD_DIR)


def test_the_set_is_scored_micro_not_as_a_mean_of_documents():
    items = gold_items()[:2]
    first, second = (item.gold for item in items)
    runs = [DocRun(items[0], first), DocRun(items[1], ReportSummary(), status="missing")]
    overall = evaluate(runs).overall.groups["achievement_metrics"]
    n1, n2 = (sum(len(a.metrics) for a in g.achievements) for g in (first, second))
    assert overall.tp == n1
    assert overall.recall == pytest.approx(n1 / (n1 + n2))


def test_report_lists_documents_worst_first_and_names_missing_ones():
    items = gold_items()
    runs = [DocRun(item, item.gold) for item in items[1:]]
    runs.append(DocRun(items[0], ReportSummary(), status="missing", error="no file"))
    report = build_report(evaluate(runs), {"source": "test", "gold_dir": "g"})
    assert report["per_document"][0]["name"] == items[0].name
    assert report["missing"] == [items[0].name]
    assert [e["rank"] for e in report["per_document"]] == sorted(
        e["rank"] for e in report["per_document"]
    )
    text = render_markdown(report)
    assert f"| {items[0].name} | missing |" in text
    assert "achievement metrics F1" in headline_table(report)
    json.dumps(report)  # the report is plain JSON


def test_predictions_folder_with_a_missing_file_scores_it_empty(tmp_path):
    items = gold_items()[:2]
    (tmp_path / f"{items[0].name}.json").write_text(
        items[0].gold.model_dump_json(), encoding="utf-8"
    )
    runs = load_predictions(items, tmp_path)
    assert [r.status for r in runs] == ["ok", "missing"]
    assert runs[0].summary == items[0].gold
    assert runs[1].summary == ReportSummary()


def test_a_prediction_that_is_not_a_summary_is_an_input_error(tmp_path):
    item = gold_items()[0]
    (tmp_path / f"{item.name}.json").write_text('{"summary": {"achievements": 3}}')
    with pytest.raises(InputError, match=item.name):
        load_predictions([item], tmp_path)


def test_a_gold_file_without_its_document_is_an_input_error(tmp_path):
    (tmp_path / "x.gold.json").write_text(ReportSummary().model_dump_json(), encoding="utf-8")
    with pytest.raises(InputError, match="no document"):
        load_gold_set(tmp_path)


def test_an_empty_gold_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="holds no"):
        load_gold_set(tmp_path)


class GoldOrFailBackend(SyncBackend):
    """Answers with the gold summary, except for the documents it is told to fail on."""

    name = "fake"

    def __init__(self, fail: set[str]) -> None:
        self.fail = fail
        self.golds = {item.name: item.gold for item in gold_items()}

    def extract(self, doc):
        name = Path(doc.path).stem
        if name in self.fail:
            raise ResponseError(f"no summary for {name}")
        usage = Usage(backend=self.name, total_tokens=100, cost_usd=0.5)
        return Extraction(summary=self.golds[name], usage=usage)


def test_a_backend_failure_marks_the_document_failed_and_the_run_goes_on():
    items = gold_items()[:3]
    seen = []
    runs = run_backend(
        items,
        GoldOrFailBackend({items[1].name}),
        max_bytes=2_000_000,
        progress=lambda i, n, run: seen.append((i, n, run.status)),
    )
    assert seen == [(1, 3, "ok"), (2, 3, "failed"), (3, 3, "ok")]
    assert runs[0].summary == items[0].gold
    assert runs[1].summary == ReportSummary()
    assert "no summary" in runs[1].error
    report = build_report(evaluate(runs), {"source": "fake", "gold_dir": "g"})
    assert report["failed"] == {items[1].name: runs[1].error}
    assert report["usage"]["total_tokens"] == 200
    assert report["usage"]["cost_usd"] == 1.0


def test_a_run_where_every_document_fails_raises_the_failure():
    items = gold_items()[:2]
    with pytest.raises(ResponseError):
        run_backend(items, GoldOrFailBackend({i.name for i in items}), max_bytes=2_000_000)


# --- Baseline -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "current", "regressed"),
    [
        (0.80, 0.80, False),
        (0.80, 0.79, False),  # within tolerance
        (0.80, 0.78, False),  # exactly the tolerance
        (0.80, 0.7799, True),
        (0.80, 0.95, False),  # a rise is never a regression
        (0.80, None, True),  # no longer measurable
        (None, 0.50, False),  # nothing stored to hold against
    ],
)
def test_baseline_comparison_honours_the_tolerance(stored, current, regressed):
    changes = compare({"awards_f1": current}, {"awards_f1": stored}, tolerance=0.02)
    assert [c.regressed for c in changes] == [regressed]


def test_enforce_names_each_regressed_figure():
    changes = compare(
        {"awards_f1": 0.5, "grounding": 0.9, "scalar_accuracy": 0.7},
        {"awards_f1": 0.6, "grounding": 0.9, "scalar_accuracy": 0.75},
        tolerance=0.02,
    )
    with pytest.raises(EvalRegressionError) as caught:
        enforce(changes, tolerance=0.02, baseline=Path("b.json"))
    assert exit_code(caught.value) == 1
    assert "awards F1" in caught.value.message
    assert "scalar accuracy" in caught.value.message
    assert "grounding" not in caught.value.message


def test_enforce_passes_when_nothing_dropped():
    changes = compare({"awards_f1": 0.6}, {"awards_f1": 0.6}, tolerance=0.0)
    enforce(changes, tolerance=0.0, baseline=Path("b.json"))
    assert not any(c.regressed for c in changes)
