"""Everyday command-line habits through the real console script: standard input, several files,
--out folders, --version, help text, quiet and verbose, cassettes, verify's hash warning."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.render.escape import md
from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import Reply

SCRIPT = Path(sys.executable).parent / "summarizer"
ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "examples" / "tay-ninh-2021.txt"
GOLD = ROOT / "eval" / "gold"
OTHER = GOLD / "d02_bac-kan.txt"

pytestmark = pytest.mark.slow


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, cwd=None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    clean |= {"SUMMARIZER_RETRY_BACKOFF": "0.01", "COLUMNS": "200"} | (env or {})
    done = subprocess.run(
        [str(SCRIPT), *args], input=stdin, capture_output=True, env=clean, timeout=120, cwd=cwd
    )
    done.stdout, done.stderr = done.stdout.decode(), done.stderr.decode()  # type: ignore[assignment]
    return done


def test_a_dash_reads_standard_input():
    done = run("summarize", "-", "-q", stdin=DOC.read_bytes())
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["source"]["path"] == "<stdin>"
    assert result["summary"]["province"] == "Tây Ninh"


def test_several_files_give_json_lines_or_one_brief_section_each():
    done = run("summarize", str(DOC), str(OTHER), "-q")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(DOC), str(OTHER)]
    brief = run("summarize", str(DOC), str(OTHER), "-q", "--format", "markdown").stdout
    assert brief.count("\n# ") + brief.startswith("# ") == 2
    assert "Nguồn: " + md(str(DOC)) in brief and "Nguồn: " + md(str(OTHER)) in brief


def test_out_to_an_existing_folder_writes_stem_files_and_leaves_no_temporary(tmp_path):
    folder = tmp_path / "outdir"
    folder.mkdir()
    one = run("summarize", str(DOC), "--out", str(folder), "-q")
    assert one.returncode == 0, one.stderr
    two = run("summarize", str(DOC), str(OTHER), "-o", str(folder), "-f", "markdown", "-q")
    assert two.returncode == 0, two.stderr
    names = sorted(p.name for p in tmp_path.rglob("*"))
    assert names == [
        "d02_bac-kan.md", "outdir", "tay-ninh-2021.json", "tay-ninh-2021.md"
    ]  # fmt: skip
    assert json.loads((folder / "tay-ninh-2021.json").read_text())["summary"]


def test_the_format_follows_the_out_extension_and_a_conflict_is_one_line(tmp_path):
    brief = tmp_path / "brief.md"
    assert run("summarize", str(DOC), "-o", str(brief), "-q").returncode == 0
    assert brief.read_text().startswith("# ")
    clash = run("summarize", str(DOC), "-o", str(tmp_path / "x.md"), "--format", "json")
    assert clash.returncode == 2
    assert clash.stderr.splitlines() == [
        f"summarizer: --format json does not match --out {tmp_path / 'x.md'} (a markdown file) "
        "(drop --format, or name the file x.json)"
    ]
    assert not (tmp_path / "x.md").exists()


def test_version_and_python_dash_m():
    version = run("--version")
    assert re.fullmatch(r"summarizer \d+\.\d+\.\d+\n", version.stdout)
    module = subprocess.run(
        [sys.executable, "-m", "summarizer", "--version"], capture_output=True, text=True
    )
    assert module.returncode == 0 and module.stdout == version.stdout


def test_help_shows_flags_as_flags_every_variable_and_the_few_shot_default():
    top = run("--help").stdout
    summarize = run("summarize", "--help").stdout
    assert "<bool>" not in summarize and "--strict" in summarize
    assert "Default: --no-few-shot" in summarize
    documented = set(
        re.findall(r"`((?:SUMMARIZER|OPENAI)_[A-Z_]+)`", (ROOT / "README.md").read_text())
    )
    config = set(
        re.findall(
            r"[\"'](SUMMARIZER_[A-Z_]+|OPENAI_[A-Z_]+)[\"']",
            (ROOT / "summarizer/config.py").read_text(),
        )
    )
    shown = " ".join((top + summarize).split())
    missing = sorted(v for v in documented | config if v not in shown)
    assert missing == []


def test_quiet_drops_notices_and_verbose_is_accepted():
    quiet = run("summarize", str(DOC), "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = run("summarize", str(DOC))
    assert "offline rules backend" in loud.stderr
    assert run("-q", "summarize", str(DOC)).stderr == ""


def test_a_web_address_asks_for_the_saved_page():
    done = run("summarize", "https://stttt.example.gov.vn/tin-tuc/hoi-nghi.html")
    assert done.returncode == 2 and done.stdout == ""
    line = done.stderr.strip()
    assert "https://stttt.example.gov.vn/tin-tuc/hoi-nghi.html" in line  # no slash lost
    assert "save the page first" in line and "\n" not in line


def test_verify_warns_once_when_the_source_changed(tmp_path):
    summary = tmp_path / "s.json"
    run("summarize", str(DOC), "-q", "-o", str(summary))
    same = run("verify", str(summary), str(DOC))
    assert same.returncode == 0 and "warning" not in same.stderr
    edited = tmp_path / "edited.txt"
    edited.write_bytes(DOC.read_bytes() + b"\nThem mot dong.\n")
    changed = run("verify", str(summary), str(edited))
    warnings = [line for line in changed.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "is not the file" in warnings[0] and "sha256" in warnings[0]


def _answer(path: Path) -> dict:
    """A gold summary with every field written out, as the strict answer format asks."""
    return ReportSummary.model_validate_json(path.read_text()).model_dump(mode="json")


def test_record_refuses_an_existing_cassette_and_replay_brings_its_model(fake_server, tmp_path):
    gold = _answer(GOLD / "d02_bac-kan.gold.json")
    fake_server.enqueue(Reply.summary(gold))
    cassette = tmp_path / "run.jsonl"
    llm = ("--base-url", fake_server.url, "--model", "fake-model", "-q")
    first = run("summarize", str(OTHER), *llm, "--record", str(cassette))
    assert first.returncode == 0, first.stderr
    again = run("summarize", str(OTHER), *llm, "--record", str(cassette))
    assert again.returncode == 2
    assert again.stderr.splitlines() == [
        f"summarizer: {cassette} already exists (add --append to add this run to it, "
        "or record to a new file)"
    ]
    fake_server.enqueue(Reply.summary(gold))
    appended = run("summarize", str(OTHER), *llm, "--record", str(cassette), "--append")
    assert appended.returncode == 0, appended.stderr
    entries = [json.loads(line) for line in cassette.read_text().splitlines()]
    # each run records its one chat request (and the server's self-description it asked for)
    assert [e["path"] for e in entries].count("/v1/chat/completions") == 2
    # no --model: the cassette brings it; the --base-url as recorded, since it sets the mode
    replayed = run(
        "summarize", str(OTHER), "--base-url", fake_server.url, "--replay", str(cassette), "-q"
    )
    assert replayed.returncode == 0, replayed.stderr
    usage = json.loads(replayed.stdout)["usage"]
    assert (usage["backend"], usage["model"]) == ("llm", "fake-model")


def test_batch_strict_exits_3_when_a_document_is_unverified(fake_server, tmp_path):
    wrong = _answer(GOLD / "d02_bac-kan.gold.json")
    wrong["achievements"][8]["metrics"][0].update(value=999999, text="999.999 thuê bao")
    fake_server.enqueue(*[Reply.summary(wrong)] * 3)
    args = ("batch", str(OTHER), "--base-url", fake_server.url, "--model", "fake-model",
            "--max-reasks", "0", "-q", "--pricing", str(ROOT / "tests/backends/llm/fake-prices.json"))  # fmt: skip
    loose = run(*args, "--out", str(tmp_path / "a"))
    assert loose.returncode == 0, loose.stderr
    fake_server.enqueue(*[Reply.summary(wrong)] * 3)
    strict = run(*args, "--out", str(tmp_path / "b"), "--strict")
    assert strict.returncode == 3, strict.stderr
    assert "--strict: 1 unverified, 0 with alerts of 1 done" in strict.stderr


def test_headlines_use_singulars():
    done = run(
        "batch", str(DOC), "--out", "unused", "-q", cwd=Path(os.environ.get("TMPDIR", "/tmp"))
    )
    assert done.stdout.startswith("1 document: 1 done (1 verified), 0 failed\n"), done.stdout


def test_eval_takes_a_concurrency(tmp_path):
    done = run("eval", str(GOLD), "--backend", "rules", "--concurrency", "2", "-q",
               "--out", str(tmp_path))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.json").exists()
