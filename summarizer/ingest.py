"""Reading report files (.txt, .md, .html, .htm) into one normalised text.

`Document.text` is the whole visible text, NFC-normalised: the verifier checks against it and
every span the tool reports is an offset into it. `Document.article` is what extractors read:
the article alone, page furniture removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # whole visible text, NFC; spans index this
    article: str  # the article for extractors; furniture removed
    sha256: str  # of the file's bytes
    encoding: str
    title: str | None = None  # from HTML metadata when present
    published: date | None = None  # from HTML metadata when present

    @property
    def chars(self) -> int:
        return len(self.text)


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and normalise one report; raise InputError with the reason when it cannot."""
    raise NotImplementedError


def document_from_text(text: str, *, path: str = "<text>") -> Document:
    """A Document from text already in memory (tests, chunks, stdin)."""
    raise NotImplementedError
