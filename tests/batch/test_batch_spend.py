"""What a batch spends: every billed token counted, failed and cut-off answers too. (The
--max-cost overshoot when every document is re-asked: tests/reliability/test_budget_probe.py.)"""

import threading

from test_batch_llm import make_docs, settings

from summarizer.batch import BatchOptions, run_batch
from summarizer.testing.fakeserver import FakeServer, Reply


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
    # each document is asked three times: a cut answer is re-asked with the cut named, too
    assert totals["prompt_tokens"] == server.usage_total["prompt_tokens"] == 6000
    assert totals["completion_tokens"] == server.usage_total["completion_tokens"] == 12900
    assert totals["cost_usd"] == round(billed, 8)
