"""Human-readable forms of results: the Vietnamese markdown brief and the verification table."""

from __future__ import annotations

import re

from ..schema import Achievement, Check, SummaryResult, VerificationReport
from .escape import md
from .phrases import metric_phrase, problem_line, shorten, stands_in

_SECTORS = {
    "postal": "Bưu chính",
    "telecom": "Viễn thông",
    "it": "CNTT, chuyển đổi số",
    "press": "Báo chí, xuất bản, thông tin",
    "security": "An toàn thông tin",
    "general": "Chung",
}
_ROLES = {"chair": "chủ trì", "speaker": "phát biểu", "presenter": "trao thưởng", "guest": "dự"}
_OK, _BAD, _DOUBT = "✓", "✗", "⚠"
_DESCRIPTION_WIDTH = 220  # characters of a description before it is shortened at a word


def _marks(result: SummaryResult) -> dict[str, str]:
    """For each checked JSON path, the worst of its checks: 'ok', 'warning' or 'error'."""
    rank = {"ok": 0, "warning": 1, "error": 2}
    marks: dict[str, str] = {}
    for check in result.verification.checks:
        state = check.severity or ("ok" if check.status in ("exact", "normalized") else "error")
        if rank[state] >= rank[marks.get(check.path, "ok")]:
            marks[check.path] = state
    return marks


def _state(marks: dict[str, str], prefix: str) -> str | None:
    """The worst state under a path prefix; None when nothing under it was checked."""
    found = [s for path, s in marks.items() if path == prefix or path.startswith(prefix + ".")]
    if not found:
        return None
    return "error" if "error" in found else "warning" if "warning" in found else "ok"


def _mark(state: str | None) -> str:
    """✓ only for a claim the source supports; never beside an unverified one."""
    if state is None:
        return ""
    return {
        "ok": f" {_OK}",
        "warning": f" {_DOUBT} cần xem lại",
        "error": f" {_BAD} chưa kiểm chứng",
    }[state]


def _item_line(item: Achievement, path: str, marks: dict[str, str]) -> str:
    metrics = ", ".join(
        f"**{md(metric_phrase(m, item.evidence))}**{_mark(_state(marks, f'{path}.metrics[{j}]'))}"
        for j, m in enumerate(item.metrics)
        if stands_in(m, item.evidence)
    )
    deadline = getattr(item, "deadline", None)
    extra = f" — {metrics}" if metrics else ""
    when = f" (thời hạn: {md(deadline)})" if deadline else ""
    description = md(shorten(item.description, _DESCRIPTION_WIDTH))
    return f"- [{_SECTORS[item.sector]}] {description}{extra}{when}"


def _items(title: str, items: list, group: str, marks: dict[str, str]) -> list[str]:
    if not items:
        return []
    lines = [f"## {title}", ""]
    lines += [_item_line(item, f"{group}[{i}]", marks) for i, item in enumerate(items)]
    return [*lines, ""]


def _people(result: SummaryResult) -> list[str]:
    if not result.summary.attendees:
        return []
    lines = ["## Thành phần tham dự", ""]
    for person in result.summary.attendees:
        titles = md(", ".join(person.titles))
        role = f" ({_ROLES[person.role]})" if person.role else ""
        lines.append(f"- {md(person.name)}{', ' + titles if titles else ''}{role}")
    return [*lines, ""]


def _awards(result: SummaryResult, marks: dict[str, str]) -> list[str]:
    if not result.summary.awards:
        return []
    lines = ["## Khen thưởng", ""]
    for i, award in enumerate(result.summary.awards):
        counts = [
            f"{n} {label}"
            for n, label in ((award.collectives, "tập thể"), (award.individuals, "cá nhân"))
            if n is not None
        ]
        who = md(award.recipient or ", ".join(counts) or "—")
        by = f" của {md(award.conferred_by)}" if award.conferred_by else ""
        lines.append(f"- {md(award.award)}{by}: {who}{_mark(_state(marks, f'awards[{i}]'))}")
    return [*lines, ""]


def _status(report: VerificationReport, *, empty: bool = False) -> str:
    """The verdict line: ✓ only when something was checked, nothing failed, and the summary
    holds something to vouch for (an empty one, alerted, gets no tick for its header alone)."""
    if not report.verified:
        return f"{_BAD} {len(report.failures)} nội dung chưa kiểm chứng được với văn bản gốc"
    if not report.checks or empty:
        return "Không có số liệu nào để kiểm chứng với văn bản gốc"
    doubts = len(report.warnings)
    tail = f" ({doubts} điểm cần xem lại)" if doubts else ""
    return f"{_OK} mọi con số đã được kiểm chứng với văn bản gốc{tail}"


def _alerts(result: SummaryResult) -> list[str]:
    shown = [a for a in result.alerts if a.code != "unverified"]  # the verdict line says it
    return [f"> {_DOUBT} **Cảnh báo ({a.code}):** {md(a.message)}" for a in shown] + (
        [""] if shown else []
    )


def _footer(result: SummaryResult) -> str:
    usage = result.usage
    parts = [f"Nguồn: {md(result.source.path)}", f"backend {usage.backend}"]
    parts += [f"mô hình {md(usage.model)}" if usage.model else "không dùng mô hình ngôn ngữ"]
    parts += [f"phiên bản prompt {usage.prompt_version}"] if usage.prompt_version else []
    return f"_{' · '.join(parts)}_"


def render_markdown(result: SummaryResult) -> str:
    """A one-page Vietnamese brief that marks each number verified or not."""
    s = result.summary
    marks = _marks(result)
    report = result.verification
    head = [f"# {md(s.title or 'Tóm tắt báo cáo')}", "", *_alerts(result)]
    facts = [
        ("Cơ quan", s.organization),
        ("Tỉnh/thành phố", s.province),
        ("Ngày diễn ra", s.event_date.strftime("%d/%m/%Y") if s.event_date else None),
        ("Ngày đăng", s.published_date.strftime("%d/%m/%Y") if s.published_date else None),
        ("Kỳ đánh giá", s.period),
        ("Kỳ kế hoạch", s.next_period),
    ]
    head += [f"- **{label}:** {md(value)}" for label, value in facts if value]
    empty = any(alert.code == "empty_summary" for alert in result.alerts)
    head += ["", f"> {_status(report, empty=empty)}", ""]
    if s.overview:
        head += ["## Tóm tắt", "", md(s.overview), ""]
    body = (
        _items("Kết quả đạt được", s.achievements, "achievements", marks)
        + _items("Mục tiêu, nhiệm vụ", s.targets, "targets", marks)
        + _people(result)
        + _awards(result, marks)
    )
    problems = _problems("Chưa kiểm chứng", report.failures)
    problems += _problems("Cần xem lại", report.warnings)
    return "\n".join(head + body + problems + [_footer(result)]) + "\n"


def _one_per_claim(checks: list[Check]) -> list[Check]:
    """A metric's value and text checks say one thing: keep the one that quotes the source."""
    kept: dict[str, Check] = {}
    for check in checks:
        key = re.sub(r"(metrics\[\d+\])\..*$", r"\1", check.path)
        if key not in kept or (check.found and not kept[key].found):
            kept[key] = check
    return list(kept.values())


def _problems(title: str, checks: list[Check]) -> list[str]:
    if not checks:
        return []
    lines = [f"- {md(problem_line(c))}" for c in _one_per_claim(checks)]
    return [f"## {title}", "", *lines, ""]


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_verification(report: VerificationReport, source: str) -> str:
    """An aligned plain-text table of checks, errors then warnings first, each with its
    severity and source line."""
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items())
    head = f"verified: {'yes' if report.verified else 'no'} ({counts})"
    order = {"error": 0, "warning": 1, None: 2}
    checks = sorted(report.checks, key=lambda c: order[c.severity])
    rows = [("STATUS", "SEVERITY", "KIND", "PATH", "LINE", "CLAIM", "REASON")]
    for c in checks:
        line = str(source.count("\n", 0, c.span[0]) + 1) if c.span else "-"
        severity = c.severity or "-"
        rows.append(
            (c.status, severity, c.kind, c.path, line, _cut(c.claim, 40), _cut(c.reason, 90))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:6], widths, strict=True)) + "  " + row[6]
        for row in rows
    ]
    return "\n".join([head, "", *(line.rstrip() for line in lines)])
