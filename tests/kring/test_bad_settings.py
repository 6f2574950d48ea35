"""A setting Kring cannot use stops every `kring` command, and the web app under any server,
with one line on stderr naming the variable, its value (briefly) and what it may be, and exit
code 2. Modules read the settings as they are imported (the database engine, the upload limit,
the password hasher), so this was a traceback from deep inside an import, before any command
began; the settings a module reads only when it uses them (`KRING_REAUTH_MINUTES`) were a 500
at the first page that did. A database that does not exist or cannot be reached was 70 lines
of traceback at the first connection.

Every run is a real `kring` process; they run side by side in threads (`outcomes`), as they
wait mostly on Python starting."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tokenize
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.served import KRING, free_port

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGES = (
    "assembly", "kring", "matching", "privacy", "mailings", "events", "introductions",
    "members", "awards", "projects", "library",
)  # fmt: skip
"""The packages Kring runs from (the import-linter's root packages): their `KRING_` names
are the settings; tests and benchmarks have their own."""

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
"""Each unusable setting and the one line it is answered with, by every command."""
READ_WHEN_USED = (
    "KRING_REAUTH_MINUTES",
    "abc",
    "error: KRING_REAUTH_MINUTES is 'abc': it must be a whole number from 1 to 44640",
)
"""A setting a module reads only when it uses it, which the web app refuses at start too."""

COMMANDS = [
    ("migrate",),
    ("serve", "--port", "0"),
    ("serve", "--port", "0", "--workers", "2"),
    ("worker", "--once"),
    ("import", "members", __file__, "--dry-run"),
    ("privacy", "retention", "--dry-run"),
    ("createuser", "an@example.be", "--role", "admin"),
]

CONNECTING = [
    ("migrate",),
    ("serve", "--port", str(free_port())),
    ("worker", "--once"),
    ("privacy", "retention", "--dry-run"),
]
"""Commands whose settings are fine but whose database is not: each meets it at once."""

TMP = "{tmp}"
"""Stands for this module's own folder in a value (`outcomes`)."""
CLOSED_PORT = free_port()
"""No server listens there: a PostgreSQL server that cannot be reached."""

EVERY = [
    ("KRING_DATABASE_URL", "mysql://x", "it must be sqlite:/// and a file"),
    ("KRING_DATABASE_URL", "postgres://kring@127.0.0.1:port/kring", "a PostgreSQL address"),
    ("KRING_DATABASE_URL", "sqlite:///", "sqlite:/// and a file"),
    (
        "KRING_DATABASE_URL",
        "postgres://kring:geheim@127.0.0.1:5432/kring?sslmode=bogus",
        "its sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full",
    ),
    ("KRING_DATABASE_URL", f"sqlite:///{TMP}/a-file/k.sqlite", "/a-file is a file, not a folder"),
    ("KRING_DATABASE_URL", f"sqlite:///{TMP}/no/such/k.sqlite", "/no does not exist"),
    ("KRING_DATABASE_URL", "sqlite:////proc/k.sqlite", "cannot write in the folder /proc"),
    ("KRING_DATABASE_URL", f"sqlite:///{TMP}", "is a folder"),
    ("KRING_DATABASE_URL", f"sqlite:///{TMP}/a-file", "/a-file is no SQLite database"),
    (
        "KRING_DATABASE_URL",
        f"postgres://kring:geheim@127.0.0.1:{CLOSED_PORT}/kring",
        f"the PostgreSQL server at 127.0.0.1:{CLOSED_PORT} cannot be reached",
    ),
    ("KRING_SECRET_KEY", "short", "KRING_SECRET_KEY has 5 characters: it must have at least 16"),
    ("KRING_BASE_URL", "kring.example.be", "an http:// or https:// address with a host"),
    ("KRING_TRUSTED_PROXIES", "127.0.0.1,proxy", "'proxy' is no IP address or network"),
    ("KRING_TRUSTED_PROXIES", "10.0.0.1/8", "'10.0.0.1/8' is no IP address or network"),
    ("KRING_SECURE_COOKIES", "Maybe", "it must be true or false"),
    ("KRING_SESSION_HOURS", "99999999999999", "a whole number from 1 to 8784"),
    ("KRING_ARGON2_MEMORY_KIB", "abc", "a whole number from 64 to 4194304"),
    ("KRING_ARGON2_TIME_COST", "0", "a whole number from 1 to 100"),
    ("KRING_LANGUAGE", "fr", "it must be nl or en"),
    ("KRING_DATABASE_POOL_SIZE", "-1", "a whole number from 0 to 1000"),
    ("KRING_INTRODUCTION_EXPIRY_DAYS", "abc", "a whole number from 1 to 365"),
    ("KRING_SEMANTIC", "maybe", "it must be true or false"),
    ("KRING_SEMANTIC_MODEL", "gpt", "it must be e5-int8, e5 or minilm"),
    ("KRING_SERVE_MATCHING", "maybe", "it must be true or false"),
    ("KRING_SERVE_RESUMES_IMPORTS", "maybe", "it must be true or false"),
    ("KRING_WHO_TO_MEET_DAYS", "0", "a whole number from 1 to 60"),
    ("KRING_ERASURE_LEDGER", f"{TMP}/a-file/ledger.jsonl", "/a-file is a file, not a folder"),
    ("KRING_ACCOUNTING_RETENTION_YEARS", "101", "a whole number from 0 to 100"),
    ("KRING_ERASURE_APPROVAL", "three-officers", "it must be two-officers or one-officer"),
    ("KRING_DOWNLOAD_LINK_MINUTES", "44641", "a whole number from 1 to 44640"),
    ("KRING_DOWNLOADS_PER_HOUR", "0", "a whole number from 1 to 1000"),
    ("KRING_REAUTH_MINUTES", "abc", "a whole number from 1 to 44640"),
    ("KRING_VERIFICATION_MINUTES", "1.5", "a whole number from 1 to 44640"),
    ("KRING_MAILING_PER_MINUTE", "abc", "a whole number from 1 to 60000"),
    ("KRING_UPLOAD_MAX_MB", "0", "a whole number from 1 to 10000"),
    ("KRING_SMTP_HOST", "smtp host", "a host name or address"),
    ("KRING_SMTP_PORT", "twenty-five", "a whole number from 1 to 65535"),
    ("KRING_SMTP_USER", "kring\tuser", "text on one line of at most 256 characters"),
    ("KRING_SMTP_PASSWORD", "x" * 300, "text on one line of at most 256 characters"),
    ("KRING_SMTP_SENDER", "kring", "it must be an e-mail address"),
    ("KRING_SMTP_STARTTLS", "maybe", "it must be true or false"),
]
"""A bad value of every variable, and what its one line says (each refused by `kring migrate`
before it migrates anything)."""


def _test_database_url() -> str:
    return os.environ.get("KRING_TEST_DATABASE_URL", "")


def _missing_database() -> str:
    """The test server's address, naming a database that does not exist, with a password."""
    parts = urlsplit(_test_database_url())
    user = parts.username or "postgres"
    netloc = f"{user}:geheim@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit((parts.scheme, netloc, f"/nosuch_{uuid.uuid4().hex[:8]}", "", ""))


MISSING = _missing_database() if _test_database_url().startswith("postgres") else ""


def _runs() -> list[tuple[tuple[str, ...], str, str]]:
    every = [(("migrate",), name, value) for name, value, _ in EVERY]
    commands = [(command, name, value) for command in COMMANDS for name, value, _ in BAD]
    missing = [(command, "KRING_DATABASE_URL", MISSING) for command in CONNECTING]
    return list(dict.fromkeys(every + commands + (missing if MISSING else [])))


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[tuple, subprocess.CompletedProcess[str]]:
    """Every command of this module with its bad setting, four at a time."""
    folder = tmp_path_factory.mktemp("bad-settings")
    (folder / "a-file").write_text("no database\n")
    env = os.environ | {
        "KRING_BASE_URL": "http://127.0.0.1:8000",
        "KRING_DATABASE_URL": f"sqlite:///{folder}/kring.sqlite",
        "KRING_ERASURE_LEDGER": str(folder / "ledger.jsonl"),
    }

    def run(key: tuple[tuple[str, ...], str, str]) -> subprocess.CompletedProcess[str]:
        command, name, value = key
        return subprocess.run(
            [str(KRING), *command],
            env=env | {name: value.replace(TMP, str(folder))},
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    runs = _runs()
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(runs, pool.map(run, runs), strict=True))


def _refused_in_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    return line


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command[:2]))
@pytest.mark.parametrize(("name", "value", "line"), BAD, ids=[name for name, _, _ in BAD])
def test_every_command_names_an_unusable_setting_in_one_line(outcomes, command, name, value, line):
    assert _refused_in_one_line(outcomes[command, name, value]) == line


@pytest.mark.parametrize(
    ("name", "value", "said"), EVERY, ids=[f"{name}={value[:24]}" for name, value, _ in EVERY]
)
def test_a_bad_value_of_every_variable_is_refused_at_the_start(outcomes, name, value, said):
    """Values that failed later are named before anything runs too: a session of 10^14 hours
    (a 500 at login), argon2's cost (a traceback as the hasher was imported), a folder that
    cannot be written (at the first write), a database that cannot be reached (at the first
    connection), a setting read only when used (a 500 at the first page that reads it)."""
    line = _refused_in_one_line(outcomes[("migrate",), name, value])
    assert line.startswith(f"error: {name} "), line
    if TMP not in value and "geheim" not in value and len(value) <= 24 and "KEY" not in name:
        assert line.startswith(f"error: {name} is {value!r}: "), line  # the value as typed
    assert said in line, line
    assert "geheim" not in line  # a password in an address is never printed


@pytest.mark.skipif(not MISSING, reason="needs KRING_TEST_DATABASE_URL on PostgreSQL")
@pytest.mark.parametrize("command", CONNECTING, ids=lambda command: " ".join(command[:2]))
def test_a_database_that_does_not_exist_is_one_line_at_the_first_connection(outcomes, command):
    line = _refused_in_one_line(outcomes[command, "KRING_DATABASE_URL", MISSING])
    name = urlsplit(MISSING).path.lstrip("/")
    shown = MISSING.replace(":geheim@", ":…@")
    assert line == (
        f"error: KRING_DATABASE_URL is {shown!r}: the database {name!r} does not exist on "
        f"that server (create it: createdb {name})"
    )


def _names_in_code() -> set[str]:
    """Every `KRING_…` name in a string or docstring of Kring's own code (`KRING_APP`, each
    app's declaration, is a Python name, not a string)."""
    names = set()
    for package in APP_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
            for token in tokens:
                if token.type == tokenize.STRING:
                    names |= set(re.findall(r"\bKRING_[A-Z0-9_]*[A-Z0-9]\b", token.string))
    return names


def test_every_variable_the_code_reads_has_a_bad_value_here():
    assert _names_in_code() <= {name for name, _, _ in EVERY}


def test_every_variable_the_code_reads_is_in_the_readme_settings():
    readme = (ROOT / "README.md").read_text()
    settings = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    table = set(re.findall(r"`(KRING_[A-Z0-9_]+)`", settings))
    assert _names_in_code() <= table, sorted(_names_in_code() - table)


@pytest.mark.parametrize(
    ("name", "value", "line"),
    [*BAD, READ_WHEN_USED],
    ids=[name for name, _, _ in [*BAD, READ_WHEN_USED]],
)
def test_the_web_app_under_another_server_says_the_same(name, value, line):
    command = [sys.executable, "-m", "uvicorn", "assembly.app:app", "--port", str(free_port())]
    env = os.environ | {name: value, "KRING_BASE_URL": "http://127.0.0.1:8000"}
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
    )
    assert _refused_in_one_line(result) == line


def test_a_long_value_is_shown_briefly_and_a_password_never():
    address = "mysql://kring:geheim-wachtwoord@" + "db" * 100 + ".example.be/kring"
    shown = "mysql://kring:…@" + "db" * 20 + "…"  # 57 characters: an address is long
    env = os.environ | {"KRING_DATABASE_URL": address}
    result = subprocess.run(
        [str(KRING), "migrate"], env=env, capture_output=True, text=True, timeout=120
    )
    line = _refused_in_one_line(result)
    assert f"KRING_DATABASE_URL is {shown!r}: it must be" in line
    assert "geheim" not in line and "example" not in line
