"""The provider batch API under faults: a run killed while the create call is in flight, an
endpoint whose batch objects carry no status, and a batch that never finishes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_batch_llm import make_docs, settings

from summarizer.batch import BatchOptions, read_records, run_batch
from summarizer.testing.fakeserver import FakeServer

SCRIPT = Path(sys.executable).parent / "summarizer"


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return clean | {"OPENAI_API_KEY": "sk-test"}


@pytest.mark.slow
def test_a_run_killed_during_the_create_call_finds_its_batch_again(tmp_path):
    paths = make_docs(tmp_path / "in", 5)
    out = tmp_path / "out"
    with FakeServer() as server:
        config = settings(server, tmp_path)
        command = [str(SCRIPT), "batch", str(tmp_path / "in"), "--out", str(out)]
        command += ["--base-url", server.url, "--model", "fake-model", "--via", "batch-api"]
        command += ["--poll-interval", "0", "--pricing", str(config.pricing)]
        server.batches.create_delay = 30.0
        victim = subprocess.Popen(command, env=env(), stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not server.batches.batches and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.batches.batches, "the batch was never created"
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        assert not [r for r in read_records(out) if r["type"] == "batch"]  # killed before

        server.batches.create_delay = 0.0
        again = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert len(server.batches.batches) == 1  # found by its tag, not created twice
    done = [r for r in read_records(out) if r["type"] == "doc" and r["status"] == "done"]
    assert len(done) == len(paths) == 5


def test_a_batch_object_without_status_is_an_error_not_a_wait(tmp_path):
    paths = make_docs(tmp_path / "in", 2)
    with FakeServer() as server:
        server.batches.omit_status = True
        options = BatchOptions(out=tmp_path / "out", via="batch-api", poll_interval=0)
        started = time.monotonic()
        outcome = run_batch(paths, settings(server, tmp_path), options)
    assert time.monotonic() - started < 30
    assert outcome.totals.failed == 2
    [failure] = outcome.report["failures"]
    assert "has no status" in failure["examples"][0]["message"]


def test_a_batch_that_never_finishes_is_waited_for_until_the_deadline(tmp_path):
    paths = make_docs(tmp_path / "in", 2)
    with FakeServer(batch_polls=10**6) as server:
        options = BatchOptions(
            out=tmp_path / "out", via="batch-api", poll_interval=0.01, batch_deadline=0.3
        )
        outcome = run_batch(paths, settings(server, tmp_path), options)
    assert outcome.totals.failed == 2
    [failure] = outcome.report["failures"]
    assert "still in_progress after" in failure["examples"][0]["message"]
