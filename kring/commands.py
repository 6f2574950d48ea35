"""Running a command's coroutine: the one way every app's CLI turns errors into a message."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any

import click

from kring.errors import DomainError
from kring.settings import SettingsError
from kring.validation import FieldError


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine; a domain, input or settings error becomes one line and exit code 2."""
    try:
        return asyncio.run(coroutine)
    except (DomainError, FieldError, SettingsError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
