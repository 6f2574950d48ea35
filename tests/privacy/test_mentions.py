"""Before an erasure the officer finds what others wrote about the person (`privacy/mentions.py`).

Erasure leaves others' words as they wrote them (README, Projects: Privacy); before, the
officer had to guess where a name might stand. The page lists every text of others holding
the person's full name in either order, accents and case aside, or their address; a surname
alone, and the person's own rows, are not listed. Every free-text column of every table is
declared searched beside its table or set aside here with a reason.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from piccolo.columns import Text, Varchar
from piccolo.conf.apps import Finder

from events.tables import Event
from kring.choices import Role
from kring.declarations import REGISTER
from kring.tables import Challenge
from privacy.audit import AuditEntry
from projects.tables import Project, ProjectNote
from tests import factories
from tests.conftest import run

DUTCH = {"accept": "text/html", "accept-language": "nl"}

SET_ASIDE = {
    "account.display_name": "the account's own person",
    "account.email": "the account's own address",
    "account.password_hash": "no text",
    "award_category.name": "set by organisers: a category",
    "award_criterion.name": "set by organisers: a criterion",
    "award_criterion.description": "set by organisers: a criterion",
    "award_edition.name": "set by organisers: an edition",
    "erasure_request.outcome": "what an erasure did: tables and counts",
    "erasure_request.extension_reason": "the desk's own record of the request",
    "erasure_request.close_reason": "the desk's own record of the request",
    "access_request.extension_reason": "the desk's own record of the request",
    "access_request.close_reason": "the desk's own record of the request",
    "restriction.reason": "the desk's own record of the restriction",
    "restriction.requested_by": "the desk's own record of the restriction",
    "event.venue": "a place",
    "event.address": "a place",
    "event.online_url": "a link",
    "import_run.filename": "a file's name; its rows are the people imported",
    "import_run.mapping": "column choices",
    "import_run.report": "counts and refusals for the organiser",
    "library_item.link": "a link",
    "library_item.search_text": "the item's own texts again, folded",
    "article.link": "a link",
    "member.email": "the member's own",
    "member.address": "the member's own",
    "member.private_email": "the member's own",
    "member.private_address": "the member's own",
    "member.search_name": "the member's own name, folded",
    "organisation.name": "an organisation",
    "organisation.website": "an organisation",
    "organisation.address": "an organisation",
    "organisation.search_name": "an organisation, folded",
    "organisation_domain.domain": "a mail domain",
    "piccolo_user.password": "no text",
    "piccolo_user.first_name": "the admin user's own",
    "piccolo_user.last_name": "the admin user's own",
    "piccolo_user.email": "the admin user's own",
    "processor.name": "a company",
    "processor.service": "a company's service",
    "processor.data_categories": "categories of data",
    "recipient_notice.fields": "field names",
    "registration.guest_company": "the guest's own",
    "registration.guest_email": "the guest's own",
}
"""Columns where people type (text, or 200 characters and more) that are not searched."""


def test_every_free_text_column_is_searched_or_set_aside_with_a_reason():
    declared = {
        f"{tablename}.{column}"
        for tablename, place in REGISTER.free_text.items()
        for column in place.columns
    }
    typed = {
        f"{table._meta.tablename}.{column._meta.name}"
        for table in Finder().get_table_classes()
        for column in table._meta.columns
        if isinstance(column, Text) or (isinstance(column, Varchar) and column.length >= 200)
    }
    assert typed - declared - set(SET_ASIDE) == set(), "declare_free_text, or set it aside here"
    assert declared & set(SET_ASIDE) == set()


def _others_write_about(person: int, other: int, address: str) -> dict[str, int]:
    def challenge(owner: int, title: str, body: str) -> int:
        row = Challenge(member=owner, title=title, body=body, tags=[])
        run(row.save())
        return row.id

    start = datetime(2027, 3, 1, 18, tzinfo=UTC)
    event = Event(title="Netwerkavond", starts_at=start, ends_at=start + timedelta(hours=2))
    event.description = f"Vragen? Mail naar {address.upper()}."
    run(event.save())
    project = Project(title="Audit 2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))
    run(project.save())
    note = ProjectNote(
        project=project.id,
        title="Overleg",
        held_on=date(2027, 2, 1),
        text="Agenda en afspraken. " * 40 + "Aanwezig: PEETERS, Séverine en anderen.",
        author=other,
    )
    run(note.save())
    return {
        "named": challenge(other, "Audit", "Wie kent séverine peeters nog van de ISO-werkgroep?"),
        "surname only": challenge(other, "Peeters", "De firma Peeters levert onze kalibratie."),
        "own": challenge(person, "Mijn vraag", "Ik ben Séverine Peeters."),
        "event": event.id,
        "note": note.id,
    }


def test_the_officer_finds_others_texts_that_name_the_person(client):
    person = factories.member(
        first_name="Séverine", last_name="Peeters", email="s.peeters@voorbeeld.be"
    )
    other = factories.member(first_name="Jan", last_name="Smet")
    rows = _others_write_about(person, other, "s.peeters@voorbeeld.be")
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)

    own_page = client.get(f"/privacy/desk/members/{person}", headers=DUTCH)
    assert f'href="/privacy/desk/members/{person}/mentions"' in own_page.text
    page = client.get(f"/privacy/desk/members/{person}/mentions", headers=DUTCH)
    assert page.status_code == 200, page.text
    text = page.text
    assert "Vermeldingen van Séverine Peeters door anderen" in text
    assert f"Uitdaging #{rows['named']}" in text  # accents and case aside
    assert f"Projectverslag #{rows['note']}" in text  # surname first, with a comma
    assert "Aanwezig: PEETERS, Séverine" in text  # a long text is shown around the name
    assert f"Activiteit #{rows['event']}" in text or f"Evenement #{rows['event']}" in text
    assert f"#{rows['surname only']}" not in text  # a surname alone names too many people
    assert f"#{rows['own']}" not in text  # their own rows: the erasure removes them
    assert "Jan Smet" in text  # whose row it is, to settle it with
    assert "3 teksten noemen deze persoon" in text
    viewed = run(
        AuditEntry.count().where(
            (AuditEntry.member == person) & (AuditEntry.table_name == "mentions")
        )
    )
    assert viewed == 1


def test_only_the_officer_sees_mentions_and_an_unknown_person_is_404(client):
    person = factories.account(Role.member)
    factories.log_in(client, person.email)
    refused = client.get(f"/privacy/desk/members/{person.member_id}/mentions", headers=DUTCH)
    assert refused.status_code == 403
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    missing = client.get("/privacy/desk/members/987654/mentions", headers=DUTCH)
    assert missing.status_code == 404
    nobody = client.get(f"/privacy/desk/members/{person.member_id}/mentions", headers=DUTCH)
    assert nobody.status_code == 200 and "Geen tekst van anderen noemt deze persoon." in nobody.text


def test_an_open_erasure_on_the_desk_links_to_the_mentions(client):
    person = factories.member(first_name="Séverine", last_name="Peeters")
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    recorded = factories.post_page_form(
        client,
        "/privacy/desk/requests",
        kind="erasure",
        member_id=str(person),
        channel="phone",
        identity_checked="on",
    )
    assert recorded.status_code == 200, recorded.text
    desk = client.get("/privacy/desk", headers=DUTCH).text
    row = desk[desk.index('<table id="open-erasure"') :]
    row = row[: row.index("</table>")]
    assert f'href="/privacy/desk/members/{person}/mentions"' in row
