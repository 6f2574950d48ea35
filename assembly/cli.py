"""The `kring` command: serve, migrate, demo, createuser, worker."""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Mapping
from functools import cache
from typing import Any

import asyncpg
import click

from kring.choices import Role
from kring.commands import (
    Decimal,
    WholeNumber,
    email_address,
    new_password,
    one_line,
    require_base_url,
    row_id,
    run,
)
from kring.settings import Settings, SettingsError, get_settings


class KringCommands(click.Group):
    """Every command's errors from outside Kring's own checks (a number too large for the
    database, bytes that are not UTF-8, a file that cannot be written) become one line and exit
    code 2, as `kring.commands.run` does for Kring's own; never a traceback. So do click's
    usage errors (`kring.commands.OneLineError`), of every command however deep."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:  # `kring --bogus`
            raise one_line(error) from error

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name) or _app_commands().get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_app_commands()})

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.ClickException as error:  # every command's, however deep
            raise one_line(error) from error
        except (OverflowError, asyncpg.DataError) as error:  # SQLite's and PostgreSQL's
            _fail(f"a number is out of range, or a value does not fit the database ({error})")
        except UnicodeError:
            _fail("an argument or a file is not valid UTF-8 text")
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            _fail(f"{error.strerror or error}{where}")


@cache
def _app_commands() -> dict[str, click.Command]:
    """The apps' own commands (`kring events`, `kring import`…), loaded only when one of them runs
    or the help lists them: loading every app takes a second and a half that `kring migrate`,
    `kring createuser` and the rest need not wait for."""
    from assembly.apps import APPS

    commands = {command.name: command for app in APPS for command in app.commands}
    return {name: command for name, command in commands.items() if name is not None}


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


@click.group(cls=KringCommands)
def main() -> None:
    """Kring: the platform of a professional membership network."""
    from kring import logs

    logs.install()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=WholeNumber(1, 65535))
@click.option("--workers", default=1, show_default=True, type=WholeNumber(min=1))
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
@click.option("--access-log/--no-access-log", default=True, show_default=True)
def serve(host: str, port: int, workers: int, reload: bool, access_log: bool) -> None:
    """Serve the web pages, the API and the admin."""
    from introductions.rounds import serve_stands_in
    from kring.serving import serve as run_server

    settings = serve_settings(host, port)
    try:
        serve_stands_in(os.environ, settings.is_postgres)
    except SettingsError as error:
        _fail(str(error))
    refuse_unmigrated_database()
    # The app reads its settings in this process and in every worker it starts: both read the
    # environment, so the derived address goes there.
    os.environ["KRING_BASE_URL"] = settings.base_url
    get_settings.cache_clear()
    click.echo(f"Kring on http://{host}:{port}  (database: {settings.database_url.split('@')[-1]})")
    if settings.base_url != f"http://{_url_host(host)}:{port}":
        click.echo(f"Links in mails and calendar feeds point at {settings.base_url}")
    trusted_proxies = os.environ.get("KRING_TRUSTED_PROXIES", "")
    run_server("assembly.app:app", host, port, workers, reload, access_log, trusted_proxies)


def serve_settings(host: str, port: int, env: Mapping[str, str] | None = None) -> Settings:
    """The settings `kring serve` runs with. Without KRING_BASE_URL, the links it builds
    (calendar feeds, mails) point at the address it listens on, not at the default port; a
    set KRING_BASE_URL (the public address behind a proxy) is kept as it is."""
    env = dict(os.environ if env is None else env)
    if not env.get("KRING_BASE_URL", "").strip():
        env["KRING_BASE_URL"] = f"http://{_url_host(host)}:{port}"
    return Settings.from_env(env)


def _url_host(host: str) -> str:
    """A host as a link names it: every interface (0.0.0.0, ::) is reached at loopback on this
    machine, and an IPv6 address goes in brackets."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "127.0.0.1"  # a name, such as localhost
    if address.is_unspecified:
        return "127.0.0.1" if address.version == 4 else "[::1]"
    return f"[{address}]" if address.version == 6 else host


def refuse_unmigrated_database() -> None:
    """Serving or working on a database with migrations still to apply answered every request
    that met a missing column with a 500: name what is missing and stop instead."""
    from assembly.migrate import pending_migrations

    pending = run(pending_migrations())
    if pending:
        more = f" and {len(pending) - 3} more" if len(pending) > 3 else ""
        shown = ", ".join(pending[:3]) + more
        _fail(f"{len(pending)} migration(s) not applied yet ({shown}): run `kring migrate` first")


@main.command()
def migrate() -> None:
    """Create or update every table, on SQLite or PostgreSQL."""
    from assembly.migrate import MigrationError
    from assembly.migrate import migrate as run_migrations

    try:
        run(run_migrations())
    except MigrationError as error:
        click.echo(f"error: migration failed: {error}", err=True)
        sys.exit(1)
    click.echo("Database is up to date.")


@main.command()
@click.option("--seed", default=2026, show_default=True, type=WholeNumber(min=0))
@click.option("--reset", is_flag=True, help="Delete all data first (asks for confirmation).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def demo(seed: int, reset: bool, yes: bool) -> None:
    """Load the demo network: organisations, members, records, events, demo logins."""
    from assembly.demo import DemoAlreadyLoaded, load_demo, wipe

    if reset:
        if not yes:
            click.confirm("This deletes ALL data in the database. Continue?", abort=True)
        run(wipe())
    from assembly.demo_introductions import load_demo_introductions

    try:
        report = run(load_demo(seed=seed))
    except DemoAlreadyLoaded as error:
        _fail(f"{error}: nothing changed (use --reset to load it again)")
    click.echo("Matching the demo network and making introductions…")
    run(load_demo_introductions())
    click.echo(report)


@main.command()
@click.argument("email", callback=email_address)
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.member.value,
    show_default=True,
)
@click.option("--member-id", type=row_id(), default=None, help="The member profile of this login.")
@click.option("--name", default="", help="Display name.")
@click.option(
    "--adult-confirmed",
    is_flag=True,
    help="The member confirmed being an adult (required for member logins).",
)
@click.password_option(help="Asked for when not given.", callback=new_password)
def createuser(
    email: str, role: str, member_id: int | None, name: str, adult_confirmed: bool, password: str
) -> None:
    """Create a login for a member, an organiser, a privacy officer or an admin."""
    from members.accounts import create_account

    account_id = run(
        create_account(email, password, Role(role), member_id, name, adult_confirmed, "cli")
    )
    click.echo(f"Created account {account_id} for {email} with role {role}.")


@main.command()
@click.option("--once", is_flag=True, help="Run every job once and stop.")
@click.option(
    "--interval",
    default=60.0,
    show_default=True,
    type=Decimal(min=1.0),
    help="Seconds between rounds.",
)
def worker(once: bool, interval: float) -> None:
    """Run timed work; several workers may run at once."""
    from assembly.worker import run_forever, run_once

    refuse_unmigrated_database()
    require_base_url("worker")
    if once:
        click.echo(run(run_once()))
    else:
        run(run_forever(interval))


if __name__ == "__main__":
    main(prog_name="kring")  # what its messages name, also when run as `python -m assembly.cli`
