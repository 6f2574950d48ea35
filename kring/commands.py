"""Running a command's coroutine: the one way every app's CLI turns errors into a message."""

from __future__ import annotations

import asyncio
import math
import os
import re
import sqlite3
import sys
from collections.abc import Coroutine, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import click

from kring.errors import DomainError
from kring.settings import SettingsError
from kring.validation import (
    MAX_ID,
    MOST_DIGITS,
    FieldError,
    briefly,
    normalise_email,
    only_digits,
    refuse_control_characters,
)

NOT_MIGRATED = "the database has no tables yet, or older ones: run `kring migrate` first"
MISSING_SCHEMA = (
    sqlite3.OperationalError,
    asyncpg.UndefinedTableError,
    asyncpg.UndefinedColumnError,
)


def is_not_migrated(error: BaseException) -> bool:
    """Whether `error` is a query meeting a table or column that migrations would have made."""
    if isinstance(error, sqlite3.OperationalError):
        return str(error).startswith(("no such table", "no such column"))
    return isinstance(error, MISSING_SCHEMA)


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine; a domain, input or settings error becomes one line and exit code 2,
    and so does a database that was never migrated (rather than a traceback)."""
    try:
        return asyncio.run(coroutine)
    except (DomainError, FieldError, SettingsError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except MISSING_SCHEMA as error:
        if not is_not_migrated(error):
            raise
        click.echo(f"error: {NOT_MIGRATED}", err=True)
        sys.exit(2)


class OneLineError(click.ClickException):
    """A usage error said as every other refusal of `kring` is: one line on stderr, `error: `
    and what is wrong, naming the option or argument. click's own printed `Usage: …` and
    `Try … --help` above it, so the line that says what is wrong was not the first one read."""

    def __init__(self, error: click.ClickException) -> None:
        param = getattr(error, "param", None)
        if isinstance(param, click.Argument) and getattr(error, "param_hint", 1) is None:
            # An argument of choices was named by them all ('{a|b|c}'): name it REASON.
            error.param_hint = f"'{param.human_readable_name}'"  # type: ignore[attr-defined]
        message = " ".join(error.format_message().split()).rstrip(".")  # choices span lines
        if message[:1].isupper() and message[1:2].islower():
            message = message[0].lower() + message[1:]  # as the other refusals read
        context = getattr(error, "ctx", None)
        if isinstance(error, click.UsageError) and context is not None:
            message += f"; see `{context.command_path} --help`"
        super().__init__(message)
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def one_line(error: click.ClickException) -> click.ClickException:
    """`error` as one line (`OneLineError`); click's 'no arguments: here is the help' stays."""
    if isinstance(error, OneLineError | click.exceptions.NoArgsIsHelpError):
        return error
    return OneLineError(error)


class WholeNumber(click.IntRange):
    """Every whole number a command reads (ids, counts, ports): written in the digits 0-9 as
    `str()` writes it (no leading zero; at most 18 digits, `kring.validation.only_digits`),
    within its bounds.
    click's `int` and `IntRange` read with Python's `int()`, which also takes `٣`, `３`, `+3`,
    `03` and `3_0`: `kring import merge ٣ ٤` merged member 4 into 3."""

    name = "whole number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):  # a default
            return super().convert(value, param, ctx)
        if not (value.isascii() and value.isdigit()) or (value.startswith("0") and value != "0"):
            self.fail(
                f"{briefly(value)!r} is not a whole number: write it in the digits 0-9, "
                "without a leading zero, sign, point or exponent",
                param,
                ctx,
            )
        if not only_digits(value):
            message = f"a number is out of range: {briefly(value)} has over {MOST_DIGITS} digits"
            self.fail(message, param, ctx)
        return super().convert(value, param, ctx)


def row_id() -> WholeNumber:
    """The number of a row: from 1 to the largest id a row can have (`MAX_ID`)."""
    return WholeNumber(1, MAX_ID)


DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")


class Decimal(click.FloatRange):
    """Every fractional number a command reads (a score, seconds): digits 0-9 with at most
    one point, within its bounds. click's `float` and `FloatRange` read with Python's
    `float()`, which also takes `nan` (no bound refuses it: every comparison with it is false,
    so `--min-score nan` listed nothing), `inf` and digits of other scripts."""

    name = "decimal number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not DECIMAL.fullmatch(value):
            self.fail(
                f"{briefly(value)!r} is not a number: write it in the digits 0-9 with at most "
                "one point (0.75), without a sign or exponent",
                param,
                ctx,
            )
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):  # 400 nines are `inf` to `float()`
            self.fail(f"a number is out of range: {briefly(str(value))}", param, ctx)
        return number


def require_base_url(command: str, env: Mapping[str, str] | None = None) -> None:
    """A command that sends mail writes links into it (privacy notices, introductions, the
    unsubscribe link of a mailing). `kring serve` derives the address from its --host and
    --port; a command without a port (`kring worker`, `kring mailings send`) would write the
    default http://127.0.0.1:8000, which nobody who receives the mail can open: it refuses to
    start until KRING_BASE_URL is set (for a demo on one machine, to that very address)."""
    env = os.environ if env is None else env
    address = env.get("KRING_BASE_URL", "").strip()
    if address:
        parts = urlsplit(address)
        if parts.scheme in ("http", "https") and parts.hostname and " " not in address:
            return
        click.echo(
            f"error: KRING_BASE_URL is {address!r}: the links in the mails `kring {command}` "
            "sends must start with an http:// or https:// address with a host, like "
            "https://kring.example.be",
            err=True,
        )
        sys.exit(2)
    click.echo(
        f"error: KRING_BASE_URL is not set: the mails `kring {command}` sends would link to "
        "http://127.0.0.1:8000, which their readers cannot open. Set it to the network's public "
        "address (KRING_BASE_URL=https://kring.example.be); for the demo on this machine, "
        "KRING_BASE_URL=http://127.0.0.1:8000",
        err=True,
    )
    sys.exit(2)


def email_address(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """A click callback: an argument that must be an e-mail address is checked as it is read,
    so a wrong one is a usage error (exit code 2) before any question is asked."""
    value.encode("utf-8")  # bytes that are not UTF-8 are said to be (`assembly.cli`)
    if not value.strip():
        raise click.BadParameter("is empty: give an e-mail address")
    try:
        normalise_email(value)
    except FieldError as error:
        raise click.BadParameter(error.message) from None
    return value


def new_password(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """A click callback: a password a command sets is held to the web's rule for it (the
    length of `check_password_strength`, and no control character, which every form and the
    login refuse), so `kring createuser` cannot make a login that can never log in."""
    from kring.accounts import check_password_strength

    try:
        check_password_strength(refuse_control_characters(value, "password"))
    except FieldError as error:
        raise click.BadParameter(error.message) from None
    return value


def write_output(
    content: bytes, output: Path | None, binary: bool, what: str, force: bool = False
) -> None:
    """``content`` into the file ``output``, or to standard output when there is none or it
    is ``-``; a binary ``what`` (xlsx, pdf) is not poured onto a terminal. A file is written
    whole or not at all, and one that is there is replaced only with ``force``
    (`kring.output_files`)."""
    from kring.output_files import write_file

    if output is not None and str(output) != "-":
        write_file(output, content, force)
        click.echo(f"wrote {output}", err=True)
    elif binary and sys.stdout.isatty():
        raise click.UsageError(f"{what} is binary: give --output FILE")
    else:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()


FILE_FORMATS = {"csv": "csv", "xlsx": "xlsx", "xls": "xls", "ods": "ods", "pdf": "pdf",
                "html": "html", "htm": "html", "json": "json"}  # fmt: skip
"""Extensions that tell a program what a file holds; a file named otherwise (`.txt`) takes any."""


def output_format(
    output: Path | None, fmt: str | None, formats: Sequence[str], default: str
) -> str:
    """`--format`, or when it is not given the one `--output`'s extension names (else
    `default`); a file whose extension names another format is refused, so no CSV is ever
    written into `list.xlsx`."""
    named = ""
    if output is not None and str(output) != "-":
        named = FILE_FORMATS.get(output.suffix.lower().lstrip("."), "")
    chosen = fmt or (named if named in formats else default)
    if output is not None and named and named != chosen:
        fits = " or ".join(f".{f}" for f in formats)
        raise click.UsageError(
            f"{output.name} names a .{named} file but this writes {chosen.upper()}: "
            + (f"give --format {named}" if named in formats else f"name the file {fits}")
        )
    return chosen
