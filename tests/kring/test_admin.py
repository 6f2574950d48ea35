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
