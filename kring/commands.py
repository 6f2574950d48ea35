"""Running a command's coroutine: the one way every app's CLI turns errors into a message."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import asyncpg
import click

from kring.errors import DomainError
from kring.settings import SettingsError
from kring.validation import FieldError

NOT_MIGRATED = "the database has no tables yet, or older ones: run `kring migrate` first"


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine; a domain, input or settings error becomes one line and exit code 2,
    and so does a database that was never migrated (rather than a traceback)."""
    try:
        return asyncio.run(coroutine)
    except (DomainError, FieldError, SettingsError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except (sqlite3.OperationalError, asyncpg.UndefinedTableError) as error:
        if isinstance(error, sqlite3.OperationalError) and "no such table" not in str(error):
            raise
        click.echo(f"error: {NOT_MIGRATED}", err=True)
        sys.exit(2)


def write_output(content: bytes, output: Path | None, binary: bool, what: str) -> None:
    """``content`` into the file ``output``, or to standard output when there is none or it
    is ``-``; a binary ``what`` (xlsx, pdf) is not poured onto a terminal."""
    if output is not None and str(output) != "-":
        output.write_bytes(content)
        click.echo(f"wrote {output}", err=True)
    elif binary and sys.stdout.isatty():
        raise click.UsageError(f"{what} is binary: give --output FILE")
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
