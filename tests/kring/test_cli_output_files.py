"""A command that writes a file never writes one format under another's name, never over a
file that is there unless told to (`--force`), and never half (a temporary file put in place)."""

import os
import resource
import signal
import subprocess
import sys

from click.testing import CliRunner

from assembly.cli import main
from events import registration
from kring.choices import Role
from tests import factories
from tests.cli import kring
from tests.conftest import run
from tests.events.helpers import event


def test_attendees_refuses_csv_into_a_file_named_xlsx(tmp_path):
    event_id = event(factories.account(Role.organiser))
    target = tmp_path / "att.xlsx"
    args = ["events", "attendees", str(event_id), "--format", "csv", "--output", str(target)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "give --format xlsx" in result.output
    assert not target.exists()


def test_attendees_takes_the_format_from_the_file_name(tmp_path):
    event_id = event(factories.account(Role.organiser))
    target = tmp_path / "att.xlsx"
    args = ["events", "attendees", str(event_id), "--output", str(target)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert target.read_bytes().startswith(b"PK")


def test_export_takes_the_format_from_the_file_name_and_refuses_one_it_cannot_write(tmp_path):
    factories.member(factories.organisation())
    target = tmp_path / "leden.xlsx"
    written = CliRunner().invoke(main, ["import", "export", "members", "--output", str(target)])
    assert written.exit_code == 0
    assert target.read_bytes().startswith(b"PK")
    pdf = tmp_path / "leden.pdf"
    refused = CliRunner().invoke(main, ["import", "export", "members", "-o", str(pdf)])
    assert refused.exit_code == 2 and "name the file .csv or .xlsx" in refused.output
    assert not pdf.exists()


def _attendees_event() -> int:
    event_id = event(factories.account(Role.organiser))
    for number in range(12):
        member = factories.member(factories.organisation(), last_name=f"Deelnemer{number}")
        run(registration.register(event_id, member_id=member))
    return event_id


def _one_line(stderr: str, *said: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert all(words in lines[0] for words in said), stderr


def test_attendees_refuses_to_write_over_a_file_that_is_there(tmp_path):
    event_id = _attendees_event()
    target = tmp_path / "deelnemers.csv"
    target.write_text("mijn eigen lijst\n")
    result = kring("events", "attendees", str(event_id), "--output", str(target))
    assert result.returncode == 2 and result.stdout == "", result
    _one_line(result.stderr, str(target), "already exists", "--force")
    assert target.read_text() == "mijn eigen lijst\n"
    forced = kring("events", "attendees", str(event_id), "--output", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Deelnemer9" in target.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deelnemers.csv"]


def test_export_refuses_to_write_over_a_file_that_is_there(tmp_path):
    factories.member(factories.organisation(), last_name="Exporteerbaar")
    target = tmp_path / "leden.csv"
    target.write_bytes(b"keep")
    refused = CliRunner().invoke(main, ["import", "export", "members", "--output", str(target)])
    assert refused.exit_code == 2 and refused.stdout == "", refused.output
    _one_line(refused.stderr, str(target), "already exists")
    assert target.read_bytes() == b"keep"
    args = ["import", "export", "members", "--output", str(target), "--force"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert "Exporteerbaar" in target.read_text(encoding="utf-8-sig")


def _kring_with_files_up_to(size: int, *args: str) -> subprocess.CompletedProcess:
    """`kring` in a process that may write no file beyond `size` bytes: a disk that fills up
    while the list is written."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return subprocess.run(
        [sys.executable, "-m", "assembly.cli", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        preexec_fn=limit,
    )


def test_a_list_that_cannot_be_written_whole_leaves_no_half_file(tmp_path):
    event_id = _attendees_event()
    whole = kring("events", "attendees", str(event_id), "--output", "-").stdout.encode()
    assert len(whole) > 400 and "Deelnemer9" in whole.decode()
    target = tmp_path / "deelnemers.csv"
    failed = _kring_with_files_up_to(
        200, "events", "attendees", str(event_id), "--output", str(target)
    )
    assert failed.returncode == 2 and "File too large" in failed.stderr, failed
    assert list(tmp_path.iterdir()) == []  # neither the list nor a temporary file
    target.write_text("de vorige lijst\n")
    args = ("events", "attendees", str(event_id), "--output", str(target), "--force")
    failed = _kring_with_files_up_to(200, *args)
    assert failed.returncode == 2 and "File too large" in failed.stderr, failed
    assert target.read_text() == "de vorige lijst\n"  # the one that was there, whole
    assert [p.name for p in tmp_path.iterdir()] == ["deelnemers.csv"]
