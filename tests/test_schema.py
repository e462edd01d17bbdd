import json
from pathlib import Path

import pytest

from summarizer.schema import ReportSummary, summary_json_schema

GOLD = sorted((Path(__file__).resolve().parents[1] / "eval" / "gold").glob("*.gold.json"))


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_files_round_trip_through_the_schema(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    summary = ReportSummary.model_validate(raw)
    again = json.loads(summary.model_dump_json())
    assert again == {"in_scope": True, **raw}  # the field is optional, true by default


def test_json_schema_describes_every_metric_field():
    schema = summary_json_schema()
    metric = schema["$defs"]["Metric"]["properties"]
    assert set(metric) == {"value", "total", "unit", "text", "qualifier"}
    assert all(metric[name].get("description") for name in metric)


def test_gold_set_is_present():
    assert len(GOLD) >= 15
