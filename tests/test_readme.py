"""The README documents what users need, and its examples work."""

import json
import re
from pathlib import Path

from summarizer.backends.llm.pricing import load_pricing

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_price_file_example_loads(tmp_path):
    example = re.search(r"### Prices.*?```json\n(.*?)```", README, re.S)
    assert example, "README has no price file example"
    path = tmp_path / "prices.json"
    path.write_text(example.group(1))
    prices = load_pricing(path)
    assert set(prices) == set(json.loads(example.group(1)))
    assert prices["gpt-4o-mini"].batch_discount == 0.5


def test_links_point_at_the_contract_in_the_project():
    assert "SCHEMA.md" not in README
    assert "(docs/schema.md)" in README


def test_activation_record_and_replay_are_explained():
    assert ". .venv/bin/activate" in README
    assert "--record" in README and "--replay" in README and "--append" in README
