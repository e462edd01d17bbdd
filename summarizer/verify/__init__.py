"""Stage 4: every claim of a summary held against the source at its own place."""

from .verifier import index_source, verify

__all__ = ["index_source", "verify"]
