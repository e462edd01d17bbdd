"""Batches on the LLM backend against the fake OpenAI-compatible server on 127.0.0.1: live
requests under concurrency, rate limits and 429 storms, and the provider's batch API."""

import json
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from summarizer.backends import make_backend
from summarizer.batch import BatchOptions, read_records, run_batch
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.testing.fakeserver import FakeServer, Reply, RulesResponder, find_document

CHAT = "/v1/chat/completions"
PRICES = {"fake-model": {"input": 0.2, "cached_input": 0.1, "output": 0.8, "batch_discount": 0.5}}


def make_docs(folder: Path, count: int) -> list[Path]:
    """Short reports, each with its own figures, that the rules backend summarises verified."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = (
            f"Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp {100 + i} "
            "chứng thư số cho cán bộ, công chức.\n"
        )
        path = folder / f"report{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path.resolve())
    return paths


def settings(server: FakeServer, tmp_path: Path, **changes) -> Settings:
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps(PRICES))
    fields = dict(
        backend="llm",
        backend_chosen=True,
        model="fake-model",
        base_url=server.url,
        api_key_env="SUMMARIZER_TEST_UNSET_KEY",
        max_retries=8,
        retry_backoff=0.01,
        timeout=10.0,
        pricing=prices,
    )
    return Settings(**(fields | changes))


def run(paths, out, settings, **options):
    events: list = []
    outcome = run_batch(paths, settings, BatchOptions(out=out, **options), listener=events.append)
    return outcome, events


def done_keys(out: Path) -> Counter:
    return Counter(
        r["key"] for r in read_records(out) if r["type"] == "doc" and r["status"] == "done"
    )


def test_documents_run_concurrently_and_the_report_counts_what_the_server_sent(tmp_path):
    paths = make_docs(tmp_path / "in", 16)
    with FakeServer(latency=0.1) as server:
        outcome, _ = run(paths, tmp_path / "out", settings(server, tmp_path), concurrency=4)
        sent = dict(server.usage_total)
        peak = server.max_in_flight
    totals = outcome.report["totals"]
    assert outcome.totals.done == 16 and outcome.not_done == 0
    assert peak == 4
    assert totals["prompt_tokens"] == sent["prompt_tokens"]
    assert totals["completion_tokens"] == sent["completion_tokens"]
    assert totals["verified"] == 16
    expected = (sent["prompt_tokens"] * 0.2 + sent["completion_tokens"] * 0.8) / 1e6
    assert totals["cost_usd"] == pytest.approx(expected, rel=1e-6)
    assert set(done_keys(tmp_path / "out").values()) == {1}


def test_a_storm_of_429s_is_retried_every_document_done_and_the_retries_counted(tmp_path):
    paths = make_docs(tmp_path / "in", 24)
    with FakeServer(fail_rate=1 / 3, retry_after=0.01, seed=3) as server:
        outcome, events = run(paths, tmp_path / "out", settings(server, tmp_path), concurrency=8)
        chat_requests = len(server.requests_to(CHAT))
        sent = dict(server.usage_total)
    totals = outcome.report["totals"]
    assert outcome.totals.done == 24 and outcome.not_done == 0
    assert (totals["prompt_tokens"], totals["completion_tokens"]) == (
        sent["prompt_tokens"],
        sent["completion_tokens"],
    )
    refused = chat_requests - totals["attempts"]
    assert refused > 0
    assert totals["transport_retries"] == refused
    assert totals["requests"] == chat_requests
    assert any(e.kind == "throttle" for e in events)


def test_requests_per_minute_are_held_on_the_client(tmp_path):
    stamps: list[float] = []
    lock = threading.Lock()
    rules = RulesResponder()

    def stamped(request):
        with lock:
            stamps.append(time.monotonic())
        return rules(request)

    paths = make_docs(tmp_path / "in", 12)
    with FakeServer(stamped) as server:
        started = time.monotonic()
        outcome, _ = run(
            paths, tmp_path / "out", settings(server, tmp_path), concurrency=12, rpm=300
        )
    assert outcome.totals.done == 12
    # 5 a second after a burst of 5: the 12th request is not sent before 7/5 s
    assert stamps[-1] - started >= 1.4
    for i, start in enumerate(stamps):
        within = [s for s in stamps[i:] if s - start < 1.0]
        assert len(within) <= 11  # a burst of 5 and 5 a second, give or take one in transit


def test_a_document_the_endpoint_refuses_fails_alone(tmp_path):
    rules = RulesResponder()

    def refuse_one(request):
        if "101 chứng thư" in find_document(request["json"]["messages"]):
            return Reply.error(400, "content policy")
        return rules(request)

    paths = make_docs(tmp_path / "in", 4)
    with FakeServer(refuse_one) as server:
        outcome, _ = run(paths, tmp_path / "out", settings(server, tmp_path))
    assert (outcome.totals.done, outcome.totals.failed) == (3, 1)
    [failure] = outcome.report["failures"]
    assert failure["error_class"] == "LLMError" and "400" in failure["examples"][0]["message"]


def test_max_cost_stops_a_live_run(tmp_path):
    paths = make_docs(tmp_path / "in", 10)
    with FakeServer() as server:
        config = settings(server, tmp_path)
        outcome, events = run(paths, tmp_path / "out", config, concurrency=1, max_cost=0.01)
        spent = outcome.report["totals"]["cost_usd"]
    assert 0 < outcome.totals.done < 10
    assert outcome.not_done == 10 - outcome.totals.done
    assert [e.kind for e in events].count("budget") == 1
    per_doc = spent / outcome.totals.done
    assert spent - per_doc < 0.01  # it started no document once the spend had reached it


def test_batch_api_creates_no_batch_when_the_first_reserve_passes_max_cost(tmp_path):
    paths = make_docs(tmp_path / "in", 4)
    with FakeServer() as server:
        config = settings(server, tmp_path)
        outcome, events = run(
            paths, tmp_path / "out", config, via="batch-api", poll_interval=0, max_cost=1e-6
        )
        uploads, created = server.requests_to("/v1/files"), server.requests_to("/v1/batches")
    assert (uploads, created) == ([], [])
    assert outcome.report["totals"]["not_started_budget"] == 4
    [budget] = [e.message for e in events if e.kind == "budget"]
    assert "no batch was created" in budget and "\n" not in budget


def test_batch_api_reserves_each_document_before_adding_it(tmp_path):
    paths = make_docs(tmp_path / "in", 6)
    with FakeServer() as server:
        config = settings(server, tmp_path)
        endpoint = make_backend(config).batch_endpoint()
        reserve = endpoint.request_line(read_document(str(paths[0])), "k")[1]
        limit = reserve * 2.5
        outcome, _ = run(
            paths, tmp_path / "out", config, via="batch-api", poll_interval=0, max_cost=limit
        )
    assert outcome.totals.done == 2
    assert outcome.report["totals"]["not_started_budget"] == 4
    assert outcome.report["totals"]["cost_usd"] <= limit


def test_the_provider_batch_api_gives_the_same_outputs_at_the_batch_price(tmp_path):
    paths = make_docs(tmp_path / "in", 6)
    with FakeServer(batch_polls=2) as server:
        config = settings(server, tmp_path)
        outcome, events = run(paths, tmp_path / "out", config, via="batch-api", poll_interval=0)
        uploads = server.requests_to("/v1/files")
        created = server.requests_to("/v1/batches")
        sent = dict(server.usage_total)
    assert outcome.totals.done == 6 and outcome.not_done == 0
    assert len(uploads) == 1 and len(created) == 1
    totals = outcome.report["totals"]
    assert totals["prompt_tokens"] == sent["prompt_tokens"]
    expected = (sent["prompt_tokens"] * 0.2 + sent["completion_tokens"] * 0.8) / 1e6 * 0.5
    assert totals["cost_usd"] == pytest.approx(expected, rel=1e-6)
    assert {d["via"] for d in outcome.report["documents"]} == {"batch-api"}
    assert any("submitted" in (e.message or "") for e in events)
    assert not list((tmp_path / "out").glob(".batch-*"))  # the request file is not left behind


class Interrupted(Exception):
    pass


def test_a_batch_left_waiting_by_an_interrupted_run_is_collected_not_paid_twice(tmp_path):
    paths = make_docs(tmp_path / "in", 5)
    out = tmp_path / "out"

    def stop_once_submitted(event) -> None:
        if event.kind == "batch" and "submitted" in (event.message or ""):
            raise Interrupted

    with FakeServer(batch_polls=3) as server:
        config = settings(server, tmp_path)
        options = BatchOptions(out=out, via="batch-api", poll_interval=0)
        with pytest.raises(Interrupted):
            run_batch(paths, config, options, listener=stop_once_submitted)
        assert not done_keys(out)
        outcome, events = run(paths, out, config, via="batch-api", poll_interval=0)
        created = server.requests_to("/v1/batches")
    assert len(created) == 1
    assert outcome.totals.done == 5
    assert any("earlier run" in (e.message or "") for e in events)
    assert set(done_keys(out).values()) == {1}


def test_batch_answers_that_fail_are_recorded_per_document(tmp_path):
    rules = RulesResponder()

    def refuse_one(request):
        if "102 chứng thư" in find_document(request["json"]["messages"]):
            return Reply.error(400, "content policy")
        return rules(request)

    paths = make_docs(tmp_path / "in", 4)
    with FakeServer(refuse_one) as server:
        config = settings(server, tmp_path)
        outcome, _ = run(paths, tmp_path / "out", config, via="batch-api", poll_interval=0)
    assert (outcome.totals.done, outcome.totals.failed) == (3, 1)
    [failure] = outcome.report["failures"]
    assert "400" in failure["examples"][0]["message"]
    assert "content policy" in failure["examples"][0]["message"]


def test_a_batch_that_cannot_be_submitted_fails_its_documents_and_the_run_ends(tmp_path):
    paths = make_docs(tmp_path / "in", 3)
    with FakeServer() as server:
        server.enqueue(*[Reply.error(503, "down for maintenance")] * 3)
        config = settings(server, tmp_path, max_retries=2)
        outcome, _ = run(paths, tmp_path / "out", config, via="batch-api", poll_interval=0)
    assert outcome.totals.failed == 3 and outcome.not_done == 3
    [failure] = outcome.report["failures"]
    assert failure["error_class"] == "TransportError" and failure["count"] == 3


def test_a_request_is_estimated_before_it_is_sent_on_the_high_side(tmp_path):
    from dataclasses import replace
    from types import SimpleNamespace

    from summarizer.backends.llm import build_request, make_llm_backend
    from summarizer.batch.live import Estimator
    from summarizer.ingest import read_document
    from summarizer.testing.replies import prompt_chars

    doc = read_document(Path(__file__).resolve().parents[2] / "eval" / "gold" / "d09_da-nang.txt")
    config = Settings(backend="llm", model="fake-model", base_url="http://127.0.0.1:9/v1")
    context = SimpleNamespace(settings=config, options=BatchOptions(out=tmp_path))
    estimate = Estimator(context, make_llm_backend(config))(doc)
    sent = prompt_chars(build_request(doc, config))
    assert estimate.requests == 1
    assert sent / 4 < estimate.tokens < 3 * sent  # the server counts 4 characters a token

    split = make_llm_backend(replace(config, context_chars=1500))
    parts = Estimator(context, split)(doc)
    assert parts.requests > 1 and parts.tokens > estimate.tokens


def test_llm_documents_in_worker_processes_write_what_one_process_writes(tmp_path):
    from summarizer.schema import SummaryResult

    paths = make_docs(tmp_path / "in", 6)
    one, many = tmp_path / "one", tmp_path / "many"
    with FakeServer() as server:
        run(paths, one, settings(server, tmp_path), concurrency=1)
        outcome, events = run(paths, many, settings(server, tmp_path), concurrency=4)
    assert outcome.totals.done == 6 and outcome.not_done == 0
    assert [e.kind for e in events].count("done") == 6
    assert set(done_keys(many).values()) == {1}
    written = sorted(one.glob("report[0-9]*.json"))
    assert len(written) == 6
    for path in written:
        a = SummaryResult.model_validate_json(path.read_text())
        b = SummaryResult.model_validate_json((many / path.name).read_text())
        assert a.summary == b.summary and a.verification.verified == b.verification.verified
