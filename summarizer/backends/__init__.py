"""Stage 3: backends turn a Document into a ReportSummary; they depend on the core, never the reverse."""

from .base import Backend, Extraction, SyncBackend
from .factory import default_concurrency, make_backend

__all__ = ["Backend", "Extraction", "SyncBackend", "default_concurrency", "make_backend"]
