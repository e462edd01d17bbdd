"""Bad input through the real console script: one line on stderr, exit code 2, no traceback."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "summarizer"
LIMIT = 2_000_000


def run(*args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return subprocess.run(
        [*prefix, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        timeout=120,
    )


def assert_refused(result, path: Path, reason: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert reason in lines[0]
    assert result.stdout == ""


def make(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD = [
    # name, how to make it, words of the reason
    ("missing", lambda d: d / "absent.txt", "no such file"),
    ("directory", lambda d: (d / "reports.html").mkdir() or d / "reports.html", "directory"),
    ("empty", lambda d: make(d, "empty.txt", b""), "empty"),
    ("white space", lambda d: make(d, "blank.md", b"\n \r\n\t"), "white space"),
    ("binary", lambda d: make(d, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40), "binary"),
    ("undecodable", lambda d: make(d, "noise.txt", bytes(range(0x80, 0x100)) * 20), "cannot decode"),
    ("unsupported", lambda d: make(d, "report.docx", b"PK\x03\x04"), ".txt, .md, .html, .htm"),
    ("too large", lambda d: make(d, "big.txt", b"x" * (LIMIT + 1)), "larger than"),
    ("html without text", lambda d: make(d, "blank.html", b"<html><body> </body></html>"), "no visible text"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("make_input", "reason"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make_input, reason):
    path = make_input(tmp_path)
    assert_refused(run("summarize", str(path)), path, reason)


@pytest.mark.slow
def test_utf16_text_is_not_taken_for_binary(tmp_path):
    path = make(tmp_path, "report.txt", " \n".encode("utf-16-le"))
    assert_refused(run("summarize", str(path)), path, "white space")


@pytest.mark.slow
def test_max_bytes_flag_and_environment(tmp_path):
    path = make(tmp_path, "report.txt", "Sở Thông tin và Truyền thông".encode() * 10)
    assert_refused(run("summarize", str(path), "--max-bytes", "100"), path, "limit of 100 bytes")
    by_env = run("summarize", str(path), env={"SUMMARIZER_MAX_BYTES": "120"})
    assert_refused(by_env, path, "limit of 120 bytes")


@pytest.mark.slow
def test_unreadable_file(tmp_path):
    path = make(tmp_path, "secret.txt", "Báo cáo".encode())
    path.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root reads anything unless it gives up the override
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to drop root's file-permission override"
        prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    assert_refused(run("summarize", str(path), prefix=prefix), path, "permission denied")
