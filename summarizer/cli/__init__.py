"""The command line: the one place that knows about exit codes (exits.py) and terminal output."""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer

from ..errors import SummarizerError
from ..schema import Usage
from . import batch, evaluate, single  # noqa: F401  (registers the commands)
from .exits import exit_code
from .options import QuietOpt, VerboseOpt, app, err, set_verbosity

__all__ = ["app", "main"]


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Typed, number-verified summaries of Vietnamese provincial Information and Communications
    review reports. Runs offline with the rules backend; set --model or --base-url (or
    SUMMARIZER_MODEL / OPENAI_BASE_URL) to use an LLM."""
    set_verbosity(quiet=quiet, verbose=verbose)


def _spent(exc: SummarizerError) -> None:
    """Under -v, what a failed document's requests were billed: a failure costs too."""
    usage = exc.data.get("usage")
    if isinstance(usage, Usage) and usage.requests:
        logging.getLogger("summarizer").debug(
            "spent on it: %d request(s), %d answer(s), %d prompt + %d completion tokens",
            usage.requests,
            usage.attempts,
            usage.prompt_tokens,
            usage.completion_tokens,
        )


def main() -> None:
    """Entry point: every known error becomes one line and its exit code, never a traceback."""
    try:
        code = app(standalone_mode=False, prog_name="summarizer")
    except SummarizerError as exc:
        err(exc.one_line())
        _spent(exc)
        sys.exit(exit_code(exc))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
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
