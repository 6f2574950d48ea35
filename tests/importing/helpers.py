"""Shared by the import tests: fixture files and running an import as the CLI does."""

from __future__ import annotations

from pathlib import Path

from members.importing.columns import detect_mapping
from members.importing.importer import import_rows
from members.importing.report import ImportReport
from members.importing.rows import read_file
from tests.conftest import run

DATA = Path(__file__).parent / "data"


def import_file(name: str, dry_run: bool = False) -> ImportReport:
    table = read_file((DATA / name).read_bytes(), name)
    return run(import_rows(table.rows, detect_mapping(table.headers), dry_run=dry_run))


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
