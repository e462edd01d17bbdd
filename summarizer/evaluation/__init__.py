"""Scoring summaries against the gold set in eval/gold: the figures `summarizer eval` reports.

gold.load_gold_set finds the documents and their gold files; runner gets one prediction per
document (a backend run or saved files); score compares field groups; report writes report.json
and report.md; baseline guards the headline figures against regressions.
"""

from __future__ import annotations

from .baseline import Change, compare, enforce, load_baseline, write_baseline
from .gold import GoldItem, load_gold_set
from .report import (
    Evaluation,
    build_report,
    evaluate,
    headline_table,
    render_markdown,
    write_report,
)
from .runner import DocRun, load_predictions, run_backend
from .score import HEADLINE, Counts, Score, Tally, match, score_document

__all__ = [
    "HEADLINE",
    "Change",
    "Counts",
    "DocRun",
    "Evaluation",
    "GoldItem",
    "Score",
    "Tally",
    "build_report",
    "compare",
    "enforce",
    "evaluate",
    "headline_table",
    "load_baseline",
    "load_gold_set",
    "load_predictions",
    "match",
    "render_markdown",
    "run_backend",
    "score_document",
    "write_baseline",
    "write_report",
]
