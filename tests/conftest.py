"""Shared fixtures: a real OpenAI-compatible HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from summarizer.testing.browser import CHROMIUM, CHROMIUM_ARGS
from summarizer.testing.fakeserver import FakeServer


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    """A started fake server answering with the rules backend; stopped after the test."""
    with FakeServer() as server:
        yield server


# --- A real browser for the HTML pages: Debian's chromium driven by Playwright ------------------


@pytest.fixture(scope="module")
def chromium():
    """One headless chromium per test module (its event loop stays out of the async tests'
    way); a missing browser fails loudly, never skips."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh page that records script errors and every request leaving file://."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors = []
    page.outside = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on(
        "request",
        lambda req: None if req.url.startswith("file://") else page.outside.append(req.url),
    )
    yield page
    context.close()
