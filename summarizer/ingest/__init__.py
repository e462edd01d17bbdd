"""Stage 1: report files and web pages read into one normalised text with its spans."""

from .files import (
    DEFAULT_MAX_BYTES,
    Document,
    document_from_bytes,
    document_from_text,
    read_document,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "document_from_bytes",
    "document_from_text",
    "read_document",
]
