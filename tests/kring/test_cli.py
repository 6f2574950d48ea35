"""The `kring` command against the test database: in this process (tests.cli), and as a process
where only a process shows it."""

import os
import subprocess
import sys

import pytest

from kring.tables import Account
from tests.cli import kring
from tests.conftest import run


def test_migrate_is_idempotent():
    result = kring("migrate")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_createuser_makes_an_organiser_login():
    result = kring(
        "createuser",
        "organisator@kring-test.be",
        "--role",
        "organiser",
        "--password",
        "a-long-password",
    )
    assert result.returncode == 0, result.stderr
    row = run(
        Account.select(Account.role).where(Account.email == "organisator@kring-test.be").first()
    )
    assert row["role"] == "organiser"


def test_createuser_refuses_a_short_password_with_a_clear_message():
    result = kring("createuser", "kort@kring-test.be", "--role", "admin", "--password", "short")
    assert result.returncode == 2
    assert "password" in result.stderr and "at least 10" in result.stderr


def test_createuser_refuses_a_wrong_address_before_asking_for_a_password():
    result = kring("createuser", "notanemail", "--role", "admin", input="")
    assert result.returncode == 2 and "not an e-mail address" in result.stderr
    assert "Password" not in result.stdout + result.stderr


def test_member_login_needs_a_member_profile():
    result = kring("createuser", "lid@kring-test.be", "--password", "a-long-password")
    assert result.returncode == 2 and "member" in result.stderr


def test_demo_loads_and_prints_the_logins():
    result = kring("demo")
    assert result.returncode == 0, result.stderr
    assert "admin@kring.demo" in result.stdout and "kring-demo-2026" in result.stdout
    again = kring("demo")
    assert again.returncode == 2 and again.stdout == ""
    assert "already has members: nothing changed" in again.stderr


def test_worker_once_runs_every_job_and_stops(monkeypatch):
    monkeypatch.setenv("KRING_BASE_URL", "http://127.0.0.1:8000")  # the worker sends mail
    result = kring("worker", "--once")
    assert result.returncode == 0, result.stderr
    assert "expired sessions" in result.stdout


def test_a_command_on_a_database_never_migrated_says_to_migrate(tmp_path):
    """`kring demo` on a fresh file ended in a traceback ("no such table: member")."""
    env = os.environ.copy() | {
        "KRING_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite'}",
        "KRING_SEMANTIC": "off",
    }
    result = subprocess.run(
        [sys.executable, "-m", "assembly.cli", "demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "run `kring migrate` first" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("privacy", "access", "9" * 23), "a number is out of range"),
        (("privacy", "suppressed", os.fsdecode(b"\xff@x.be")), "not valid UTF-8"),
        (("import", "export", "members", "-o", "/nonexistent/dir/x.csv"), "No such file"),
        (("serve", "--port", "99999"), "not in the range"),
        (("privacy", "suppressed", " "), "is empty"),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_2_never_a_traceback(args, said):
    result = kring(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_serve_without_a_base_url_builds_links_to_its_own_port(tmp_path):
    from assembly.cli import serve_settings

    env = {"KRING_DATABASE_URL": f"sqlite:///{tmp_path}/kring.sqlite"}
    assert serve_settings("127.0.0.1", 8765, env).base_url == "http://127.0.0.1:8765"
    assert serve_settings("0.0.0.0", 8765, env).base_url == "http://127.0.0.1:8765"
    assert serve_settings("::", 8080, env).base_url == "http://[::1]:8080"
    assert serve_settings("localhost", 9000, env).base_url == "http://localhost:9000"
    blank = env | {"KRING_BASE_URL": ""}
    assert serve_settings("127.0.0.1", 8765, blank).base_url == "http://127.0.0.1:8765"


def test_serve_keeps_a_base_url_that_is_set(tmp_path):
    from assembly.cli import serve_settings

    env = {
        "KRING_DATABASE_URL": f"sqlite:///{tmp_path}/kring.sqlite",
        "KRING_BASE_URL": "https://kring.example.be/",
    }
    settings = serve_settings("0.0.0.0", 8765, env)
    assert settings.base_url == "https://kring.example.be" and settings.secure_cookies


def test_migrate_and_createuser_start_without_the_pages_or_the_engine():
    """Each `kring` command loaded every app (pages, web framework, matching engine, scipy):
    a second and a half before `kring migrate` did anything. Only the apps' own commands and
    the ones that need them (serve, worker, demo) load the apps now."""
    probe = (
        "import sys\n"
        "from assembly.cli import main\n"
        "for args in (['migrate'], ['createuser', 'no-at-sign']):\n"
        "    try:\n"
        "        main(args, prog_name='kring')\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('litestar', 'scipy', 'awards.kring_app') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ.copy()
    )
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout and "not an e-mail address" in result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_piccolo_finds_the_tables_each_app_declares():
    """Piccolo's configuration finds the Piccolo apps by package name (assembly.packages),
    without loading the apps: it must find exactly the ones the apps declare, in their order."""
    from assembly.apps import APPS
    from assembly.packages import piccolo_apps

    assert piccolo_apps() == [app.piccolo_app for app in APPS if app.piccolo_app]
