"""What every group of the verifier's checks shares: the indexed source and the checks so far,
how a check is recorded, and how a number in free text is checked (the checker's)."""

from __future__ import annotations

from ..schema import Check, CheckKind, CheckStatus
from .sourceindex import SourceIndex
from .wordtokens import Claim, Token


class Checks:
    """The checks of one summary against one indexed source, as they are recorded."""

    src: SourceIndex
    checks: list[Check]

    def add(
        self,
        path: str,
        kind: CheckKind,
        claim: str,
        status: CheckStatus,
        reason: str,
        span: tuple[int, int] | None = None,
    ) -> None:
        found = self.src.text[span[0] : span[1]] if span else None
        self.checks.append(
            Check(
                path=path,
                kind=kind,
                claim=claim,
                status=status,
                span=span,
                found=found,
                reason=reason,
            )
        )

    def add_token(self, path: str, kind: CheckKind, claim: str, tok: Token, why: str = "") -> None:
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
        )

    def number(self, path: str, claim: Claim, pos: int, scope: tuple[int, int] | None) -> None:
        raise NotImplementedError
