from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def test_admin_reaches_piccolo_admin_with_the_kring_login(client):
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    answer = client.get("/admin/", headers=HTML)
    assert answer.status_code == 200
    assert "id" in client.cookies
    tables = client.get("/admin/api/tables/", headers={"accept": "application/json"})
    assert tables.status_code == 200, tables.text
    assert "member" in tables.json()


def test_organiser_is_refused_the_admin(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    assert client.get("/admin/", headers=HTML).status_code == 403


def test_anonymous_is_sent_to_login_for_the_admin(client):
    answer = client.get("/admin/", headers=HTML, follow_redirects=False)
    assert answer.status_code in (302, 303, 307)


def _mirror_rows() -> list[dict]:
    from piccolo.apps.user.tables import BaseUser

    from tests.conftest import run

    return run(BaseUser.select(BaseUser.username, BaseUser.email))


def test_the_admin_mirror_user_keeps_no_e_mail_address_of_the_admin(client):
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    rows = _mirror_rows()
    assert [row["username"] for row in rows] == [f"kring-admin-{admin.account_id}"]
    assert rows[0]["email"] == f"kring-admin-{admin.account_id}@mirror.kring.invalid"
    assert admin.email not in str(rows)


def test_the_migration_rewrites_the_e_mail_of_earlier_mirror_users():
    import importlib

    from piccolo.apps.user.tables import BaseUser

    from tests.conftest import run

    run(BaseUser.insert(BaseUser(username="kring-admin-7", password="x" * 40, email="an@org.be")))
    run(BaseUser.insert(BaseUser(username="iemand", password="x" * 40, email="iemand@org.be")))
    migration = importlib.import_module("kring.piccolo_migrations.kring_2026_11_25t21_30_00_000000")

    async def apply() -> None:
        await (await migration.forwards()).run()

    run(apply())
    assert {row["username"]: row["email"] for row in _mirror_rows()} == {
        "kring-admin-7": "kring-admin-7@mirror.kring.invalid",
        "iemand": "iemand@org.be",
    }


def test_a_name_changed_in_piccolo_admin_is_found_by_its_new_spelling(client):
    from kring.tables import Member
    from tests.conftest import run

    member_id = factories.member(None, first_name="Jan", last_name="Peeters")
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    client.get("/admin/api/tables/member/", headers={"accept": "application/json"})
    answer = client.patch(
        f"/admin/api/tables/member/{member_id}/",
        json={"last_name": "Dévos", "search_name": "sneaky"},
        headers={"X-CSRFToken": client.cookies.get("csrftoken", "")},
    )
    assert answer.status_code == 200, answer.text
    row = run(Member.select(Member.search_name).where(Member.id == member_id).first())
    assert row == {"search_name": "jan devos"}


def _admin_session_user(token: str) -> int | None:
    from piccolo_api.session_auth.tables import SessionsBase

    from tests.conftest import run

    return run(SessionsBase.get_user_id(token))


def test_logging_out_ends_the_piccolo_admin_session_on_the_server(client):
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    token = client.cookies.get("id")
    assert _admin_session_user(token) is not None
    client.post("/logout", data={"_csrf_token": factories.csrf_token(client)})
    assert _admin_session_user(token) is None
    assert "id" not in client.cookies


def test_an_admin_cookie_left_by_another_admin_is_replaced(client):
    first, second = factories.account(Role.admin), factories.account(Role.admin)
    factories.log_in(client, first.email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    left = client.cookies.get("id")
    # The first admin walks away without logging out; the second logs in in that browser.
    factories.log_in(client, second.email)
    assert client.cookies.get("id") == left
    assert client.get("/admin/", headers=HTML).status_code == 200
    now = client.cookies.get("id")
    assert now != left and _admin_session_user(left) is None
    names = {row["username"] for row in _mirror_rows()}
    assert f"kring-admin-{second.account_id}" in names


def test_the_admin_shows_no_account_table_and_so_no_password_hash(client):
    """Piccolo Admin added every table related to the configured ones: `account` came with
    `member`, showing every password hash (and letting roles change outside the audit)."""
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    tables = client.get("/admin/api/tables/", headers={"accept": "application/json"}).json()
    assert "member" in tables and "account" not in tables
    answer = client.get("/admin/api/tables/account/", headers={"accept": "application/json"})
    assert answer.status_code == 404
    assert "argon2" not in answer.text
