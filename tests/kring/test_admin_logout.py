"""Piccolo Admin's own *Log out* logs the admin out of Kring (found by an outside probe): it
ended only its own session and said "Successfully logged out", its page reloaded and the Kring
login gave the admin a fresh admin session at once, so the admin stayed logged in."""

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def _as_admin(client) -> str:
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    return client.cookies.get("csrftoken", "")


def test_the_admin_s_log_out_ends_the_kring_session_too(client):
    from kring.tables import UserSession
    from tests.conftest import run

    csrf = _as_admin(client)
    sessions = run(UserSession.count())
    answer = client.post("/admin/public/logout/", headers={"X-CSRFToken": csrf})
    assert answer.status_code == 200, answer.text
    cookies = answer.headers.get_list("set-cookie")
    assert any(c.startswith("kring_session=") and "Max-Age=0" in c for c in cookies), cookies
    assert any(c.startswith("id=") and "Path=/admin" in c and "Max-Age=0" in c for c in cookies)
    assert run(UserSession.count()) == sessions - 1
    client.cookies.clear()
    for path in ("/admin/", "/"):  # what its page reloads, and Kring's own
        assert client.get(path, headers=HTML, follow_redirects=False).status_code != 200


def test_the_admin_s_log_out_without_its_csrf_token_changes_nothing(client):
    _as_admin(client)
    answer = client.post("/admin/public/logout/", headers={"X-CSRFToken": "forged"})
    assert answer.status_code == 403
    assert "kring_session=" not in " ".join(answer.headers.get_list("set-cookie"))
    assert client.get("/admin/", headers=HTML).status_code == 200
    assert client.get("/", headers=HTML).status_code == 200


def test_the_page_the_admin_lands_on_after_its_log_out_says_they_are_logged_out(client):
    """Its page reloads /admin/, which sends the logged-out browser to the login: that page
    said nothing of the logout, as Kring's own /logout says it."""
    csrf = _as_admin(client)
    answer = client.post("/admin/public/logout/", headers={"X-CSRFToken": csrf})
    assert answer.status_code == 200, answer.text
    landed = client.get("/admin/", headers={**HTML, "accept-language": "nl"})
    assert landed.status_code == 200 and "/login" in str(landed.url), landed.url
    assert "Je bent afgemeld." in landed.text
    again = client.get("/login", headers={**HTML, "accept-language": "nl"})
    assert "Je bent afgemeld." not in again.text  # once
