"""The batch runner with fake backends and the real rules backend: resumable, exactly once."""

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from summarizer.backends import BaseBackend, Extraction
from summarizer.batch import BatchOptions, read_records, run_batch
from summarizer.batch.report_md import headline
from summarizer.batch.work import error_info
from summarizer.config import Settings
from summarizer.errors import InputError, LLMError, TransportError
from summarizer.schema import ReportSummary, SummaryResult, Usage

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
RULES = Settings(backend="rules", backend_chosen=True)


class FakeBackend(BaseBackend):
    """Answers every document with an empty summary and scripted usage; fails on request."""

    name = "fake"

    def __init__(
        self,
        *,
        fail: tuple[str, ...] = (),
        cost: float | None = None,
        retries: int = 0,
        delay: float = 0.0,
    ) -> None:
        self.fail = fail
        self.cost = cost
        self.retries = retries
        self.delay = delay
        self.calls: Counter[str] = Counter()
        self.running = self.peak = 0
        self.closed = 0

    async def aclose(self) -> None:
        self.closed += 1

    async def aextract(self, doc) -> Extraction:
        self.calls[Path(doc.path).name] += 1
        self.running += 1
        self.peak = max(self.peak, self.running)
        try:
            await asyncio.sleep(self.delay)
        finally:
            self.running -= 1
        if any(word in doc.path for word in self.fail):
            raise LLMError("the model refused", hint="try another model")
        usage = Usage(
            backend="rules",
            prompt_tokens=100,
            cached_prompt_tokens=40,
            completion_tokens=20,
            total_tokens=120,
            requests=1 + self.retries,
            attempts=1,
            transport_retries=self.retries,
            cost_usd=self.cost,
        )
        return Extraction(ReportSummary(title=None), usage)


def make_docs(folder: Path, count: int, prefix: str = "doc") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{prefix}{i:02d}.txt"
        path.write_text(f"Sở Thông tin và Truyền thông, bản tin số {i}.\n", encoding="utf-8")
        paths.append(path.resolve())
    return paths


def run(paths, out, backend=None, settings=RULES, events=None, **options):
    listener = events.append if events is not None else None
    return run_batch(
        paths,
        settings,
        BatchOptions(out=out, **options),
        backend=backend,
        listener=listener,
    )


def done_records(out: Path) -> list[dict]:
    return [r for r in read_records(out) if r["type"] == "doc" and r["status"] == "done"]


def outputs(out: Path) -> list[Path]:
    return sorted(p for p in out.glob("*.json") if p.name != "report.json")


def test_a_rerun_skips_everything_done_and_costs_nothing(tmp_path):
    paths = make_docs(tmp_path / "in", 6)
    out = tmp_path / "out"
    backend = FakeBackend(cost=0.002)
    first = run(paths, out, backend, concurrency=3)
    assert first.totals.done == 6 and first.not_done == 0
    assert backend.closed == 1  # the run releases the backend's connections once, at its end
    again = FakeBackend(cost=0.002)
    second = run(paths, out, again, concurrency=3)
    assert sum(again.calls.values()) == 0
    assert second.totals.skipped == 6 and second.totals.cost_usd == 0
    assert second.report["savings"]["skipped"] == {
        "documents": 6,
        "duplicates": 0,
        "failed_before": 0,
        "saving_usd": pytest.approx(0.012),
    }
    keys = [r["key"] for r in done_records(out)]
    assert len(keys) == len(set(keys)) == 6
    assert len(outputs(out)) == 6
    for path in outputs(out):
        SummaryResult.model_validate_json(path.read_text())


def test_a_failed_document_is_recorded_the_run_goes_on_and_it_is_retried_only_on_request(
    tmp_path,
):
    paths = make_docs(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run(paths, out, FakeBackend(fail=("doc02",)), concurrency=2)
    assert (first.totals.done, first.totals.failed, first.not_done) == (3, 1, 1)
    failed = [r for r in read_records(out) if r["type"] == "doc" and r["status"] == "failed"]
    assert failed[0]["error"]["class"] == "LLMError"
    assert "the model refused" in failed[0]["error"]["message"]
    assert first.report["failures"][0]["count"] == 1

    untouched = FakeBackend()
    second = run(paths, out, untouched, concurrency=2)
    assert sum(untouched.calls.values()) == 0 and second.not_done == 1

    retried = FakeBackend()
    third = run(paths, out, retried, concurrency=2, retry_failed=True)
    assert retried.calls == Counter({"doc02.txt": 1})
    assert third.not_done == 0 and third.report["totals"]["failed"] == 0


def test_a_changed_document_or_configuration_is_summarised_again(tmp_path):
    paths = make_docs(tmp_path / "in", 3)
    out = tmp_path / "out"
    run(paths, out, FakeBackend())
    paths[1].write_text("Nội dung mới của bản tin.\n", encoding="utf-8")
    changed = FakeBackend()
    run(paths, out, changed)
    assert changed.calls == Counter({"doc01.txt": 1})
    other = FakeBackend()
    run(paths, out, other, settings=Settings(backend="llm", model="another-model"))
    assert sum(other.calls.values()) == 3


def test_the_same_content_at_two_paths_is_summarised_once(tmp_path):
    paths = make_docs(tmp_path / "in", 2)
    copy = tmp_path / "in" / "copy.txt"
    copy.write_bytes(paths[0].read_bytes())
    events: list = []
    backend = FakeBackend()
    run([*paths, copy.resolve()], tmp_path / "out", backend, events=events)
    assert sum(backend.calls.values()) == 2
    skips = [e for e in events if e.kind == "skip"]
    assert len(skips) == 1 and "same content as" in skips[0].message


def test_max_cost_stops_starting_documents_and_the_next_run_continues(tmp_path):
    paths = make_docs(tmp_path / "in", 8)
    out = tmp_path / "out"
    events: list = []
    first = run(paths, out, FakeBackend(cost=0.01), events=events, concurrency=1, max_cost=0.025)
    assert first.totals.done == 3  # 0, 0.01, 0.02 spent when each started
    assert first.not_done == 5
    assert [e.kind for e in events].count("budget") == 1
    assert "--max-cost" in first.budget_message
    unstarted = [r for r in read_records(out) if r["type"] == "doc" and r["status"] == "failed"]
    assert {r["error"]["class"] for r in unstarted} == {"BudgetExceededError"}
    totals = first.report["totals"]
    assert (totals["failed"], totals["not_started_budget"]) == (0, 5)
    assert first.report["failures"] == []  # leftovers resume by themselves: not failures
    assert "0 failed, 5 not started (budget)" in headline(first.report)
    second = run(paths, out, FakeBackend(cost=0.01), concurrency=1, max_cost=1.0)
    assert second.totals.done == 5 and second.not_done == 0
    assert len(done_records(out)) == 8


def test_throttling_cuts_the_documents_in_flight(tmp_path):
    paths = make_docs(tmp_path / "in", 12)
    events: list = []
    outcome = run(paths, tmp_path / "out", FakeBackend(retries=1), events=events, concurrency=8)
    cuts = [e for e in events if e.kind == "throttle"]
    assert cuts and outcome.totals.limit < 8
    assert outcome.report["totals"]["transport_retries"] == 12


def test_documents_in_flight_never_exceed_the_concurrency(tmp_path):
    paths = make_docs(tmp_path / "in", 12)
    backend = FakeBackend(delay=0.02)
    run(paths, tmp_path / "out", backend, concurrency=4)
    assert backend.peak == 4


def test_an_output_written_but_not_recorded_before_a_crash_is_adopted_not_redone(tmp_path):
    sources = sorted(GOLD.glob("d0[1-3]*.txt"))
    out = tmp_path / "out"
    run(sources, out, concurrency=1)
    ledger = out / "ledger.jsonl"
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    last_done = max(i for i, line in enumerate(lines) if '"status":"done"' in line)
    lost = json.loads(lines[last_done])
    ledger.write_text("".join(lines[:last_done]), encoding="utf-8")  # the crash lost it

    events: list = []
    outcome = run(sources, out, events=events, concurrency=1)
    assert outcome.totals.done == 1 and outcome.totals.skipped == 2
    recovered = [e.record for e in events if e.kind == "done"]
    assert recovered[0]["recovered"] is True and recovered[0]["key"] == lost["key"]
    assert Counter(r["key"] for r in done_records(out)).most_common(1)[0][1] == 1


def test_worker_processes_write_what_one_process_writes(tmp_path):
    sources = sorted(GOLD.glob("d0[4-7]*.txt"))
    one, many = tmp_path / "one", tmp_path / "many"
    run(sources, one, concurrency=1)
    outcome = run(sources, many, concurrency=2)
    assert outcome.totals.done == 4
    for path in outputs(one):
        a = SummaryResult.model_validate_json(path.read_text())
        b = SummaryResult.model_validate_json((many / path.name).read_text())
        assert a.summary == b.summary and a.verification.verified == b.verification.verified


def test_a_file_that_cannot_be_read_fails_alone(tmp_path):
    paths = make_docs(tmp_path / "in", 2)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_text("")
    missing = (tmp_path / "in" / "gone.txt").resolve()
    outcome = run([*paths, empty.resolve(), missing], tmp_path / "out", FakeBackend())
    assert (outcome.totals.done, outcome.totals.failed) == (2, 2)
    causes = {f["cause"] for f in outcome.report["failures"]}
    assert causes == {"file is empty", "no such file"}


def test_the_report_prices_the_tokens_under_other_models(tmp_path):
    paths = make_docs(tmp_path / "in", 5)
    outcome = run(
        paths,
        tmp_path / "out",
        FakeBackend(cost=0.001),
        compare_models=("gpt-4o-mini", "no-such-model"),
    )
    report = outcome.report
    assert report["totals"]["prompt_tokens"] == 500
    assert report["totals"]["cached_prompt_tokens"] == 200
    assert report["cost_per_1000_documents"] == pytest.approx(1.0)
    projected = {p["model"]: p["cost_usd"] for p in report["projections"]}
    assert projected["no-such-model"] is None
    # gpt-4o-mini: 300 fresh and 200 cached prompt tokens, 100 completion tokens
    assert projected["gpt-4o-mini"] == pytest.approx(
        (300 * 0.15 + 200 * 0.075 + 100 * 0.6) / 1e6, rel=1e-6
    )
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "gpt-4o-mini" in markdown and "## Documents" in markdown


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (
            InputError(
                "a.txt", "file is 3,000,000 bytes, larger than the limit of 2,000,000 bytes"
            ),
            "file is N bytes, larger than the limit of N bytes",
        ),
        (
            TransportError(
                "http://x kept answering 429 Too Many Requests", attempts=5, last_status=429
            ),
            "the endpoint kept answering 429",
        ),
        (LLMError("http://x/v1 answered 400: content policy"), "http://x/v1 answered 400"),
        (ValueError("boom"), "internal error (ValueError)"),
    ],
)
def test_failures_are_grouped_by_their_kind_not_their_details(error, cause):
    info = error_info(error)
    assert info["cause"] == cause and info["class"] == type(error).__name__
