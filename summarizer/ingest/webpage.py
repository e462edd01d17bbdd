"""A web page's visible text (lxml) and its article and metadata (trafilatura, offline)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import lxml.html
import trafilatura
from lxml import etree

from .flathtml import flat_text
from .furniture import cut_furniture

# Elements whose content a reader never sees.
_HIDDEN_TAGS = {
    "script", "style", "noscript", "template", "meta", "link", "base", "svg", "math", "iframe",
    "object", "embed", "canvas", "audio", "video", "map", "datalist", "input", "textarea",
}  # fmt: skip
# Elements that start a new line, so words of neighbouring blocks never glue together.
_HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
    "main", "menu", "nav", "ol", "p", "pre", "section", "select", "summary", "table", "tbody",
    "tfoot", "thead", "title", "tr", "ul",
}  # fmt: skip
_HTML_CELLS = {"td", "th"}
# trafilatura's XML: blocks, table cells, line breaks; <graphic> carries only alt text.
_XML_BLOCKS = {
    "body", "doc", "main", "div", "head", "p", "list", "item", "quote", "code", "table", "row",
}  # fmt: skip
_XML_CELLS = {"cell"}
_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")


@dataclass(frozen=True)
class Page:
    text: str  # all visible text, one block a line
    article: str  # the article alone, lines verbatim from `text`
    title: str | None
    published: date | None


def _is_hidden(el: etree._Element) -> bool:
    tag = el.tag.lower()
    if tag in _HIDDEN_TAGS or el.get("hidden") is not None:
        return True
    if tag == "option":  # a closed list shows only its chosen option
        select = next((a for a in el.iterancestors("select")), None)
        options = list(select.iter("option")) if select is not None else [el]
        chosen = next((o for o in options if o.get("selected") is not None), options[0])
        return el is not chosen
    return bool(_STYLE_HIDDEN.search(el.get("style") or ""))


def _lines(
    root: etree._Element,
    blocks: set[str],
    cells: set[str],
    hidden: Callable[[etree._Element], bool],
    breaks: set[str],
) -> list[str]:
    """Text of the tree, one block a line, white space collapsed as a browser shows it."""
    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if not isinstance(el.tag, str):  # comments and processing instructions
            if event == "end" and el.tail:
                parts.append(el.tail)
            continue
        tag = el.tag.lower()
        if event == "start":
            if hidden(el):
                walker.skip_subtree()
                continue
            if tag in blocks or tag in breaks:
                parts.append("\n")
            elif tag in cells:
                prev = el.getprevious()
                parts.append(" | " if prev is not None and prev.tag in cells else "\n")
            if el.text:
                parts.append(el.text)
        else:
            if tag in blocks:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


_CAPTION_CLASS = re.compile(r"caption|chuthich|chu-thich|chu_thich|image-desc|img-desc", re.I)


def _captions(root: etree._Element, lines: list[str], article: list[str]) -> list[str]:
    """Photo captions the article extractor left out: a caption names who spoke or presented."""
    found: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or _is_hidden(el):
            continue
        if el.tag.lower() == "figcaption" or _CAPTION_CLASS.search(el.get("class") or ""):
            caption = " ".join(el.text_content().split())
            if caption and caption in lines and caption not in article and caption not in found:
                found.append(caption)
    return found


def _xml_hidden(el: etree._Element) -> bool:
    return el.tag == "graphic"


def _first_text(root: etree._Element, path: str) -> str | None:
    el = root.find(path)
    text = " ".join(el.text_content().split()) if el is not None else ""
    return text or None


def _date_after(lines: list[str], headline: str | None) -> date | None:
    """The first day/month/year in the lines under the headline: the article's date line."""
    start = lines.index(headline) + 1 if headline in lines else 0
    for line in lines[start : start + 3]:
        for day, month, year in _DATE.findall(line):
            try:
                return date(int(year), int(month), int(day))
            except ValueError:
                continue
    return None


def _extract(markup: str) -> trafilatura.settings.Document | None:
    """The article by trafilatura: offline, fast, captions kept, images dropped later."""
    quiet = logging.getLogger("trafilatura")
    if not quiet.handlers:  # its "discarding data" warnings are not ours to print
        quiet.addHandler(logging.NullHandler())
    found = trafilatura.bare_extraction(
        markup,
        fast=True,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    return None if isinstance(found, dict) else found  # as_dict=False: never a dict


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_page(markup: str) -> Page:
    """Visible text, article, headline and date of one HTML page."""
    markup = _XML_DECLARATION.sub("", markup, count=1)
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except etree.ParserError:
        return Page(text="", article="", title=None, published=None)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return _flat_page(markup)  # nested too deep for the tree: the rest would be lost
    lines = _lines(root, _HTML_BLOCKS, _HTML_CELLS, _is_hidden, {"br"})
    text = "\n".join(lines)
    h1 = _first_text(root, ".//h1")
    head_title = _first_text(root, ".//title")
    extracted = _extract(markup) if text else None
    article_lines: list[str] = []
    if extracted is not None and extracted.body is not None:
        article_lines = _lines(extracted.body, _XML_BLOCKS, _XML_CELLS, _xml_hidden, {"lb"})
    if article_lines and all(line in text for line in article_lines):
        captions = _captions(root, lines, article_lines)
        article = cut_furniture("\n".join(article_lines)) + "".join(f"\n{c}" for c in captions)
    else:  # nothing found, or trafilatura's raw fallback (it keeps hidden text, splits words)
        start = lines.index(h1) if h1 in lines else 0
        article = cut_furniture("\n".join(lines[start:]))
    title = (extracted.title if extracted else None) or h1 or head_title
    published = _parse_date(extracted.date if extracted else None) or _date_after(lines, h1)
    return Page(text=text, article=article, title=title, published=published)


def _flat_page(markup: str) -> Page:
    """A page nested deeper than lxml builds, read flat: all its visible text is the article."""
    lines, headline = flat_text(markup, _HIDDEN_TAGS, _HTML_BLOCKS, _HTML_CELLS)
    start = lines.index(headline) if headline in lines else 0
    article = cut_furniture("\n".join(lines[start:]))
    published = _date_after(lines, headline)
    return Page(text="\n".join(lines), article=article, title=headline, published=published)
