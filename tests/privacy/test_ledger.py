"""The erasure ledger, and replaying it after a backup is restored: dump, erase, restore,
`kring privacy replay` (the real command), then no value of the person is left anywhere.

The backup is what an operator would make: on SQLite a copy of the file (SQLite's online backup),
on PostgreSQL `pg_dump` restored with `psql`. The ledger file (KRING_ERASURE_LEDGER) is kept
outside the backup, as the README asks; the ledger table inside the restored database is old.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from piccolo.engine import engine_finder

from assembly.cli import main
from kring.settings import get_settings, sqlite_path
from kring.tables import Member
from privacy.erasure import erase_member
from privacy.ledger import Entry, identity, ledger_path, read_file
from privacy.tables import ErasureLedger
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL, run
from tests.privacy.people import full_person
from tests.privacy.scan import rows_everywhere, traces_in_file, traces_in_tables

# Restoring a backup over the worker's database would pull it from under a live server that
# another test file of the same worker started: these run in the serial step instead.
pytestmark = pytest.mark.serial


@pytest.fixture(autouse=True)
def fresh_ledger_file() -> Iterator[Path]:
    """Entries of other tests name members that are gone; start each test with no file."""
    path = ledger_path()
    path.unlink(missing_ok=True)
    yield path


def _backup(folder: Path) -> Path:
    if ON_POSTGRES:
        dump = folder / "kring.sql"
        subprocess.run(
            ["pg_dump", "--clean", "--if-exists", "--no-owner", "-f", str(dump), TEST_DATABASE_URL],
            check=True,
        )
        return dump
    copy = folder / "kring-backup.sqlite"
    _sqlite_copy(sqlite_path(get_settings().database_url), copy)
    return copy


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: consistent even with the write-ahead log in use."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _restore(backup: Path) -> None:
    if ON_POSTGRES:
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(backup), TEST_DATABASE_URL],
            check=True,
            capture_output=True,
        )
        return
    _sqlite_copy(backup, sqlite_path(get_settings().database_url))
    # As after a real restore, when the app starts again: no reader from before the restore.
    engine_finder().forget_readers()


def _ledger_rows(member_id: int) -> list[dict]:
    return run(
        ErasureLedger.select(ErasureLedger.state, ErasureLedger.member).where(
            ErasureLedger.member == member_id
        )
    )


def _name_outside_its_records(name: str) -> dict[str, list[str]]:
    """A name stays in the member row and the suppression record only (by design)."""
    found = run(traces_in_tables([name]))
    return {t: hits for t, hits in found.items() if t not in {"member", "suppression"}}


def test_the_ledger_is_written_first_and_completed_with_the_erasure():
    person = run(full_person())
    outcome = run(erase_member(person.member_id))
    rows = run(ErasureLedger.select().where(ErasureLedger.member == person.member_id))
    assert len(rows) == 1 and rows[0]["state"] == "completed"
    assert rows[0]["entry"] == outcome["ledger"] and rows[0]["identity_kind"] == "email"
    lines = [json.loads(line) for line in ledger_path().read_text().splitlines()]
    assert [line["state"] for line in lines] == ["in_progress", "completed"]
    assert {line["entry"] for line in lines} == {outcome["ledger"]}
    # Only ids and a keyed hash: none of the person's values, not even their name.
    text = ledger_path().read_text() + json.dumps(rows, default=str)
    assert not [n for n in [*person.needles, "Erna", "Wissel"] if n.lower() in text.lower()]
    snapshot = run(rows_everywhere())
    run(erase_member(person.member_id))
    assert run(rows_everywhere()) == snapshot
    assert len(ledger_path().read_text().splitlines()) == 2


def test_replay_after_a_restored_backup_erases_again(tmp_path):
    earlier = run(full_person())
    run(erase_member(earlier.member_id))  # erased before the backup: stays erased
    person = run(full_person())
    surname = "Achternaam" + uuid.uuid4().hex[:8]
    run(Member.update({Member.last_name: surname}).where(Member.id == person.member_id))
    bystander = run(full_person())
    backup = _backup(tmp_path)

    run(erase_member(person.member_id))
    assert run(traces_in_tables(person.needles)) == {}
    bystander_rows = run(traces_in_tables([bystander.secret]))

    _restore(backup)
    assert person.email in str(run(traces_in_tables(person.needles)))  # the person is back
    assert _ledger_rows(person.member_id) == []  # and the restored ledger table forgot them

    result = CliRunner().invoke(main, ["privacy", "replay", "--ledger", str(ledger_path())])
    assert result.exit_code == 0, result.output
    assert "1 restored member(s) erased again" in result.output

    assert run(traces_in_tables(person.needles)) == {}
    assert run(traces_in_file(person.needles)) == []
    assert _name_outside_its_records(surname) == {}
    assert run(traces_in_tables(earlier.needles)) == {}
    assert run(traces_in_tables([bystander.secret])) == bystander_rows
    status = run(Member.select(Member.status).where(Member.id == person.member_id).first())
    assert status["status"] == "erased"
    assert _ledger_rows(person.member_id) == [{"state": "completed", "member": person.member_id}]

    snapshot = run(rows_everywhere())
    again = CliRunner().invoke(main, ["privacy", "replay", "--ledger", str(ledger_path())])
    assert again.exit_code == 0 and "0 restored member(s)" in again.output
    assert run(rows_everywhere()) == snapshot


def test_replay_finds_a_restored_person_whose_id_moved():
    person = run(full_person())
    other = run(full_person())
    member = run(Member.select().where(Member.id == person.member_id).first())
    kind, digest = identity(member)
    # The ledger names the person under the id the other one has in this database.
    entry = Entry("moved-entry", other.member_id, digest, kind, None, "completed")
    ledger_path().write_text(json.dumps(entry.__dict__) + "\n")

    result = CliRunner().invoke(main, ["privacy", "replay"])
    assert result.exit_code == 0, result.output
    assert run(traces_in_tables(person.needles)) == {}
    assert run(traces_in_tables([other.secret])) != {}
    assert _ledger_rows(person.member_id) == [{"state": "completed", "member": person.member_id}]


def test_a_person_without_e_mail_is_replayed_only_at_their_own_id():
    person = run(full_person())
    namesake = run(full_person())  # same name ("Erna Wissel"), no e-mail either
    for p in (person, namesake):
        run(Member.update({Member.email: None}).where(Member.id == p.member_id))
    member = run(Member.select().where(Member.id == person.member_id).first())
    kind, digest = identity(member)
    assert kind == "name"
    entry = Entry("name-entry", person.member_id, digest, kind, None, "completed")
    ledger_path().write_text(json.dumps(entry.__dict__) + "\n")
    assert CliRunner().invoke(main, ["privacy", "replay"]).exit_code == 0
    assert run(traces_in_tables([person.secret])) == {}
    assert run(traces_in_tables([namesake.secret])) != {}


def test_replay_without_a_ledger_file_or_with_a_bad_one_says_so(tmp_path):
    missing = CliRunner().invoke(main, ["privacy", "replay", "--ledger", str(tmp_path / "no")])
    assert missing.exit_code == 2 and "not found" in missing.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"entry": "x"}\n')
    broken = CliRunner().invoke(main, ["privacy", "replay", "--ledger", str(bad)])
    assert broken.exit_code == 2 and "line 1" in broken.output
    with pytest.raises(Exception, match="not found"):
        read_file(tmp_path / "no")
