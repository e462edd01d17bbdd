"""Stage 5: a summary and its verification shown to a person."""

from .html import render_html
from .markdown import render_markdown, render_verification

__all__ = ["render_html", "render_markdown", "render_verification"]
