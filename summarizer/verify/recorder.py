"""How a check is recorded: one list of checks per summary, each with its place in the source."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from pydantic import TypeAdapter

from ..schema import Check, CheckKind, CheckStatus, Severity
from .sourceindex import SourceIndex
from .wordtokens import Token


class Span(NamedTuple):
    """Offsets [start, end) into the source."""

    start: int
    end: int


class Recorder:
    """The checks of one summary against one indexed source, in the order they were made."""

    def __init__(self, src: SourceIndex) -> None:
        self.src = src
        self._records: list[dict[str, object]] = []

    def validated(self) -> list[Check]:
        """The checks made so far, validated in one pass: one call for a summary's dozens."""
        return _check_list().validate_python(self._records)

    def add(
        self,
        path: str,
        kind: CheckKind,
        claim: str,
        status: CheckStatus,
        reason: str,
        span: tuple[int, int] | None = None,
        severity: Severity | None = None,
    ) -> None:
        found = self.src.text[span[0] : span[1]] if span else None
        self._records.append(
            {
                "path": path,
                "kind": kind,
                "claim": claim,
                "status": status,
                "severity": severity,
                "span": span,
                "found": found,
                "reason": reason,
            }
        )

    def add_token(
        self,
        path: str,
        kind: CheckKind,
        claim: str,
        tok: Token,
        why: str = "",
        severity: Severity | None = None,
    ) -> None:
        """A number found at a source token: exact when written as claimed, else normalized."""
        written = self.src.text[tok.start : tok.end]
        same = written.casefold() == claim.casefold()
        status: CheckStatus = "exact" if same else "normalized"
        note = "found" if same else f"found written {written!r}"
        self.add(
            path,
            kind,
            claim,
            status,
            f"{note}{why}: «{self.src.snippet(tok)}»",
            (tok.start, tok.end),
            severity,
        )

    def elsewhere(
        self, path: str, kind: CheckKind, claim: str, span: tuple[int, int], where: str
    ) -> None:
        """A claim whose text stands in the source, but not where the claim says it does."""
        at = Span(*span)
        line = self.src.text.count("\n", 0, at.start) + 1
        self.add(
            path,
            kind,
            claim,
            "unsupported",
            f"stands at line {line}, not in {where}: «{self.src.snippet(at)}»",
            (at.start, at.end),
        )


@lru_cache(maxsize=1)
def _check_list() -> TypeAdapter[list[Check]]:
    """Built on first use: importing the verifier stays cheap."""
    return TypeAdapter(list[Check])
