"""Text from a document, a model or a file name, made inert in Markdown: HTML is escaped and
link, image and emphasis syntax is backslashed, so a brief or report shows the text as written
and a viewer never runs or follows it."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"[\\`*_\[\]]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md(text: object) -> str:
    """One line of inert Markdown: white space folded, HTML escaped, link syntax broken."""
    flat = " ".join(str(text).split())
    flat = _MARKUP.sub(lambda m: "\\" + m.group(), flat)
    return "".join(_HTML.get(ch, ch) for ch in flat)
