"""The prompt: template files shipped as package data, versioned by the hash of their bytes.

Messages are Jinja templates that instructor renders with the validation context it is given
(`context=` feeds both templating and validators), so the document is inserted as a value and is
never read as template syntax. The static part comes first and the document last, between
"<document>" and "</document>" lines, so providers' prompt caching covers the prefix.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from typing import Any

from ...schema import ReportSummary

PACKAGE = "summarizer.prompts"
SYSTEM = "system.md"
USER = "user.md"
EXAMPLE_TEXT = "example.txt"
EXAMPLE_SUMMARY = "example.json"
FILES = (SYSTEM, USER, EXAMPLE_TEXT, EXAMPLE_SUMMARY)

# Context keys the validator reads; the template reads the others.
SOURCE_KEY = "source"
STATE_KEY = "state"


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


def messages() -> list[dict[str, str]]:
    """The chat messages as templates; instructor renders them with `context`."""
    return [
        {"role": "system", "content": template(SYSTEM)},
        {"role": "user", "content": template(USER)},
    ]


def context(
    document: str,
    source: str,
    *,
    few_shot: bool = False,
    part: int | None = None,
    parts: int | None = None,
) -> dict[str, Any]:
    """Template values plus what the validator needs: the source to verify against and a
    scratch space where it keeps the last summary that fit the schema."""
    values: dict[str, Any] = {
        "document": document.strip("\n"),
        "example_document": "",
        "example_summary": "",
        "part": part,
        "parts": parts if parts and parts > 1 else None,
        SOURCE_KEY: source,
        STATE_KEY: {},
    }
    if few_shot:
        text, summary = example()
        values["example_document"] = text.strip("\n")
        values["example_summary"] = json.dumps(
            summary.model_dump(mode="json"), ensure_ascii=False, indent=2
        )
    return values
