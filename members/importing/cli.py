"""`kring import …`: organisers' import, duplicate, merge and export commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kring.commands import Decimal, WholeNumber, output_format, row_id, run, write_output
from kring.validation import FieldError


@click.group("import")
def importing() -> None:
    """Import members from a CRM export (CSV or XLSX), find duplicates, merge, export."""


@importing.command("members")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "pairs",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Map a column to a field (repeatable); 'COLUMN=' ignores a column.",
)
@click.option("--dry-run", is_flag=True, help="Validate and report; write nothing.")
@click.option(
    "--show",
    default=50,
    show_default=True,
    type=WholeNumber(min=0),
    help="Problems to list in the report.",
)
def members(file: Path, pairs: tuple[str, ...], dry_run: bool, show: int) -> None:
    """Import members from FILE; re-running the same file changes nothing.

    Exit code 0: every row was imported, updated or skipped; 1: some rows were rejected (the
    others were imported); 2: nothing was imported (an unreadable file, a wrong --map, no
    column recognised)."""
    from rich.console import Console
    from rich.progress import Progress

    from members.importing.columns import detect_mapping, merge_mapping, parse_mapping
    from members.importing.importer import import_rows
    from members.importing.rows import read_file

    console = Console(stderr=True)
    try:
        table = read_file(file.read_bytes(), file.name)
        mapping = merge_mapping(detect_mapping(table.headers), parse_mapping(pairs, table.headers))
    except FieldError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if not mapping:
        known = ", ".join(map(repr, table.headers))
        click.echo(
            f"error: map: no column was recognised (columns: {known}); "
            "map them with --map COLUMN=FIELD",
            err=True,
        )
        sys.exit(2)
    for column, field in mapping.items():
        console.print(f"  {column!r} → {field}")
    ignored = [h for h in table.headers if h not in mapping]
    if ignored:
        console.print(f"  ignored columns: {', '.join(map(repr, ignored))}")
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("importing", total=len(table.rows))
        report = run(
            import_rows(
                table.rows,
                mapping,
                dry_run=dry_run,
                progress=lambda done, _: progress.update(task, completed=done),
                extra_cells=table.extra_cells,
                notices=table.notices,
            )
        )
    click.echo(render_report(report, show))
    if report.counts["rejected"]:
        sys.exit(1)


def render_report(report: Any, show: int = 50) -> str:
    lines = [("dry run: nothing was written" if report.dry_run else "imported")]
    counts = report.counts
    lines.append(
        ", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "skipped", "rejected"))
        + f"; {report.organisations_created} organisations created"
    )
    lines += [f"note: {notice}" for notice in report.notices]
    problems = [p for r in report.rows if r.outcome == "rejected" for p in r.reasons]
    lines += [f"rejected {p}" for p in problems[:show]]
    lines += [f"flagged {p}" for p in report.flagged[:show]]
    if len(problems) > show:
        more = len(problems) - show
        lines.append(f"… and {more} more rejection{'s' if more > 1 else ''}")
    return "\n".join(lines)


@importing.command("duplicates")
@click.option("--min-score", default=0.6, show_default=True, type=Decimal(0, 1))
@click.option("--limit", default=50, show_default=True, type=WholeNumber(1, 10_000))
def duplicates(min_score: float, limit: int) -> None:
    """List likely duplicate members and organisations, with the signals that matched."""
    from members.importing.duplicates import find_member_duplicates, find_organisation_duplicates

    for pair in run(find_member_duplicates(min_score, limit)):
        click.echo(
            f"member {pair.left.id} ~ {pair.right.id}  {pair.score:.2f}  "
            f"{pair.left.label} / {pair.right.label}  [{', '.join(pair.signals)}]"
        )
    for pair in run(find_organisation_duplicates(min_score, limit)):
        click.echo(
            f"organisation {pair.left.id} ~ {pair.right.id}  {pair.score:.2f}  "
            f"{pair.left.label} / {pair.right.label}  [{', '.join(pair.signals)}]"
        )


@importing.command("merge")
@click.argument("survivor", type=row_id())
@click.argument("loser", type=row_id())
@click.option(
    "--take",
    multiple=True,
    metavar="FIELD",
    help="Take this field from LOSER (repeatable); the rest comes from SURVIVOR.",
)
def merge(survivor: int, loser: int, take: tuple[str, ...]) -> None:
    """Merge member LOSER into SURVIVOR: linked records move, LOSER is deleted, all audited."""
    from members.importing.merge import merge_members

    result = run(merge_members(None, survivor, loser, {field: "loser" for field in take}))
    click.echo(f"merged member {loser} into {survivor}")
    for table, moved in sorted(result.moved.items()):
        click.echo(f"  {table}: {moved} moved")
    for note in result.notes:
        click.echo(f"  {note}")


@importing.command("export")
@click.argument("what", type=click.Choice(["members", "organisations"]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    help="Default: the one --output's extension names, else csv.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="File to write ('-': standard output).",
)
@click.option("--force", is_flag=True, help="Replace the --output file if it is there.")
def export(what: str, fmt: str | None, output: Path, force: bool) -> None:
    """Export members (never erased ones, nor who opted out of listing) or organisations.

    Columns are field keys and cells stored values (`met_via` `in_person`, `no_mailings`
    `False`), as `kring import members` reads them back."""
    from kring.output_files import refuse_existing
    from members.importing.export import export_file

    fmt = output_format(output, fmt, ["csv", "xlsx"], "csv")
    refuse_existing(output, force)
    write_output(run(export_file(what, fmt, None)), output, fmt == "xlsx", fmt, force)
