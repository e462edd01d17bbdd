"""Stage 3: backends turn a Document into a ReportSummary; they depend on the core, never the reverse."""

from .base import (
    Backend,
    BaseBackend,
    BatchAnswer,
    BatchEndpoint,
    BatchStatus,
    Extraction,
    SyncBackend,
    paid_answer_sink,
    paid_answers,
)
from .factory import backend_class, default_concurrency, make_backend

__all__ = [
    "Backend",
    "BaseBackend",
    "BatchAnswer",
    "BatchEndpoint",
    "BatchStatus",
    "Extraction",
    "SyncBackend",
    "backend_class",
    "default_concurrency",
    "make_backend",
    "paid_answer_sink",
    "paid_answers",
]
