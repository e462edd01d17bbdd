"""The prompt: template files shipped as package data, versioned by the hash of their bytes.

Messages are Jinja templates rendered here, each compiled once, with the document inserted as a
value: it is never read as template syntax. (instructor could render them from `context=`, but it
compiles the template anew on every call, and the validator gets its source another way.) The
static part comes first and the document last, between "<document>" and "</document>" lines, so
providers' prompt caching covers the prefix; a delimiter written inside the document is defused.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, StrictUndefined, Template

from ...schema import ReportSummary

PACKAGE = "summarizer.prompts"
SYSTEM = "system.md"
USER = "user.md"
EXAMPLE_TEXT = "example.txt"
EXAMPLE_SUMMARY = "example.json"
FILES = (SYSTEM, USER, EXAMPLE_TEXT, EXAMPLE_SUMMARY)


@cache
def _bytes(name: str) -> bytes:
    return files(PACKAGE).joinpath(name).read_bytes()


def template(name: str) -> str:
    return _bytes(name).decode("utf-8")


def version_of(contents: dict[str, bytes]) -> str:
    """A short hash of named file contents, order-independent."""
    digest = hashlib.sha256()
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:12]


def prompt_version() -> str:
    """The version of the shipped prompt: any edit to a template or the example changes it."""
    return version_of({name: _bytes(name) for name in FILES})


def example() -> tuple[str, ReportSummary]:
    """The shipped worked example: a small report and its gold summary."""
    summary = ReportSummary.model_validate_json(_bytes(EXAMPLE_SUMMARY))
    return template(EXAMPLE_TEXT), summary


@cache
def _compiled(name: str) -> Template:
    # A missing value is an error, not an empty string: a template and its values stay in step.
    environment = Environment(autoescape=False, undefined=StrictUndefined)
    return environment.from_string(template(name))


def messages(
    document: str,
    *,
    few_shot: bool = False,
    part: int | None = None,
    parts: int | None = None,
    page: str = "",
    format_rules: str = "",
) -> list[dict[str, str]]:
    """The chat messages for one text: the system rules (and the answer format a mode without
    structured output needs), then the request with the page's metadata and the document."""
    values = template_values(document, few_shot=few_shot, part=part, parts=parts, page=page)
    return [
        {"role": "system", "content": _system() + format_rules},
        {"role": "user", "content": _compiled(USER).render(values)},
    ]


@cache
def _system() -> str:
    """The system rules, the same for every request: rendered once (with no values, so a
    value the template came to need would fail loudly rather than be left out)."""
    return _compiled(SYSTEM).render()


_TAG = re.compile(r"<(\s*/?\s*(?:example_)?(?:document|summary|page)\b)", re.IGNORECASE)


def fence_safe(document: str) -> str:
    """The document (or the page's metadata) with its own tag-like "<document>"/"</document>"
    defused ("‹/document>"), so that nothing inside it can close the delimiter and speak as the
    prompt."""
    return _TAG.sub(r"‹\1", document)


def template_values(
    document: str,
    *,
    few_shot: bool = False,
    part: int | None = None,
    parts: int | None = None,
    page: str = "",
) -> dict[str, Any]:
    """What the templates read: the document, the worked example when asked, which part, and
    what the page says about itself (its date line, its title and date metadata)."""
    values: dict[str, Any] = {
        "document": fence_safe(document.strip("\n")),
        "page": fence_safe(page.strip("\n")),
        "example_document": "",
        "example_summary": "",
        "part": part,
        "parts": parts if parts and parts > 1 else None,
    }
    if few_shot:
        values["example_document"], values["example_summary"] = _example_values()
    return values


@cache
def _example_values() -> tuple[str, str]:
    """The worked example as the user template shows it, made once per process."""
    text, summary = example()
    shown = json.dumps(summary.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return text.strip("\n"), shown
