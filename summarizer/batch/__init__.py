"""Many documents at once: `summarizer batch` and `summarizer report`.

inputs expands the arguments; plan decides per document (send, skip, adopt) against the
ledger; live runs documents concurrently under rate limits and a budget, batchapi through the
provider's batch endpoint; work writes each output; report rebuilds the cost report from the
ledger. Nothing here prints: the runner reports through a listener.
"""

from __future__ import annotations

from .context import BatchOptions
from .events import Event, Totals
from .inputs import DEFAULT_GLOBS, expand_inputs, output_names
from .keys import RunConfig, doc_key
from .ledger import LEDGER_NAME, Ledger, load_state, read_records
from .report import DEFAULT_COMPARE_MODELS, build_report, write_report
from .runner import RunOutcome, run_batch

__all__ = [
    "DEFAULT_COMPARE_MODELS",
    "DEFAULT_GLOBS",
    "LEDGER_NAME",
    "BatchOptions",
    "Event",
    "Ledger",
    "RunConfig",
    "RunOutcome",
    "Totals",
    "build_report",
    "doc_key",
    "expand_inputs",
    "load_state",
    "output_names",
    "read_records",
    "run_batch",
    "write_report",
]
