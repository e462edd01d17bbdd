"""`summarize` writes alerts beside summary and verification; --strict exits 3 on any alert."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "summarizer"
WILD = Path(__file__).resolve().parents[2] / "eval" / "wild"


def _summarize(*args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return subprocess.run(
        [str(SCRIPT), "summarize", "--backend", "rules", *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "strict", "code", "alerts"),
    [
        ("w14_long-an.txt", False, 0, ["prompt_injection"]),
        ("w14_long-an.txt", True, 3, ["prompt_injection"]),
        ("w10_quang-binh.txt", True, 3, ["off_topic"]),
        ("w16_ninh-binh.txt", True, 0, []),
    ],
)
def test_alerts_in_the_json_and_strict_exits_3_on_any(name, strict, code, alerts):
    done = _summarize(str(WILD / name), *(["--strict"] if strict else []))
    assert done.returncode == code, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= {"summary", "verification", "alerts"}
    assert [a["code"] for a in result["alerts"]] == alerts
    if code == 3:
        assert done.stderr.strip().endswith(", ".join(alerts)) and "Traceback" not in done.stderr
