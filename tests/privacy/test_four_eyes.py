"""Erasure with two privacy officers (KRING_ERASURE_APPROVAL=two-officers, the default)."""

from kring.choices import MemberStatus, Role
from kring.tables import Member
from privacy.tables import ErasureRequest
from tests import factories
from tests.conftest import run


def _erasure(client, officer, member_id) -> int:
    body = {"member_id": member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/erasure-requests", json=body, headers=officer.headers)
    assert made.status_code == 201, made.text
    return made.json()["id"]


def _status(member_id) -> str:
    return run(Member.select(Member.status).where(Member.id == member_id).first())["status"]


def test_the_officer_who_starts_an_erasure_cannot_approve_it(client):
    first = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    request_id = _erasure(client, first, member_id)
    path = f"/api/privacy/erasure-requests/{request_id}"
    early = client.post(f"{path}/approve", headers=second.headers)
    assert early.status_code == 409 and "not waiting" in early.json()["detail"]
    started = client.post(f"{path}/run", headers=first.headers).json()
    assert (started["status"], started["started_by"]) == ("approval", first.account_id)
    assert _status(member_id) == MemberStatus.active
    own = client.post(f"{path}/approve", headers=first.headers)
    assert own.status_code == 403 and "second privacy officer" in own.json()["detail"]
    assert client.post(f"{path}/run", headers=first.headers).status_code == 409
    member = factories.account(Role.member)
    assert client.post(f"{path}/approve", headers=member.headers).status_code == 403
    assert _status(member_id) == MemberStatus.active
    done = client.post(f"{path}/approve", headers=second.headers)
    assert done.status_code == 200 and "member" in done.json()["changed"]
    assert _status(member_id) == MemberStatus.erased
    stored = run(ErasureRequest.select().where(ErasureRequest.id == request_id).first())
    assert (stored["status"], stored["started_by"], stored["approved_by"]) == (
        "done",
        first.account_id,
        second.account_id,
    )
    assert client.post(f"{path}/approve", headers=second.headers).status_code == 409


def test_the_officer_who_recorded_the_request_cannot_approve_it_either(client):
    recorder = factories.account(Role.privacy_officer)
    starter = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    request_id = _erasure(client, recorder, member_id)
    path = f"/api/privacy/erasure-requests/{request_id}"
    client.post(f"{path}/run", headers=starter.headers)
    assert client.post(f"{path}/approve", headers=recorder.headers).status_code == 403
    assert _status(member_id) == MemberStatus.active


def test_one_officer_mode_erases_at_once(client, monkeypatch):
    monkeypatch.setenv("KRING_ERASURE_APPROVAL", "one-officer")
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    request_id = _erasure(client, officer, member_id)
    done = client.post(f"/api/privacy/erasure-requests/{request_id}/run", headers=officer.headers)
    assert done.status_code == 200 and "member" in done.json()["changed"]
    assert _status(member_id) == MemberStatus.erased


def test_a_bad_approval_setting_is_a_clear_error(monkeypatch):
    import pytest

    from kring.settings import SettingsError
    from privacy.config import erasure_needs_second_officer

    monkeypatch.setenv("KRING_ERASURE_APPROVAL", "three-officers")
    with pytest.raises(SettingsError, match="two-officers or one-officer"):
        erasure_needs_second_officer()


def test_the_desk_shows_start_and_approve_to_the_right_officers(client):
    first = factories.account(Role.privacy_officer)
    second = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    request_id = _erasure(client, first, member_id)
    factories.log_in(client, first.email)
    csrf = factories.csrf_token(client)
    started = client.post(
        f"/privacy/desk/erasure/{request_id}", data={"_csrf_token": csrf}, follow_redirects=False
    )
    assert started.status_code == 303
    desk = client.get("/privacy/desk").text
    assert f"/privacy/desk/erasure/{request_id}/approve" not in desk
    refused = client.post(f"/privacy/desk/erasure/{request_id}/approve", data={"_csrf_token": csrf})
    assert refused.status_code == 403
    client.cookies.clear()
    factories.log_in(client, second.email)
    desk = client.get("/privacy/desk").text
    assert f"/privacy/desk/erasure/{request_id}/approve" in desk
    erased = client.post(
        f"/privacy/desk/erasure/{request_id}/approve",
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert erased.status_code == 200 and 'id="kept"' in erased.text
    assert _status(member_id) == MemberStatus.erased
