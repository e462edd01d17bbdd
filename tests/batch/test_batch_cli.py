"""`summarizer batch` and `summarizer report` through the real console script, including a run
killed with SIGKILL at a random point and then run again."""

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from summarizer.batch import read_records
from summarizer.batch.events import Event, Totals
from summarizer.cli.progress import PlainProgress, RichProgress, make_progress
from summarizer.schema import SummaryResult
from summarizer.testing.fakeserver import FakeServer

SCRIPT = Path(sys.executable).parent / "summarizer"
GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=clean_env(), timeout=timeout
    )


def copy_reports(folder: Path, count: int) -> list[Path]:
    """`count` distinct reports: gold documents with a line of their own."""
    sources = sorted(GOLD.glob("d0*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        path = folder / f"r{i:02d}.txt"
        path.write_text(f"{text.rstrip()}\n\nBản lưu số {i + 1}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def done_records(out: Path) -> list[dict]:
    return [r for r in read_records(out) if r["type"] == "doc" and r["status"] == "done"]


def outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.json") if p.name != "report.json")


@pytest.mark.slow
def test_a_run_exits_0_and_a_rerun_skips_everything(tmp_path):
    copy_reports(tmp_path / "in", 3)
    out = tmp_path / "out"
    first = cli("batch", str(tmp_path / "in"), "--out", str(out), "--backend", "rules")
    assert first.returncode == 0, first.stderr
    assert "3 documents: 3 done" in first.stdout
    assert "[3/3] done" in first.stderr  # plain lines: stderr is not a terminal
    again = cli("batch", str(tmp_path / "in"), "--out", str(out), "--backend", "rules")
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("skipped") >= 3
    assert len(done_records(out)) == 3 and len(outputs(out)) == 3


@pytest.mark.slow
def test_some_documents_failing_exits_5_and_says_how_to_retry(tmp_path):
    copy_reports(tmp_path / "in", 2)
    (tmp_path / "in" / "blank.txt").write_text("   \n")
    result = cli("batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-b", "rules")
    assert result.returncode == 5, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "1 of 3 documents not done" in last and "--retry-failed" in last
    assert "Traceback" not in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["failures"][0]["error_class"] == "InputError"


@pytest.mark.slow
def test_report_rebuilds_the_report_from_the_ledger(tmp_path):
    copy_reports(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert cli("batch", str(tmp_path / "in"), "--out", str(out), "-b", "rules").returncode == 0
    (out / "report.md").unlink()
    (out / "report.json").unlink()
    result = cli("report", str(out), "--compare-models", "gpt-4o-mini")
    assert result.returncode == 0, result.stderr
    assert "2 documents: 2 done" in result.stdout
    assert "## Documents" in (out / "report.md").read_text(encoding="utf-8")
    assert json.loads((out / "report.json").read_text())["totals"]["done"] == 2


@pytest.mark.slow
def test_report_of_a_folder_without_a_ledger_is_one_line_and_exit_2(tmp_path):
    result = cli("report", str(tmp_path))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "ledger.jsonl" in result.stderr


@pytest.mark.slow
def test_batch_help_says_how_a_path_list_is_given():
    result = cli("batch", "--help")
    assert result.returncode == 0
    assert "@LIST" in result.stdout and "--retry-failed" in result.stdout


@pytest.mark.slow
def test_a_path_list_and_the_batch_api_need_the_llm_backend(tmp_path):
    listing = tmp_path / "paths.txt"
    listing.write_text(f"{copy_reports(tmp_path / 'in', 1)[0]}\n")
    result = cli("batch", f"@{listing}", "--out", str(tmp_path / "out"), "--via", "batch-api")
    assert result.returncode == 2 and "needs the llm backend" in result.stderr


def _count_done(out: Path) -> int:
    ledger = out / "ledger.jsonl"
    if not ledger.exists():
        return 0
    return ledger.read_bytes().count(b'"status":"done"')


@pytest.mark.slow
def test_kill_9_at_a_random_point_then_the_same_command_does_every_document_exactly_once(
    tmp_path,
):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    paths = copy_reports(tmp_path / "in", 30)
    out = tmp_path / "out"
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"fake-model": {"input": 0.2, "output": 0.8}}))
    with FakeServer(latency=0.15) as server:
        command = [str(SCRIPT), "batch", str(tmp_path / "in"), "--out", str(out)]
        command += ["--model", "fake-model", "--base-url", server.url, "--concurrency", "3"]
        command += ["--pricing", str(prices)]
        victim = subprocess.Popen(
            command, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        target = rng.randint(1, 18)
        deadline = time.monotonic() + 120
        while _count_done(out) < target and victim.poll() is None:
            assert time.monotonic() < deadline, f"seed {seed}: no progress"
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.2))
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert victim.returncode == -signal.SIGKILL, f"seed {seed}: finished before the kill"
        killed_at = _count_done(out)
        again = subprocess.run(command, capture_output=True, text=True, env=clean_env())
        assert again.returncode == 0, f"seed {seed}: {again.stderr}"
        billed = server.usage_total["prompt_tokens"]

    done = done_records(out)
    keys = Counter(r["key"] for r in done)
    assert len(keys) == 30 and set(keys.values()) == {1}, f"seed {seed}, killed at {killed_at}"
    files = outputs(out)
    assert len(files) == 30, f"seed {seed}"
    assert not list(out.glob(".*.tmp")), "a half-written output was left behind"
    by_sha = {}
    for file in files:
        result = SummaryResult.model_validate_json(file.read_text(encoding="utf-8"))
        by_sha[result.source.sha256] = result
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths} == set(by_sha)
    report = json.loads((out / "report.json").read_text())
    assert report["totals"]["done"] == 30
    # the documents' own spend, and the answers the killed run had paid for but not recorded
    # in a document (each one once): never more than the server billed
    records = list(read_records(out))
    accounted = {(r["run"], r["key"]) for r in records if r["type"] == "doc" and r.get("usage")}
    lost = [r for r in records if r["type"] == "paid" and (r["run"], r["key"]) not in accounted]
    lost_tokens = sum(r["usage"]["prompt_tokens"] for r in lost)
    assert report["totals"]["interrupted_answers"] == len(lost)
    spent = report["totals"]["prompt_tokens"]
    assert spent == sum(r["usage"]["prompt_tokens"] for r in done) + lost_tokens <= billed
    assert spent == sum(r.usage.prompt_tokens for r in by_sha.values()) + lost_tokens


def _event(kind: str, totals: Totals, **fields) -> Event:
    return Event(kind, totals, **fields)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_log_lines_elsewhere():
    assert isinstance(make_progress(io.StringIO()), PlainProgress)
    screen = Terminal()
    bar = make_progress(screen)
    assert isinstance(bar, RichProgress)
    totals = Totals(total=2)
    record = {"usage": {"total_tokens": 1200}, "verified": True}
    bar(_event("start", totals))
    totals.done, totals.prompt_tokens, totals.cost_usd = 1, 1000, 0.0125
    bar(_event("done", totals, path="a.txt", record=record))
    totals.failed = 1
    failure = {"error": {"class": "LLMError", "message": "endpoint answered 400 [x]"}}
    bar(_event("failed", totals, path="b.txt", record=failure))
    bar(_event("finish", totals))
    shown = screen.getvalue()
    assert "2/2" in shown and "$0.0125" in shown and "b.txt" in shown and "[x]" in shown

    log = io.StringIO()
    lines = PlainProgress(log)
    lines(_event("done", totals, path="a.txt", record=record))
    assert "done a.txt (1,200 tokens)" in log.getvalue()
    assert "1,000 tokens, $0.0125" in log.getvalue()
