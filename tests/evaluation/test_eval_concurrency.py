"""eval runs documents side by side when asked, and keeps the gold set's order."""

import threading
import time
from pathlib import Path

from summarizer.backends import Extraction, SyncBackend, default_concurrency
from summarizer.config import Settings
from summarizer.evaluation import load_gold_set, run_backend
from summarizer.schema import ReportSummary, Usage

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"


class SlowBackend(SyncBackend):
    """Answers an empty summary after a pause, counting how many calls overlap."""

    name = "slow"

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = self.most = 0

    def extract(self, doc):
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(0.05)
        with self.lock:
            self.now -= 1
        return Extraction(summary=ReportSummary(title=doc.path), usage=Usage(backend=self.name))


def test_concurrency_overlaps_documents_and_keeps_their_order():
    items = load_gold_set(GOLD)[:6]
    backend = SlowBackend()
    runs = run_backend(items, backend, max_bytes=2_000_000, concurrency=3)
    assert backend.most == 3
    assert [run.item.name for run in runs] == [item.name for item in items]
    assert [run.summary.title for run in runs] == [str(item.source) for item in items]
    alone = SlowBackend()
    run_backend(items, alone, max_bytes=2_000_000)
    assert alone.most == 1


def test_the_default_follows_the_backend_and_the_batch_size():
    llm = Settings(backend="llm", model="m")
    assert default_concurrency(llm, 5) == 8
    rules = Settings(backend="rules")
    assert default_concurrency(rules, 15) == 1  # a small batch runs in-process
    assert default_concurrency(rules, 5000) >= 1
