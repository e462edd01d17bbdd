"""What a web page says about its article outside the article's text: title, date line, date.

Ingest keeps the article apart from the page's furniture, and the furniture holds the date line
("Thứ năm, 21/01/2021 15:00"); the HTML metadata holds the title and the publication date. The
prompt carries these beside the article, so the model can fill `published_date` and `title`.
"""

from __future__ import annotations

import re

from ...ingest import Document

_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d{2}(?!\d)")
MAX_LINE = 200


def date_line(doc: Document) -> str | None:
    """The first short line of the page outside the article that holds a full date."""
    if not doc.article or doc.article == doc.text:
        return None
    for raw in doc.text.splitlines():
        line = raw.strip()
        if line and len(line) <= MAX_LINE and _DATE.search(line) and line not in doc.article:
            return line
    return None


def page_lines(doc: Document) -> str:
    """The page's own statements about the article, one a line; empty when it makes none."""
    lines = []
    if doc.title:
        lines.append(f"Page title (metadata): {doc.title}")
    if doc.published:
        lines.append(f"Published (metadata): {doc.published.isoformat()}")
    found = date_line(doc)
    if found:
        lines.append(f"Date line of the page: {found}")
    return "\n".join(lines)
