"""Running a command's coroutine: the one way every app's CLI turns errors into a message."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Coroutine
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
