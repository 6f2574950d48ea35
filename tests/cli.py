"""The `kring` command as tests run it: in this process through click's runner, or as a process.

A new interpreter costs 2–4 s of CPU a run (the imports), and the suite ran `kring` some hundred
times: in-process is for tests of what a command says and does; `in_a_process` for what only a
process shows (its exit on a signal, what it imports, the environment it was started with)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from click.testing import CliRunner

from assembly.cli import main
from kring.settings import get_settings


@dataclass(frozen=True)
class Ran:
    """What a run of `kring` left, named as `subprocess.CompletedProcess` names it."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def kring(*args: str, input: str | None = None, env: Mapping[str, str | None] | None = None) -> Ran:
    """Run `kring ARGS` here. `env` sets variables for the run (None unsets one); settings are
    read again, as a new process reads them. An exception no command turns into a message
    propagates: a process would have printed a traceback, which no test accepts."""
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            main, list(args), input=input, env=env, prog_name="kring", catch_exceptions=False
        )
    finally:
        get_settings.cache_clear()
    return Ran(args, result.exit_code, result.stdout, result.stderr)


def in_a_process(
    *args: str, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> Ran:
    """Run `kring ARGS` as a user runs it: a new Python process with this environment."""
    environment = {**os.environ}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    done = subprocess.run(
        [sys.executable, "-m", "assembly.cli", *args],
        input=input,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    return Ran(args, done.returncode, done.stdout, done.stderr)
