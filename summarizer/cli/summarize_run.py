"""`summarize` over one or more inputs: read each (a file or standard input), summarise, write."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import InputError
from .exits import exit_code
from .options import err, note
from .outputs import Target, plural, write_text

if TYPE_CHECKING:  # the models cost half a second to load; --help and --version need none
    from ..schema import SummaryResult


def _read(name: str, settings: Settings):
    from ..ingest import document_from_bytes, read_document

    if name == "-":
        return document_from_bytes(sys.stdin.buffer.read(), max_bytes=settings.max_bytes)
    return read_document(name, max_bytes=settings.max_bytes)


def render(result: SummaryResult, fmt: str, source_text: str, *, lines: bool = False) -> str:
    """The result in the asked format; JSON Lines when several results share one stream."""
    if fmt == "json":
        return result.model_dump_json() if lines else result.model_dump_json(indent=2)
    from .. import render as rendering

    if fmt == "html":
        return rendering.render_html(result, source_text)
    return rendering.render_markdown(result)


def _joined(texts: list[str], fmt: str) -> str:
    if fmt == "json":
        return "\n".join(texts)
    return "\n---\n\n".join(t.rstrip("\n") + "\n" for t in texts)


def _strict_line(path: str, result: SummaryResult) -> str:
    """One line for --strict: how many claims failed, then every alert's code."""
    codes = ", ".join(dict.fromkeys(alert.code for alert in result.alerts))
    failed = len(result.verification.failures)
    if failed:
        return f"{plural(failed, 'claim')} not verified against {path}; alerts: {codes}"
    return f"alerts for {path}: {codes}"


def run_summaries(
    files: list[str],
    make_backend: Callable[[], Any],
    settings: Settings,
    target: Target,
    *,
    show_source: bool,
    strict: bool,
) -> int:
    """Summarise each input; bad inputs are reported and skipped. Returns the exit code.

    The backend is made after the first input reads well, so a bad lone input is one line."""
    from ..pipeline import summarize_document

    backend = None
    several = len(files) > 1
    texts: list[str] = []
    code = 0
    unverified = 0
    for name in files:
        try:
            doc = _read(name, settings)
        except InputError as exc:
            err(exc.one_line())
            code = exit_code(exc)
            continue
        backend = backend or make_backend()
        result = summarize_document(doc, backend)
        text = render(result, target.fmt, doc.text, lines=several and not target.folder)
        path = target.path_for(name)
        if path is not None:
            write_text(text, path)
            note(f"summarizer: wrote {path}")
        else:
            texts.append(text)
        if show_source:
            note(f"--- normalised source of {doc.path} ({plural(doc.chars, 'char')}) ---")
            note(doc.text)
        for warning in result.usage.warnings:
            note(f"summarizer: warning: {warning}")
        if not result.verification.verified or result.alerts:
            unverified += 1
            if strict:
                err(_strict_line(doc.path, result))
    if texts:
        write_text(_joined(texts, target.fmt), None if target.folder else target.out)
    if code:
        return code
    return 3 if strict and unverified else 0
