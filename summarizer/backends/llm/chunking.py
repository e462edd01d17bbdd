"""Splitting a long document into parts a model can read, on paragraph boundaries, with overlap.

Parts are made of whole paragraphs where possible, so every evidence span the model copies from
a part also stands in the whole source. Neighbouring parts share their edge paragraphs (up to
`overlap` characters) so a claim cut at a boundary is read whole at least once.
"""

from __future__ import annotations

import re

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
JOIN = "\n\n"


def split_text(text: str, limit: int, overlap: int | None = None) -> list[str]:
    """Parts of at most `limit` characters (a single longer sentence is cut hard)."""
    text = text.strip()
    if limit <= 0 or len(text) <= limit:
        return [text]
    overlap = max(0, limit // 10 if overlap is None else min(overlap, limit // 2))
    pieces = [p for block in _PARAGRAPH_BREAK.split(text) for p in _fit(block.strip(), limit)]
    parts: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if current and _size([*current, piece]) > limit:
            parts.append(JOIN.join(current))
            current = _tail(current, overlap)
            while current and _size([*current, piece]) > limit:
                current.pop(0)
        current.append(piece)
    if current:
        parts.append(JOIN.join(current))
    return parts


def _size(pieces: list[str]) -> int:
    return sum(len(p) for p in pieces) + len(JOIN) * max(len(pieces) - 1, 0)


def _tail(pieces: list[str], budget: int) -> list[str]:
    """The last pieces that fit in `budget` characters: the overlap carried to the next part."""
    kept: list[str] = []
    for piece in reversed(pieces):
        if _size([piece, *kept]) > budget:
            break
        kept.insert(0, piece)
    return kept


def _fit(block: str, limit: int) -> list[str]:
    """A paragraph as pieces no longer than `limit`: whole, by lines, by sentences, then hard."""
    if not block:
        return []
    if len(block) <= limit:
        return [block]
    for pattern in (re.compile(r"\n"), _SENTENCE_END):
        units = [u for u in pattern.split(block) if u.strip()]
        if len(units) > 1:
            return _pack(units, limit, " " if pattern is _SENTENCE_END else "\n")
    return [block[i : i + limit] for i in range(0, len(block), limit)]


def _pack(units: list[str], limit: int, sep: str) -> list[str]:
    out: list[str] = []
    current = ""
    for unit in units:
        for piece in _fit(unit, limit) if len(unit) > limit else [unit]:
            candidate = f"{current}{sep}{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                out.append(current)
                current = piece
    if current:
        out.append(current)
    return out
