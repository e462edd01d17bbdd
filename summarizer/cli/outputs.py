"""Where `summarize` writes: stdout, one file, or <stem>.<ext> files inside a folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import typer

from ..errors import UsageError

# File extensions and the format each one means; a format another module adds is found by name.
EXTENSIONS = {
    ".json": "json",
    ".jsonl": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
SUFFIX = {"json": ".json", "markdown": ".md", "html": ".html"}


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def pick_format(given: str | None, out: Path | None, *, folder: bool, known: list[str]) -> str:
    """--format when given, else what --out's extension says, else json; a conflict is an error."""
    implied = None if out is None or folder else EXTENSIONS.get(out.suffix.lower())
    if implied is not None and implied not in known:
        implied = None
    if given is None:
        return implied or "json"
    if out is not None and implied is not None and implied != given:
        fitting = out.with_suffix(SUFFIX.get(given, "." + given)).name
        raise UsageError(
            f"--format {given} does not match --out {out} (a {implied} file)",
            hint=f"drop --format, or name the file {fitting}",
        )
    return given


def is_folder(out: Path | None, count: int) -> bool:
    """--out names a folder when it is one, ends with a slash, or several files go into it."""
    if out is None:
        return False
    return out.is_dir() or str(out).endswith(("/", os.sep)) or (count > 1 and not out.suffix)


@dataclass
class Target:
    """One place results go."""

    out: Path | None
    folder: bool
    fmt: str

    def path_for(self, name: str) -> Path | None:
        """The file a result for input `name` goes to inside the folder; None when not a folder."""
        if not self.folder or self.out is None:
            return None
        stem = Path(name).stem if name != "-" else "stdin"
        return self.out / f"{stem}{SUFFIX.get(self.fmt, '.' + self.fmt)}"


def write_text(text: str, out: Path | None) -> None:
    """Write atomically to a file (no temporary file left behind on failure), or print."""
    if out is None:
        typer.echo(text.rstrip("\n"))
        return
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder", hint="name a file, or pass several inputs")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
