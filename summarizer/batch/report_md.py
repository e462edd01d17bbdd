"""report.md: the batch report as tables a person reads, and the few lines the CLI prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..render.escape import md
from .work import shown


def _usd(value: float | None) -> str:
    if value is None:
        return "—"
    return f"${value:,.4f}" if value < 100 else f"${value:,.2f}"


def _int(value: Any) -> str:
    return "—" if value is None else f"{int(value):,}"


def _cell(value: Any) -> str:
    return md(value).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _n(count: int, word: str, many: str | None = None) -> str:
    """'1 document', '2 documents'."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def headline(report: dict[str, Any]) -> str:
    """Four lines: documents, alerts per code, tokens, cost."""
    t = report["totals"]
    per_k = report["cost_per_1000_documents"]
    budget = t.get("not_started_budget") or 0
    lost = t.get("interrupted_answers") or 0
    lines = [
        f"{_n(t['documents'], 'document')}: {t['done']:,} done ({t['verified']:,} verified), "
        f"{t['failed']:,} failed" + (f", {budget:,} not started (budget)" if budget else ""),
        "alerts: "
        + (", ".join(f"{code} {n:,}" for code, n in (t.get("alerts") or {}).items()) or "none"),
        f"tokens: {t['prompt_tokens']:,} in ({t['cached_prompt_tokens']:,} cached), "
        f"{t['completion_tokens']:,} out; {_n(t['attempts'], 'attempt')}, "
        f"{_n(t['reasks'], 're-ask')}, {_n(t['transport_retries'], 'transport retry', 'transport retries')}",
        f"cost: {_usd(t['cost_usd'])}"
        + ("" if per_k is None else f" ({_usd(per_k)} per 1,000 documents)")
        + (
            f", of which {_usd(t.get('interrupted_cost_usd'))} for "
            f"{_n(lost, 'answer')} of runs stopped before their document was recorded"
            if lost
            else ""
        ),
    ]
    return "\n".join(lines)


def _config(report: dict[str, Any]) -> str:
    run = report["run"]
    config = run.get("config") or {}
    parts = [f"backend {config.get('backend')}"]
    for name in ("model", "mode", "prompt_version"):
        if config.get(name):
            parts.append(f"{name.replace('_', ' ')} {config[name]}")
    if run.get("via"):
        parts.append(f"via {run['via']}")
    return ", ".join(parts)


def _savings(report: dict[str, Any]) -> list[str]:
    savings = report["savings"]
    skipped = savings["skipped"]
    lines = ["## Savings", ""]
    lines.append(f"- Cached prompt tokens: {_usd(savings['cached_prompt_tokens_usd'])}")
    lines.append(
        f"- Documents already done, skipped by the latest run: {skipped['documents']:,} "
        f"(they had cost {_usd(skipped['saving_usd'])})"
    )
    if skipped["duplicates"]:
        lines.append(
            f"- Inputs with the same content as another, summarised once: {skipped['duplicates']:,}"
        )
    if skipped["failed_before"]:
        lines.append(
            f"- Documents that failed before, not retried: {skipped['failed_before']:,} "
            "(--retry-failed tries them again)"
        )
    return [*lines, ""]


def _projections(report: dict[str, Any]) -> list[str]:
    if not report["projections"]:
        return []
    rows = [
        [p["model"], _usd(p["cost_usd"]), _usd(p["cost_per_1000_documents"])]
        for p in report["projections"]
    ]
    note = "The same tokens priced under other models (batch-mode documents at batch prices)."
    return [
        "## Projected cost under other models",
        "",
        note,
        "",
        *_table(["model", "cost", "per 1,000 documents"], rows),
    ]


def _failures(report: dict[str, Any]) -> list[str]:
    if not report["failures"]:
        return []
    rows = [
        [
            f["error_class"],
            f["cause"],
            f["count"],
            "; ".join(shown(e["path"]) for e in f["examples"]),
        ]
        for f in report["failures"]
    ]
    return ["## Failures by cause", "", *_table(["error", "cause", "documents", "e.g."], rows)]


def _documents(report: dict[str, Any]) -> list[str]:
    rows = []
    for d in report["documents"]:
        verified = {True: "yes", False: "no"}.get(d["verified"], "—")
        rows.append(
            [
                shown(d["path"]),
                _doc_status(d),
                verified,
                _int(d["prompt_tokens"]),
                _int(d["cached_prompt_tokens"]),
                _int(d["completion_tokens"]),
                _int(d["attempts"]),
                _int(d["reasks"]),
                _int(d["transport_retries"]),
                "—" if d["latency_s"] is None else f"{d['latency_s']:.2f}",
                _usd(d["cost_usd"]),
            ]
        )
    header = ["document", "status", "verified", "in", "cached", "out", "attempts", "re-asks"]
    header += ["retries", "latency s", "cost"]
    return ["## Documents", "", *_table(header, rows)]


def render_markdown(report: dict[str, Any]) -> str:
    t = report["totals"]
    lines = [
        "# Batch report",
        "",
        f"Folder {md(report['folder'])}; latest run {md(report['run'].get('run'))} "
        f"({_config(report)}); generated {report['generated']}.",
        "",
        "## Totals",
        "",
    ]
    header = ["documents", "done", "failed", "verified", "tokens in", "cached in", "tokens out"]
    header += ["attempts", "re-asks", "transport retries", "cost", "per 1,000 documents"]
    row = [
        _int(t["documents"]),
        _int(t["done"]),
        _int(t["failed"]),
        _int(t["verified"]),
        _int(t["prompt_tokens"]),
        _int(t["cached_prompt_tokens"]),
        _int(t["completion_tokens"]),
        _int(t["attempts"]),
        _int(t["reasks"]),
        _int(t["transport_retries"]),
        _usd(t["cost_usd"]),
        _usd(report["cost_per_1000_documents"]),
    ]
    lines += _table(header, [row])
    if t["unpriced_documents"]:
        lines += [f"{t['unpriced_documents']:,} documents have no known price.", ""]
    lines += _savings(report) + _projections(report) + _failures(report) + _documents(report)
    return "\n".join(lines)


def _doc_status(row: dict[str, Any]) -> str:
    if row["status"] == "done":
        return "done"
    if row.get("error_class") == "BudgetExceededError":
        return "not started (budget)"
    return f"failed: {row['error_class']}"
