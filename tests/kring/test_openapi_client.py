"""A client generated from the OpenAPI document by openapi-python-client reads every error.

The document once described Litestar's default `{status_code, detail, extra}` errors while the
API answers RFC 9457 problem documents, so a generated client dropped the error answers and
could not parse a 400. Here a client is generated from the served document and used against
`kring serve`: each error status comes back parsed as the document's `Problem`.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from kring.choices import Role
from kring.web.problems import DESCRIPTIONS
from tests import factories

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONFIG = f"""post_hooks: []
content_type_overrides:
  application/pdf: application/octet-stream
  {XLSX}: application/octet-stream
"""
"""openapi-python-client reads only JSON, text and `application/octet-stream` answers; its own
setting tells it that a PDF or a spreadsheet is bytes too."""


def _document(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/schema/openapi.json") as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def kring_client(live_server, tmp_path_factory):
    """The generated package, imported; generation must not warn about any operation."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "openapi.json").write_text(json.dumps(_document(live_server)))
    (folder / "config.yml").write_text(CONFIG)
    done = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(folder / "openapi.json"),
            "--output-path",
            str(folder / "kring_client"),
            "--meta",
            "none",
            "--config",
            str(folder / "config.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("kring_client")
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.split(".")[0] == "kring_client"]:
            del sys.modules[name]


def _operation(package: str, module: str):
    return importlib.import_module(f"kring_client.api.{package}.{module}")


def test_every_error_answer_of_every_operation_is_a_problem_document(live_server):
    document = _document(live_server)
    problem = {"$ref": "#/components/schemas/Problem"}
    wrong = []
    operations = 0
    for path, item in document["paths"].items():
        for method, operation in item.items():
            operations += 1
            errors = {int(s): r for s, r in operation["responses"].items() if int(s) >= 400}
            if not {400, 503} <= set(errors):
                wrong.append(f"{method} {path}: only {sorted(errors)}")
            for status, response in errors.items():
                if response["content"] != {"application/problem+json": {"schema": problem}}:
                    wrong.append(f"{method} {path} {status}")
    assert operations > 80 and wrong == []
    assert set(DESCRIPTIONS) == {400, 401, 403, 404, 409, 412, 413, 415, 429, 503}
    assert all(path.startswith("/api/") for path in document["paths"])


def test_the_generated_client_parses_each_error_as_a_problem(live_server, kring_client):
    from kring_client.client import AuthenticatedClient, Client
    from kring_client.models import MemberCreate, MemberUpdate, Problem, TokenRequest

    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    as_member = AuthenticatedClient(base_url=live_server, token=member.token)
    as_organiser = AuthenticatedClient(base_url=live_server, token=organiser.token)
    anonymous = Client(base_url=live_server)
    update = _operation("members", "api_members_member_id_update")
    show = _operation("members", "api_members_member_id_show")
    create = _operation("members", "api_members_create")
    log_in = _operation("accounts", "api_tokens_create")

    answers = {
        400: update.sync_detailed(
            member.member_id, client=as_member, body=MemberUpdate(job_title="x\x00y")
        ),
        401: _operation("members", "api_members_index").sync_detailed(client=anonymous),
        403: create.sync_detailed(
            client=as_member,
            body=MemberCreate(first_name="An", last_name="Peeters", email="an@example.be"),
        ),
        404: show.sync_detailed(2_000_000, client=as_member),
        413: update.sync_detailed(
            member.member_id, client=as_member, body=MemberUpdate(address="x" * 1_100_000)
        ),
        409: create.sync_detailed(
            client=as_organiser,
            body=MemberCreate(first_name="An", last_name="Peeters", email=member_email(member)),
        ),
    }
    for _ in range(5):
        log_in.sync_detailed(client=anonymous, body=TokenRequest(email=member.email, password="x"))
    answers[429] = log_in.sync_detailed(
        client=anonymous, body=TokenRequest(email=member.email, password="x")
    )
    for status, answer in answers.items():
        assert answer.status_code == status, (status, answer.content)
        assert isinstance(answer.parsed, Problem), (status, answer.content)
        assert answer.parsed.status == status and answer.parsed.detail
    assert answers[400].parsed.errors[0].field == "job_title"
    assert int(answers[429].headers["retry-after"]) > 0


def member_email(login: factories.Login) -> str:
    from kring.tables import Member
    from tests.conftest import run

    row = run(Member.select(Member.email).where(Member.id == login.member_id).first())
    return row["email"]


FILE_ANSWERS = {
    "/api/events/{event_id}/exports/{fmt}": (
        "fmt",
        ["csv", "xlsx", "pdf", "html"],
        {XLSX, "application/pdf", "text/csv", "text/html"},
    ),
    "/api/events/{event_id}/exports/full/{fmt}": (
        "fmt",
        ["csv", "xlsx", "pdf", "html"],
        {XLSX, "application/pdf", "text/csv", "text/html"},
    ),
    "/api/export/{name}": (
        "name",
        ["members.csv", "members.xlsx", "organisations.csv", "organisations.xlsx"],
        {XLSX, "text/csv"},
    ),
    "/api/awards/editions/{edition_id}/jury-report/{fmt}": (
        "fmt",
        ["pdf", "xlsx"],
        {XLSX, "application/pdf"},
    ),
}


def test_a_file_download_declares_its_media_types_and_its_choices(live_server):
    """Found from outside: the exports were documented as a JSON string, and `fmt` and `name`
    as any text."""
    document = _document(live_server)
    binary = {"type": "string", "format": "binary"}
    for path, (parameter, choices, media_types) in FILE_ANSWERS.items():
        operation = document["paths"][path]["get"]
        content = operation["responses"]["200"]["content"]
        assert set(content) == media_types, path
        for media_type, described in content.items():
            expected = {"type": "string"} if media_type.startswith("text/") else binary
            assert described["schema"] == expected, (path, media_type)
        (named,) = [p for p in operation["parameters"] if p["name"] == parameter]
        assert named["schema"]["enum"] == choices, path


def test_the_generated_client_downloads_an_export_as_bytes(live_server, kring_client):
    from kring_client.client import AuthenticatedClient
    from kring_client.models import Problem
    from kring_client.types import File

    organiser = factories.account(Role.organiser)
    as_organiser = AuthenticatedClient(base_url=live_server, token=organiser.token)
    export = _operation("import_", "api_export_name_export")
    names = importlib.import_module("kring_client.models.api_export_name_export_name")
    answer = export.sync_detailed(names.ApiExportNameExportName.MEMBERS_XLSX, client=as_organiser)
    assert answer.status_code == 200 and isinstance(answer.parsed, File)
    assert answer.parsed.payload.read()[:2] == b"PK"  # a zip: the spreadsheet, not JSON
    assert answer.headers["content-type"] == XLSX
    participants = _operation("events", "api_events_event_id_exports_fmt_export_api")
    refused = participants.sync_detailed(1, "docx", client=as_organiser)  # not one of the enum
    assert refused.status_code == 400 and isinstance(refused.parsed, Problem)
    assert refused.parsed.errors[0].field == "fmt" and "docx" in refused.parsed.detail
