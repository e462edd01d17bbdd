"""The batch report counts alerts per code; a README given to a batch is marked off topic."""

import shutil
from pathlib import Path

from summarizer.batch import BatchOptions, run_batch
from summarizer.batch.report_md import headline
from summarizer.config import Settings

ROOT = Path(__file__).resolve().parents[2]
RULES = Settings(backend="rules", backend_chosen=True)


def test_alerts_are_counted_per_code(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("w14_long-an.txt", "w16_ninh-binh.txt", "w11_dak-lak.txt"):
        shutil.copy(ROOT / "eval" / "wild" / name, folder / name)
    shutil.copy(ROOT / "README.md", folder / "README.md")
    paths = sorted(folder.iterdir())
    result = run_batch(paths, RULES, BatchOptions(out=tmp_path / "out"))

    assert result.report["totals"]["alerts"] == {"off_topic": 2, "prompt_injection": 1}
    rows = {Path(d["path"]).name: d["alerts"] for d in result.report["documents"]}
    assert rows["README.md"] == ["off_topic"] and rows["w16_ninh-binh.txt"] == []
    assert "alerts: off_topic 2, prompt_injection 1" in headline(result.report)
