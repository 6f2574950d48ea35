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


@pytest.fixture(scope="session")
def browser():
    """One chromium per test process, kept to its end. Package-scoped, it was closed whenever
    the process went on with a file of another package, and started again (a second of CPU) for
    the next browser file: `make test` hands a process files of every package in turn."""
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
