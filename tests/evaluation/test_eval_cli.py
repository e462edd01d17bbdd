import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.evaluation import load_gold_set
from summarizer.ingest import read_document
from summarizer.schema import SourceInfo, SummaryResult, Usage
from summarizer.verify import verify

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "eval" / "gold"
SUMMARIZER = Path(sys.executable).parent / "summarizer"
GOLD = sorted(GOLD_DIR.glob("*.gold.json"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SUMMARIZER), *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )


def stem(gold: Path) -> str:
    return gold.name[: -len(".gold.json")]


def wrapped_predictions(folder: Path) -> Path:
    """The gold summaries in the shape `summarize` writes, verified against their documents."""
    folder.mkdir()
    for item in load_gold_set(GOLD_DIR):
        doc = read_document(item.source)
        result = SummaryResult(
            source=SourceInfo(path=doc.path, sha256=doc.sha256, chars=doc.chars),
            summary=item.gold,
            verification=verify(item.gold, doc.text),
            usage=Usage(backend="gold"),
        )
        (folder / f"{item.name}.json").write_text(result.model_dump_json(), encoding="utf-8")
    return folder


def bare_predictions(folder: Path, leave_out: int = 0) -> Path:
    """Bare gold summaries, all but the first `leave_out` documents."""
    folder.mkdir()
    for gold in GOLD[leave_out:]:
        (folder / f"{stem(gold)}.json").write_text(gold.read_text(encoding="utf-8"))
    return folder


@pytest.mark.slow
def test_gold_scored_against_itself_is_perfect_on_every_group(tmp_path):
    preds = wrapped_predictions(tmp_path / "preds")
    out = tmp_path / "out"
    proc = run("eval", "eval/gold", "--predictions", str(preds), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] == len(GOLD)
    assert report["missing"] == []
    figures = dict(report["headline"])
    grounding = figures.pop("grounding")
    assert figures == dict.fromkeys(figures, 1.0)
    # grounding is the verifier's judgement of the gold, whatever that is: the share it accepted
    checks = [
        c
        for f in preds.glob("*.json")
        for c in SummaryResult.model_validate_json(
            f.read_text(encoding="utf-8")
        ).verification.checks
    ]
    accepted = sum(c.status in ("exact", "normalized") for c in checks)
    assert checks
    assert grounding == round(accepted / len(checks), 4)
    assert set(report["headline"]) >= {"achievement_metrics_f1", "grounding", "awards_f1"}
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# Eval of")
    assert "achievement metrics F1" in proc.stdout
    assert len([line for line in proc.stderr.splitlines() if line.startswith("[")]) == len(GOLD)


@pytest.mark.slow
def test_a_drop_below_the_baseline_exits_1_and_names_the_figure(tmp_path):
    baseline = tmp_path / "baseline.json"
    full = bare_predictions(tmp_path / "full")
    proc = run(
        "eval", "--predictions", str(full), "--out", str(tmp_path / "o1"),
        "--baseline", str(baseline), "--update-baseline",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    stored = json.loads(baseline.read_text(encoding="utf-8"))["headline"]
    assert stored["achievement_metrics_f1"] == 1.0

    partial = bare_predictions(tmp_path / "partial", leave_out=3)
    proc = run(
        "eval", str(GOLD_DIR), "--predictions", str(partial), "--out", str(tmp_path / "o2"),
        "--baseline", str(baseline),
    )  # fmt: skip
    assert proc.returncode == 1
    assert "achievement metrics F1" in proc.stderr
    assert "REGRESSED" in proc.stdout
    assert "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "o2" / "report.json").read_text(encoding="utf-8"))
    assert report["missing"] == [stem(g) for g in GOLD[:3]]


@pytest.mark.slow
def test_the_same_figures_pass_the_baseline(tmp_path):
    baseline = tmp_path / "baseline.json"
    preds = bare_predictions(tmp_path / "p", leave_out=2)
    common = ["eval", "--predictions", str(preds), "--out", str(tmp_path / "o")]
    assert run(*common, "--baseline", str(baseline), "--update-baseline").returncode == 0
    proc = run(*common, "--baseline", str(baseline), "--tolerance", "0")
    assert proc.returncode == 0, proc.stderr
    assert "REGRESSED" not in proc.stdout


@pytest.mark.slow
def test_a_missing_baseline_or_gold_folder_is_a_usage_error(tmp_path):
    preds = bare_predictions(tmp_path / "p")
    proc = run("eval", "--predictions", str(preds), "--baseline", str(tmp_path / "none.json"))
    assert proc.returncode == 2
    assert "--update-baseline" in proc.stderr
    proc = run("eval", str(tmp_path / "nowhere"), "--predictions", str(preds))
    assert proc.returncode == 2
    assert "does not exist" in proc.stderr


@pytest.mark.slow
def test_rules_backend_run_writes_a_report_for_every_document(tmp_path):
    out = tmp_path / "out"
    proc = run("eval", "eval/gold", "--backend", "rules", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["backend"] == "rules"
    assert {e["name"] for e in report["per_document"]} == {stem(g) for g in GOLD}
    assert all(e["status"] == "ok" and e["time_s"] is not None for e in report["per_document"])
    assert all(0.0 <= v <= 1.0 for v in report["headline"].values() if v is not None)
    assert len([line for line in proc.stderr.splitlines() if line.startswith("[")]) == len(GOLD)


@pytest.mark.slow
def test_llm_run_reports_tokens_and_replays_from_its_cassette(tmp_path, fake_server):
    cassette = tmp_path / "run.jsonl"
    llm = ["eval", "--backend", "llm", "--base-url", fake_server.url, "--model", "fake-model"]
    proc = run(*llm, "--out", str(tmp_path / "rec"), "--record", str(cassette))
    assert proc.returncode == 0, proc.stderr
    recorded = json.loads((tmp_path / "rec" / "report.json").read_text(encoding="utf-8"))
    assert recorded["backend"] == "llm"
    assert all(e["total_tokens"] > 0 for e in recorded["per_document"])
    assert recorded["usage"]["total_tokens"] == sum(
        e["total_tokens"] for e in recorded["per_document"]
    )
    sent = len(fake_server.requests)

    proc = run(*llm, "--out", str(tmp_path / "rep"), "--replay", str(cassette))
    assert proc.returncode == 0, proc.stderr
    replayed = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))
    assert len(fake_server.requests) == sent  # answered from the cassette alone
    assert replayed["headline"] == recorded["headline"]
    assert replayed["usage"]["total_tokens"] == recorded["usage"]["total_tokens"]
