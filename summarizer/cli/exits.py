"""Exit codes, known only to the command line: each error class maps to one.

0 done; 1 eval regression or another failure; 2 bad input or usage; 3 unverified (verify, or
--strict); 4 LLM failure; 5 some documents of a batch not done; 130 interrupted.
"""

from __future__ import annotations

from ..errors import (
    BudgetExceededError,
    EvalRegressionError,
    InputError,
    LLMError,
    SummarizerError,
    UsageError,
)

EXIT_CODES: dict[type[BaseException], int] = {
    InputError: 2,
    UsageError: 2,
    LLMError: 4,
    BudgetExceededError: 5,
    EvalRegressionError: 1,
    SummarizerError: 1,
}


def exit_code(exc: BaseException) -> int:
    """The code of the nearest class in the error's ancestry that has one."""
    for kind in type(exc).__mro__:
        if kind in EXIT_CODES:
            return EXIT_CODES[kind]
    return 1
