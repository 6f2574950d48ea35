"""A command that sends mail needs KRING_BASE_URL: without it `kring worker` wrote links to
http://127.0.0.1:8000 into privacy notices, introduction mails and mailings' unsubscribe links,
which nobody who receives them can open. `kring serve` derives its own from --host and --port;
the worker and `kring mailings send` know no port, so they refuse to start and say what to set."""

from __future__ import annotations

import pytest

from tests.cli import Ran, kring

LOCAL = "http://127.0.0.1:8000"
KEY = "a-test-secret-key"


def _kring(*args: str, base_url: str | None) -> Ran:
    return kring(*args, env={"KRING_BASE_URL": base_url})


@pytest.mark.parametrize(
    "command", [("worker", "--once"), ("worker",), ("mailings", "send", "1", "--yes")]
)
@pytest.mark.parametrize("base_url", [None, "", "   "])
def test_a_command_that_sends_mail_refuses_to_start_without_a_base_url(command, base_url):
    result = _kring(*command, base_url=base_url)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "KRING_BASE_URL is not set" in result.stderr
    assert f"KRING_BASE_URL={LOCAL}" in result.stderr  # what to type for the demo
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_the_worker_runs_with_a_base_url_set_even_to_this_machine():
    result = _kring("worker", "--once", base_url=LOCAL)
    assert result.returncode == 0, result.stderr
    assert "expired sessions" in result.stdout


def test_commands_that_send_no_mail_need_no_base_url():
    result = _kring("privacy", "retention", "--dry-run", base_url=None)
    assert result.returncode == 0, result.stderr
    assert "login_months" in result.stdout


@pytest.mark.parametrize(
    "address", ["kring.example.be", "javascript:alert(1)", "http://", "ftp://k.be"]
)
def test_a_base_url_no_browser_opens_is_refused_naming_it(address):
    result = _kring("worker", "--once", base_url=address)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"KRING_BASE_URL is {address!r}" in result.stderr and "Traceback" not in result.stderr


def test_spaces_around_the_base_url_are_dropped():
    from kring.settings import Settings

    settings = Settings.from_env({"KRING_SECRET_KEY": KEY, "KRING_BASE_URL": " https://k.be/ "})
    assert settings.base_url == "https://k.be"
