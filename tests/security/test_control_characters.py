"""Control characters: refused wherever text comes in, and harmless in what older rows hold.

A job title holding U+0000 once made every Excel export answer 500 (openpyxl refuses such
characters) and printed the cell into the error log. Now the edge refuses them with a 400
naming the field, and every writer survives any character a row may still hold.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook

from events import feeds, registration
from events.tables import Event
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Member, Organisation
from kring.validation import CONTROL_CHARACTER, FieldError, refuse_control_characters
from kring.writable import REPLACEMENT, writable
from tests import factories
from tests.conftest import ON_POSTGRES, _app, run
from tests.events.helpers import event
from tests.privacy.canary import html_text, pdf_text

# The characters the issue named (XML cannot hold them), then DEL and the C1 controls.
XML_ILLEGAL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
BIDI_CONTROLS = [*(chr(c) for c in range(0x202A, 0x202F)), *(chr(c) for c in range(0x2066, 0x206A))]
REFUSED = [
    *XML_ILLEGAL,
    *(chr(c) for c in range(0x7F, 0xA0)),
    *BIDI_CONTROLS,
    "\ufffe",
    "\uffff",
]
KEPT = ["\t", "\n", "\r", " ", "é", "ł", "\u00a0", "\u200b", "\u200e", "\u200f", "😀", "\U0010fffd"]


def test_each_control_character_is_refused_naming_field_and_code_point():
    for char in REFUSED:
        with pytest.raises(FieldError) as refused:
            refuse_control_characters(f"Kwaliteit{char}manager", "job_title")
        assert refused.value.field == "job_title"
        assert f"U+{ord(char):04X}" in refused.value.message


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
@example("".join(KEPT))
def test_text_is_refused_exactly_when_it_holds_a_refused_character(text):
    should_refuse = any(char in REFUSED for char in text)
    try:
        assert refuse_control_characters(text, "note") == text
        refused = False
    except FieldError:
        refused = True
    assert refused == should_refuse


def test_the_api_refuses_a_job_title_with_any_control_character(client):
    login = factories.account(Role.member)
    for char in REFUSED:
        answer = client.patch(
            f"/api/members/{login.member_id}",
            json={"job_title": f"x{char}y"},
            headers=login.headers,
        )
        assert answer.status_code == 400, f"U+{ord(char):04X}"
        assert answer.json()["errors"][0]["field"] == "job_title"
    stored = run(Member.select(Member.job_title).where(Member.id == login.member_id).first())
    assert stored["job_title"] == "kwaliteitsmanager"


def test_the_profile_form_refuses_a_job_title_with_a_control_character(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    for char in ("\x00", "\x0b", "\x1f", "\x85"):
        answer = client.post(
            "/profile",
            data={
                "first_name": "An",
                "last_name": "Peeters",
                "job_title": f"x{char}y",
                "_csrf_token": factories.csrf_token(client),
            },
            headers={"accept": "text/html"},
        )
        assert answer.status_code == 400
        # The page is Dutch: the field is named by its label, the code point is given.
        assert "Functie: bevat het stuurteken" in answer.text
        assert f"U+{ord(char):04X}" in answer.text
    stored = run(Member.select(Member.job_title).where(Member.id == login.member_id).first())
    assert stored["job_title"] == "kwaliteitsmanager"


def _text_routes() -> list[tuple[str, str, bool]]:
    """(method, path, takes a JSON body) for every API operation, ids filled with 1."""
    found = []
    for route in _app().routes:
        if not route.path.startswith("/api/"):
            continue
        for handler in getattr(route, "route_handlers", []):
            for method in handler.http_methods - {"HEAD", "OPTIONS"}:
                takes_body = "data" in handler.parsed_fn_signature.parameters
                path = re.sub(r"\{[^}]+:int\}", "1", route.path)
                path = re.sub(r"\{[^}]+\}", "x", path)
                found.append((method, path, takes_body))
    return sorted(found)


def test_every_api_body_and_query_parameter_is_checked_naming_the_field(client):
    # An admin with a member profile passes every guard, so the check itself answers.
    admin = factories.account(Role.admin, member_id=factories.member(factories.organisation()))
    missed = []
    routes = _text_routes()
    assert sum(takes_body for *_, takes_body in routes) > 20
    for method, path, takes_body in routes:
        answer = client.request(method, path, params={"zoek": "Jan\x00"}, headers=admin.headers)
        if answer.status_code != 400 or answer.json()["errors"][0]["field"] != "zoek":
            missed.append(f"{method} {path} ?zoek: {answer.status_code}")
        if takes_body:
            answer = client.request(
                method, path, json={"notitie": ["ok", "a\x07b"]}, headers=admin.headers
            )
            if answer.status_code != 400 or answer.json()["errors"][0]["field"] != "notitie[1]":
                missed.append(f"{method} {path} body: {answer.status_code} {answer.text[:80]}")
    assert missed == []


def test_a_string_path_parameter_with_a_control_character_is_refused(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    answer = client.get(f"/api/events/{event_id}/exports/cs%01v", headers=organiser.headers)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "fmt"


# --- what older rows hold: every writer survives it ------------------------------------------

# Older rows can hold any character a database stores: everything but lone surrogates (UTF-8
# cannot encode them), and on PostgreSQL everything but NUL.
STORABLE = st.characters(
    exclude_categories=("Cs",), exclude_characters="\x00" if ON_POSTGRES else ""
)
TEXTS = st.text(
    st.one_of(st.sampled_from([c for c in REFUSED if c != "\x00" or not ON_POSTGRES]), STORABLE),
    min_size=1,
    max_size=60,
)


def _same(text: str) -> str:
    """Text as every format can return it: XML and iCalendar parsers turn CR into LF, and
    spreadsheets may trim."""
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split())


class World:
    """One event with one confirmed, listed participant whose rows are then changed by hand."""

    def __init__(self) -> None:
        self.organiser = factories.account(Role.organiser)
        self.organisation_id = factories.organisation()
        self.login = factories.account(
            Role.member, member_id=factories.member(self.organisation_id)
        )
        start = utc_now() + timedelta(days=10)
        self.event_id = event(
            self.organiser,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            list_visibility="participants",
        )
        run(registration.register(self.event_id, member_id=self.login.member_id))
        self.feed = run(feeds.new_feed(self.login.member_id))

    def hold(self, text: str) -> None:
        """Write `text` straight into the rows, past validation, as an older row might hold."""
        member = self.login.member_id
        run(
            Member.update(
                {Member.first_name: "Marker", Member.last_name: text, Member.job_title: text}
            ).where(Member.id == member)
        )
        run(
            Organisation.update({Organisation.name: text}).where(
                Organisation.id == self.organisation_id
            )
        )
        run(
            Event.update({Event.title: text, Event.description: text}).where(
                Event.id == self.event_id
            )
        )


def _csv_cells(data: bytes, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def _xlsx_cells(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    cells = [str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r]
    book.close()
    return cells


def _check_every_format(client, world: World, text: str) -> None:
    expected = _same(writable(text))
    organiser = world.organiser.headers
    base = f"/api/events/{world.event_id}"
    files = {
        "members.csv": client.get("/api/export/members.csv", headers=organiser),
        "members.xlsx": client.get("/api/export/members.xlsx", headers=organiser),
        **{
            f"list.{fmt}": client.get(f"{base}/exports/{fmt}", headers=world.login.headers)
            for fmt in ("csv", "xlsx", "pdf", "html")
        },
        **{
            f"full.{fmt}": client.get(f"{base}/exports/full/{fmt}", headers=organiser)
            for fmt in ("csv", "xlsx", "pdf", "html")
        },
        "event.ics": client.get(f"{base}/ics", headers=organiser),
        "feed.ics": client.get(f"/events/feed/{world.feed}"),
    }
    failed = {
        name: answer.status_code for name, answer in files.items() if answer.status_code != 200
    }
    assert failed == {}
    content = {name: answer.content for name, answer in files.items()}
    found = {
        "members.csv": _csv_cells(content["members.csv"], ";"),
        "members.xlsx": _xlsx_cells(content["members.xlsx"]),
        "list.csv": _csv_cells(content["list.csv"], ","),
        "full.csv": _csv_cells(content["full.csv"], ","),
        "list.xlsx": _xlsx_cells(content["list.xlsx"]),
        "full.xlsx": _xlsx_cells(content["full.xlsx"]),
        "list.html": [html_text(content["list.html"])],
        "full.html": [html_text(content["full.html"])],
    }
    for ics in ("event.ics", "feed.ics"):
        calendar = Calendar.from_ical(content[ics])
        found[ics] = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    missing = [
        name for name, cells in found.items() if not any(expected in _same(c) for c in cells)
    ]
    assert missing == []
    for pdf in ("list.pdf", "full.pdf"):
        assert content[pdf].startswith(b"%PDF") and "Marker" in pdf_text(content[pdf])
    for name in ("event.ics", "feed.ics"):
        assert not any(c in XML_ILLEGAL for c in content[name].decode())


def test_every_export_survives_every_control_character_at_once(client):
    world = World()
    text = "".join(c for c in REFUSED if c != "\x00" or not ON_POSTGRES) + "Kwaliteit"
    world.hold(text[:100])
    _check_every_format(client, world, text[:100])
    assert REPLACEMENT in writable(text)


def test_every_export_survives_any_character_an_older_row_holds(client):
    world = World()  # one world; each example writes its text into the same rows

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=TEXTS)
    def any_text(text: str) -> None:
        if not _same(text):
            text += "x"
        world.hold(text)
        _check_every_format(client, world, text)

    any_text()


def test_the_refused_and_the_unwritable_characters_are_the_documented_sets():
    for char in map(chr, range(0x110000)):
        if 0xD800 <= ord(char) <= 0xDFFF:
            continue
        assert bool(CONTROL_CHARACTER.match(char)) == (char in REFUSED), f"U+{ord(char):04X}"
        assert (writable(char) != char) == (char in REFUSED), f"U+{ord(char):04X}"


def test_digits_that_are_not_ascii_are_refused_not_a_500(client):
    """`str.isdigit()` says yes to `²` and `١`; ids and numbers take 0-9 only."""
    from kring.choices import Role
    from tests import factories

    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    html = {"accept": "text/html"}
    for odd in ("²", "١٢", "12³"):
        assert client.get(f"/events/{odd}", headers=html).status_code == 404, odd
        answer = client.post(
            "/organisations/new",
            data={
                "name": "Cijfers",
                "kind": "company",
                "enterprise_number": f"0403170{odd}",
                "_csrf_token": factories.csrf_token(client),
            },
            headers=html,
        )
        assert answer.status_code == 400, (odd, answer.status_code)
        answer = client.post(
            "/members/new",
            data={
                "first_name": "A",
                "last_name": "B",
                "organisation": odd,
                "_csrf_token": factories.csrf_token(client),
            },
            headers=html,
        )
        assert answer.status_code == 400, (odd, answer.status_code)


# --- what older rows hold shows as U+FFFD on pages and in mails, as in every file ------------

# NUL cannot be stored in PostgreSQL at all; the override U+202E and a C1 control can.
HELD = ("Evil\u202eredro", "X\x85Y" if ON_POSTGRES else "X\x00Y")


def test_a_name_an_older_row_holds_shows_replaced_on_the_pages_and_in_the_csv(client):
    admin = factories.account(Role.admin)
    member_id = factories.member(None, first_name="Evil", last_name="Doe")
    first, last = HELD
    run(
        Member.update({Member.first_name: first, Member.last_name: last}).where(
            Member.id == member_id
        )
    )
    factories.log_in(client, admin.email)
    for path in (f"/members/{member_id}", f"/members/{member_id}/edit"):
        page = client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200, path
        assert "Evil\ufffdredro" in page.text and "X\ufffdY" in page.text, path
        assert not any(c in page.text for c in ("\u202e", "\x00", "\x85")), path
    exported = client.get("/api/export/members.csv", headers=admin.headers)
    text = exported.content.decode("utf-8-sig")
    assert "Evil\ufffdredro" in text and "X\ufffdY" in text
    assert not any(c in text for c in ("\u202e", "\x00", "\x85"))


def test_a_mail_shows_what_an_older_row_holds_replaced():
    from kring.mail_templates import render

    person = {"first_name": HELD[0], "last_name": HELD[1], "email": "", "phone": "abc"}
    subject, body = render(
        "introductions/mail_accepted.txt",
        "nl",
        intro={"title": "Over \u202ebidi"},
        recipient=person,
        other=person | {"organisation": ""},
    )
    assert "Over \ufffdbidi" in subject and "Evil\ufffdredro X\ufffdY" in body
    assert not any(c in subject + body for c in ("\u202e", "\x00", "\x85"))
