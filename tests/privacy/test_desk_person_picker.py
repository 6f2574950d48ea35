"""The desk's forms that name a member (record a request, restrict processing) take a name or
an e-mail address as well as a member number, and offer the people found to pick from (found
by an outside review: the officer had to know the member number). An unknown person is a 400
at the field, the typed text kept."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from kring.tables import Member
from privacy.audit import Action, record_audit
from privacy.tables import AccessRequest, Restriction
from tests import factories
from tests.conftest import run
from tests.privacy.requests_apart import recorded_earlier

HTML = {"accept": "text/html"}


def _officer(client) -> factories.Login:
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    return officer


def _record(client, member: str):
    return factories.post_page_form(
        client,
        "/privacy/desk/requests",
        kind="access",
        member_id=member,
        channel="phone",
        identity_checked="on",
    )


def _requests_of(member_id: int) -> int:
    return run(AccessRequest.count().where(AccessRequest.member == member_id))


def test_a_request_is_recorded_for_a_name_an_address_or_a_number(client):
    _officer(client)
    org = factories.organisation()
    lotte = factories.member(org, first_name="Lotte", last_name="Vermeulen", email="lv@zorg.be")
    factories.member(org, first_name="Jan", last_name="Vermeulen", email="jv@zorg.be")
    assert _record(client, "lotte vermeulen").status_code == 200
    assert _requests_of(lotte) == 1
    recorded_earlier(AccessRequest)  # three requests, not one recorded three times
    assert _record(client, "LV@zorg.be").status_code == 200
    recorded_earlier(AccessRequest)
    assert _record(client, f"#{lotte}").status_code == 200
    assert _requests_of(lotte) == 3


def test_a_name_of_several_people_offers_them_and_an_unknown_one_is_refused_at_the_field(client):
    _officer(client)
    org = factories.organisation()
    lotte = factories.member(org, first_name="Lotte", last_name="Vermeulen", email="lv@zorg.be")
    jan = factories.member(org, first_name="Jan", last_name="Vermeulen", email="jv@zorg.be")
    several = _record(client, "Vermeulen")
    assert several.status_code == 400
    text = unescape(several.text)
    assert "past bij meer dan één persoon" in factories.field_error(several.text, "member_id")
    assert 'value="Vermeulen"' in text and 'list="people-record-request"' in text
    datalist = text[text.index('<datalist id="people-record-request">') :]
    datalist = datalist[: datalist.index("</datalist>")]
    assert f'<option value="{lotte}" label="Lotte Vermeulen · lv@zorg.be' in datalist
    assert f'<option value="{jan}" label="Jan Vermeulen · jv@zorg.be' in datalist
    unknown = _record(client, "Niemand Onbekend")
    assert unknown.status_code == 400
    message = factories.field_error(unknown.text, "member_id")
    assert "Niemand gevonden voor “Niemand Onbekend”" in message
    assert 'value="Niemand Onbekend"' in unescape(unknown.text)
    assert _requests_of(lotte) == _requests_of(jan) == 0


def test_the_restriction_form_takes_a_name_too(client):
    _officer(client)
    lotte = factories.member(None, first_name="Lotte", last_name="Vermeulen")
    done = factories.post_page_form(
        client,
        "/privacy/desk/rights/restrict",
        member_id="Lotte Vermeulen",
        requested_by="Lotte zelf",
        reason="betwist de juistheid",
    )
    assert done.status_code == 200
    assert run(Restriction.count().where(Restriction.member == lotte)) == 1
    unknown = factories.post_page_form(
        client,
        "/privacy/desk/rights/restrict",
        member_id="Piet Niemand",
        requested_by="Piet",
        reason="betwist",
    )
    assert unknown.status_code == 400
    assert "Niemand gevonden" in factories.field_error(unknown.text, "member_id")
    assert 'value="Piet Niemand"' in unescape(unknown.text)


def test_the_picker_search_is_for_officers_only(client):
    lotte = factories.member(None, first_name="Lotte", last_name="Vermeulen", email="lv@zorg.be")
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    assert client.get("/privacy/desk/people.json", params={"q": "lotte"}).status_code == 403
    client.cookies.clear()
    _officer(client)
    found = client.get("/privacy/desk/people.json", params={"q": "vermeul"})
    assert found.status_code == 200
    assert found.json() == [{"id": lotte, "name": "Lotte Vermeulen", "email": "lv@zorg.be"}]
    assert client.get("/privacy/desk/people.json", params={"q": "x"}).json() == []


def test_the_audit_filter_takes_a_name_and_refuses_an_unknown_one_at_the_field(client):
    officer = _officer(client)
    lotte = factories.member(None, first_name="Lotte", last_name="Vermeulen", email="lv@zorg.be")
    other = factories.member(None, first_name="Piet", last_name="Peeters")
    for someone in (lotte, other):
        assert client.get(f"/privacy/desk/members/{someone}", headers=HTML).status_code == 200
    by_name = client.get("/privacy/desk/audit", params={"member": "lotte vermeulen"}, headers=HTML)
    assert by_name.status_code == 200
    table = by_name.text[by_name.text.index('id="audit"') :]
    assert table.count("<tr><td>") == 1 and f'<td data-label="Lidnummer">{lotte}</td>' in table
    unknown = client.get("/privacy/desk/audit", params={"member": "Niemand Hier"}, headers=HTML)
    assert unknown.status_code == 400
    text = unescape(unknown.text)
    assert 'value="Niemand Hier"' in text and 'id="field-member" aria-invalid="true"' in text
    error = text[text.index('id="field-member-error"') :]
    assert "Niemand gevonden voor “Niemand Hier”" in error[: error.index("</p>")]
    assert officer.account_id


def test_the_picker_finds_members_one_to_nine_by_their_number(client):
    """`q=4` found no one while `04`, `#4` and `10` did: one character was too short to look
    up, a member number included (found by an outside probe)."""
    _officer(client)
    for number, name in ((1, "Anna"), (3, "Bram"), (4, "Chloé"), (10, "Dirk")):
        made = factories.member(None, first_name=name, last_name="Nummer", email=f"{number}@n.be")
        run(Member.update({Member.id: number}).where(Member.id == made))
    for typed, number, name in (("1", 1, "Anna"), ("3", 3, "Bram"), ("4", 4, "Chloé")):
        for query in (typed, f"#{typed}", f"0{typed}"):
            found = client.get("/privacy/desk/people.json", params={"q": query})
            assert found.status_code == 200
            assert {"id": number, "name": f"{name} Nummer", "email": f"{number}@n.be"} in (
                found.json()
            ), query
    assert [p["id"] for p in client.get("/privacy/desk/people.json?q=10").json()] == [10]
    assert client.get("/privacy/desk/people.json", params={"q": "7"}).json() == []
    assert client.get("/privacy/desk/people.json", params={"q": "x"}).json() == []


def _done_by_cells(html: str) -> list[str]:
    table = html[html.index('id="audit"') :]
    return re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", unescape(table))


def test_the_audit_trails_done_by_filter_takes_a_name_or_an_address(client):
    """The "done by" filter took only an account number, which no page shows: `Sofie` or
    `privacy@kring.demo` was a 400 "is geen positief geheel getal" (found by an outside probe).
    It finds accounts as the person filter finds people, staff accounts without a profile too."""
    desk = _officer(client)  # a staff account without a member profile
    sofie_member = factories.member(None, first_name="Sofie", last_name="Peeters", email="s@p.be")
    sofie = factories.account(Role.privacy_officer, member_id=sofie_member)
    lotte = factories.member(None, first_name="Lotte", last_name="Vermeulen")
    assert client.get(f"/privacy/desk/members/{lotte}", headers=HTML).status_code == 200
    run(record_audit(sofie.account_id, lotte, Action.viewed, "member"))
    desk_name = f"Account {desk.email.split('@')[0].removeprefix('privacy_officer')}"

    def audit(actor: str):
        return client.get("/privacy/desk/audit", params={"actor": actor}, headers=HTML)

    for typed in ("Sofie", "sofie peeters", sofie.email, "s@p.be", str(sofie.account_id)):
        found = audit(typed)
        assert found.status_code == 200, typed
        assert _done_by_cells(found.text) == ["Sofie Peeters (privacyverantwoordelijke)"], typed
    for typed in (desk.email, desk_name):
        cells = _done_by_cells(audit(typed).text)
        assert cells and set(cells) == {f"{desk_name} (privacyverantwoordelijke)"}, typed
    unknown = audit("Niemand Hier")
    assert unknown.status_code == 400
    text = unescape(unknown.text)
    assert 'value="Niemand Hier"' in text and 'id="field-actor" aria-invalid="true"' in text
    error = text[text.index('id="field-actor-error"') :]
    assert "Geen account gevonden voor “Niemand Hier”" in error[: error.index("</p>")]
    several = audit("@kring-test.be")
    assert several.status_code == 400
    text = unescape(several.text)
    error = text[text.index('id="field-actor-error"') :]
    assert "past bij meer dan één account" in error[: error.index("</p>")]
    assert 'value="@kring-test.be"' in text
    datalist = text[text.index('<datalist id="accounts-audit">') :]
    datalist = datalist[: datalist.index("</datalist>")]
    assert (
        f'<option value="{sofie.account_id}" label="Sofie Peeters (privacyverantwoordelijke)'
        in (datalist)
    )
    assert f'<option value="{desk.account_id}" label="{desk_name} (privacyverantwoordelijke)' in (
        datalist
    )
    picked = client.get("/privacy/desk/accounts.json", params={"q": "peeters"}).json()
    assert picked == [
        {
            "id": sofie.account_id,
            "name": "Sofie Peeters (privacyverantwoordelijke)",
            "email": sofie.email,
        }
    ]


def test_the_audit_filters_have_labels_that_stay_while_typing(client):
    """The two text filters were named only by their placeholders, which a phone cut off and
    which vanish while the officer types; each has a visible label now."""
    _officer(client)
    page = unescape(client.get("/privacy/desk/audit", headers={"accept-language": "nl"}).text)
    for field, label in (("member", "Persoon"), ("actor", "Gedaan door")):
        assert f'<label for="field-{field}">{label}</label>' in page
        assert re.search(rf'<input name="{field}"[^>]*id="field-{field}"', page)
    assert 'placeholder="Nummer, naam of e-mail"' in page
