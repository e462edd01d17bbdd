"""The eval's outputs: report.json, report.md and the headline table printed at the end."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError, write_failure
from .baseline import Change
from .runner import DocRun
from .score import GROUPS, HEADLINE, SCALAR_FIELDS, Score, document_rank, score_document, total

_GROUP_LABELS = {
    "achievement_metrics": "achievement metrics",
    "target_metrics": "target metrics",
    "attendee_names": "attendee names",
    "attendee_titles": "attendee titles (over matched attendees)",
    "awards": "awards (kind and counts)",
}


@dataclass(frozen=True)
class Evaluation:
    overall: Score
    documents: list[tuple[DocRun, Score]]


def evaluate(runs: Sequence[DocRun]) -> Evaluation:
    """Score every run against its gold and add the counts up over the set."""
    documents = [
        (run, score_document(run.summary, run.item.gold, run.verification)) for run in runs
    ]
    return Evaluation(overall=total(score for _, score in documents), documents=documents)


def _usage_totals(runs: Sequence[DocRun]) -> dict[str, Any]:
    usages = [run.usage for run in runs if run.usage is not None]
    costs = [u.cost_usd for u in usages if u.cost_usd is not None]
    return {
        "prompt_tokens": sum(u.prompt_tokens for u in usages),
        "completion_tokens": sum(u.completion_tokens for u in usages),
        "total_tokens": sum(u.total_tokens for u in usages),
        "cost_usd": round(sum(costs), 6) if costs else None,
        "time_s": round(sum(run.time_s or 0.0 for run in runs), 4),
    }


def _document_entry(run: DocRun, score: Score) -> dict[str, Any]:
    usage = run.usage
    return {
        "name": run.item.name,
        "source": str(run.item.source),
        "status": run.status,
        "error": run.error,
        "rank": round(document_rank(score), 4),
        "headline": score.headline(),
        "time_s": None if run.time_s is None else round(run.time_s, 4),
        "total_tokens": usage.total_tokens if usage else 0,
        "cost_usd": usage.cost_usd if usage else None,
        "scores": score.as_dict(),
        "misses": score.misses,
    }


def build_report(evaluation: Evaluation, meta: dict[str, Any]) -> dict[str, Any]:
    """Everything report.json holds: headline, every group's counts, documents worst first."""
    runs = [run for run, _ in evaluation.documents]
    entries = [_document_entry(run, score) for run, score in evaluation.documents]
    entries.sort(key=lambda e: (e["rank"], e["name"]))
    return {
        **meta,
        "documents": len(runs),
        "missing": [run.item.name for run in runs if run.status == "missing"],
        "failed": {run.item.name: run.error for run in runs if run.status == "failed"},
        "headline": evaluation.overall.headline(),
        "scores": evaluation.overall.as_dict(),
        "usage": _usage_totals(runs),
        "per_document": entries,
    }


# --- Text forms ---------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _items_line(report: dict[str, Any]) -> str:
    counts = report["scores"]["item_counts"]
    a, t = counts["achievements"], counts["targets"]
    return (
        f"achievements {a['pred']} predicted / {a['gold']} gold; "
        f"targets {t['pred']} predicted / {t['gold']} gold"
    )


def headline_table(report: dict[str, Any], changes: Sequence[Change] | None = None) -> str:
    """The plain-text table printed at the end of a run, with the baseline when one was given."""
    by_key = {c.key: c for c in changes or ()}
    width = max(len(label) for _, label in HEADLINE)
    head = f"{'figure':<{width}}  {'value':>6}"
    if changes is not None:
        head += f"  {'baseline':>8}  {'change':>7}"
    lines = [head, "-" * len(head)]
    for key, label in HEADLINE:
        line = f"{label:<{width}}  {fmt(report['headline'].get(key)):>6}"
        change = by_key.get(key)
        if changes is not None:
            stored = fmt(change.stored) if change else "–"
            delta = "–" if change is None or change.delta is None else f"{change.delta:+.3f}"
            mark = "  REGRESSED" if change and change.regressed else ""
            line += f"  {stored:>8}  {delta:>7}{mark}"
        lines.append(line)
    lines.append(f"items: {_items_line(report)}")
    return "\n".join(lines)


def _group_rows(scores: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for name in GROUPS:
        g = scores["groups"][name]
        rows.append(
            [_GROUP_LABELS[name], g["tp"], g["pred"], g["gold"]]
            + [fmt(g[k]) for k in ("precision", "recall", "f1")]
        )
    return rows


def _document_rows(report: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for e in report["per_document"]:
        h, items = e["headline"], e["scores"]["item_counts"]
        rows.append(
            [e["name"], e["status"], fmt(e["rank"])]
            + [fmt(h[key]) for key, _ in HEADLINE[:8]]
            + [
                f"{items['achievements']['pred']}/{items['achievements']['gold']}",
                f"{items['targets']['pred']}/{items['targets']['gold']}",
                fmt(e["time_s"], 2),
                e["total_tokens"],
                fmt(e["cost_usd"], 4),
            ]
        )
    return rows


def render_markdown(report: dict[str, Any]) -> str:
    """report.md: the headline, a table per field group, then documents worst first."""
    scores = report["scores"]
    lines = [
        f"# Eval of {report['source']} on {report['gold_dir']} ({report['documents']} documents)",
        "",
        "## Headline",
        "",
        *_table(
            ["figure", "value"], [[label, fmt(report["headline"][k])] for k, label in HEADLINE]
        ),
        "",
        f"Items: {_items_line(report)}.",
        "",
        "## Field groups (micro over the set)",
        "",
        *_table(["group", "matched", "predicted", "gold", "P", "R", "F1"], _group_rows(scores)),
        "",
        "## Scalar fields",
        "",
        *_table(
            ["field", "correct", "documents", "accuracy"],
            [
                [name, s["correct"], s["total"], fmt(s["accuracy"])]
                for name, s in ((n, scores["scalars"][n]) for n in SCALAR_FIELDS)
            ],
        ),
        "",
        "## Authority, grounding, usage",
        "",
        f"- Conferring authority right on {scores['authority']['correct']} of "
        f"{scores['authority']['total']} matched awards ({fmt(scores['authority']['accuracy'])}).",
        f"- Grounding: {scores['grounding']['correct']} of {scores['grounding']['total']} checks "
        f"accepted by the verifier ({fmt(scores['grounding']['accuracy'])}).",
        f"- Time {report['usage']['time_s']:.2f} s; tokens {report['usage']['total_tokens']}; "
        f"cost {fmt(report['usage']['cost_usd'], 4)} USD.",
    ]
    if report["missing"]:
        lines.append(f"- Missing predictions (scored as empty): {', '.join(report['missing'])}.")
    for name, error in report["failed"].items():
        lines.append(f"- Failed (scored as empty): {name}: {error}")
    short = ["ach", "tgt", "names", "titles", "awards", "auth", "scalar", "ground"]
    lines += [
        "",
        "## Documents, worst first",
        "",
        *_table(
            ["document", "status", "mean", *short, "ach n", "tgt n", "time s", "tokens", "cost"],
            _document_rows(report),
        ),
        "",
    ]
    return "\n".join(lines)


def write_report(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write report.json and report.md into out_dir, each atomically."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file, not a folder", hint="give a folder")
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in (
            ("report.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n"),
            ("report.md", render_markdown(report)),
        ):
            path = out_dir / name
            tmp = out_dir / f".{name}.tmp"
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
            written.append(path)
    except OSError as exc:
        raise write_failure(exc.filename or out_dir, exc) from None
    return written[0], written[1]
