"""Turning INPUT arguments into report paths, and each path into an output name inside DIR.

An argument is a file (taken as given), a folder (searched recursively for names matching the
glob patterns; hidden entries and DIR itself are left out), or `@LIST`: a text file naming one
path per line (blank lines and lines starting with # are ignored; relative paths are read from
the current folder), each of which may again be a file or a folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath

from ..errors import InputError, UsageError
from ..ingest import open_regular

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.htm")
LIST_PREFIX = "@"
# Names the batch writes itself: a document never takes them.
RESERVED_STEMS = frozenset({"report", "ledger"})
_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_STEM = 80
MAX_LIST_BYTES = 50_000_000


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    path = PurePath(rel.lower())
    return any(path.match(pattern.lower()) for pattern in patterns)


def _walk(folder: Path, patterns: Sequence[str], skip: Path | None) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (skip is None or here / d != skip)
        )
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            if _matches(path.relative_to(folder).as_posix(), patterns):
                found.append(path)
    return found


def _read_list(arg: str) -> list[str]:
    list_path = Path(arg[len(LIST_PREFIX) :])
    try:
        with open_regular(list_path) as handle:
            data = handle.read(MAX_LIST_BYTES + 1)
        if len(data) > MAX_LIST_BYTES:
            raise InputError(str(list_path), f"path list larger than {MAX_LIST_BYTES:,} bytes")
        text = data.decode("utf-8-sig")
        if "\x00" in text:
            raise InputError(str(list_path), "the path list is not text (it holds NUL bytes)")
    except FileNotFoundError:
        raise InputError(str(list_path), "no such path list") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(str(list_path), f"cannot read the path list: {reason}") from None
    except UnicodeDecodeError:
        raise InputError(str(list_path), "the path list is not UTF-8 text") from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _expand_one(arg: str, patterns: Sequence[str], skip: Path | None, listed: bool) -> list[Path]:
    path = Path(arg)
    if path.is_dir():
        return _walk(path, patterns, skip)
    if not listed and not path.exists():
        raise InputError(
            arg, "no such file or folder", hint=f"a path list is given as {LIST_PREFIX}FILE"
        )
    return [path]  # a listed path that is missing fails as that document, and the run goes on


def _resolved(path: Path) -> Path:
    """The path with its links followed; a link loop stays as it is, and fails as a document."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def expand_inputs(
    args: Iterable[str], *, globs: Sequence[str] | None = None, exclude: Path | None = None
) -> list[Path]:
    """Every report path the arguments name, in order, each once (by its resolved path)."""
    patterns = tuple(globs) if globs else DEFAULT_GLOBS
    skip = exclude.resolve() if exclude is not None else None
    seen: set[Path] = set()
    paths: list[Path] = []
    for arg in args:
        listed = arg.startswith(LIST_PREFIX)
        for item in _read_list(arg) if listed else [arg]:
            for path in _expand_one(item, patterns, skip, listed):
                resolved = _resolved(path)
                if resolved not in seen and (skip is None or skip not in resolved.parents):
                    seen.add(resolved)
                    paths.append(resolved)
    if not paths:
        raise UsageError(
            "no report files found in the inputs",
            hint=f"folders are searched for {', '.join(patterns)}; change it with --glob",
        )
    return paths


def safe_stem(path: Path) -> str:
    """The file's stem reduced to letters, digits, '-', '_' and '.', never starting with '.'."""
    stem = unicodedata.normalize("NFC", path.stem)
    stem = _UNSAFE.sub("_", stem).strip("._")[:_MAX_STEM].rstrip("._")
    return stem or "document"


def _hashed(path: Path, stem: str) -> str:
    return f"{stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}.json"


def output_names(
    paths: Sequence[Path], claimed: Mapping[str, str], previous: Mapping[str, str]
) -> dict[Path, str]:
    """An output file name for each path: the name it had before, else `<stem>.json` when no
    other input or earlier output shares it, else `<stem>-<hash of the path>.json`.

    `claimed` maps a folded output name to the path that holds it; `previous` maps a path to
    the output name an earlier run gave it. Names hold no separator, so none leaves DIR.
    """
    stems = {path: safe_stem(path) for path in paths}
    counts = Counter(stem.casefold() for path, stem in stems.items() if str(path) not in previous)
    names: dict[Path, str] = {}
    for path, stem in stems.items():
        earlier = previous.get(str(path))
        if earlier is not None:
            names[path] = earlier
            continue
        plain = f"{stem}.json"
        owner = claimed.get(plain.casefold())
        shared = counts[stem.casefold()] > 1 or stem.casefold() in RESERVED_STEMS
        taken = owner is not None and owner != str(path)
        names[path] = _hashed(path, stem) if shared or taken else plain
    return names
