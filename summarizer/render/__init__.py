"""Stage 5: a summary and its verification shown to a person."""

from .markdown import render_markdown, render_verification

__all__ = ["render_markdown", "render_verification"]
