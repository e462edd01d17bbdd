import json

import pytest

from summarizer.backends.llm.pricing import price
from summarizer.cli.exits import exit_code
from summarizer.errors import ConfigError

MILLION = 1_000_000


def _write(tmp_path, data) -> str:
    path = tmp_path / "prices.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_known_model_is_priced_from_genai_prices():
    usd = price("gpt-4o-mini", MILLION, 0, MILLION, provider_url="https://api.openai.com/v1")
    assert usd is not None and usd > 0
    cached = price("gpt-4o-mini", MILLION, MILLION // 2, MILLION)
    assert cached is not None and cached < usd  # cached prompt tokens cost less


def test_batch_prices_are_lower_where_the_table_knows_a_batch_rate():
    normal = price("gpt-4o-mini", MILLION, 0, MILLION)
    batch = price("gpt-4o-mini", MILLION, 0, MILLION, batch=True)
    assert normal is not None and batch is not None and batch < normal


@pytest.mark.parametrize(
    ("model", "provider_url"),
    [
        ("no-such-model-anywhere", None),
        ("gpt-4o-mini", "http://127.0.0.1:8000/v1"),  # a local server is not OpenAI's price list
    ],
)
def test_unknown_prices_are_none_never_a_guess(model, provider_url):
    assert price(model, 1000, 0, 1000, provider_url=provider_url) is None


def test_a_price_file_adds_and_overrides_models(tmp_path):
    table = {
        "local-model": {"input": 1.0, "cached_input": 0.5, "output": 2.0, "batch_discount": 0.5},
        "gpt-4o-mini": {"input": 100.0, "output": 100.0},
    }
    path = _write(tmp_path, table)
    # 600k uncached at $1, 400k cached at $0.5, 1M out at $2
    assert price("local-model", MILLION, 400_000, MILLION, pricing_file=path) == pytest.approx(2.8)
    assert price("local-model", MILLION, 400_000, MILLION, pricing_file=path, batch=True) == (
        pytest.approx(1.4)
    )
    assert price("gpt-4o-mini", MILLION, 0, 0, pricing_file=path) == pytest.approx(100.0)
    # cached_input defaults to input when the file does not give it
    assert price("gpt-4o-mini", MILLION, MILLION, 0, pricing_file=path) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "expected an object"),
        ({"m": 3}, "must be an object"),
        ({"m": {"input": "cheap", "output": 1}}, "m.input must be a non-negative number"),
        ({"m": {"input": 1}}, "m.output must be a non-negative number"),
        ({"m": {"input": -1, "output": 1}}, "m.input must be a non-negative number"),
    ],
)
def test_a_malformed_price_file_is_a_config_error(tmp_path, content, says):
    path = _write(tmp_path, content)
    with pytest.raises(ConfigError) as caught:
        price("m", 1, 0, 1, pricing_file=path)
    assert says in caught.value.one_line()
    assert exit_code(caught.value) == 2


def test_a_missing_price_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        price("m", 1, 0, 1, pricing_file=tmp_path / "absent.json")
