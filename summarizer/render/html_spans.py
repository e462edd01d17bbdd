"""The source text with every check's span as one element around exactly that span.

An HTML element is a contiguous, properly nested range, so a set of spans can be drawn one
element each only when no two of them cross (each pair is disjoint or one holds the other).
The layout keeps spans greedily in (start, longest first) order: a span that lies inside every
open span it starts in is nested there; a span that starts inside an open span and ends after it
would cross it and is not drawn as an element. Its check is still listed in the page's data with
its offsets, and the page's script paints it with a Range over the same text when it is picked,
so every span can be shown while every element stays exact. Identical spans nest, so two checks
on the same words each get their element. The text between tags is the source itself, escaped:
the container's text content equals the source text character for character.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """One span to draw: a check's (data-path, data-status, tone) or an alert's code."""

    start: int
    end: int
    attrs: tuple[tuple[str, str], ...]
    order: int  # the check's index: ties keep the summary's order


def nest(marks: Iterable[Mark], length: int) -> tuple[list[Mark], list[Mark]]:
    """Split marks into those drawn as nested elements and those that would cross one."""
    valid = [m for m in marks if 0 <= m.start <= m.end <= length]
    ordered = sorted(valid, key=lambda m: (m.start, -m.end, m.order))
    kept: list[Mark] = []
    crossing: list[Mark] = []
    stack: list[Mark] = []
    for mark in ordered:
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            crossing.append(mark)
            continue
        kept.append(mark)
        stack.append(mark)
    return kept, crossing


def _open(mark: Mark) -> str:
    attrs = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in mark.attrs)
    return f"<mark{attrs}>"


CHUNK = 2000  # characters; the source is cut into blocks the browser may leave unrendered


def render_source(text: str, kept: Sequence[Mark]) -> str:
    """The escaped source with each kept mark's element opened at its start, closed at its end.

    `kept` must be nested as `nest` returns it (sorted by start, longest first). Outside every
    mark, the text is cut after a blank line into `<div class="chunk">` blocks of about CHUNK
    characters, so that a long report's off-screen part costs no layout (content-visibility).
    """
    out: list[str] = ['<div class="chunk">']
    pos = 0
    last_cut = 0
    stack: list[Mark] = []

    def advance(to: int) -> None:
        nonlocal pos, last_cut
        while not stack and to - last_cut > CHUNK:
            cut = text.find("\n\n", max(pos, last_cut + CHUNK), to)
            if cut < 0:
                break
            cut += 2
            out.append(html.escape(text[pos:cut], quote=False) + '</div><div class="chunk">')
            pos = last_cut = cut
        if to > pos:
            out.append(html.escape(text[pos:to], quote=False))
            pos = to

    for mark in kept:
        while stack and stack[-1].end <= mark.start:
            top = stack.pop()
            advance(top.end)
            out.append("</mark>")
        advance(mark.start)
        out.append(_open(mark))
        stack.append(mark)
    while stack:
        top = stack.pop()
        advance(top.end)
        out.append("</mark>")
    advance(len(text))
    out.append("</div>")
    return "".join(out)
