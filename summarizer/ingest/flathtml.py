"""A page's visible text read as a flat stream of tags, for markup nested deeper than a tree
parser builds (libxml2 stops at 256 levels and drops the rest): no tree, so no depth limit."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements without an end tag: they never open a level.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class FlatText(HTMLParser):
    """Visible text, one block a line; the first <title> and <h1> as they read."""

    def __init__(self, hidden: set[str], blocks: set[str], cells: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self._hidden, self._blocks, self._cells = hidden, blocks, cells
        self.parts: list[str] = []
        self._open: list[str] = []  # tags open now
        self._hidden_at: int | None = None  # depth of the open element that hides its content
        self._heads: dict[str, list[str]] = {}
        self._heading: str | None = None  # "title" or "h1" while the first of it is read
        self._cell_closed_at: int | None = None  # depth where a table cell last ended

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        hides = (
            tag in self._hidden
            or "hidden" in named
            or bool(_STYLE_HIDDEN.search(named.get("style") or ""))
        )
        if tag in _VOID:
            if self._hidden_at is None and (tag == "br" or tag in self._blocks):
                self.parts.append("\n")
            return
        beside_cell = self._cell_closed_at == len(self._open)
        self._open.append(tag)
        if self._hidden_at is not None:
            return
        if hides:
            self._hidden_at = len(self._open)
            return
        if tag in self._blocks:
            self.parts.append("\n")
        elif tag in self._cells:
            self.parts.append(" | " if beside_cell else "\n")
        if tag in ("title", "h1") and tag not in self._heads:
            self._heads[tag] = []
            self._heading = tag

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # a stray end tag closes nothing
        while self._open:
            closed = self._open.pop()
            if self._hidden_at is not None and len(self._open) < self._hidden_at:
                self._hidden_at = None
            elif self._hidden_at is None and closed in self._blocks:
                self.parts.append("\n")
            self._cell_closed_at = len(self._open) if closed in self._cells else None
            if closed == self._heading:
                self._heading = None
            if closed == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._hidden_at is None:
            self.parts.append(data)
            if self._heading is not None:
                self._heads[self._heading].append(data)

    def lines(self) -> list[str]:
        text = "".join(self.parts)
        return [" ".join(line.split()) for line in text.split("\n") if line.strip()]

    def heading(self, tag: str) -> str | None:
        text = " ".join("".join(self._heads.get(tag, [])).split())
        return text or None


def flat_text(
    markup: str, hidden: set[str], blocks: set[str], cells: set[str]
) -> tuple[list[str], str | None]:
    """The visible lines of `markup` and its headline (first <h1>, else <title>)."""
    reader = FlatText(hidden, blocks, cells)
    reader.feed(markup)
    reader.close()
    return reader.lines(), reader.heading("h1") or reader.heading("title")
