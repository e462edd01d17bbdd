"""The --max-cost overshoot the hostile-input run reports: every document needs a re-ask, four
in flight, against the fake server's billed usage and a price file."""

import json
import threading
from pathlib import Path

from summarizer.batch import BatchOptions, run_batch
from summarizer.config import Settings
from summarizer.testing.fakeserver import FakeServer, Reply, RulesResponder

PRICES = {"fake-model": {"input": 0.2, "output": 0.8}}


def _price(usage: dict) -> float:
    return (usage["prompt_tokens"] * 0.2 + usage["completion_tokens"] * 0.8) / 1e6


def overshoot(root: Path, limit: float = 0.02) -> tuple[float, float, float]:
    """(billed, limit, the costliest single request) of a run that re-asks every document;
    the run's report must count exactly what was billed."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(40):
        path = root / f"r{i:02d}.txt"
        path.write_text(
            f"Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp {500 + i} chứng thư số.\n",
            encoding="utf-8",
        )
        paths.append(path.resolve())
    costs: list[float] = []
    lock = threading.Lock()

    def answer(request):
        messages = request["json"]["messages"]
        if not any(m.get("role") == "assistant" for m in messages):
            reply = Reply.summary("not a summary", prompt_tokens=900, completion_tokens=700)
        else:
            reply = RulesResponder()(request)
        with lock:
            costs.append(_price(reply.body["usage"]))
        return reply

    prices = root / "prices.json"
    prices.write_text(json.dumps(PRICES))
    with FakeServer(answer) as server:
        settings = Settings(
            backend="llm",
            backend_chosen=True,
            model="fake-model",
            base_url=server.url,
            api_key_env="SUMMARIZER_TEST_UNSET_KEY",
            retry_backoff=0.01,
            pricing=prices,
        )
        options = BatchOptions(out=root / "out", concurrency=4, max_cost=limit)
        outcome = run_batch(paths, settings, options)
        billed = _price(server.usage_total)
    assert 0 < outcome.totals.done < 40
    assert outcome.report["totals"]["reasks"] >= outcome.totals.done
    assert outcome.report["totals"]["cost_usd"] == round(billed, 8)
    return billed, limit, max(costs)


def test_the_overshoot_is_at_most_one_request(tmp_path):
    billed, limit, one_request = overshoot(tmp_path)
    assert billed - limit <= one_request
