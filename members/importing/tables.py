"""An import run the page started: its file until the run ends, its progress, then its report.

The page's run went on for minutes within one request (50,000 rows: two minutes, a proxy's
timeout); now the request stores the work here and answers at once, and whichever process
holds the run records its progress and heartbeat here (`members.importing.runs`).
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import Bytea, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.table import Table

from kring.declarations import Erase, LegalBasis, declare
from kring.tables import Account
from kring.vocabulary import N_


class RunStatus(StrEnum):
    pending = "pending"
    running = "running"
    done = "done"
    failed = "failed"


class RunKind(StrEnum):
    preview = "preview"
    """A dry run: nothing is written; its file is kept for the import started from it."""
    run = "run"


class ImportRun(Table):
    """`kind`: a preview (a dry run, whose file is kept for the import started from it, and
    which "Preview again" runs anew with other fields) or an import; `source`: the preview an
    import was started from, whose file is emptied when that import ends.
    `content` is the uploaded file, gzip-compressed, emptied when an import ends; `report`
    the page's report (JSON, in Dutch and in English, as the reader reads the page, whichever
    language the organiser started in), removed with the row a day after the end.
    `fingerprint` (the organiser, the file and its columns' fields) is unique while a run is
    under way and for a minute after, so a double click starts one run. `runner` names the
    attempt that holds the run: only it may record progress or write the members."""

    started_by = ForeignKey(Account, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=10, choices=RunKind, default=RunKind.run)
    source = Integer(null=True, default=None)
    started_at = Timestamptz()
    filename = Varchar(length=255, default="")
    content = Bytea(null=True, default=None)
    mapping = Text(default="{}")
    fingerprint = Varchar(length=64, null=True, default=None, unique=True)
    status = Varchar(length=10, choices=RunStatus, default=RunStatus.pending, index=True)
    runner = Varchar(length=32, default="")
    attempts = Integer(default=0)
    total = Integer(default=0)
    done = Integer(default=0)
    heartbeat_at = Timestamptz(index=True)
    finished_at = Timestamptz(null=True, default=None, index=True)
    report = Text(default="")


declare(
    ImportRun,
    subject="started_by",
    columns={
        "filename": Erase.delete_row,
        "content": Erase.delete_row,
        "mapping": Erase.delete_row,
        "report": Erase.delete_row,
    },
    category=N_("imports"),
    purpose=N_("import a CRM export in the background and show the organiser its report"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=N_(
        "the file until its import ends (that of a preview until the import started from it "
        "ends, at most a day); the report (names and reasons of refused rows) a day after; "
        "then deleted"
    ),
    notes="holds the contacts of the file being previewed or imported, who are linked to no "
    "member yet; an import's file is emptied when the run ends, with that of the preview it "
    "was started from, and the row deleted a day later (job 'finished import runs'), a "
    "preview's file with it; erasing the organiser who started it deletes it",
)
