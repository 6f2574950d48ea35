"""The award's API: editions (organisers), candidacies (their members), attachments; role
checks and a clear 4xx for every bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from awards.choices import EditionState
from kring.choices import Role
from kring.clock import utc_now
from kring.uploads import max_upload_bytes
from tests import factories
from tests.awards import helpers

EDITIONS = "/api/awards/editions"
CANDIDACIES = "/api/awards/candidacies"


def _edition_body(**fields):
    start = utc_now() + timedelta(days=10)
    return {
        "name": "Kwaliteitsprijs",
        "year": 2026,
        "submission_deadline": start.isoformat(),
        "jury_deadline": (start + timedelta(days=20)).isoformat(),
        "categories": [{"name": "Kmo's"}],
        "criteria": [{"name": "Leiderschap", "weight": 2}, {"name": "Resultaten", "weight": 3}],
    } | fields


def _upload(client, candidacy_id, headers, name, content, content_type="application/pdf"):
    return client.post(
        f"{CANDIDACIES}/{candidacy_id}/attachments",
        headers=headers,
        files={"file": (name, content, content_type)},
    )


def test_a_candidacy_from_edition_to_submission_by_api(client):
    boss = helpers.organiser()
    made = client.post(EDITIONS, json=_edition_body(), headers=boss.headers)
    assert made.status_code == 201, made.text
    edition = made.json()
    assert edition["state"] == "open" and edition["accepts_candidacies"] is True
    who = helpers.candidate()
    listed = client.get(f"{EDITIONS}?state=open", headers=who.headers).json()
    assert [row["id"] for row in listed] == [edition["id"]]
    started = client.post(
        f"{EDITIONS}/{edition['id']}/candidacies",
        json={"title": "Nul fouten", "category": edition["categories"][0]["id"]},
        headers=who.headers,
    )
    assert started.status_code == 201, started.text
    candidacy = started.json()
    assert candidacy["state"] == "draft" and len(candidacy["missing"]) == 3
    incomplete = client.post(f"{CANDIDACIES}/{candidacy['id']}/submit", headers=who.headers)
    assert incomplete.status_code == 422 and "Leiderschap" in incomplete.json()["detail"]
    texts = {str(c["id"]): "Zo." for c in edition["criteria"]}
    changed = client.patch(
        f"{CANDIDACIES}/{candidacy['id']}",
        json={"summary": "Kort.", "texts": texts},
        headers=who.headers,
    )
    assert changed.status_code == 200 and changed.json()["missing"] == []
    added = _upload(client, candidacy["id"], who.headers, "C:\\map\\plan.pdf", helpers.pdf_bytes())
    assert added.status_code == 201 and added.json()["filename"] == "plan.pdf"
    submitted = client.post(f"{CANDIDACIES}/{candidacy['id']}/submit", headers=who.headers)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    mine = client.get(CANDIDACIES, headers=who.headers).json()
    assert [row["id"] for row in mine] == [candidacy["id"]]
    rows = client.get(f"{EDITIONS}/{edition['id']}/candidacies", headers=boss.headers).json()
    assert rows[0]["state"] == "submitted" and rows[0]["member_id"] == who.member_id
    download = client.get(
        f"{CANDIDACIES}/{candidacy['id']}/attachments/{added.json()['id']}", headers=boss.headers
    )
    assert download.status_code == 200 and download.content == helpers.pdf_bytes()
    moved = client.post(
        f"{EDITIONS}/{edition['id']}/state", json={"to": "judging"}, headers=boss.headers
    )
    assert moved.status_code == 200 and moved.json()["state"] == "judging"
    late = client.patch(
        f"{CANDIDACIES}/{candidacy['id']}", json={"title": "X"}, headers=who.headers
    )
    assert late.status_code == 409


def test_roles_are_checked(client):
    who = helpers.candidate()
    made = helpers.edition()
    assert client.post(EDITIONS, json=_edition_body(), headers=who.headers).status_code == 403
    assert (
        client.patch(f"{EDITIONS}/{made.id}", json={"name": "X"}, headers=who.headers).status_code
        == 403
    )
    assert (
        client.post(
            f"{EDITIONS}/{made.id}/state", json={"to": "judging"}, headers=who.headers
        ).status_code
        == 403
    )
    assert client.get(f"{EDITIONS}/{made.id}/candidacies", headers=who.headers).status_code == 403
    assert client.get(EDITIONS).status_code == 401
    staff = factories.account(Role.organiser)
    refused = client.post(
        f"{EDITIONS}/{made.id}/candidacies", json={"title": "X"}, headers=staff.headers
    )
    assert refused.status_code == 403  # no member profile


def test_other_peoples_and_unknown_ids_are_not_found(client):
    made = helpers.edition()
    who = helpers.candidate()
    candidacy_id = helpers.submitted_candidacy(who, made)
    other = helpers.candidate(who.organisation_id, who.domain)
    for method, path in (
        ("GET", f"{CANDIDACIES}/{candidacy_id}"),
        ("PATCH", f"{CANDIDACIES}/{candidacy_id}"),
        ("POST", f"{CANDIDACIES}/{candidacy_id}/submit"),
        ("POST", f"{CANDIDACIES}/{candidacy_id}/withdraw"),
        ("GET", f"{CANDIDACIES}/{candidacy_id}/attachments/1"),
        ("DELETE", f"{CANDIDACIES}/{candidacy_id}/attachments/1"),
        ("GET", f"{CANDIDACIES}/2147483647"),
        ("GET", f"{EDITIONS}/2147483647"),
    ):
        answer = client.request(
            method, path, headers=other.headers, json={"title": "X"} if method == "PATCH" else None
        )
        assert answer.status_code == 404, (method, path, answer.text)
    assert (
        _upload(client, candidacy_id, other.headers, "a.pdf", helpers.pdf_bytes()).status_code
        == 404
    )
    for path in (f"{CANDIDACIES}/²", f"{CANDIDACIES}/0", f"{CANDIDACIES}/99999999999"):
        assert client.get(path, headers=who.headers).status_code in (400, 404), path


@pytest.mark.parametrize(
    "body",
    [
        {"title": "", "texts": {}},
        {"title": "X", "texts": {"abc": "x"}},
        {"title": "X", "category": 0},
        {"title": "X", "category": 2147483647},
        {"title": "X", "unknown": 1},
        {"title": "X" * 201},
        {"title": "X\u0007"},
    ],
)
def test_bad_candidacies_get_a_4xx_naming_the_problem(client, body):
    made = helpers.edition()
    who = helpers.candidate()
    answer = client.post(f"{EDITIONS}/{made.id}/candidacies", json=body, headers=who.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"]


def test_one_criterion_written_two_ways_is_refused_not_half_kept(client):
    made = helpers.edition()
    who = helpers.candidate()
    criterion = made.criterion_ids[0]
    texts = {f"0{criterion}": "hallo", str(criterion): "bye"}
    body = {"title": "X", "texts": texts}
    answer = client.post(f"{EDITIONS}/{made.id}/candidacies", json=body, headers=who.headers)
    assert answer.status_code == 400 and "twice" in answer.text, answer.text


@pytest.mark.parametrize(
    "fields",
    [
        {"criteria": []},
        {"criteria": [{"name": "X", "weight": 101}]},
        {"jury_deadline": (utc_now() - timedelta(days=1)).isoformat()},
        {"year": 1999},
        {"categories": [{"name": "A", "id": 5}]},
    ],
)
def test_bad_editions_get_a_400(client, fields):
    boss = helpers.organiser()
    answer = client.post(EDITIONS, json=_edition_body(**fields), headers=boss.headers)
    assert answer.status_code == 400, answer.text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("submission_deadline", "0001-01-01T00:00:00+00:00"),
        ("jury_deadline", "2201-01-01T10:00:00+01:00"),
        ("jury_deadline", "9999-12-31T23:59:59-12:00"),
    ],
)
def test_far_off_deadlines_are_a_400_naming_the_field(client, field, value):
    """Year 1 or 9999 cannot be moved between time zones: stored, it broke later pages."""
    boss = helpers.organiser()
    made = helpers.edition(by=boss)
    for method, path in (("POST", EDITIONS), ("PATCH", f"{EDITIONS}/{made.id}")):
        body = _edition_body(**{field: value}) if method == "POST" else {field: value}
        answer = client.request(method, path, json=body, headers=boss.headers)
        assert answer.status_code == 400, (method, answer.text)
        assert answer.json()["errors"][0]["field"] == field, answer.text
        assert "2000-01-01 and 2100-12-31" in answer.json()["detail"]


def test_past_the_deadline_is_a_conflict(client):
    who = helpers.candidate()
    made = helpers.edition()
    candidacy_id = helpers.candidacy(who, made)
    late = helpers.edition(submission_deadline=utc_now() - timedelta(seconds=1))
    assert (
        client.post(
            f"{EDITIONS}/{late.id}/candidacies", json={"title": "X"}, headers=who.headers
        ).status_code
        == 409
    )
    helpers.set_state(made.id, EditionState.judging)
    assert (
        _upload(client, candidacy_id, who.headers, "a.pdf", helpers.pdf_bytes()).status_code == 409
    )
    assert (
        client.post(f"{CANDIDACIES}/{candidacy_id}/withdraw", headers=who.headers).status_code
        == 409
    )
    boss = helpers.organiser()
    skipped = client.post(
        f"{EDITIONS}/{made.id}/state", json={"to": "decided"}, headers=boss.headers
    )
    assert skipped.status_code == 409


def test_wrong_files_are_422_and_too_large_ones_413(client):
    made = helpers.edition()
    who = helpers.candidate()
    candidacy_id = helpers.candidacy(who, made)
    disguised = _upload(client, candidacy_id, who.headers, "dossier.pdf", helpers.zip_bytes())
    assert disguised.status_code == 422 and disguised.json()["errors"][0]["field"] == "file"
    text = _upload(client, candidacy_id, who.headers, "notes.txt", b"hello", "text/plain")
    assert text.status_code == 422
    empty = _upload(client, candidacy_id, who.headers, "a.pdf", b"")
    assert empty.status_code == 422
    word = _upload(
        client,
        candidacy_id,
        who.headers,
        "plan.docx",
        helpers.docx_bytes(),
        "application/octet-stream",
    )
    assert word.status_code == 201 and word.json()["content_type"].endswith("document")
    huge = b"%PDF-1.4\n" + b"0" * (max_upload_bytes() + 10) + b"\n%%EOF\n"
    too_large = _upload(client, candidacy_id, who.headers, "groot.pdf", huge)
    assert too_large.status_code == 413
    json_body = client.post(
        f"{CANDIDACIES}/{candidacy_id}/attachments", json={"file": "x"}, headers=who.headers
    )
    assert json_body.status_code in (400, 415, 422)
    removed = client.delete(
        f"{CANDIDACIES}/{candidacy_id}/attachments/{word.json()['id']}", headers=who.headers
    )
    assert removed.status_code in (200, 204)
    assert (
        client.get(f"{CANDIDACIES}/{candidacy_id}", headers=who.headers).json()["attachments"] == []
    )


def test_a_restricted_submitters_member_id_is_withheld_like_their_name(client):
    from privacy.restriction import restrict
    from tests.conftest import run

    made = helpers.edition()
    shown, restricted = helpers.candidate(), helpers.candidate()
    for who in (shown, restricted):
        helpers.submitted_candidacy(who, made, title=f"Dossier {who.member_id}")
    run(restrict(restricted.member_id, "het lid", "betwist", None))
    boss = helpers.organiser()
    rows = client.get(f"{EDITIONS}/{made.id}/candidacies", headers=boss.headers).json()
    ids = {row["title"]: row["member_id"] for row in rows}
    assert ids == {
        f"Dossier {shown.member_id}": shown.member_id,
        f"Dossier {restricted.member_id}": None,
    }


def test_an_unknown_state_filter_names_the_state_parameter(client):
    who = helpers.candidate()
    answer = client.get(EDITIONS, params={"state": "bogus"}, headers=who.headers)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "state" and "in_state" not in answer.text
    made = helpers.edition()
    helpers.set_state(made.id, EditionState.judging)
    found = client.get(EDITIONS, params={"state": "judging"}, headers=who.headers).json()
    assert [e["id"] for e in found] == [made.id]


def test_the_jury_deadline_moves_sensibly_once_judging_started_early(client):
    """Judging started before the submission deadline; the jury deadline was still held to
    come after it, so it could not be brought forward."""
    made = helpers.edition()  # submission deadline in 30 days, jury deadline in 60
    helpers.set_state(made.id, EditionState.judging)
    boss = helpers.organiser()
    sooner = (utc_now() + timedelta(days=7)).isoformat()
    answer = client.patch(
        f"{EDITIONS}/{made.id}", json={"jury_deadline": sooner}, headers=boss.headers
    )
    assert answer.status_code == 200, answer.text
    past = (utc_now() - timedelta(days=1)).isoformat()
    answer = client.patch(
        f"{EDITIONS}/{made.id}", json={"jury_deadline": past}, headers=boss.headers
    )
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "jury_deadline"
    open_one = helpers.edition()
    answer = client.patch(
        f"{EDITIONS}/{open_one.id}", json={"jury_deadline": sooner}, headers=boss.headers
    )
    assert answer.status_code == 400  # while open it still follows the submission deadline
