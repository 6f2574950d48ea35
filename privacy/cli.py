"""`kring privacy …`: the privacy officer's commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from kring.commands import email_address, row_id, run
from kring.messages import N_


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


@click.group("privacy")
def privacy() -> None:
    """Access, erasure, retention and registers."""


@privacy.command()
@click.argument("member_id", type=row_id())
def access(member_id: int) -> None:
    """Print everything held about a member (kring-access/1 JSON); audited as an export."""
    from privacy.access import access_export
    from privacy.audit import Action, record_audit

    async def go() -> dict:
        export = await access_export(member_id)
        await record_audit(None, member_id, Action.exported, "*")
        return export

    click.echo(_json(run(go())))


@privacy.command()
@click.argument("member_id", type=row_id())
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase(member_id: int, yes: bool) -> None:
    """Erase a member everywhere (idempotent); prints what was removed and what is kept."""
    from kring.errors import NotFound
    from kring.tables import Member
    from privacy.erasure import erase_member

    async def exists() -> None:
        if not await Member.exists().where(Member.id == member_id):
            raise NotFound(
                N_("member %(member_id)s not found"), field="member_id", member_id=member_id
            )

    run(exists())  # before asking: no confirmation for nothing
    if not yes:
        click.confirm(f"Erase member {member_id} everywhere? This cannot be undone.", abort=True)
    click.echo(_json(run(erase_member(member_id))))


@privacy.command()
def requests() -> None:
    """The access and erasure requests on the desk with their deadlines, earliest first: the
    deadline that holds (an extended one says so) and OVERDUE past it, as the desk and the API
    show them (`privacy.requests.list_requests`); one that waits for the person's code or for
    a second officer's approval says so (the desk lists those too)."""
    from privacy.requests import ON_THE_DESK, Kind, list_requests, notices_not_mailed

    async def go() -> list[tuple[str, dict]]:
        return [(k, r) for k in Kind for s in ON_THE_DESK for r in await list_requests(k, status=s)]

    rows = sorted(run(go()), key=lambda item: (item[1]["due"], item[0], item[1]["id"]))
    if not rows:
        click.echo("no open requests")
    for kind, row in rows:
        due = row["due"].isoformat() + (" (extended)" if row["extended_until"] else "")
        waits = WAITING.get(row["status"], "")
        late = "  OVERDUE" if row["overdue"] else ""
        click.echo(f"{due:21} {kind:8} #{row['id']:<6} member {row['member']}{waits}{late}")
    # The notices owed about requests, open or closed, that did not go, and why (the desk's list).
    for notice in run(notices_not_mailed()):
        why = (
            f"the e-mail address on record cannot receive mail ({notice['problem']}); "
            "have it corrected"
            if notice["problem"]
            else "the mail server did not answer yet"
        )
        click.echo(
            f"{notice['notice']} notice of {notice['kind']} request #{notice['id']} "
            f"(member {notice['member']}) not mailed: {why}"
        )


WAITING = {
    "unverified": "  (waits for the person's code)",
    "approval": "  (waits for a second officer's approval)",
}
"""What a request on the desk but not yet the officer's to carry out waits for."""


@privacy.command()
@click.option("--dry-run", is_flag=True, help="Only report what would be removed.")
@click.option(
    "--allow-mass-erasure",
    is_flag=True,
    help="Erase inactive contacts even when more than 5% of the members (and over 10) are due.",
)
def retention(dry_run: bool, allow_mass_erasure: bool) -> None:
    """Remove what is past its retention period (or, with --dry-run, report it)."""
    from privacy import retention as rules

    if dry_run:
        for category, report in run(rules.plan()).items():
            click.echo(f"{category}: {report['rows']} (after {report['months']} months)")
            for item in report.get("items", ()):
                click.echo(f"  {item}")
            if report.get("held_back"):
                click.echo(
                    f"  {report['held_back']} are due at once, so none would be erased; "
                    "check the rule (--allow-mass-erasure erases them)"
                )
        return
    done = run(rules.apply(allow_mass_erasure=allow_mass_erasure))
    for category, count in done.items():
        click.echo(f"{category}: {count} removed")
    if done.held_back:
        click.echo(
            f"inactive contacts: {done.held_back} are due at once, so none were erased; check "
            "the rule and run again with --allow-mass-erasure if they really are to go"
        )


@privacy.command()
def register() -> None:
    """The register of processing activities (JSON)."""
    from privacy.register import processing_register

    click.echo(_json(processing_register()))


@privacy.command()
@click.option("--without-agreement", is_flag=True, help="Only processors without a signed DPA.")
def processors(without_agreement: bool) -> None:
    """The processor register."""
    from privacy.processors import list_processors

    rows = run(list_processors(without_agreement))
    if not rows:
        click.echo(
            "every processor has a signed agreement" if without_agreement else "no processors"
        )
    for row in rows:
        signed = row["dpa_signed_on"] or "NO AGREEMENT"
        click.echo(f"{row['name']}  ({row['service']})  {signed}")


@privacy.command()
@click.argument("email", callback=email_address)
def suppressed(email: str) -> None:
    """Say whether an e-mail belonged to an erased person (exit code 1 when it did, 2 when
    EMAIL is not an e-mail address)."""
    from privacy.suppression import is_suppressed

    if run(is_suppressed(email)):
        click.echo("suppressed: do not import or contact")
        sys.exit(1)
    click.echo("not suppressed")


@privacy.command()
@click.option(
    "--ledger",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The ledger file (default: KRING_ERASURE_LEDGER).",
)
def replay(path: Path | None) -> None:
    """After restoring a backup: erase again everyone the erasure ledger file names."""
    from privacy.erasure_recovery import replay as replay_ledger

    report = run(replay_ledger(path))
    erased = sum(len(r["erased"]) for r in report)
    click.echo(f"{len(report)} ledger entries, {erased} restored member(s) erased again")


REASONS = ["accounting_record", "unpaid_invoice", "open_dispute"]


@privacy.command()
@click.argument("table")
@click.argument("row_id", type=row_id())
@click.argument("reason", type=click.Choice(REASONS))
@click.argument("until", type=click.DateTime(formats=["%Y-%m-%d"]))
def hold(table: str, row_id: int, reason: str, until: Any) -> None:
    """Keep one row back from erasure until a date (e.g. an open dispute)."""
    from privacy.holds import add_hold

    hold_id = run(add_hold(table, row_id, reason, until.date(), None))
    click.echo(f"hold #{hold_id}: {table} #{row_id} until {until.date().isoformat()}")


@privacy.command()
@click.argument("member_id", type=row_id())
@click.option("--requested-by", required=True, help="Who asked (the member, their lawyer, …).")
@click.option("--reason", required=True, help="Why (GDPR art. 18(1) a–d).")
def restrict(member_id: int, requested_by: str, reason: str) -> None:
    """Restrict a member's processing: out of matching, lists and mailings; data stays."""
    from privacy.restriction import restrict as start

    click.echo(_json(run(start(member_id, requested_by, reason, None))))


@privacy.command()
@click.argument("member_id", type=row_id())
def lift(member_id: int) -> None:
    """Lift a member's restriction of processing."""
    from privacy.restriction import lift as end

    click.echo(_json(run(end(member_id, None))))


@privacy.command()
@click.option("--done", "done_id", type=row_id(), help="Mark this notice done.")
def notices(done_id: int | None) -> None:
    """Open tasks to tell recipients of an erasure or rectification (GDPR art. 19)."""
    from privacy.recipients import mark_done
    from privacy.recipients import notices as open_notices

    if done_id is not None:
        run(mark_done(done_id, None))
        click.echo(f"notice {done_id} done")
        return
    rows = run(open_notices())
    if not rows:
        click.echo("no open notices")
    for row in rows:
        click.echo(
            f"#{row['id']:<6} member {row['member']}  {row['reason']:13} "
            f"{row['processor_name']}  {row['fields']}"
        )
