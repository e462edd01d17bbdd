"""A batch whose own surroundings fail: the output folder fills up (a small tmpfs) or turns
read-only mid-run. The run stops at once with one line, sends nothing more, leaves the ledger
whole and no temporary file, and the same command continues once the folder is fixed."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.testing.fakeserver import FakeServer

CHAT = "/v1/chat/completions"  # the paid requests; probes of the server are not counted

SCRIPT = Path(sys.executable).parent / "summarizer"
GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="a tmpfs and setpriv need root"),
]


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return clean | {"OPENAI_API_KEY": "sk-test"}


def reports(folder: Path, count: int) -> None:
    sources = sorted(GOLD.glob("0*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"r{i:02d}.txt").write_text(f"{text}\n\nBản lưu số {i + 1}.\n", "utf-8")


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def ledger_lines(folder: Path) -> list[dict]:
    raw = (folder / "ledger.jsonl").read_bytes()
    assert raw.endswith(b"\n")  # no torn record
    return [json.loads(line) for line in raw.splitlines()]


def check_stopped(run: subprocess.CompletedProcess, folder: Path, cause: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert lines[-1].startswith(f"summarizer: cannot write {folder}/") and cause in lines[-1]
    assert not [p for p in os.listdir(folder) if p.endswith(".tmp")]
    records = ledger_lines(folder)
    assert not [r for r in records if r["type"] == "doc" and r["status"] == "failed"]


def test_a_full_disk_stops_the_run_and_a_rerun_continues(tmp_path, small_disk):
    reports(tmp_path / "in", 40)
    command = [str(SCRIPT), "batch", str(tmp_path / "in"), "--out", str(small_disk)]
    command += ["--backend", "rules", "--concurrency", "1"]
    full = subprocess.run(command, capture_output=True, text=True, env=env(), timeout=120)
    check_stopped(full, small_disk, "no space left on the device")
    done = sum(1 for r in ledger_lines(small_disk) if r["type"] == "doc")
    assert 0 < done < 40

    subprocess.run(["mount", "-o", "remount,size=20m", str(small_disk)], check=True)
    again = subprocess.run(command, capture_output=True, text=True, env=env(), timeout=300)
    assert again.returncode == 0, again.stderr
    assert len(list(small_disk.glob("r[0-9]*.json"))) == 40


# root ignores a folder's permissions; without these capabilities it obeys them
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_a_folder_made_read_only_mid_run_sends_no_more_requests(tmp_path):
    out = tmp_path / "out"
    reports(tmp_path / "in", 30)
    command = [*NO_OVERRIDE, str(SCRIPT), "batch", str(tmp_path / "in"), "--out", str(out)]
    nobody = {"env": env()}
    with FakeServer(latency=0.2) as server:
        command += ["--base-url", server.url, "--model", "fake-model", "--concurrency", "2"]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **nobody)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ledger = out / "ledger.jsonl"
            if ledger.exists() and ledger.read_bytes().count(b'"status":"done"') >= 4:
                break
            time.sleep(0.05)
        out.chmod(0o555)
        sent_then = len(server.requests_to(CHAT))
        stdout, stderr = proc.communicate(timeout=60)
        sent = len(server.requests_to(CHAT))
        stopped = subprocess.CompletedProcess(command, proc.returncode, stdout, stderr.decode())
        check_stopped(stopped, out, "permission denied")
        assert sent - sent_then <= 2  # only what was already in flight
        done = sum(1 for r in ledger_lines(out) if r["type"] == "doc")

        out.chmod(0o777)
        again = subprocess.run(command, capture_output=True, text=True, timeout=300, **nobody)
    assert again.returncode == 0, again.stderr
    assert (
        len(server.requests_to(CHAT)) - sent == 30 - done
    )  # the rest once each, no --retry-failed
    assert len(list(out.glob("r[0-9]*.json"))) == 30
