"""docs/schema.md documents every field of every model of the contract, and nothing else."""

import re
from pathlib import Path

import pytest

from summarizer import schema

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
MODELS = [
    schema.ReportSummary, schema.Metric, schema.Achievement, schema.Target, schema.Attendee,
    schema.Award, schema.VerificationReport, schema.Check, schema.SummaryResult,
    schema.SourceInfo, schema.Usage, schema.Alert,
]  # fmt: skip


def _documented() -> dict[str, set[str]]:
    """Field names of each `## Model` / `### Model` section's table."""
    sections: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"#{2,3} (\w+)\s*$", line)
        if heading:
            current = heading.group(1)
            continue
        row = re.match(r"\| `(\w+)` \|", line)
        if row and current:
            sections.setdefault(current, set()).add(row.group(1))
    return sections


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented_and_nothing_more(model):
    documented = _documented()
    assert model.__name__ in documented, f"docs/schema.md has no table for {model.__name__}"
    assert documented[model.__name__] == set(model.model_fields)


def test_every_documented_table_is_a_model():
    assert set(_documented()) == {m.__name__ for m in MODELS}


def test_every_model_of_the_schema_module_is_covered():
    models = {
        name for name, value in vars(schema).items()
        if isinstance(value, type) and issubclass(value, schema.BaseModel)
        and value.__module__ == schema.__name__ and not name.startswith("_")
    }  # fmt: skip
    assert models == {m.__name__ for m in MODELS}
