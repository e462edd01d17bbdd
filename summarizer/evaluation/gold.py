"""The gold set: each document X.txt/.md/.html/.htm with its annotated summary X.gold.json beside it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import InputError
from ..schema import ReportSummary

GOLD_SUFFIX = ".gold.json"
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class GoldItem:
    name: str  # the stem X shared by the document and its gold file
    source: Path
    gold_path: Path
    gold: ReportSummary


def first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "top level"
    return f"{where}: {first['msg']}"


def read_json_object(path: Path) -> dict:
    """Parse a JSON file, turning every failure into an InputError that names the file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(raw, dict):
        raise InputError(str(path), "does not hold a JSON object")
    return raw


def _load_gold(path: Path) -> ReportSummary:
    try:
        return ReportSummary.model_validate(read_json_object(path))
    except ValidationError as exc:
        raise InputError(
            str(path),
            f"is not a summary ({first_error(exc)})",
            hint="a gold file follows docs/schema.md; see eval/README.md",
        ) from None


def _document_for(gold_path: Path) -> Path:
    stem = gold_path.name[: -len(GOLD_SUFFIX)]
    found = [gold_path.with_name(stem + s) for s in DOCUMENT_SUFFIXES]
    found = [p for p in found if p.is_file()]
    if not found:
        raise InputError(
            str(gold_path),
            "has no document beside it",
            hint=f"add {stem}.txt, .md, .html or .htm to the same folder",
        )
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise InputError(str(gold_path), f"matches more than one document ({names})")
    return found[0]


def load_gold_set(folder: Path) -> list[GoldItem]:
    """Every document of the gold set with its gold summary, in name order."""
    if not folder.exists():
        raise InputError(str(folder), "does not exist", hint="pass the gold folder, e.g. eval/gold")
    if not folder.is_dir():
        raise InputError(
            str(folder), "is not a folder", hint="pass the gold folder, e.g. eval/gold"
        )
    items = []
    for gold_path in sorted(folder.glob("*" + GOLD_SUFFIX)):
        name = gold_path.name[: -len(GOLD_SUFFIX)]
        items.append(GoldItem(name, _document_for(gold_path), gold_path, _load_gold(gold_path)))
    if not items:
        raise InputError(
            str(folder), f"holds no *{GOLD_SUFFIX} files", hint="see eval/README.md to add some"
        )
    return items
