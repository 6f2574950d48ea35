"""Download links to an access answer: bound to one request, expiring, single use, rate limited."""

from datetime import timedelta

from kring.choices import Role
from kring.clock import utc_now
from privacy import download_links
from privacy.tables import AccessRequest, AuditEntry, DownloadLink
from tests import factories
from tests.conftest import run


def _request(client, login) -> int:
    return client.post("/api/privacy/access-requests", json={}, headers=login.headers).json()["id"]


def _link(client, login, request_id, **body):
    body = {"password": factories.PASSWORD} | body
    return client.post(
        f"/api/privacy/access-requests/{request_id}/download-link", json=body, headers=login.headers
    )


def test_a_link_works_once_and_answers_its_own_request(client):
    alice = factories.account(Role.member)
    request_id = _request(client, alice)
    made = _link(client, alice, request_id)
    assert made.status_code == 201, made.text
    url = made.json()["url"]
    assert url.startswith(f"/privacy/downloads/{request_id}/")
    first = client.get(url, headers=alice.headers)
    assert first.status_code == 200
    assert first.headers["content-disposition"].startswith("attachment")
    export = first.json()
    assert export["subject"]["member_id"] == alice.member_id
    assert export["request"]["id"] == request_id
    again = client.get(url, headers=alice.headers)
    assert again.status_code == 410 and "once" in again.json()["detail"]
    stored = run(AccessRequest.select().where(AccessRequest.id == request_id).first())
    assert stored["status"] == "fulfilled"
    audit = run(AuditEntry.select().where(AuditEntry.member == alice.member_id))
    assert [(a["action"], a["actor"]) for a in audit] == [("exported", alice.account_id)]


def test_a_link_is_bound_to_its_request(client):
    alice, bob = factories.account(Role.member), factories.account(Role.member)
    # Two requests of one member: Alice's open request is reused, so the other is Bob's.
    first, second = _request(client, alice), _request(client, bob)
    token = _link(client, alice, first).json()["url"].rsplit("/", 1)[1]
    # On Bob's request, as Bob: his request, but not the token of its link.
    assert (
        client.get(f"/privacy/downloads/{second}/{token}", headers=bob.headers).status_code == 404
    )
    # Another member cannot get a link to Alice's request, with or without a password.
    assert _link(client, bob, first).status_code == 404
    assert (
        client.get(f"/privacy/downloads/{first}/{token}", headers=alice.headers).status_code == 200
    )


def test_a_link_expires(client, monkeypatch):
    monkeypatch.setenv("KRING_DOWNLOAD_LINK_MINUTES", "5")
    alice = factories.account(Role.member)
    request_id = _request(client, alice)
    made = _link(client, alice, request_id).json()
    url = made["url"]
    token = url.rsplit("/", 1)[1]
    row = run(DownloadLink.select().where(DownloadLink.request == request_id).first())
    assert timedelta(minutes=4) < row["expires_at"] - utc_now() <= timedelta(minutes=5)
    later = utc_now() + timedelta(minutes=6)
    expired = run(_redeem(request_id, token, later))
    assert expired == 410
    assert client.get(url, headers=alice.headers).status_code == 200  # within its five minutes


async def _redeem(request_id, token, now):
    from kring.errors import DomainError

    try:
        await download_links.redeem(request_id, token, now)
    except DomainError as error:
        return error.status_code
    return 200


def test_links_are_rate_limited_and_wrong_tokens_lock_a_request(client, monkeypatch):
    monkeypatch.setenv("KRING_DOWNLOADS_PER_HOUR", "2")
    alice = factories.account(Role.member)
    request_id = _request(client, alice)
    urls = [_link(client, alice, request_id).json()["url"] for _ in range(2)]
    third = _link(client, alice, request_id)
    assert third.status_code == 429 and "retry-after" in third.headers
    for _ in range(5):
        guessed = client.get(
            f"/privacy/downloads/{request_id}/guessed-token", headers=alice.headers
        )
        assert guessed.status_code in (404, 429)
    locked = client.get(urls[0], headers=alice.headers)
    assert locked.status_code == 429
    # A new request does not get round the limit: it counts per person.
    other = _request(client, alice)
    assert _link(client, alice, other).status_code == 429
    # Another request's links are untouched by the wrong tokens.
    monkeypatch.setenv("KRING_DOWNLOADS_PER_HOUR", "5")
    fresh = _link(client, alice, other).json()["url"]
    assert client.get(fresh, headers=alice.headers).status_code == 200


def test_a_member_needs_the_password_for_a_link_or_an_export(client):
    alice = factories.account(Role.member)
    request_id = _request(client, alice)
    assert _link(client, alice, request_id, password="wrong password!!").status_code == 403
    missing = client.post(
        f"/api/privacy/access-requests/{request_id}/download-link", json={}, headers=alice.headers
    )
    assert missing.status_code == 400 and "password" in missing.text
    assert (
        client.get(
            f"/api/privacy/access-requests/{request_id}/export", headers=alice.headers
        ).status_code
        == 403
    )
    assert client.post("/api/privacy/me/export", json={}, headers=alice.headers).status_code == 400
    officer = factories.account(Role.privacy_officer)
    made = client.post(
        f"/api/privacy/access-requests/{request_id}/download-link", json={}, headers=officer.headers
    )
    assert made.status_code == 201


def test_a_lock_from_wrong_tokens_ends_when_the_locked_links_expire(client):
    """Anyone may send wrong tokens; they must not take the person's answer away for good."""
    alice = factories.account(Role.member)
    request_id = _request(client, alice)
    _link(client, alice, request_id)
    for _ in range(5):
        client.get(f"/privacy/downloads/{request_id}/guessed-token", headers=alice.headers)
    fresh = _link(client, alice, request_id).json()["url"]
    assert (
        client.get(fresh, headers=alice.headers).status_code == 429
    )  # locked while the guessed-at links live
    # An hour later the links that took the wrong tokens have expired; a new one works.
    past = utc_now() - timedelta(minutes=1)
    guessed_at = DownloadLink.failed_attempts >= 5
    run(DownloadLink.update({DownloadLink.expires_at: past}).where(guessed_at))
    assert client.get(fresh, headers=alice.headers).status_code == 200


def test_a_head_request_does_not_spend_the_link(client):
    """Mail scanners and link previews send HEAD before anyone clicks: it was answered as
    the GET, which spent the link, and the member's own click then got 410."""
    alice = factories.account(Role.member)
    request_id = _request(client, alice)
    url = _link(client, alice, request_id).json()["url"]
    own = alice.headers
    checked = client.head(url, headers=own)
    assert checked.status_code == 200 and checked.content == b""
    assert client.head(url.rsplit("/", 1)[0] + "/wrong-token", headers=own).status_code == 404
    first = client.get(url, headers=own)
    assert first.status_code == 200 and first.json()["request"]["id"] == request_id
    assert client.head(url, headers=own).status_code == 410


def _open_requests(member_id: int) -> list[int]:
    return [
        r["id"]
        for r in run(
            AccessRequest.select(AccessRequest.id).where(
                (AccessRequest.member == member_id) & (AccessRequest.status == "open")
            )
        )
    ]


def test_my_data_records_a_request_only_when_asked_and_reuses_an_open_one(client):
    """Found from outside: each visit made a new open request on the officer's desk, and a
    HEAD made one. Now no GET or HEAD records anything; the form's POST answers the member's
    open request when there is one instead of adding a second."""
    alice = factories.account(Role.member)
    open_one = _request(client, alice)
    factories.log_in(client, alice.email)
    confirmed = client.post(
        "/privacy/confirm",
        data={
            "password": factories.PASSWORD,
            "next": "/privacy/my-data",
            "_csrf_token": factories.csrf_token(client),
        },
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    assert client.head("/privacy/my-data").status_code == 200
    assert client.get("/privacy/my-data").status_code == 200
    assert _open_requests(alice.member_id) == [open_one]
    assert not run(AuditEntry.exists().where(AuditEntry.member == alice.member_id))
    asked = factories.post_page_form(client, "/privacy/my-data")
    assert asked.status_code == 200 and str(asked.url).endswith(f"/privacy/my-data/{open_one}")
    assert _open_requests(alice.member_id) == []
    assert run(AccessRequest.count().where(AccessRequest.member == alice.member_id)) == 1


def test_the_officers_head_answers_no_request_and_views_no_one(client):
    """A HEAD of the officer's answer page (a link checker, a prefetch) marked the request
    answered and audited an export; a HEAD of a person's desk page audited a view. Nothing is
    shown, so neither happens; an unknown request is still a 404."""
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    recorded = client.post(
        "/api/privacy/access-requests",
        json={"member_id": alice.member_id, "channel": "email", "identity_checked": True},
        headers=officer.headers,
    )
    assert recorded.status_code == 201, recorded.text
    request_id = recorded.json()["id"]
    factories.log_in(client, officer.email)
    assert client.head(f"/privacy/desk/access/{request_id}").status_code == 200
    assert client.head(f"/privacy/desk/members/{alice.member_id}").status_code == 200
    assert client.head("/privacy/desk/access/999999").status_code == 404
    assert _open_requests(alice.member_id) == [request_id]
    assert not run(AuditEntry.exists().where(AuditEntry.member == alice.member_id))
    assert client.get(f"/privacy/desk/access/{request_id}").status_code == 200
    assert _open_requests(alice.member_id) == [request_id]  # a look answers nothing either
    assert run(AuditEntry.exists().where(AuditEntry.member == alice.member_id))
    answered = factories.post_page_form(client, f"/privacy/desk/access/{request_id}/answered")
    assert answered.status_code == 200
    assert _open_requests(alice.member_id) == []
