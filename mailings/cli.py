"""`kring mailings send ID`: queue a draft (after a confirmation, or `--yes`) and send it with a
progress bar until every recipient is done, within `KRING_MAILING_PER_MINUTE`. Any number of
workers may send the same mailing at the same time: each recipient gets one mail."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import click

from kring.clock import utc_now
from kring.commands import require_base_url, row_id, run
from mailings import outbox
from mailings.audience import audience_summary, check_exists, stored_audience
from mailings.choices import MailingState
from mailings.sending import next_due, send_due

PAUSE = 1.0
"""Seconds between rounds while the rate limit or another sender holds the rest."""
HANDED_TO_WORKER = timedelta(minutes=2)
"""A retry further away than this is left to `kring worker`: the command ends."""


@click.group("mailings")
def mailings() -> None:
    """Mailings: sending and its progress."""


async def _draft_summary(mailing_id: int) -> tuple[dict[str, Any], int | None]:
    mailing = await outbox.load_mailing(mailing_id)
    if mailing["state"] != MailingState.draft:
        return mailing, None
    await outbox.check_sendable(mailing)
    spec = stored_audience(mailing)
    await check_exists(spec)
    return mailing, (await audience_summary(spec))["count"]


async def _deliver(mailing_id: int, update: Callable[[dict], None]) -> tuple[dict, str]:
    """Rounds of `send_due` until nothing waits; returns the progress and how it ended."""
    while True:
        done = await send_due(mailing_id)
        found = await outbox.progress(mailing_id)
        update(found)
        if found["state"] not in (MailingState.queued, MailingState.sending):
            return found, "finished"
        if not found["waiting"]:
            return found, "finished"
        if done.refused:
            return found, "refused"
        if not (done.sent or done.skipped or done.failed or done.retrying or done.throttled):
            upcoming = await next_due(mailing_id)
            if upcoming is not None and upcoming > utc_now() + HANDED_TO_WORKER:
                return found, "retry"
        await asyncio.sleep(PAUSE)


@mailings.command("send")
@click.argument("mailing_id", type=row_id())
@click.option("--yes", is_flag=True, help="Queue a draft without asking.")
def send(mailing_id: int, yes: bool) -> None:
    """Queue mailing MAILING_ID (if still a draft) and send it, showing the progress."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    require_base_url("mailings send")
    console = Console(stderr=True)
    mailing, count = run(_draft_summary(mailing_id))
    if count is not None:
        question = f"Queue “{mailing['name']}” for {count} recipient(s) and send it?"
        if not yes and not click.confirm(question, err=True):
            click.echo("nothing queued", err=True)
            sys.exit(1)
        run(outbox.queue_mailing(mailing_id, None if yes else count))  # only what was asked
    elif mailing["state"] not in (MailingState.queued, MailingState.sending):
        click.echo(f"mailing {mailing_id} is {mailing['state']}: nothing to send", err=True)
        sys.exit(0 if mailing["state"] == MailingState.sent else 2)
    columns = (
        TextColumn("sending"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("sending", total=None, detail="")

        def update(found: dict) -> None:
            detail = f"sent {found['sent']}, left out {found['skipped']}, failed {found['failed']}"
            bar.update(task, total=found["total"], completed=found["done"], detail=detail)

        found, ending = run(_deliver(mailing_id, update))
    click.echo(
        f"mailing {mailing_id}: {found['sent']} sent, {found['skipped']} left out, "
        f"{found['failed']} failed, {found['waiting']} waiting"
    )
    if ending == "refused":
        click.echo(
            "error: the mail relay ('smtp') has no signed data-processing agreement on the "
            "processor register; nothing more was sent, the rest waits",
            err=True,
        )
        sys.exit(2)
    if ending == "retry":
        click.echo(
            "some mails did not go yet (the relay refused them or did not answer); "
            "`kring worker` tries them again later",
            err=True,
        )
        sys.exit(1)


COMMANDS = [mailings]
