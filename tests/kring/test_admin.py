from datetime import date

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


# --- what the admin writes passes Kring's own checks, and is audited -------------------------


def _admin_client(client):
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    return admin, {"X-CSRFToken": client.cookies.get("csrftoken", "")}


def _member_row(member_id: int) -> dict:
    from kring.tables import Member
    from tests.conftest import run

    return run(Member.select().where(Member.id == member_id).first())


def test_the_admin_refuses_what_the_profile_form_refuses_naming_the_field(client):
    member_id = factories.member(None, first_name="Jan", last_name="Peeters")
    before = _member_row(member_id)
    _, csrf = _admin_client(client)
    for field, value in (
        ("first_name", "Evil\u202eredro"),
        ("last_name", "X\x00Y"),
        ("email", "NOT AN EMAIL"),
        ("phone", "abc"),
        ("status", "erased"),
        ("opt_out_listing", True),  # only privacy.opt_outs changes it, with its history
    ):
        answer = client.patch(
            f"/admin/api/tables/member/{member_id}/", json={field: value}, headers=csrf
        )
        assert answer.status_code == 400, (field, answer.status_code, answer.text)
        assert answer.json()["detail"].startswith(f"{field}: "), answer.text
    assert _member_row(member_id) == before
    assert client.get(f"/members/{member_id}", headers=HTML).status_code == 200


def test_the_admin_stores_a_changed_value_in_kring_s_canonical_form(client):
    member_id = factories.member(None)
    _, csrf = _admin_client(client)
    answer = client.patch(
        f"/admin/api/tables/member/{member_id}/",
        json={"phone": "0470 12 34 56", "email": " An@Example.BE", "last_name": " Devos "},
        headers=csrf,
    )
    assert answer.status_code == 200, answer.text
    row = _member_row(member_id)
    assert (row["phone"], row["email"], row["last_name"]) == (
        "+32470123456",
        "An@example.be",
        "Devos",
    )


def test_the_admin_s_whole_row_with_unchanged_values_is_accepted(client):
    """Piccolo Admin's edit form sends every field; only the changed ones are checked."""
    member_id = factories.member(None)
    _, csrf = _admin_client(client)
    row = client.get(f"/admin/api/tables/member/{member_id}/").json()
    row.pop("id", None)
    answer = client.patch(
        f"/admin/api/tables/member/{member_id}/", json=row | {"job_title": "ceo"}, headers=csrf
    )
    assert answer.status_code == 200, answer.text
    assert _member_row(member_id)["job_title"] == "ceo"


def test_a_member_created_in_the_admin_is_checked(client):
    from kring.tables import Member
    from tests.conftest import run

    _, csrf = _admin_client(client)
    row = {"first_name": "An", "last_name": "Peeters", "phone": "abc"}
    answer = client.post("/admin/api/tables/member/", json=row, headers=csrf)
    assert answer.status_code == 400 and answer.json()["detail"].startswith("phone: ")
    answer = client.post(
        "/admin/api/tables/member/", json=row | {"phone": "09 264 12 34"}, headers=csrf
    )
    assert answer.status_code == 201, answer.text
    stored = run(Member.select().where(Member.last_name == "Peeters").first())
    assert (stored["phone"], stored["search_name"]) == ("+3292641234", "an peeters")


def test_every_admin_table_checks_what_is_written(client):
    """A record's title, a domain and an interaction's note: each table's own rules."""
    member_id = factories.member(factories.organisation())
    _, csrf = _admin_client(client)
    from kring.tables import Challenge, Interaction, OrganisationDomain
    from tests.conftest import run

    challenge = Challenge(member=member_id, title="Goed", tags=[])
    run(challenge.save())
    domain = run(OrganisationDomain.select().first())
    interaction = Interaction(member=member_id, occurred_on=date(2025, 3, 1), note="ok")
    run(interaction.save())
    for path, body, field in (
        (f"challenge/{challenge.id}", {"title": "a\u202eb"}, "title"),
        (f"organisation_domain/{domain['id']}", {"domain": "geen domein"}, "domain"),
        (f"interaction/{interaction.id}", {"note": "x\x07y"}, "note"),
        (f"interaction/{interaction.id}", {"occurred_on": "2999-01-01"}, "occurred_on"),
    ):
        answer = client.patch(f"/admin/api/tables/{path}/", json=body, headers=csrf)
        assert answer.status_code == 400, (path, answer.text)
        assert answer.json()["detail"].startswith(f"{field}: "), answer.text


def test_put_which_would_pass_every_hook_is_refused(client):
    member_id = factories.member(None)
    before = _member_row(member_id)
    _, csrf = _admin_client(client)
    row = client.get(f"/admin/api/tables/member/{member_id}/").json()
    row.pop("id", None)
    answer = client.put(
        f"/admin/api/tables/member/{member_id}/", json=row | {"phone": "abc"}, headers=csrf
    )
    assert answer.status_code == 405
    assert _member_row(member_id) == before


def test_the_admin_s_changes_to_personal_data_are_audited(client):
    from privacy.audit import audit_entries
    from tests.conftest import run

    member_id = factories.member(None)
    admin, csrf = _admin_client(client)
    answer = client.patch(
        f"/admin/api/tables/member/{member_id}/", json={"job_title": "ceo"}, headers=csrf
    )
    assert answer.status_code == 200, answer.text
    entries = run(audit_entries(actor=admin.account_id))
    assert [(e["member"], e["action"], e["table_name"]) for e in entries] == [
        (member_id, "changed", "member (admin)")
    ]


def test_a_member_is_not_deleted_in_the_admin_but_erased_through_a_request(client):
    member_id = factories.member(None)
    _, csrf = _admin_client(client)
    answer = client.delete(f"/admin/api/tables/member/{member_id}/", headers=csrf)
    assert answer.status_code == 409
    assert _member_row(member_id) is not None
