"""The privacy officer's page of one person holds what handling their rights needs.

Found from outside: `/privacy/desk/members/{id}` showed the five opt-outs and the form to record
one, nothing else: to answer someone on the phone the officer had to look up their address on
the member's page, their requests on the desk, their restriction on another page and whether an
erasure kept anything back nowhere. Now the one page shows the contact facts, the requests with
their state and deadline and where each is handled, the consents, the opt-outs with their
history, the restriction, the rows kept back from erasure and the steps the desk already has.
Each empty part says so.
"""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from kring.clock import today
from kring.tables import Invoice, Member
from privacy.audit import Action, AuditEntry
from privacy.consents import Purpose, give_consent
from privacy.erasure import erase_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.requests import Kind, RequestChannel, get_request, record_request
from privacy.restriction import restrict
from privacy.tables import LoginMonth
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal

DUTCH = {"accept": "text/html", "accept-language": "nl"}


def _part(page: str, part_id: str) -> str:
    """The text of one part of the page (a section), as unescaped HTML."""
    text = unescape(page)
    start = text.index(f'id="{part_id}"')
    return text[start : text.index("</section>", start)]


def _viewed(member_id: int) -> int:
    return run(
        AuditEntry.count().where(
            (AuditEntry.member == member_id) & (AuditEntry.action == Action.viewed)
        )
    )


def test_the_page_shows_each_part_for_a_person_who_has_it(client):
    officer = factories.account(Role.privacy_officer)
    organisation = factories.organisation(name="Stad Lokeren")
    person = factories.account(
        Role.member,
        factories.member(
            organisation,
            first_name="Griet",
            last_name="Van Acker",
            email="griet.vanacker@lokeren.be",
            job_title="diensthoofd personeel",
            address="Markt 1, 9160 Lokeren",
        ),
    )
    member_id = person.member_id
    run(give_consent(member_id, Purpose.private_contact, "web"))
    run(
        Member.update(
            {Member.private_email: "griet@thuis.be", Member.private_address: "Bosstraat 3"}
        ).where(Member.id == member_id)
    )
    run(set_opt_out(member_id, OptOut.mailings, True, Channel.phone, officer.account_id))
    run(LoginMonth.insert(LoginMonth(member=member_id, month="2026-03")))
    asked = run(record_request(Kind.access, member_id, RequestChannel.paper, officer.account_id))
    due = run(get_request(principal(officer), Kind.access, asked))["due_on"]
    run(restrict(member_id, "Griet Van Acker, per brief", "betwist haar functie", None))
    factories.log_in(client, officer.email)
    before = _viewed(member_id)

    page = client.get(f"/privacy/desk/members/{member_id}", headers=DUTCH)

    assert page.status_code == 200, page.text
    assert _viewed(member_id) == before + 1  # every view is in the audit trail
    contact = _part(page.text, "person-contact")
    for shown in (
        "Griet",
        "Van Acker",
        "griet.vanacker@lokeren.be",
        "griet@thuis.be",
        "Markt 1, 9160 Lokeren",
        "Bosstraat 3",
        "Stad Lokeren",
        "diensthoofd personeel",
        "maart 2026",  # the last month they logged in, never a moment
    ):
        assert shown in contact, shown
    assert "<dt>Account</dt><dd>ja, rol: lid</dd>" in contact, contact
    requests = _part(page.text, "person-requests")
    assert f"#{asked}" in requests and "Inzage" in requests and "papier" in requests, requests
    assert f'href="/privacy/desk/access/{asked}">Beantwoorden</a>' in requests, requests
    assert f"{due.day} " in requests and str(due.year) in requests  # its deadline
    consents = _part(page.text, "person-consents")
    assert "Privé-e-mailadres en -adres mogen gebruikt worden" in consents, consents
    assert "website" in consents and "Geen toestemming" not in consents
    opt_outs = _part(page.text, "person-opt-outs")
    assert "<dt>Geen mailings</dt><dd>ja</dd>" in opt_outs, opt_outs
    assert 'id="opt-out-history"' in opt_outs and "telefoon" in opt_outs, opt_outs
    assert 'id="on-behalf"' in opt_outs
    restriction = _part(page.text, "person-restriction")
    assert "Griet Van Acker, per brief" in restriction and "betwist haar functie" in restriction
    assert 'href="/privacy/desk/rights"' in restriction
    held = _part(page.text, "person-holds")
    assert 'id="no-holds"' in held, held
    steps = _part(page.text, "person-steps")
    assert f'href="/privacy/desk?member={member_id}#record-request"' in steps, steps
    assert f'href="/privacy/desk/members/{member_id}/mentions"' in steps
    assert "Vermeldingen door anderen" in steps
    assert f'href="/privacy/desk/audit?member={member_id}"' in steps


def test_each_empty_part_says_so_in_a_sentence(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    factories.log_in(client, officer.email)
    page = client.get(f"/privacy/desk/members/{member_id}", headers=DUTCH)
    assert page.status_code == 200, page.text
    text = unescape(page.text)
    for empty, sentence in (
        ("no-requests", "Deze persoon heeft geen verzoek om inzage of wissing gedaan."),
        ("no-consents", "Geen toestemming geregistreerd"),
        ("no-opt-out-history", "Voor deze persoon werd nog geen bezwaar geregistreerd."),
        ("no-restriction", "De verwerking van de gegevens van deze persoon werd nooit beperkt."),
        ("no-holds", "Niets van deze persoon wordt om een wettelijke reden bewaard"),
    ):
        start = text.index(f'id="{empty}"')
        assert sentence in text[start : text.index("</p>", start)], empty
    contact = _part(page.text, "person-contact")
    assert "<dt>Account</dt><dd>nee</dd>" in contact, contact
    assert "<dt>Laatste aanmelding</dt><dd>nooit</dd>" in contact, contact


def test_an_open_erasure_can_be_started_from_the_persons_page(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    asked = run(record_request(Kind.erasure, member_id, RequestChannel.phone, officer.account_id))
    factories.log_in(client, officer.email)
    page = client.get(f"/privacy/desk/members/{member_id}", headers=DUTCH)
    requests = _part(page.text, "person-requests")
    assert f'action="/privacy/desk/erasure/{asked}"' in requests, requests
    assert "Wissing starten" in requests
    assert f'href="/privacy/desk#erasure-{asked}"' in requests  # extend or refuse there


def test_an_erased_persons_page_shows_the_rows_its_erasure_kept(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    invoice = Invoice(number="2026-077", member=member_id, amount=120, issued_on=today())
    run(invoice.save())
    run(erase_member(member_id))
    factories.log_in(client, officer.email)
    page = client.get(f"/privacy/desk/members/{member_id}", headers=DUTCH)
    assert page.status_code == 200, page.text
    held = _part(page.text, "person-holds")
    assert f"Facturen #{invoice.id}" in held, held
    assert "een boekhoudstuk" in held and "GDPR art. 17(3)(b)" in held, held
    assert 'id="member-privacy-erased"' in page.text
    assert 'id="person-contact"' not in page.text  # nothing is left of it to show
    steps = _part(page.text, "person-steps")
    assert "#record-request" not in steps and "/mentions" not in steps, steps


def test_only_an_officer_sees_it_and_an_unknown_person_is_a_404_naming_them(client):
    person = factories.account(Role.member)
    for role in (Role.member, Role.organiser):
        viewer = person if role == Role.member else factories.account(role)
        client.cookies.clear()
        factories.log_in(client, viewer.email)
        refused = client.get(f"/privacy/desk/members/{person.member_id}", headers=DUTCH)
        assert refused.status_code == 403, (role, refused.text)
        assert 'id="person-contact"' not in refused.text
    client.cookies.clear()
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    missing = client.get("/privacy/desk/members/987654", headers=DUTCH)
    assert missing.status_code == 404
    assert "Lid 987654 niet gevonden" in unescape(missing.text), missing.text
    assert _viewed(987654) == 0
