"""Two officers changing one retention period at once on the desk (/privacy/desk/processors):
the second change was taken against the period as it was then, without a word that another
officer had just changed it (60 months, one set 84, the other 96 over it). The row's form
carries the period it showed (`_seen`); a period changed meanwhile to another than the one typed
is refused (409), the row showing the period now and the field the one typed, to save again or
leave it."""

from __future__ import annotations

import re
from html import unescape

from litestar.testing import TestClient

from kring.choices import Role
from privacy import retention
from tests import factories
from tests.conftest import _app, run

HTML = {"accept": "text/html"}
PATH = "/privacy/desk/retention/inactive_contacts"


def _form(page: str) -> dict[str, str]:
    form = page[page.index(f'action="{PATH}"') :]
    form = form[: form.index("</form>")]
    seen = re.search(r'name="_seen" value="([^"]*)"', form)
    months = re.search(r'name="months"[^>]*value="([^"]*)"', form)
    assert seen and months, form
    return {"_seen": unescape(seen.group(1)), "months": months.group(1)}


def _months() -> int:
    return run(retention.rules())["inactive_contacts"]


def test_a_period_changed_meanwhile_is_not_overwritten_silently(client):
    before = _months()
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.privacy_officer).email)
        factories.log_in(other, factories.account(Role.privacy_officer).email)
        mine = _form(client.get("/privacy/desk/processors", headers=HTML).text)
        theirs = _form(other.get("/privacy/desk/processors", headers=HTML).text)
        assert mine["months"] == str(before)
        changed = other.post(
            PATH,
            data=theirs | {"months": "84", "_csrf_token": factories.csrf_token(other)},
            headers=HTML,
            follow_redirects=False,
        )
        assert changed.status_code == 303, changed.text[:300]

        token = {"_csrf_token": factories.csrf_token(client)}
        refused = client.post(PATH, data=mine | token | {"months": "96"}, headers=HTML)

        assert refused.status_code == 409, refused.text[:300]
        assert "intussen door iemand anders gewijzigd" in unescape(refused.text)
        assert _form(refused.text)["months"] == "96"  # the period typed, in the row's field
        assert _months() == 84
        again = _form(refused.text) | token
        saved = client.post(PATH, data=again, headers=HTML, follow_redirects=False)
        assert saved.status_code == 303, saved.text[:300]
    assert _months() == 96
