"""`summarizer verify` on a bare summary and on `summarize` output: the table and the JSON both
carry each check's severity, an error and a warning alike."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2] / "eval"
SCRIPT = Path(sys.executable).parent / "summarizer"
GOLD = EVAL / "extra" / "h01_lam-dong.gold.json"
SOURCE = EVAL / "extra" / "h01_lam-dong.txt"


def _doubtful_summary() -> tuple[dict, str, str]:
    """The gold summary with one metric's value changed (an error) and one finished result
    moved among the targets (a warning); returns it with the two paths."""
    raw = json.loads(GOLD.read_text(encoding="utf-8"))
    i, item = next((i, a) for i, a in enumerate(raw["achievements"]) if a["metrics"])
    item["metrics"][0]["value"] += 1
    done = next(a for a in raw["achievements"][i + 1 :] if " đã " in f" {a['evidence']} ")
    raw["achievements"].remove(done)
    raw["targets"].append(done)
    return raw, f"achievements[{i}].metrics[0].value", f"targets[{len(raw['targets']) - 1}]"


def _write(tmp_path: Path, shape: str) -> tuple[Path, str, str]:
    raw, wrong, moved = _doubtful_summary()
    if shape == "cli":
        raw = {
            "source": {"path": str(SOURCE)},
            "summary": raw,
            "verification": {},
            "usage": {},
            "alerts": [],
        }
    path = tmp_path / f"{shape}.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path, wrong, moved


def _run(*args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return subprocess.run(
        [str(SCRIPT), "verify", *args], capture_output=True, text=True, env=clean, timeout=120
    )


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["bare", "cli"])
def test_json_output_carries_an_error_and_a_warning(tmp_path: Path, shape: str) -> None:
    path, wrong, moved = _write(tmp_path, shape)
    result = _run(str(path), str(SOURCE), "--format", "json")
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.splitlines()) == 1
    report = json.loads(result.stdout)
    assert report["verified"] is False
    severity = {(c["path"], c["kind"]): c["severity"] for c in report["checks"]}
    assert severity[(wrong, "value")] == "error"
    assert severity[(moved, "group")] == "warning"
    assert report["counts"]["warnings"] >= 1


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["bare", "cli"])
def test_table_output_carries_an_error_and_a_warning(tmp_path: Path, shape: str) -> None:
    path, wrong, moved = _write(tmp_path, shape)
    result = _run(str(path), str(SOURCE))
    assert result.returncode == 3, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("verified: no")
    rows = {tuple(line.split()[2:4]): line.split()[:2] for line in lines[3:]}
    assert rows[("value", wrong)] == ["mismatch", "error"]
    assert rows[("group", moved)] == ["normalized", "warning"]
    assert "finished result" in next(line for line in lines if moved in line and "group" in line)
