"""The cost report of a batch folder, rebuilt from its ledger at any time: DIR/report.json and
DIR/report.md.

It covers the documents of the latest run's configuration (the latest record of each, one per
path): tokens, attempts, re-asks, retries, latency, cost and verification per document; the
totals; cost per 1,000 documents; what the same tokens would cost under other models; what
cached prompt tokens and skipped documents saved; and failures grouped by cause.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import OPENAI_URL
from .ledger import Record, now_iso, read_records, require_ledger
from .work import USAGE_FIELDS, write_atomic

REPORT_JSON = "report.json"
REPORT_MD = "report.md"
# Current OpenAI models the projections use when the run names none (--compare-models).
DEFAULT_COMPARE_MODELS: tuple[str, ...] = (
    "gpt-5",
    "gpt-5-mini",
    "gpt-5-nano",
    "gpt-4.1",
    "gpt-4.1-mini",
    "gpt-4o-mini",
)
_TOKENS = ("prompt_tokens", "cached_prompt_tokens", "completion_tokens")
_COUNTS = ("requests", "attempts", "reasks", "transport_retries", "total_tokens")


@dataclass
class Scope:
    """What the report covers: the latest run, and its configuration's documents."""

    run: Record | None = None
    by_path: list[Record] = field(default_factory=list)  # latest record per path, by path
    by_key: dict[str, Record] = field(default_factory=dict)  # latest record per document key
    skips: list[Record] = field(default_factory=list)  # skip records of the latest run
    # paid answers no document record accounts for: their run was killed first
    interrupted: list[Record] = field(default_factory=list)


def _interrupted(paid: list[Record], accounted: set[tuple[Any, Any]], config_id: Any) -> list:
    """Paid answers of this configuration whose run never wrote the document's record with
    its usage (which sums them): billed all the same."""
    return [
        p
        for p in paid
        if p.get("config_id") == config_id and (p.get("run"), p.get("key")) not in accounted
    ]


def read_scope(folder: Path) -> Scope:
    runs: list[Record] = []
    latest: dict[str, tuple[int, Record]] = {}
    skips: list[Record] = []
    paid: list[Record] = []
    accounted: set[tuple[Any, Any]] = set()  # (run, key) of document records with usage
    for seq, record in enumerate(read_records(folder)):
        kind = record["type"]
        if kind == "run":
            runs.append(record)
            skips = []
        elif kind == "doc" and isinstance(record.get("key"), str):
            latest[record["key"]] = (seq, record)
            if record.get("usage"):
                accounted.add((record.get("run"), record["key"]))
        elif kind == "skip":
            skips.append(record)
        elif kind == "paid" and isinstance(record.get("usage"), dict):
            paid.append(record)
    run = runs[-1] if runs else None
    config_id = run.get("config_id") if run else None
    mine = {k: v for k, v in latest.items() if v[1].get("config_id") == config_id}
    by_path: dict[str, tuple[int, Record]] = {}
    for seq, record in mine.values():
        path = str(record.get("path"))
        if path not in by_path or by_path[path][0] < seq:
            by_path[path] = (seq, record)
    return Scope(
        run=run,
        by_path=[by_path[p][1] for p in sorted(by_path)],
        by_key={key: record for key, (_, record) in mine.items()},
        skips=skips,
        interrupted=_interrupted(paid, accounted, config_id),
    )


BUDGET_ERROR = "BudgetExceededError"  # a document left unstarted by --max-cost


def _row(record: Record) -> dict[str, Any]:
    usage = record.get("usage") or {}
    error = record.get("error") or {}
    row = {
        "path": record.get("path"),
        "output": record.get("output"),
        "status": record.get("status"),
        "via": record.get("via"),
        "verified": record.get("verified") if record.get("status") == "done" else None,
        "unverified_claims": record.get("unverified_claims"),
        "alerts": list(record.get("alerts") or []),
    }
    row |= {name: usage.get(name) for name in USAGE_FIELDS}
    if record.get("status") == "done" and record.get("backend") != "llm":
        row["cost_usd"] = row["cost_usd"] or 0.0  # an offline backend costs nothing
    row |= {"error_class": error.get("class"), "error": error.get("message")}
    return row


def _sum(rows: Sequence[dict[str, Any]], name: str) -> int:
    return sum(int(r.get(name) or 0) for r in rows)


def _interrupted_rows(records: list[Record]) -> list[dict[str, Any]]:
    """Paid answers of killed runs as spend rows: tokens and cost, no document."""
    rows = []
    for record in records:
        usage = record["usage"]
        rows.append({"via": record.get("via")} | {n: usage.get(n) for n in USAGE_FIELDS})
    return rows


def _totals(rows: list[dict[str, Any]], interrupted: list[dict[str, Any]]) -> dict[str, Any]:
    done = [r for r in rows if r["status"] == "done"]
    # failed documents may have spent too, and answers of runs killed before their record
    spent = [r for r in rows if r.get("total_tokens") is not None] + interrupted
    costs = [r["cost_usd"] for r in spent if r.get("cost_usd") is not None]
    budget = sum(1 for r in rows if r.get("error_class") == BUDGET_ERROR)
    totals: dict[str, Any] = {
        "documents": len(rows),
        "done": len(done),
        "failed": len(rows) - len(done) - budget,
        "not_started_budget": budget,
        "verified": sum(1 for r in done if r.get("verified")),
        "unverified": sum(1 for r in done if not r.get("verified")),
        # the unverified alert is counted above: these are the other alerts
        "with_alerts": sum(1 for r in done if set(r["alerts"]) - {"unverified"}),
    }
    totals["alerts"] = dict(sorted(Counter(c for r in done for c in r["alerts"]).items()))
    totals |= {name: _sum(spent, name) for name in (*_TOKENS, *_COUNTS)}
    totals["cost_usd"] = round(sum(costs), 8) if costs else None
    lost = [r["cost_usd"] for r in interrupted if r.get("cost_usd") is not None]
    totals["interrupted_answers"] = len(interrupted)
    totals["interrupted_cost_usd"] = round(sum(lost), 8) if lost else None
    totals["unpriced_documents"] = len(spent) - len(costs)
    totals["latency_s"] = round(sum(float(r.get("latency_s") or 0) for r in done), 3)
    totals["mean_latency_s"] = round(totals["latency_s"] / len(done), 4) if done else None
    return totals


def _per_thousand(cost: float | None, done: int) -> float | None:
    return None if cost is None or not done else round(cost / done * 1000, 6)


def _tokens_by_mode(rows: list[dict[str, Any]]) -> dict[bool, tuple[int, int, int]]:
    """(prompt, cached, completion) tokens spent, live and batch apart (documents and
    interrupted answers alike)."""
    split: dict[bool, tuple[int, int, int]] = {}
    spent = [r for r in rows if r.get("total_tokens") is not None]
    for batch in (False, True):
        part = [r for r in spent if (r.get("via") == "batch-api") == batch]
        if part:
            split[batch] = tuple(_sum(part, n) for n in _TOKENS)  # type: ignore[assignment]
    return split


def _priced(model: str, split: dict, *, cached: bool, **where: Any) -> float | None:
    from ..backends.llm import price

    total = 0.0
    for batch, (prompt, cache, completion) in split.items():
        usd = price(model, prompt, cache if cached else 0, completion, batch=batch, **where)
        if usd is None:
            return None
        total += usd
    return round(total, 8)


def _money(
    run: Record | None,
    rows: list[dict[str, Any]],
    models: Sequence[str],
    interrupted: list[dict[str, Any]],
) -> dict:
    """Projections under other models and the saving from cached prompt tokens."""
    split = _tokens_by_mode(rows + interrupted)
    done = sum(1 for r in rows if r["status"] == "done")
    if not split or not any(sum(t) for t in split.values()):
        return {"projections": [], "cached_saving_usd": None}
    projections = []
    for model in models:
        cost = _priced(model, split, cached=True)
        projections.append(
            {"model": model, "cost_usd": cost, "cost_per_1000_documents": _per_thousand(cost, done)}
        )
    config = (run or {}).get("config") or {}
    model = config.get("model") or ""
    where = {"pricing_file": (run or {}).get("pricing"), "provider_url": _provider(run)}
    full = _priced(model, split, cached=False, **where)
    paid = _priced(model, split, cached=True, **where)
    saving = None if full is None or paid is None else round(full - paid, 8)
    return {"projections": projections, "cached_saving_usd": saving}


def _provider(run: Record | None) -> str:
    return (run or {}).get("base_url") or OPENAI_URL


def _skipped(skips: list[Record], keyed: dict[str, Record]) -> dict[str, Any]:
    """Documents the latest run did not send because they were done: what they had cost."""
    done = [s for s in skips if s.get("reason") == "done"]
    costs = [((keyed.get(s["key"]) or {}).get("usage") or {}).get("cost_usd") for s in done]
    known = [c for c in costs if c is not None]
    return {
        "documents": len(done),
        "duplicates": sum(1 for s in skips if s.get("reason") == "duplicate"),
        "failed_before": sum(1 for s in skips if s.get("reason") == "failed"),
        "saving_usd": round(sum(known), 8) if known else (0.0 if done else None),
    }


def _failures(records: list[Record]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for record in records:
        if record.get("status") != "failed":
            continue
        error = record.get("error") or {}
        if error.get("class") == BUDGET_ERROR:
            continue  # not a failure: the next run starts it
        key = (str(error.get("class")), str(error.get("cause") or error.get("message")))
        group = groups.setdefault(
            key, {"error_class": key[0], "cause": key[1], "count": 0, "examples": []}
        )
        group["count"] += 1
        if len(group["examples"]) < 3:
            group["examples"].append({"path": record.get("path"), "message": error.get("message")})
    return sorted(groups.values(), key=lambda g: (-g["count"], g["error_class"], g["cause"]))


def build_report(folder: Path, *, compare_models: Sequence[str] | None = None) -> dict[str, Any]:
    """The report as data, from the ledger alone."""
    require_ledger(folder)
    scope = read_scope(folder)
    run = scope.run
    rows = [_row(r) for r in scope.by_path]
    interrupted = _interrupted_rows(scope.interrupted)
    totals = _totals(rows, interrupted)
    if compare_models is None:
        compare_models = (run or {}).get("compare_models") or DEFAULT_COMPARE_MODELS
    money = _money(run, rows, compare_models, interrupted)
    return {
        "generated": now_iso(),
        "folder": str(folder),
        "run": {
            k: (run or {}).get(k) for k in ("run", "time", "via", "config", "inputs", "max_cost")
        },
        "totals": totals,
        "cost_per_1000_documents": _per_thousand(totals["cost_usd"], totals["done"]),
        "projections": money["projections"],
        "savings": {
            "cached_prompt_tokens_usd": money["cached_saving_usd"],
            "skipped": _skipped(scope.skips, scope.by_key),
        },
        "failures": _failures(scope.by_path),
        "documents": rows,
    }


def write_report(
    folder: Path,
    *,
    compare_models: Sequence[str] | None = None,
    drawn: Mapping[tuple[str, str], int] | None = None,
) -> tuple[dict[str, Any], Path, Path]:
    """Rebuild DIR/report.json and DIR/report.md from the ledger, both written atomically,
    and redraw the review pages (but those a run drew as it wrote their outputs: `drawn` maps
    their (path, output) to their items) and index.html."""
    from .pages import write_pages
    from .report_md import render_markdown

    report = build_report(folder, compare_models=compare_models)
    json_path, md_path = folder / REPORT_JSON, folder / REPORT_MD
    write_atomic(json_path, json.dumps(report, ensure_ascii=False, indent=2))
    write_atomic(md_path, render_markdown(report))
    write_pages(folder, report, drawn)
    return report, json_path, md_path
