"""Reading report files (.txt, .md, .html, .htm) into one normalised text.

`Document.text` is the whole visible text, NFC-normalised: the verifier checks against it and
every span the tool reports is an offset into it. `Document.article` is what extractors read:
the article alone, page furniture removed.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from .furniture import read_article

DEFAULT_MAX_BYTES = 2_000_000
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

# Byte-order marks, longest first (UTF-32's begin with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_URL = re.compile(r"^[a-z][a-z0-9+.-]+:/", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01  # more control characters than this is binary data, not a report


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # whole visible text, NFC; spans index this
    article: str  # the article for extractors; furniture removed
    sha256: str  # of the file's bytes
    encoding: str
    title: str | None = None  # from HTML metadata when present
    published: date | None = None  # from HTML metadata when present
    cut: tuple[int, int] | None = None  # a tail cut of more than a third of the text

    @property
    def chars(self) -> int:
        return len(self.text)


def _stat(path: Path, shown: str) -> os.stat_result:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except PermissionError:
        raise InputError(shown, "permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(shown, "is a directory, not a report file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(shown, "not a regular file")
    return info


def _check_suffix(path: Path, shown: str) -> None:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{path.suffix}'" if path.suffix else "a file without an extension"
        raise InputError(
            shown,
            f"unsupported file type {kind}",
            hint=f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
            supported=SUPPORTED_SUFFIXES,
        )


def _too_large(shown: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        shown,
        f"file is {size:,} bytes, larger than the limit of {max_bytes:,} bytes",
        hint="raise the limit with --max-bytes or SUMMARIZER_MAX_BYTES",
        size=size,
        max_bytes=max_bytes,
    )


def _read_bytes(path: Path, shown: str, size: int, max_bytes: int) -> bytes:
    """The file's bytes, refusing before reading when it is larger than max_bytes."""
    if size > max_bytes:
        raise _too_large(shown, size, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(shown, "permission denied", hint="check the file's permissions") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise InputError(shown, "is a directory, not a report file") from None
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # grew since stat
        raise _too_large(shown, len(data), max_bytes)
    return data


def _is_text(text: str) -> bool:
    return "\x00" not in text and len(_CONTROL.findall(text)) <= _MAX_CONTROL_SHARE * len(text)


def _sniff_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: Latin-script text has a zero in every other byte."""
    if len(data) % 2:
        return None
    half = len(data) // 2
    even_zeros, odd_zeros = data[0::2].count(0), data[1::2].count(0)
    for codec, zeros, others in (
        ("utf-16-le", odd_zeros, even_zeros),
        ("utf-16-be", even_zeros, odd_zeros),
    ):
        if zeros >= 0.2 * half and others <= 0.01 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _is_text(text):
                return text, codec
    return None


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray bytes (a bad copy or cut): keep it, each stray byte as U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad <= max(1, len(data) // 1000) and multibyte >= 20 * bad:
        return text, f"utf-8 ({bad} invalid byte{'s' if bad > 1 else ''} replaced)"
    return None


def _declared_charset(data: bytes) -> str | None:
    found = _DECLARED_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        return codecs.lookup((found[1] or found[2]).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _decode(data: bytes, shown: str, *, html: bool) -> tuple[str, str]:
    """The text and the encoding it was written in."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError:
                raise InputError(
                    shown, f"starts with a {codec} byte-order mark but is not valid {codec}"
                ) from None
    if b"\x00" in data:
        found = _sniff_utf16(data)
        if found is None:
            raise InputError(shown, "binary file (contains NUL bytes), not a text report")
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data) if html else None
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    found = _mostly_utf8(data)
    if found:
        return found
    import charset_normalizer  # 30 ms of imports, paid only for an undetected encoding

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(
            shown,
            "cannot decode the text: not UTF-8, UTF-16 or another known encoding",
            hint="save the file as UTF-8",
        )
    return str(best), codecs.lookup(best.encoding).name


def _normalise(text: str) -> str:
    """One form for every input: no BOM, LF line ends, NFC (Windows-1258 writes tones apart)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _build(text: str, *, path: str, sha256: str, encoding: str, html: bool) -> Document:
    text = _normalise(text)
    if not text.strip():
        raise InputError(path, "file is empty" if not text else "file contains only white space")
    if not _is_text(text):
        raise InputError(path, "binary data (control characters), not a text report")
    if not html:
        article, cut = read_article(text)
        return Document(path, text, article, sha256, encoding, cut=cut)
    from .webpage import read_page  # lxml and trafilatura load for web pages only

    page = read_page(text)
    if not page.text.strip():
        raise InputError(path, "the page has no visible text")
    return Document(
        path,
        unicodedata.normalize("NFC", page.text),
        unicodedata.normalize("NFC", page.article),
        sha256,
        encoding,
        title=unicodedata.normalize("NFC", page.title) if page.title else None,
        published=page.published,
    )


def _is_html(path: str | Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def read_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and normalise one report; raise InputError with the reason when it cannot."""
    shown = str(path)
    if _URL.match(shown):
        raise InputError(
            shown,
            "is a web address; the tool reads files only",
            hint="save the page first, e.g. curl -o page.html URL, and pass the file",
        )
    path = Path(path)
    info = _stat(path, shown)
    _check_suffix(path, shown)
    data = _read_bytes(path, shown, info.st_size, max_bytes)
    if not data:
        raise InputError(shown, "file is empty")
    html = _is_html(path)
    text, encoding = _decode(data, shown, html=html)
    digest = hashlib.sha256(data).hexdigest()
    return _build(text, path=shown, sha256=digest, encoding=encoding, html=html)


def document_from_text(text: str, *, path: str = "<text>") -> Document:
    """A Document from text already in memory (tests, chunks, stdin)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _build(text, path=path, sha256=digest, encoding="utf-8", html=_is_html(path))


def document_from_bytes(
    data: bytes, *, path: str = "<stdin>", max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """A Document from bytes read elsewhere (standard input): decoded and checked like a file."""
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    if not data:
        raise InputError(path, "no input", hint="pipe a report in, or name a file")
    head = data[:512].lstrip().lower()
    html = head.startswith((b"<!doctype html", b"<html")) or _is_html(path)
    text, encoding = _decode(data, path, html=html)
    return _build(
        text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, html=html
    )
