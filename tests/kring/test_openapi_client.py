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


def _document(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/schema/openapi.json") as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def kring_client(live_server, tmp_path_factory):
    """The generated package, imported; generation must not warn about any operation."""
    folder = tmp_path_factory.mktemp("generated")
    (folder / "openapi.json").write_text(json.dumps(_document(live_server)))
    (folder / "config.yml").write_text("post_hooks: []\n")
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
    assert set(DESCRIPTIONS) == {400, 401, 403, 404, 409, 413, 429, 503}
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
