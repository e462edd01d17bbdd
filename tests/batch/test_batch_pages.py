"""Review pages drawn as each output is written are the pages `summarizer report` redraws."""

import shutil
from pathlib import Path

from summarizer.batch import BatchOptions, run_batch, write_report
from summarizer.config import Settings
from summarizer.testing.fakeserver import FakeServer
from summarizer.testing.settings import fake_llm_settings

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"
RULES = Settings(backend="rules", backend_chosen=True)
SOURCES = 3


def copy_sources(folder: Path) -> list[Path]:
    """Two plain-text reports and a web page, so both readers draw a source side."""
    folder.mkdir()
    chosen = sorted(GOLD.glob("*.txt"))[:2] + sorted(GOLD.glob("*.html"))[:1]
    for source in chosen:
        shutil.copy(source, folder / source.name)
    return sorted(p.resolve() for p in folder.iterdir())


def pages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.html"))}


def assert_redrawn_alike(out: Path, count: int) -> None:
    drawn = pages(out)
    assert len(drawn) == count + 1  # one per document and the index
    for page in out.glob("*.html"):
        page.unlink()
    write_report(out)  # every page drawn again from the outputs and the sources
    assert pages(out) == drawn


def summarise(tmp_path: Path, settings: Settings, concurrency: int = 1) -> Path:
    """A batch over copy_sources, every document done; its output folder."""
    paths = copy_sources(tmp_path / "in")
    out = tmp_path / "out"
    outcome = run_batch(paths, settings, BatchOptions(out=out, concurrency=concurrency))
    assert outcome.totals.done == len(paths) == SOURCES
    return out


def test_rules_pages_drawn_during_the_run_are_those_the_report_redraws(tmp_path):
    assert_redrawn_alike(summarise(tmp_path, RULES), SOURCES)


def test_llm_pages_drawn_in_workers_are_those_the_report_redraws(tmp_path):
    with FakeServer() as server:
        out = summarise(tmp_path, fake_llm_settings(server.url), concurrency=4)
    assert_redrawn_alike(out, SOURCES)


def test_a_page_this_run_did_not_draw_is_drawn_at_its_end(tmp_path):
    out = summarise(tmp_path, RULES)
    before = pages(out)
    page = out / next(name for name in before if name != "index.html")
    page.unlink()
    paths = sorted((tmp_path / "in").iterdir())
    outcome = run_batch([p.resolve() for p in paths], RULES, BatchOptions(out=out, concurrency=1))
    assert outcome.totals.skipped == SOURCES
    assert pages(out) == before
