"""When the Kring login hands the admin a fresh Piccolo Admin session (its own ended: a logout
or a password change on another device, or it expired), the request goes on as it was sent
(found by an outside probe): the redirect dropped the query, so page 3 of a list or an export's
page of 1,000 rows came back as the first 15, and a PATCH was sent on as a 302."""

from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}


def _admin_whose_admin_session_ended(client) -> None:
    from piccolo_api.session_auth.tables import SessionsBase

    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    run(SessionsBase.delete(force=True))


def test_a_list_asked_for_with_an_ended_admin_session_keeps_its_query(client):
    for _ in range(3):
        factories.member(None)
    _admin_whose_admin_session_ended(client)
    path = "/admin/api/tables/member/?__page_size=1&__page=2"
    answer = client.get(path, headers=JSON, follow_redirects=False)
    assert answer.status_code in (302, 303, 307), answer.text
    assert answer.headers["location"] == path
    assert len(client.get(path, headers=JSON).json()["rows"]) == 1


def test_a_change_sent_with_an_ended_admin_session_is_made(client):
    from kring.tables import Member

    member_id = factories.member(None)
    _admin_whose_admin_session_ended(client)
    csrf = {"X-CSRFToken": client.cookies.get("csrftoken", ""), **JSON}
    path = f"/admin/api/tables/member/{member_id}/"
    answer = client.patch(path, json={"job_title": "ceo"}, headers=csrf, follow_redirects=False)
    assert answer.status_code == 307, answer.text
    assert answer.headers["location"] == path
    answer = client.patch(path, json={"job_title": "ceo"}, headers=csrf)
    assert answer.status_code == 200, answer.text
    stored = run(Member.select(Member.job_title).where(Member.id == member_id).first())
    assert stored["job_title"] == "ceo"
