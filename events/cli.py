"""`kring events …`: organisers' commands."""

from __future__ import annotations

from pathlib import Path

import click

from events import exports
from events.participants import event_exists, shareable_participants
from kring.accounts import principal_for_email
from kring.commands import row_id
from kring.errors import NotFound
from kring.i18n import LANGUAGES
from kring.messages import N_


@click.group("events")
def events() -> None:
    """Events and participant lists."""


async def _attendees(
    event_id: int, fmt: exports.Format, full: bool, as_email: str | None, language: str | None
) -> bytes:
    viewer = None
    if as_email:
        viewer = await principal_for_email(as_email, "cli")
        if viewer is None:
            raise NotFound(N_("no active account %(as_email)s"), field="as", as_email=as_email)
    if full:
        if viewer is None:
            raise click.UsageError("--full needs --as EMAIL of one of the event's organisers")
        return await exports.organiser_export(viewer, event_id, fmt, language)
    if viewer is not None:
        return await exports.shareable_export(viewer, event_id, fmt, language)
    await event_exists(event_id)
    title = await exports._title(event_id)
    people = await shareable_participants(event_id)
    return exports.RENDERERS[fmt](people, title, language=language)


@events.command("attendees")
@click.argument("event_id", type=row_id())
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in exports.Format]),
    help="Default: the one --output's extension names, else csv.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="File to write ('-': standard output).",
)
@click.option("--force", is_flag=True, help="Replace the --output file if it is there.")
@click.option("--full", is_flag=True, help="CONFIDENTIAL list of everyone (logged).")
@click.option("--as", "as_email", help="The organiser's login e-mail (needed for --full).")
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    help="Language of the headers and the CONFIDENTIAL line (default: KRING_LANGUAGE).",
)
def attendees(
    event_id: int,
    fmt: str | None,
    output: Path | None,
    force: bool,
    full: bool,
    as_email: str | None,
    language: str | None,
) -> None:
    """Write an event's participant list (the shareable one unless --full)."""
    from kring.commands import output_format, run, write_output
    from kring.output_files import refuse_existing

    fmt = output_format(output, fmt, [f.value for f in exports.Format], "csv")
    refuse_existing(output, force)
    kind = exports.Format(fmt)
    content = run(_attendees(event_id, kind, full, as_email, language))
    write_output(content, output, kind in (exports.Format.xlsx, exports.Format.pdf), fmt, force)
