"""Debian's chromium, driven by playwright, against `live_server` (tests/conftest.py)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="package")
def browser():
    """One chromium for the browser files a test process runs in a row (`make test` gives each
    process its browser files first: tests/conftest.py). Not for the whole session: playwright's
    sync API keeps an event loop running in the test thread while it is open, and the commands
    other packages' tests run in-process (`asyncio.run`) then fail."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(
            "Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE")
    yield context.new_page()
    context.close()
