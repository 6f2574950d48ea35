"""Two officers recording one processor's signed agreement at once, each from the desk's row
(shown while no agreement is recorded): the second date overwrote the first without a word.
The row's form carries what it showed (`_seen`, no agreement); a different date recorded
meanwhile is refused (409) with the row showing that date and the form the one typed, to record
it over it or leave it."""

from __future__ import annotations

import datetime
import re
from html import unescape

from litestar.testing import TestClient

from kring.choices import Role
from privacy.tables import Processor
from tests import factories
from tests.conftest import _app, run

HTML = {"accept": "text/html"}


def _form(page: str, path: str) -> dict[str, str]:
    form = page[page.index(f'action="{path}"') :]
    form = form[: form.index("</form>")]
    seen = re.search(r'name="_seen" value="([^"]*)"', form)
    assert seen, form
    return {"_seen": unescape(seen.group(1))}


def _signed_on(processor_id: int) -> datetime.date | None:
    row = Processor.select(Processor.dpa_signed_on).where(Processor.id == processor_id).first()
    return run(row)["dpa_signed_on"]


def test_an_agreement_recorded_meanwhile_is_not_overwritten_silently(client):
    row = Processor(name="Mailrelais", service="uitgaande mail", key="relay-meanwhile")
    run(row.save())
    path = f"/privacy/desk/processors/{row.id}/agreement"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.privacy_officer).email)
        factories.log_in(other, factories.account(Role.privacy_officer).email)
        mine = _form(client.get("/privacy/desk/processors", headers=HTML).text, path)
        theirs = _form(other.get("/privacy/desk/processors", headers=HTML).text, path)
        recorded = other.post(
            path,
            data=theirs
            | {"dpa_signed_on": "01-03-2025", "_csrf_token": factories.csrf_token(other)},
            headers=HTML,
            follow_redirects=False,
        )
        assert recorded.status_code == 303, recorded.text[:300]

        token = {"_csrf_token": factories.csrf_token(client)}
        refused = client.post(
            path, data=mine | token | {"dpa_signed_on": "15-03-2025"}, headers=HTML
        )

        assert refused.status_code == 409, refused.text[:300]
        said = unescape(refused.text)
        assert "intussen door iemand anders gewijzigd" in said
        assert "15-03-2025" in said  # the date typed, in the row's form again
        assert _signed_on(row.id) == datetime.date(2025, 3, 1)

        again = _form(refused.text, path) | token | {"dpa_signed_on": "15-03-2025"}
        chosen = client.post(path, data=again, headers=HTML, follow_redirects=False)
        assert chosen.status_code == 303, chosen.text[:300]
    assert _signed_on(row.id) == datetime.date(2025, 3, 15)


def test_the_same_date_recorded_by_both_is_no_conflict(client):
    row = Processor(name="Mailrelais", service="uitgaande mail", key="relay-same")
    run(row.save())
    path = f"/privacy/desk/processors/{row.id}/agreement"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.privacy_officer).email)
        factories.log_in(other, factories.account(Role.privacy_officer).email)
        mine = _form(client.get("/privacy/desk/processors", headers=HTML).text, path)
        for session, form in ((other, mine), (client, mine)):
            answer = session.post(
                path,
                data=form
                | {"dpa_signed_on": "01-03-2025", "_csrf_token": factories.csrf_token(session)},
                headers=HTML,
                follow_redirects=False,
            )
            assert answer.status_code == 303, answer.text[:300]
