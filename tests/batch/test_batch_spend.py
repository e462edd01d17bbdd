"""What a batch spends: every billed token counted, failed and cut-off answers too, and
--max-cost reserving each document's possible re-asks so the spend stays within the limit."""

import json
import threading
from pathlib import Path

from summarizer.batch import BatchOptions, run_batch
from summarizer.config import Settings
from summarizer.testing.fakeserver import FakeServer, Reply, RulesResponder

PRICES = {"fake-model": {"input": 0.2, "cached_input": 0.1, "output": 0.8}}


def make_docs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"report{i:02d}.txt"
        path.write_text(
            f"Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp {300 + i} "
            "chứng thư số cho cán bộ, công chức.\n",
            encoding="utf-8",
        )
        paths.append(path.resolve())
    return paths


def settings(server: FakeServer, tmp_path: Path) -> Settings:
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps(PRICES))
    return Settings(
        backend="llm",
        backend_chosen=True,
        model="fake-model",
        base_url=server.url,
        api_key_env="SUMMARIZER_TEST_UNSET_KEY",
        max_retries=2,
        retry_backoff=0.01,
        timeout=10.0,
        pricing=prices,
    )


def price(usage: dict) -> float:
    return (usage["prompt_tokens"] * 0.2 + usage["completion_tokens"] * 0.8) / 1e6


class Billing:
    """A responder wrapper that remembers what each answer billed."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.costs: list[float] = []
        self.lock = threading.Lock()

    def __call__(self, request):
        reply = self.answer(request)
        if isinstance(reply.body, dict) and reply.body.get("usage"):
            with self.lock:
                self.costs.append(price(reply.body["usage"]))
        return reply


def reask_every_document(request):
    """A first answer that does not fit the schema, so every document is asked again."""
    if not any(m.get("role") == "assistant" for m in request["json"]["messages"]):
        return Reply.summary("not a summary", prompt_tokens=900, completion_tokens=700)
    return RulesResponder()(request)


def test_max_cost_holds_when_every_document_needs_a_reask(tmp_path):
    limit = 0.02
    billing = Billing(reask_every_document)
    paths = make_docs(tmp_path / "in", 40)
    with FakeServer(billing) as server:
        options = BatchOptions(out=tmp_path / "out", concurrency=4, max_cost=limit)
        outcome = run_batch(paths, settings(server, tmp_path), options)
        billed = price(server.usage_total)
    assert 0 < outcome.totals.done < 40
    assert outcome.report["totals"]["reasks"] >= outcome.totals.done
    overshoot = billed - limit
    print(f"budget: limit ${limit}, billed ${billed:.5f}, overshoot ${max(overshoot, 0):.5f}")
    assert overshoot <= max(billing.costs)  # at most one request's cost
    assert outcome.report["totals"]["cost_usd"] == round(billed, 8)


def test_failed_and_cut_off_answers_are_counted(tmp_path):
    answers = iter(
        [Reply.summary("not a summary", prompt_tokens=1000, completion_tokens=300)] * 3
        + [Reply.summary("{", prompt_tokens=1000, completion_tokens=4000, finish_reason="length")]
        * 3
    )
    billing = Billing(lambda request: next(answers))
    paths = make_docs(tmp_path / "in", 2)
    with FakeServer(billing) as server:
        options = BatchOptions(out=tmp_path / "out", concurrency=1)
        outcome = run_batch(paths, settings(server, tmp_path), options)
        billed = price(server.usage_total)
    assert outcome.totals.failed == 2
    totals = outcome.report["totals"]
    assert totals["prompt_tokens"] == server.usage_total["prompt_tokens"] == 4000
    assert totals["completion_tokens"] == server.usage_total["completion_tokens"] == 4900
    assert totals["cost_usd"] == round(billed, 8)
