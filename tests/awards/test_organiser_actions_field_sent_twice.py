"""An organiser's award action with a field sent twice (`to=judging&to=open` on the edition's
state, `account_id=4&account_id=5` when appointing a juror, a candidacy twice when assigning)
answered a bare error page ('Ongeldige aanvraag … Ga terug naar de startpagina') instead of
the page it was sent from (found from outside). The edition page and the jury page now come
back with the message naming the field; nothing changes. Over HTTP."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlencode

from awards.tables import Edition, Juror
from kring.choices import Role
from tests import factories
from tests.awards.helpers import edition, organiser
from tests.conftest import run

HTML = {"accept": "text/html", "content-type": "application/x-www-form-urlencoded"}


def _send(client, path: str, fields: list[tuple[str, str]]):
    body = urlencode([*fields, ("_csrf_token", factories.csrf_token(client))])
    return client.post(path, content=body, headers=HTML)


def test_a_state_sent_twice_shows_the_edition_page_naming_the_field(client):
    boss = organiser()
    award = edition(boss)
    factories.log_in(client, boss.email)
    answer = _send(
        client, f"/awards/editions/{award.id}/state", [("to", "judging"), ("to", "open")]
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Volgende toestand: werd meer dan eens verstuurd" in text
    assert "Terug naar de startpagina" not in text and 'class="error-summary"' in text
    assert run(Edition.select(Edition.state).where(Edition.id == award.id))[0]["state"] == "open"


def test_a_juror_or_candidacy_sent_twice_shows_the_jury_page_naming_the_field(client):
    boss = organiser()
    award = edition(boss)
    one, two = factories.account(Role.member), factories.account(Role.member)
    factories.log_in(client, boss.email)
    path = f"/awards/editions/{award.id}/jury"
    for action, fields in (
        ("appoint", [("account_id", str(one.account_id)), ("account_id", str(two.account_id))]),
        ("assign", [("juror_id", "1"), ("candidacy_id", "1"), ("candidacy_id", "2")]),
    ):
        answer = _send(client, f"{path}/{action}", fields)
        assert answer.status_code == 400, (action, answer.status_code)
        text = unescape(answer.text)
        assert "werd meer dan eens verstuurd" in text and 'id="jurors"' in text, action
        assert "Terug naar de startpagina" not in text
    assert run(Juror.count()) == 0
