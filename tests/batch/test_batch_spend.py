"""What a batch spends: every billed token counted, failed and cut-off answers too. (The
--max-cost overshoot when every document is re-asked: tests/reliability/test_budget_probe.py.)"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from subprocess import PIPE

import pytest
from test_batch_llm import PRICES, make_docs, settings

from summarizer.batch import BatchOptions, run_batch
from summarizer.testing.fakeserver import FakeServer, Reply, RulesResponder

SCRIPT = Path(sys.executable).parent / "summarizer"


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
    # each answer was recorded as it came, and its document's record accounts for it
    assert ledger_counts(tmp_path / "out") == (6, 0)
    assert totals["interrupted_answers"] == 0


class KilledMidRun:
    """Answers two documents in full, then bills three answers that need asking again, then
    holds every further request until released (unanswered: nothing billed)."""

    def __init__(self) -> None:
        self.rules = RulesResponder()
        self.served = 0
        self.held = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.served += 1
            turn = self.served
        if self.held.is_set() or turn <= 2:
            return self.rules(request)
        if turn <= 5:
            return Reply.summary("not a summary", prompt_tokens=900, completion_tokens=200)
        self.held.wait(120)
        return Reply.dropped()


def ledger_counts(out: Path) -> tuple[int, int]:
    """(paid answers, finished documents) in the ledger so far."""
    ledger = out / "ledger.jsonl"
    raw = ledger.read_bytes() if ledger.exists() else b""
    return raw.count(b'"type":"paid"'), raw.count(b'"status":"done"')


@pytest.mark.slow
def test_answers_of_a_killed_run_are_counted_once(tmp_path):
    paths = make_docs(tmp_path / "in", 8)
    out = tmp_path / "out"
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps(PRICES))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env["OPENAI_API_KEY"] = "sk-test"
    responder = KilledMidRun()
    with FakeServer(responder) as server:
        command = [str(SCRIPT), "batch", *map(str, paths), "--out", str(out)]
        command += ["--base-url", server.url, "--model", "fake-model", "--pricing", str(prices)]
        command += ["--concurrency", "2"]
        killed = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=PIPE)
        try:
            deadline = time.monotonic() + 60
            while ledger_counts(out) < (5, 2) and time.monotonic() < deadline:
                if killed.poll() is not None:
                    break
                time.sleep(0.02)
            assert ledger_counts(out) == (5, 2), killed.stderr and killed.poll()
        finally:
            killed.kill()
            killed.communicate(timeout=30)
        responder.held.set()  # the killed run's held requests end unanswered
        billed_then = dict(server.usage_total)
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        billed = dict(server.usage_total)
    assert again.returncode == 0, again.stderr
    assert (
        billed_then["prompt_tokens"] > 0 and billed["prompt_tokens"] > billed_then["prompt_tokens"]
    )
    totals = json.loads((out / "report.json").read_text())["totals"]
    assert totals["done"] == 8
    assert totals["interrupted_answers"] == 3  # the answers that were to be asked again
    assert totals["prompt_tokens"] == billed["prompt_tokens"]
    assert totals["completion_tokens"] == billed["completion_tokens"]
    assert totals["cost_usd"] == pytest.approx(price(billed), abs=1e-8)
