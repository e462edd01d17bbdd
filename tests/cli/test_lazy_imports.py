"""Start-up stays light: each command loads only the libraries its work needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Runs the CLI in a fresh interpreter and prints which of the watched libraries it loaded.
_PROBE = """
import contextlib, io, json, sys
from summarizer.cli import main
argv, watched = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["summarizer", *argv]
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main()
print(json.dumps(sorted(m for m in watched if m in sys.modules)))
"""
LLM = ["openai", "instructor", "aiohttp", "httpx", "tenacity"]
HTML = ["trafilatura", "lxml", "charset_normalizer", "courlan"]


def _loaded(argv: list[str], watched: list[str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv), json.dumps(watched)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    ).stdout
    return json.loads(out.splitlines()[-1])


@pytest.mark.slow
def test_help_loads_no_pydantic_no_llm_client_and_no_html_reader():
    assert _loaded(["--help"], ["pydantic", *LLM, *HTML]) == []


@pytest.mark.slow
def test_a_text_report_with_the_rules_backend_loads_no_llm_client_and_no_html_reader():
    argv = ["summarize", "examples/tay-ninh-2021.txt", "--backend", "rules"]
    assert _loaded(argv, [*LLM, *HTML]) == []


@pytest.mark.slow
def test_a_web_page_loads_the_html_reader():
    page = next((ROOT / "eval" / "wild").glob("*.html"))
    assert "lxml" in _loaded(["summarize", str(page), "--backend", "rules"], HTML)
