"""A setting Kring cannot use stops every `kring` command, and the web app under any server,
with one line on stderr naming the variable, its value (briefly) and what it may be, and exit
code 2. Modules read the settings as they are imported (the database engine, the upload limit),
so this was a traceback from deep inside an import, before any command began."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.served import KRING, free_port

BAD = [
    (
        "KRING_LANGUAGE",
        "fr",
        "error: KRING_LANGUAGE is 'fr': it must be nl or en",
    ),
    (
        "KRING_DATABASE_URL",
        "mysql://x",
        "error: KRING_DATABASE_URL is 'mysql://x': it must be sqlite:/// and a file "
        "(e.g. sqlite:///var/kring.sqlite) or a PostgreSQL address "
        "(e.g. postgres://kring@127.0.0.1:5432/kring)",
    ),
    (
        "KRING_SMTP_PORT",
        "twenty-five",
        "error: KRING_SMTP_PORT is 'twenty-five': it must be a whole number from 1 to 65535",
    ),
    (
        "KRING_SECURE_COOKIES",
        "Maybe",
        "error: KRING_SECURE_COOKIES is 'Maybe': it must be true or false "
        "(or 1 or 0, yes or no, on or off)",
    ),
]
"""Each unusable setting and the one line it is answered with."""

COMMANDS = [
    ("migrate",),
    ("serve", "--port", "0"),
    ("serve", "--port", "0", "--workers", "2"),
    ("worker", "--once"),
    ("import", "members", __file__, "--dry-run"),
    ("privacy", "retention", "--dry-run"),
    ("createuser", "an@example.be", "--role", "admin"),
]


def _run(command: list[str], name: str, value: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {name: value, "KRING_BASE_URL": "http://127.0.0.1:8000"}
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )


def _refused_in_one_line(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines() == [line], result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command[:2]))
@pytest.mark.parametrize(("name", "value", "line"), BAD, ids=[name for name, _, _ in BAD])
def test_every_command_names_an_unusable_setting_in_one_line(command, name, value, line):
    _refused_in_one_line(_run([str(KRING), *command], name, value), line)


@pytest.mark.parametrize(("name", "value", "line"), BAD, ids=[name for name, _, _ in BAD])
def test_the_web_app_under_another_server_says_the_same(name, value, line):
    command = [sys.executable, "-m", "uvicorn", "assembly.app:app", "--port", str(free_port())]
    _refused_in_one_line(_run(command, name, value), line)


def test_a_long_value_is_shown_briefly_and_a_password_never():
    address = "mysql://kring:geheim-wachtwoord@" + "db" * 100 + ".example.be/kring"
    shown = "mysql://kring:…@" + "db" * 20 + "…"  # 57 characters: an address is long
    result = _run([str(KRING), "migrate"], "KRING_DATABASE_URL", address)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"KRING_DATABASE_URL is {shown!r}: it must be" in result.stderr
    assert "geheim" not in result.stderr and "example" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("KRING_DATABASE_URL", "postgres://kring@127.0.0.1:port/kring", "a PostgreSQL address"),
        ("KRING_DATABASE_URL", "sqlite:///", "sqlite:/// and a file"),
        ("KRING_SESSION_HOURS", "99999999999999", "a whole number from 1 to 8784"),
        ("KRING_DATABASE_POOL_SIZE", "-1", "a whole number from 0 to 1000"),
        ("KRING_UPLOAD_MAX_MB", "0", "a whole number from 1 to 10000"),
    ],
)
def test_a_value_that_would_fail_later_is_refused_at_the_start(name, value, allowed):
    """A port that is no number failed at the first query, a session of 10^14 hours at the
    first login (a 500): both are named before anything runs."""
    result = _run([str(KRING), "migrate"], name, value)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {name} is {value!r}: it must be "), line
    assert allowed in line, line
