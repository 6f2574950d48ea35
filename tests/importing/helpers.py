"""Shared by the import tests: fixture files and running an import as the CLI does."""

from __future__ import annotations

import json
from pathlib import Path

from kring.clock import utc_now
from members.importing.columns import detect_mapping
from members.importing.importer import import_rows
from members.importing.report import ImportReport
from members.importing.rows import read_file
from members.importing.runs import summaries
from members.importing.tables import ImportRun, RunStatus
from tests.conftest import run

DATA = Path(__file__).parent / "data"


def import_file(name: str, dry_run: bool = False) -> ImportReport:
    table = read_file((DATA / name).read_bytes(), name)
    return run(import_rows(table.rows, detect_mapping(table.headers), dry_run=dry_run))


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def import_values(organiser_account_id: int) -> dict[str, list[str]]:
    """A finished run of the page's import (one row imported, one refused) that `organiser`
    started, for the tests that walk every page: its report page and its refused rows."""
    data = csv_bytes("Voornaam;Naam;E-mail", "An;Peeters;an@peeters.be", "Jan;Geen;geen-adres")
    table = read_file(data, "leden.csv")
    mapping = detect_mapping(table.headers)
    report = run(import_rows(table.rows, mapping, actor=organiser_account_id))
    now = utc_now()
    stored = run(
        ImportRun.insert(
            ImportRun(
                started_by=organiser_account_id,
                started_at=now,
                heartbeat_at=now,
                finished_at=now,
                filename="leden.csv",
                mapping=json.dumps(mapping),
                status=RunStatus.done,
                total=len(table.rows),
                done=len(table.rows),
                report=json.dumps(summaries(report)),
            )
        ).returning(ImportRun.id)
    )
    return {"run_id": [str(stored[0]["id"])]}
