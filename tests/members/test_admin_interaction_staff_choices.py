"""Beheer could not open a network contact (interaction), to add one or to edit it: its form
asks Piccolo Admin for the rows its `staff` column can name (`/api/tables/account/ids/`), and
the `account` table is left out of the admin (its password hashes and roles), so the answer was
a 404, on which Piccolo Admin alerts 'Page not found' and leads home (found walking the admin).
The mount answers that one list itself: the staff accounts, the only ones `staff` takes, each
by its number and name, never a member's login nor anything else of the account table."""

import re

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}
IDS = "/admin/api/tables/account/ids/"


@pytest.fixture
def admin(client):
    account = factories.account(Role.admin)
    factories.log_in(client, account.email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    client.admin_account = account
    return client


def test_the_staff_a_contact_can_name_are_listed_and_members_are_not(admin):
    organiser = factories.account(Role.organiser)
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    answer = admin.get(IDS, headers=JSON)
    assert answer.status_code == 200, answer.text
    listed = answer.json()
    staff = {admin.admin_account.account_id, organiser.account_id, officer.account_id}
    assert {int(key) for key in listed} == staff
    assert str(member.account_id) not in listed
    assert re.fullmatch(
        rf"{organiser.account_id} · Account \d+ \({re.escape(organiser.email)}\)",
        listed[str(organiser.account_id)],
    ), listed
    assert "password" not in answer.text and "argon" not in answer.text


def test_the_staff_list_searches_and_pages_as_piccolo_admin_asks(admin):
    organiser = factories.account(Role.organiser)
    answer = admin.get(IDS, params={"search": "ORGANISER", "limit": "5", "offset": "0"})
    assert list(answer.json()) == [str(organiser.account_id)]
    assert admin.get(IDS, params={"limit": "1", "offset": "1"}).json().keys() <= {
        str(organiser.account_id),
        str(admin.admin_account.account_id),
    }
    assert len(admin.get(IDS, params={"limit": "1"}).json()) == 1
    for name, value in (("limit", "x"), ("offset", "-1"), ("limit", "99999999999999999999")):
        refused = admin.get(IDS, params={name: value}, headers=JSON)
        assert refused.status_code == 400, refused.text
        assert refused.json()["detail"].startswith(f"{name}: "), refused.text
    # sent twice, as Piccolo's own lists refuse it (which one would count?)
    for name in ("limit", "offset", "search"):
        refused = admin.get(f"{IDS}?{name}=1&{name}=2", headers=JSON)
        assert refused.status_code == 400, refused.text
        assert refused.json()["detail"] == f"{name}: was sent more than once; send one value"


def test_the_account_table_is_still_not_in_the_admin(admin):
    for path in ("/admin/api/tables/account/", "/admin/api/tables/account/1/"):
        assert admin.get(path, headers=JSON).status_code == 404
    assert admin.post(IDS, headers=JSON).status_code in (403, 404, 405)


def test_the_staff_choice_names_its_table_in_the_readers_language(admin):
    """Piccolo Admin titles the choice 'Select a row from account': the page carries that
    table's name too (`Kies een rij van Inlogaccount`)."""
    import json

    page = admin.get("/admin/", headers=HTML).text
    words = json.loads(page.split('id="kring-table-names">')[1].split("</script>")[0])
    assert words["tables"]["account"] == "Inlogaccount"
