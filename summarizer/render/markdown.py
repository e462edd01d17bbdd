"""Human-readable forms of results: the Vietnamese markdown brief and the verification table."""

from __future__ import annotations

from ..schema import Check, Metric, SummaryResult, VerificationReport

_SECTORS = {
    "postal": "Bưu chính",
    "telecom": "Viễn thông",
    "it": "CNTT, chuyển đổi số",
    "press": "Báo chí, xuất bản, thông tin",
    "security": "An toàn thông tin",
    "general": "Chung",
}
_ROLES = {"chair": "chủ trì", "speaker": "phát biểu", "presenter": "trao thưởng", "guest": "dự"}
_OK, _BAD = "✓", "✗"


def _marks(result: SummaryResult) -> dict[str, bool]:
    """For each checked JSON path prefix, whether every check under it passed."""
    marks: dict[str, bool] = {}
    for check in result.verification.checks:
        ok = check.status in ("exact", "normalized")
        marks[check.path] = marks.get(check.path, True) and ok
    return marks


def _passed(marks: dict[str, bool], prefix: str) -> bool | None:
    found = [ok for path, ok in marks.items() if path == prefix or path.startswith(prefix + ".")]
    return all(found) if found else None


def _metric(metric: Metric, marks: dict[str, bool], path: str) -> str:
    ok = _passed(marks, path)
    mark = "" if ok is None else (f" {_OK}" if ok else f" {_BAD} chưa kiểm chứng")
    return f"**{metric.text}**{mark}"


def _items(title: str, items: list, group: str, marks: dict[str, bool]) -> list[str]:
    if not items:
        return []
    lines = [f"## {title}", ""]
    for i, item in enumerate(items):
        metrics = ", ".join(
            _metric(m, marks, f"{group}[{i}].metrics[{j}]") for j, m in enumerate(item.metrics)
        )
        deadline = getattr(item, "deadline", None)
        extra = f" — {metrics}" if metrics else ""
        when = f" (thời hạn: {deadline})" if deadline else ""
        lines.append(f"- [{_SECTORS[item.sector]}] {item.description}{extra}{when}")
    return [*lines, ""]


def _people(result: SummaryResult) -> list[str]:
    if not result.summary.attendees:
        return []
    lines = ["## Thành phần tham dự", ""]
    for person in result.summary.attendees:
        titles = ", ".join(person.titles)
        role = f" ({_ROLES[person.role]})" if person.role else ""
        lines.append(f"- {person.name}{', ' + titles if titles else ''}{role}")
    return [*lines, ""]


def _awards(result: SummaryResult, marks: dict[str, bool]) -> list[str]:
    if not result.summary.awards:
        return []
    lines = ["## Khen thưởng", ""]
    for i, award in enumerate(result.summary.awards):
        counts = [
            f"{n} {label}"
            for n, label in ((award.collectives, "tập thể"), (award.individuals, "cá nhân"))
            if n is not None
        ]
        ok = _passed(marks, f"awards[{i}]")
        mark = "" if ok is None else (f" {_OK}" if ok else f" {_BAD} chưa kiểm chứng")
        who = award.recipient or ", ".join(counts) or "—"
        by = f" của {award.conferred_by}" if award.conferred_by else ""
        lines.append(f"- {award.award}{by}: {who}{mark}")
    return [*lines, ""]


def render_markdown(result: SummaryResult) -> str:
    """A one-page Vietnamese brief that marks each number verified or not."""
    s = result.summary
    marks = _marks(result)
    report = result.verification
    status = (
        f"{_OK} mọi con số đã được kiểm chứng với văn bản gốc"
        if report.verified and report.checks
        else "không có nội dung nào để kiểm chứng"
        if report.verified
        else f"{_BAD} {len(report.failures)} nội dung chưa kiểm chứng được với văn bản gốc"
    )
    head = [f"# {s.title or 'Tóm tắt báo cáo'}", ""]
    facts = [
        ("Cơ quan", s.organization),
        ("Tỉnh/thành phố", s.province),
        ("Ngày diễn ra", s.event_date.strftime("%d/%m/%Y") if s.event_date else None),
        ("Ngày đăng", s.published_date.strftime("%d/%m/%Y") if s.published_date else None),
        ("Kỳ đánh giá", s.period),
        ("Kỳ kế hoạch", s.next_period),
    ]
    head += [f"- **{label}:** {value}" for label, value in facts if value]
    head += ["", f"> {status}", ""]
    if s.overview:
        head += ["## Tóm tắt", "", s.overview, ""]
    body = (
        _items("Kết quả đạt được", s.achievements, "achievements", marks)
        + _items("Mục tiêu, nhiệm vụ", s.targets, "targets", marks)
        + _people(result)
        + _awards(result, marks)
    )
    failures = _failure_lines(report.failures)
    foot = [f"_Nguồn: {result.source.path} · backend {result.usage.backend}_"]
    return "\n".join(head + body + failures + foot) + "\n"


def _failure_lines(failures: list[Check]) -> list[str]:
    if not failures:
        return []
    lines = ["## Chưa kiểm chứng", ""]
    lines += [f"- `{c.path}` «{c.claim}»: {c.reason}" for c in failures]
    return [*lines, ""]


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_verification(report: VerificationReport, source: str) -> str:
    """An aligned plain-text table of checks, failures first, each with its source line."""
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items())
    head = f"verified: {'yes' if report.verified else 'no'} ({counts})"
    bad = ("mismatch", "missing")
    checks = [c for c in report.checks if c.status in bad]
    checks += [c for c in report.checks if c.status not in bad]
    rows = [("STATUS", "KIND", "PATH", "LINE", "CLAIM", "REASON")]
    for c in checks:
        line = str(source.count("\n", 0, c.span[0]) + 1) if c.span else "-"
        rows.append((c.status, c.kind, c.path, line, _cut(c.claim, 40), _cut(c.reason, 90)))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:5], widths, strict=True)) + "  " + row[5]
        for row in rows
    ]
    return "\n".join([head, "", *(line.rstrip() for line in lines)])
