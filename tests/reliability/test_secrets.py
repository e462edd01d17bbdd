"""The API key and the password in --base-url never reach an output, the ledger, a report, a
cassette or stderr; a key with a line break or a control character is refused in one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.testing.fakeserver import FakeServer, Reply, RulesResponder, find_document

SCRIPT = Path(sys.executable).parent / "summarizer"
KEY = "sk-secret-4f9d2c7a1b"
PASSWORD = "hunter2-pass"
REPORT = (
    "Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp {n} chứng thư số cho cán bộ.\n"
)

pytestmark = pytest.mark.slow


def env(key: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return clean | {"OPENAI_API_KEY": key}


def cli(*args: str, key: str = KEY, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env(key), timeout=120, cwd=cwd
    )


def refuse_one(request):
    if "999 chứng thư" in find_document(request["json"]["messages"]):
        return Reply.error(400, f"bad request from {request['headers'].get('Authorization')}")
    return RulesResponder()(request)


def test_no_secret_is_printed_or_stored(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    for n in (101, 202, 999):
        (docs / f"r{n}.txt").write_text(REPORT.format(n=n), encoding="utf-8")
    prices = tmp_path / "prices.json"
    prices.write_text('{"fake-model": {"input": 0.2, "output": 0.8}}')
    with FakeServer(refuse_one) as server:
        url = server.url.replace("http://", f"http://user:{PASSWORD}@")
        common = ["--base-url", url, "--model", "fake-model", "--pricing", str(prices)]
        runs = [
            cli("batch", str(docs), "--out", str(tmp_path / "out"), *common),
            cli(
                "summarize", str(docs / "r101.txt"), *common, "--record", str(tmp_path / "c.jsonl")
            ),
            cli("summarize", str(docs / "r999.txt"), *common, "-f", "markdown"),
            cli("summarize", str(docs / "r202.txt"), *common, key=KEY + "\r\n"),
        ]
        unpriced = cli("summarize", str(docs / "r101.txt"), "--base-url", url, "--model", "other")
    assert [r.returncode for r in runs] == [5, 0, 4, 0], [r.stderr for r in runs]
    assert "***@" in runs[2].stderr  # the failure names the endpoint, its password hidden
    assert unpriced.returncode == 0, unpriced.stderr
    texts = [r.stdout + r.stderr for r in [*runs, unpriced]]
    texts += [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()]
    assert len(texts) > 10
    for text in texts:
        assert KEY not in text
        assert PASSWORD not in text


@pytest.mark.parametrize("bad", ["sk-abc\ndef", "sk-abc\rdef", "sk-abc\x1bdef", "sk-abc\x7fdef"])
def test_a_key_with_a_control_character_is_refused_in_one_line(tmp_path, bad):
    report = tmp_path / "r.txt"
    report.write_text(REPORT.format(n=5), encoding="utf-8")
    with FakeServer() as server:
        run = cli("summarize", str(report), "--base-url", server.url, "--model", "m", key=bad)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith("summarizer: the API key contains a control character or a line")
    assert "sk-abc" not in run.stderr and "Traceback" not in run.stderr
