"""The checks of one summary as the review page needs them: each item's checks and tone, and
a compact table the page's script lists an item's reasons from.

A long report has tens of thousands of checks; most share a handful of reasons and path
endings, so the table writes each distinct reason and path ending once and every check as a
short row of numbers: the page stays small and its script parses it fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..schema import Check

TONE_LABELS = {
    "exact": "khớp",
    "normalized": "khớp (chuẩn hoá)",
    "warning": "cảnh báo",
    "error": "lỗi",
    "none": "chưa kiểm",
}
_TONES = tuple(TONE_LABELS)
_TONE_INDEX = {t: i for i, t in enumerate(_TONES)}
_RANK = {"none": 0, "exact": 1, "normalized": 2, "warning": 3, "error": 4}
_KEY = re.compile(r"[^.\[]*(?:\[\d+\])?")  # a top-level item: a field, or a list's element


def tone(check: Check) -> str:
    """The colour a check is shown in: its severity when it has one, else its status."""
    return check.severity or check.status


def _under(path: str, item: str) -> bool:
    return path == item or path.startswith((item + ".", item + "["))


class Checks:
    """The checks of one summary, looked up by the item path they belong to (indexed once, in
    one pass, by top-level item: a long report has thousands of items and tens of thousands of
    checks, and each top-level item only a few)."""

    def __init__(self, checks: Sequence[Check]) -> None:
        self.checks = checks
        self.tones = [c.severity or c.status for c in checks]
        self.keys = [_KEY.match(c.path).group(0) for c in checks]  # type: ignore[union-attr]
        self.by_key: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            self.by_key.setdefault(key, []).append(i)
        self._tone_of: dict[str, str] = {}

    def of(self, item: str) -> list[int]:
        """The indices of the checks whose path lies under the item's."""
        found = self.by_key.get(_KEY.match(item).group(0), ())  # type: ignore[union-attr]
        return [i for i in found if _under(self.checks[i].path, item)]

    def tone_of(self, item: str) -> str:
        """The worst tone among the item's checks; "none" when it has none."""
        known = self._tone_of.get(item)
        if known is None:
            ranked = (self.tones[i] for i in self.of(item))
            known = self._tone_of[item] = max(ranked, key=_RANK.__getitem__, default="none")
        return known

    def hover(self, item: str) -> str:
        """The doubtful checks of an item, one a line, for its badge's tooltip."""
        return "\n".join(
            f"{c.path}: {TONE_LABELS[tone(c)]} — {c.reason}"
            for c in (self.checks[i] for i in self.of(item))
            if c.severity
        )

    def table(self, marks: Mapping[int, int]) -> dict[str, Any]:
        """Every check as [path ending, tone, reason, mark] under its top-level item; `mark` is
        the position of its element among the source's marks, -1 with its span appended when
        it has no element (the page paints that span with a Range)."""
        reasons: dict[str, int] = {}
        ends: dict[str, int] = {}
        items: dict[str, list[list[int]]] = {}
        for i, check in enumerate(self.checks):
            path, key = check.path, self.keys[i]
            row = [
                ends.setdefault(path[len(key) :], len(ends)),
                _TONE_INDEX[self.tones[i]],
                reasons.setdefault(check.reason, len(reasons)),
                marks.get(i, -1),
            ]
            if row[3] < 0 and check.span is not None:
                row += check.span
            items.setdefault(key, []).append(row)
        return {
            "tones": _TONES,
            "labels": [TONE_LABELS[t] for t in _TONES],
            "reasons": list(reasons),
            "ends": list(ends),
            "items": items,
        }


def badge_css() -> str:
    """The badge of each item and metric, drawn from its data-tone: no element per badge."""
    return "".join(
        f'.item[data-tone={t}]::before,.metric[data-tone={t}]::after{{content:"{label}"}}'
        for t, label in TONE_LABELS.items()
    )
