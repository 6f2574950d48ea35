"""A member's copy of their data: asked with a POST form, read with GETs that change nothing;
a download link works only for the person whose data it holds.

Found by an outside review: `GET /privacy/my-data` recorded and answered an access request and
`GET /privacy/my-data.json` issued a download link (a prefetch or a reload did it), and a
download link gave the data to anyone who had it, logged in or not."""

from kring.choices import Role
from privacy.tables import AccessRequest, AuditEntry
from tests import factories
from tests.conftest import run


def _confirmed(client, login) -> None:
    factories.log_in(client, login.email)
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


def _requests(member_id: int) -> list[tuple[int, str]]:
    rows = AccessRequest.select(AccessRequest.id, AccessRequest.status).where(
        AccessRequest.member == member_id
    )
    return [(r["id"], r["status"]) for r in run(rows.order_by(AccessRequest.id))]


def _exports(member_id: int) -> int:
    return run(
        AuditEntry.count().where(
            (AuditEntry.member == member_id) & (AuditEntry.action == "exported")
        )
    )


def test_reading_my_data_pages_records_nothing_and_the_post_form_asks(client):
    alice = factories.account(Role.member)
    _confirmed(client, alice)
    for _ in range(2):
        form = client.get("/privacy/my-data")
        assert form.status_code == 200
        assert 'method="post" action="/privacy/my-data"' in form.text
    assert client.get("/privacy/my-data.json", follow_redirects=False).status_code == 404
    assert _requests(alice.member_id) == [] and _exports(alice.member_id) == 0
    # The form without its CSRF token is refused and records nothing.
    assert client.post("/privacy/my-data", follow_redirects=False).status_code == 403
    assert _requests(alice.member_id) == []
    asked = factories.post_page_form(client, "/privacy/my-data")
    assert asked.status_code == 200
    ((request_id, status),) = _requests(alice.member_id)
    assert status == "fulfilled"
    assert str(asked.url).endswith(f"/privacy/my-data/{request_id}")
    assert 'id="flash"' in asked.text and "Je inzageverzoek is vastgelegd" in asked.text
    assert 'id="table-member"' in asked.text
    # Reading the answer again and downloading it change no request; each read is audited.
    again = client.get(f"/privacy/my-data/{request_id}")
    assert again.status_code == 200 and 'id="flash"' not in again.text
    download = client.get(f"/privacy/my-data/{request_id}/answer.json")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="kring-my-data.json"'
    assert download.json()["subject"]["member_id"] == alice.member_id
    assert _requests(alice.member_id) == [(request_id, "fulfilled")]
    assert _exports(alice.member_id) == 3
    # The privacy page links to the form, not to a GET that hands data out.
    overview = client.get("/privacy")
    assert 'href="/privacy/my-data"' in overview.text
    assert "/privacy/my-data.json" not in overview.text


def test_another_members_answer_is_not_found(client):
    alice, bob = factories.account(Role.member), factories.account(Role.member)
    _confirmed(client, alice)
    factories.post_page_form(client, "/privacy/my-data")
    ((request_id, _),) = _requests(alice.member_id)
    client.cookies.clear()
    _confirmed(client, bob)
    for path in (f"/privacy/my-data/{request_id}", f"/privacy/my-data/{request_id}/answer.json"):
        assert client.get(path).status_code == 404
    assert _exports(alice.member_id) == 1


def _link(client, login) -> str:
    request_id = client.post("/api/privacy/access-requests", json={}, headers=login.headers).json()[
        "id"
    ]
    made = client.post(
        f"/api/privacy/access-requests/{request_id}/download-link",
        json={"password": factories.PASSWORD},
        headers=login.headers,
    )
    assert made.status_code == 201, made.text
    return made.json()["url"]


def test_a_download_link_works_only_for_its_owner(client):
    alice, bob = factories.account(Role.member), factories.account(Role.member)
    url = _link(client, alice)
    # Logged out, a browser is sent to the login, which brings it back to the link (an outside
    # probe found a dead end: a 403 page without a way to log in); a program gets a 401.
    anonymous = client.get(url, headers={"accept": "text/html"}, follow_redirects=False)
    assert anonymous.status_code == 302
    assert anonymous.headers["location"] == f"/login?next={url}"
    program = client.get(url)
    assert program.status_code == 401 and "log in first" in program.json()["detail"]
    assert client.head(url).status_code == 401
    assert client.get(url, headers=bob.headers).status_code == 404
    factories.log_in(client, bob.email)
    other = client.get(url, headers={"accept": "text/html"})
    assert other.status_code == 404 and "niet van jou" in other.text
    officer = factories.account(Role.privacy_officer)
    assert client.get(url, headers=officer.headers).status_code == 404
    assert _exports(alice.member_id) == 0  # none of them spent the link
    client.cookies.clear()
    back = client.post(
        "/login",
        data={
            "email": alice.email,
            "password": factories.PASSWORD,
            "next": url,
            "_csrf_token": factories.csrf_token(client),
        },
        follow_redirects=False,
    )
    assert back.headers["location"] == url  # the login brings the person back to the link
    mine = client.get(url)
    assert mine.status_code == 200 and mine.json()["subject"]["member_id"] == alice.member_id
    assert client.get(url).status_code == 410  # the token is still checked: it works once


def test_a_download_link_works_with_the_owners_api_token(client):
    alice = factories.account(Role.member)
    url = _link(client, alice)
    answer = client.get(url, headers=alice.headers)
    assert answer.status_code == 200 and answer.json()["subject"]["member_id"] == alice.member_id
    wrong = url.rsplit("/", 1)[0] + "/wrong-token"
    assert client.get(wrong, headers=alice.headers).status_code == 404


def test_my_requests_link_an_answer_and_the_password_leads_back_to_it(client):
    alice = factories.account(Role.member)
    _confirmed(client, alice)
    factories.post_page_form(client, "/privacy/my-data")
    ((request_id, _),) = _requests(alice.member_id)
    overview = client.get("/privacy")
    assert f'href="/privacy/my-data/{request_id}" id="answer-{request_id}"' in overview.text
    assert "Het antwoord lezen" in overview.text
    # A new login must confirm the password again; that confirmation leads to the answer.
    client.cookies.clear()
    factories.log_in(client, alice.email)
    asked = client.get(f"/privacy/my-data/{request_id}", follow_redirects=False)
    assert asked.headers["location"] == f"/privacy/confirm?next=/privacy/my-data/{request_id}"
    form = client.get(asked.headers["location"])
    assert f'value="/privacy/my-data/{request_id}"' in form.text
    confirmed = client.post(
        "/privacy/confirm",
        data={
            "password": factories.PASSWORD,
            "next": f"/privacy/my-data/{request_id}",
            "_csrf_token": factories.csrf_token(client),
        },
        follow_redirects=False,
    )
    assert confirmed.headers["location"] == f"/privacy/my-data/{request_id}"
    # Anything else still leads to the privacy page.
    elsewhere = client.get("/privacy/confirm?next=/privacy/my-data/1/answer.json")
    assert 'value="/privacy"' in elsewhere.text
