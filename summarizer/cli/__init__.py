"""The command line: the one place that knows about exit codes (exits.py) and terminal output."""

from __future__ import annotations

import os
import sys

import typer

from ..errors import SummarizerError
from . import batch, evaluate, single  # noqa: F401  (registers the commands)
from .exits import exit_code
from .options import app, err

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: every known error becomes one line and its exit code, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except SummarizerError as exc:
        err(exc.one_line())
        sys.exit(exit_code(exc))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected
        import click

        # typer 0.2x raises its own copy of click's exceptions
        usage = (click.ClickException, getattr(typer, "TyperException", click.ClickException))
        if isinstance(exc, usage) and hasattr(exc, "show"):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (set SUMMARIZER_DEBUG=1 for a traceback)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
