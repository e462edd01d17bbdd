"""Shared fixtures: a real OpenAI-compatible HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from summarizer.testing.fakeserver import FakeServer


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    """A started fake server answering with the rules backend; stopped after the test."""
    with FakeServer() as server:
        yield server
