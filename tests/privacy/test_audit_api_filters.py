"""`GET /api/privacy/audit` reads its `member` and `actor` filters as the audit page does: a
number, a name or an e-mail address (found from outside: the page's hint says "Nummer, naam of
e-mail", the API took numbers only). What names no one, or several, or no possible number, is a
400 naming the filter."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from privacy.audit import Action, record_audit
from tests import factories
from tests.awards.helpers import login_with_email
from tests.conftest import run


def _trail(client, officer: factories.Login, **filters: str):
    return client.get("/api/privacy/audit", params=filters, headers=officer.headers)


def _entries(client, officer: factories.Login, **filters: str) -> list[tuple[int, int]]:
    answer = _trail(client, officer, **filters)
    assert answer.status_code == 200, answer.text
    return [(entry["actor"], entry["member"]) for entry in answer.json()]


def test_the_api_filters_the_trail_by_a_number_a_name_or_an_address_as_the_page_does(client):
    officer = factories.account(Role.privacy_officer)
    lotte = factories.member(
        None, first_name="Lotte", last_name="Vermeulen", email="lotte_v@zorg.be"
    )
    other = factories.member(None, first_name="Kevin", last_name="Dubois")
    smet = login_with_email("an_de_smet@kring-test.be", Role.organiser)
    someone = factories.account(Role.organiser)
    run(record_audit(smet.account_id, lotte, Action.viewed, "member"))
    run(record_audit(someone.account_id, other, Action.viewed, "member"))
    by_smet = [(smet.account_id, lotte)]
    for actor in (str(smet.account_id), f"#{smet.account_id}", "AN_DE_SMET@kring-test.be"):
        assert _entries(client, officer, actor=actor) == by_smet, actor
    assert _entries(client, officer, actor="an_de_smet@") == by_smet
    for member in (str(lotte), "lotte vermeulen", "Vermeulen", "lotte_v@zorg.be", "lotte_v@"):
        assert _entries(client, officer, member=member) == by_smet, member
    assert _entries(client, officer, member="vermeulen", actor="an_de_smet@") == by_smet
    assert len(_entries(client, officer, member="", actor=" ")) == 2
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/audit", params={"actor": "an_de_smet@kring-test.be"})
    assert page.status_code == 200 and 'id="audit"' in page.text


def test_a_filter_that_names_no_one_several_or_no_number_is_a_400_naming_it(client):
    officer = factories.account(Role.privacy_officer)
    factories.member(None, first_name="Jan", last_name="Peeters", email="jp1@zorg.be")
    factories.member(None, first_name="Els", last_name="Peeters", email="jp2@zorg.be")
    cases = (
        ("member", "niemand-bekend"),
        ("member", "peeters"),
        ("member", "-1"),
        ("member", "1.5"),
        ("member", "99999999999"),
        ("actor", "nobody@nowhere.be"),
        ("actor", "0"),
        ("actor", "%@"),
    )
    for name, value in cases:
        answer = _trail(client, officer, **{name: value})
        assert answer.status_code == 400, (name, value, answer.text)
        assert [error["field"] for error in answer.json()["errors"]] == [name], (value, answer.text)
    several = _trail(client, officer, member="peeters").json()["errors"][0]["message"]
    assert "names more than one person" in several
    nobody = _trail(client, officer, actor="nobody@nowhere.be").json()["errors"][0]["message"]
    assert "no account found for 'nobody@nowhere.be'" in nobody


def test_a_period_that_ends_where_it_starts_or_before_is_refused_naming_until(client):
    """Found from outside: since=2026-05-02&until=2026-05-01 answered [] (as if nothing had
    happened), where the page's own dates would have said why; `until` is the first day left
    out, so since and until the same day is no period either."""
    officer = factories.account(Role.privacy_officer)
    member = factories.member(None)
    run(record_audit(officer.account_id, member, Action.viewed, "member"))
    for since, until in (("2026-05-02", "2026-05-01"), ("2026-05-02", "2026-05-02")):
        answer = _trail(client, officer, since=since, until=until)
        assert answer.status_code == 400, answer.text
        assert [e["field"] for e in answer.json()["errors"]] == ["until"]
        assert "since" in answer.json()["detail"]
    assert _trail(client, officer, since="2026-05-01", until="2026-05-02").status_code == 200
    factories.log_in(client, officer.email)
    page = client.get(
        "/privacy/desk/audit",
        params={"since": "2026-05-02", "until": "2026-05-01"},
        headers={"accept": "text/html", "accept-language": "nl"},
    )
    assert page.status_code == 400
    text = unescape(page.text)
    assert "moet na ‘Sinds’ liggen" in text
    assert 'id="field-until" aria-invalid="true"' in text
