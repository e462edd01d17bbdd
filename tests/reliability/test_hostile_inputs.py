"""Hostile inputs through the real command line: special files, oversized and deeply nested
JSON, long numerals, quadratic-looking text, broken ledgers, outputs pointed at the wrong kind
of path. Each run is bounded by a timeout; each must end in one line (or a normal result), an
exit code, and never "internal error" or a traceback. The run prints its figures."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "summarizer"
GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
TIMEOUT = 60
REPORT = "Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp 120 chứng thư số.\n"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


@dataclass
class Tally:
    tried: int = 0
    one_line_errors: int = 0
    internal: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    return clean | extra


def probe(tally: Tally, name: str, args: list[str], codes: set[int], **extra: str) -> None:
    tally.tried += 1
    try:
        run = subprocess.run(
            [str(SCRIPT), *args],
            capture_output=True,
            text=True,
            errors="replace",
            env=env(**extra),
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        tally.hangs.append(name)
        return
    if "internal error" in run.stderr or "Traceback" in run.stderr:
        tally.internal.append(f"{name}: {run.stderr.strip().splitlines()[-1]}")
        return
    if run.returncode not in codes:
        tally.wrong.append(f"{name}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
        return
    if run.returncode in (1, 2, 4):
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        if len(lines) != 1 or not lines[0].startswith("summarizer: "):
            tally.wrong.append(f"{name}: not one line: {lines!r}")
            return
        tally.one_line_errors += 1


def special_files(root: Path) -> dict[str, Path]:
    """Every kind of file a path may name that is not a report, and reports that look hostile."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def text(name: str, content: str | bytes) -> None:
        path = root / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        files[name] = path

    os.mkfifo(root / "fifo.txt")
    os.mkfifo(root / "fifo.json")
    files["fifo.txt"], files["fifo.json"] = root / "fifo.txt", root / "fifo.json"
    (root / "zero.txt").symlink_to("/dev/zero")
    (root / "zero.json").symlink_to("/dev/zero")
    files["zero.txt"], files["zero.json"] = root / "zero.txt", root / "zero.json"
    (root / "loop.txt").symlink_to(root / "loop.txt")
    files["loop.txt"] = root / "loop.txt"
    (root / "folder.txt").mkdir()
    files["folder.txt"] = root / "folder.txt"
    text("empty.txt", "")
    text("blank.txt", " \n\t\n")
    text("binary.txt", b"\x00\x01\x02" * 100)
    text("latin1.txt", "Thông tin truyền thông ".encode("latin-1", "replace") * 50)
    text("bom-only.txt", b"\xef\xbb\xbf")
    text("bad-utf16.txt", b"\xff\xfe" + b"\x00\xd8" * 10)
    text("unknown.pdf", REPORT)
    text("noext", REPORT)
    text("numeral.txt", REPORT + f"Đã cấp {'9' * 400} chứng thư và {'1' * 5000} hồ sơ.\n")
    text("year.txt", REPORT + f"Năm {'2' * 330} đã cấp 12 chứng thư.\n")
    text("dots.txt", REPORT + "1." * 50_000 + "\n")
    text("spaces.txt", REPORT + " " * 100_000 + "x\n" + "\t " * 50_000 + "\n")
    text("counters.txt", REPORT + "Lượt xem: 1 | " * 5_000 + "\n")
    text("colons.txt", REPORT + "1:1 " * 20_000 + "\n")
    text("words.txt", REPORT + "một trăm hai mươi ba " * 3_000 + "\n")
    text("longline.txt", "Sở Thông tin và Truyền thông " + "a" * 1_500_000 + "\n")
    text("nested.html", "<div>" * 10_000 + REPORT + "</div>" * 10_000)
    text("script.html", f"<html><body><script>alert(1)</script><p>{REPORT}</p></body></html>")
    text("empty.html", "<html><body><script>x</script></body></html>")
    text("hostile.txt", REPORT + "<img src=x onerror=alert(1)> [x](javascript:alert(1))\n")
    text("crlf.txt", REPORT.replace("\n", "\r\n") * 3)
    text("controls.txt", REPORT + "\x1b[31m\x07" * 10 + "\n")
    text("deep.json", "[" * 100_000 + "]" * 100_000)
    text("deepobj.json", '{"a":' * 3_000 + "1" + "}" * 3_000)
    text("bigint.json", '{"title": ' + "1" * 5_000 + "}")
    text("nan.json", '{"title": NaN, "organization": "Sở"}')
    text("list.json", "[1, 2, 3]")
    text("notjson.json", "{not json")
    text("latin1.json", b'{"title": "\xe9"}')
    text("nosummary.json", '{"x": 1}')
    text("badsummary.json", '{"summary": {"title": 5, "achievements": "x"}}')
    return files


def test_hostile_inputs(tmp_path, capsys):
    tally = Tally()
    f = special_files(tmp_path / "in")
    doc = tmp_path / "in" / "report.txt"
    doc.write_text(REPORT, encoding="utf-8")
    rules = ["--backend", "rules"]

    # summarize: every kind of file, and hostile-looking reports
    for name, path in f.items():
        if name.endswith(".json"):
            continue
        probe(tally, f"summarize {name}", ["summarize", str(path), *rules], {0, 2})
        if name.endswith(".txt") and name in ("hostile.txt", "numeral.txt", "dots.txt"):
            args = ["summarize", str(path), *rules, "-f", "markdown"]
            probe(tally, f"summarize -f markdown {name}", args, {0})
    probe(tally, "summarize max-bytes", ["summarize", str(doc), *rules, "--max-bytes", "10"], {2})
    probe(
        tally, "summarize --out folder", ["summarize", str(doc), *rules, "-o", str(tmp_path)], {0}
    )
    probe(tally, "summarize missing", ["summarize", str(tmp_path / "nope.txt"), *rules], {2})

    # verify: every JSON a summary may be, and every source a report may be
    for name, path in f.items():
        if name.endswith(".json"):
            probe(tally, f"verify {name}", ["verify", str(path), str(doc)], {2})
    summary = tmp_path / "summary.json"
    made = subprocess.run(
        [str(SCRIPT), "summarize", str(doc), *rules, "-o", str(summary)], env=env(), timeout=60
    )
    assert made.returncode == 0
    for name in ("fifo.txt", "zero.txt", "loop.txt", "folder.txt", "colons.txt", "numeral.txt"):
        probe(tally, f"verify against {name}", ["verify", str(summary), str(f[name])], {0, 2, 3})

    # eval: gold files, predictions and baselines that are special or hostile
    for bad in ("fifo.json", "zero.json", "deep.json", "bigint.json", "nan.json", "list.json"):
        gold = tmp_path / f"gold-{bad}"
        gold.mkdir()
        (gold / "a.txt").write_text(REPORT, encoding="utf-8")
        target = gold / "a.gold.json"
        if bad.startswith(("fifo", "zero")):
            target.symlink_to(f[bad])
        else:
            target.write_bytes(f[bad].read_bytes())
        out = tmp_path / f"eval-{bad}"
        probe(tally, f"eval gold {bad}", ["eval", str(gold), "--out", str(out), *rules], {2})
        base = ["eval", str(GOLD), "--out", str(out), *rules, "--baseline", str(f[bad])]
        probe(tally, f"eval baseline {bad}", base, {2})
        preds = tmp_path / f"preds-{bad}"
        preds.mkdir()
        (preds / f"{sorted(GOLD.glob('*.gold.json'))[0].name[:-10]}.json").write_bytes(
            f[bad].read_bytes() if not bad.startswith(("fifo", "zero")) else b"{}"
        )
        predict = ["eval", str(GOLD), "--out", str(out), "--predictions", str(preds)]
        probe(tally, f"eval predictions {bad}", predict, {0, 1, 2})
    probe(tally, "eval --out file", ["eval", str(GOLD), "--out", str(doc), *rules], {2})

    # batch: a folder holding every special file, @LIST naming them, @FIFO, broken ledgers
    out = tmp_path / "batch-out"
    probe(tally, "batch folder", ["batch", str(tmp_path / "in"), "--out", str(out), *rules], {5})
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(str(p) for p in f.values()) + "\n", encoding="utf-8")
    out2 = tmp_path / "batch-list"
    probe(tally, "batch @LIST", ["batch", f"@{listing}", "--out", str(out2), *rules], {5})
    for name in ("fifo.txt", "zero.txt", "folder.txt", "binary.txt"):
        args = ["batch", f"@{f[name]}", "--out", str(tmp_path / "b3"), *rules]
        probe(tally, f"batch @{name}", args, {2})
    with (out / "ledger.jsonl").open("ab") as ledger:
        ledger.write(b"[" * 100_000 + b"]" * 100_000 + b"\n")
        ledger.write(b'{"type": "doc", "key": 5, "usage": ' + b"1" * 5000 + b"}\n")
        ledger.write(b'{"type": "run", "config_id": [1, 2]}\n')
    probe(tally, "report broken ledger", ["report", str(out)], {0})
    probe(tally, "batch broken ledger", ["batch", str(doc), "--out", str(out), *rules], {0, 5})
    probe(tally, "report no ledger", ["report", str(tmp_path / "in")], {2})
    probe(tally, "batch --out file", ["batch", str(doc), "--out", str(doc), *rules], {1, 2})

    # keys and endpoints
    llm = ["--base-url", "http://127.0.0.1:9", "--model", "m"]
    for key in ("sk-a\nb", "sk-a\rb", "sk-\x1b", "sk-ü"):
        probe(tally, f"key {key!r}", ["summarize", str(doc), *llm], {2}, OPENAI_API_KEY=key)
    probe(tally, "refused endpoint", ["summarize", str(doc), *llm, "--max-retries", "0"], {4})

    from test_budget_probe import overshoot

    spent, limit, one_request = overshoot(tmp_path / "budget")
    with capsys.disabled():
        print(
            f"\nhostile inputs: {tally.tried} tried, {tally.one_line_errors} one-line errors, "
            f"{len(tally.internal)} internal errors, {len(tally.hangs)} hangs "
            f"(each bounded by {TIMEOUT} s); budget: limit ${limit:g}, billed ${spent:.5f}, "
            f"overshoot ${max(spent - limit, 0):.5f} (one request at most ${one_request:.5f})"
        )
    assert tally.internal == [] and tally.hangs == [] and tally.wrong == []
    assert spent - limit <= one_request


def test_the_ledger_lines_it_skips_are_not_ours():
    from summarizer.batch.ledger import parse_line

    assert parse_line(b"[" * 100_000 + b"]" * 100_000) is None
    assert parse_line(b'{"n": ' + b"1" * 5000 + b"}") is None
    assert parse_line(json.dumps({"type": "run"}).encode()) == {"type": "run"}
