import asyncio
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import icalendar
import pytest

from events import feeds, registration
from events.icalendar import event_ics, invite_ics
from events.management import cancel_event, update_event
from events.tables import CalendarFeed
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal
from tests.events.libical import libical_errors

TRICKY = "Café ‘Über’ — koffie, thee; en 🍰\nTweede regel met een lange uitleg " + "é" * 60
# A title fits on one line (kring.validation.require_line); the description keeps the break.
TRICKY_TITLE = TRICKY.replace("\n", " ")[:200]


def check_bytes(content: bytes) -> icalendar.Calendar:
    """The RFC 5545 rules, byte by byte, then a parse."""
    assert content.endswith(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    lines = content.split(b"\r\n")[:-1]
    for line in lines:
        assert len(line) <= 75, line
    unfolded = content.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    unfolded.decode("utf-8")  # folding never split a character
    for line in lines:
        line.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(content)
    tzids = {
        str(prop.params["TZID"])
        for component in calendar.walk("VEVENT")
        for prop in (component.get("DTSTART"), component.get("DTEND"))
        if "TZID" in prop.params
    }
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert tzids <= zones
    for zone in calendar.walk("VTIMEZONE"):
        assert "COMMENT" not in zone, "RFC 5545 allows no COMMENT on a VTIMEZONE itself"
    if "METHOD" in calendar:
        for vevent in calendar.walk("VEVENT"):
            assert "ORGANIZER" in vevent, "RFC 5546: every iTIP method needs an ORGANIZER"
    assert libical_errors(content) == []
    return calendar


@pytest.fixture(scope="session")
def icaljs() -> Path:
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("node and npm are not installed: ical.js cannot be run")
    folder = Path(tempfile.mkdtemp(prefix="icaljs-"))
    subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "ical.js"],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=180,
    )
    script = folder / "parse.mjs"
    script.write_text(
        "import ICAL from 'ical.js';\n"
        "import fs from 'fs';\n"
        "const data = fs.readFileSync(process.argv[2], 'utf8');\n"
        "const comp = new ICAL.Component(ICAL.parse(data));\n"
        "const out = comp.getAllSubcomponents('vevent').map(v => {\n"
        "  const e = new ICAL.Event(v);\n"
        "  return {uid: e.uid, summary: e.summary, sequence: e.sequence,\n"
        "    status: v.getFirstPropertyValue('status'), start: e.startDate.toString(),\n"
        "    tz: e.startDate.zone ? e.startDate.zone.tzid : null,\n"
        "    attendees: v.getAllProperties('attendee').map(a => a.getFirstValue())};\n"
        "});\n"
        "console.log(JSON.stringify(out));\n"
    )
    return script


def parse_with_icaljs(script: Path, content: bytes) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".ics", delete=False) as f:
        f.write(content)
    done = subprocess.run(
        ["node", str(script), f.name], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout)


def test_event_file_follows_the_rules_and_sequence_rises_with_changes(icaljs):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, title=TRICKY_TITLE, description=TRICKY, venue="Zaal A, B; C")
    first = run(event_ics(event_id))
    calendar = check_bytes(first)
    vevent = calendar.walk("VEVENT")[0]
    uid = str(vevent["UID"])
    assert int(vevent["SEQUENCE"]) == 0
    assert str(vevent["DESCRIPTION"]) == TRICKY
    assert "DTSTAMP" in vevent and str(vevent["STATUS"]) == "CONFIRMED"
    assert b"Zaal A\\, B\\; C" in first.replace(b"\r\n ", b"")
    assert calendar.walk("VTIMEZONE")
    [parsed] = parse_with_icaljs(icaljs, first)
    assert parsed["uid"] == uid and parsed["tz"] == "Europe/Brussels"
    assert parsed["summary"] == TRICKY_TITLE

    viewer = principal(organiser)
    run(update_event(viewer, event_id, {"description": "alleen de uitleg"}))
    assert int(check_bytes(run(event_ics(event_id))).walk("VEVENT")[0]["SEQUENCE"]) == 0
    run(update_event(viewer, event_id, {"venue": "Zaal B"}))
    second = check_bytes(run(event_ics(event_id))).walk("VEVENT")[0]
    assert str(second["UID"]) == uid and int(second["SEQUENCE"]) == 1
    run(cancel_event(viewer, event_id))
    third = run(event_ics(event_id))
    cancelled = check_bytes(third).walk("VEVENT")[0]
    assert str(cancelled["UID"]) == uid and int(cancelled["SEQUENCE"]) == 2
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert parse_with_icaljs(icaljs, third)[0]["status"] == "CANCELLED"


def test_an_invite_names_only_its_recipient(icaljs):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    others = [factories.member(factories.organisation()) for _ in range(3)]
    for member_id in others:
        run(registration.register(event_id, member_id=member_id))
    content = run(invite_ics(event_id, "jan@example.be", "Jan, de Tester"))
    calendar = check_bytes(content)
    assert str(calendar["METHOD"]) == "REQUEST"
    attendees = calendar.walk("VEVENT")[0].get("ATTENDEE")
    assert str(attendees) == "mailto:jan@example.be"
    unfolded = content.replace(b"\r\n ", b"")
    for row in run(Member.select(Member.email, Member.last_name).where(Member.id.is_in(others))):
        assert row["email"].encode() not in unfolded
        assert row["last_name"].encode() not in unfolded
    assert b"jan@example.be" in unfolded and unfolded.count(b"ATTENDEE") == 1
    assert parse_with_icaljs(icaljs, content)[0]["attendees"] == ["mailto:jan@example.be"]
    run(cancel_event(principal(organiser), event_id))
    cancellation = check_bytes(run(invite_ics(event_id, "jan@example.be", "Jan, de Tester")))
    assert str(cancellation["METHOD"]) == "CANCEL"
    assert str(cancellation.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_personal_feed_is_secret_hashed_revocable_and_private(client, icaljs):
    organiser = factories.account(Role.organiser)
    me = factories.account(Role.member)
    other = factories.member(factories.organisation(), last_name="Anderslid")
    mine, not_mine = event(organiser, title="Mijn avond"), event(organiser, title="Andere avond")
    run(registration.register(mine, member_id=me.member_id))
    run(registration.register(mine, member_id=other))
    token = run(feeds.new_feed(me.member_id))

    assert token not in str(run(CalendarFeed.select()))
    answer = client.get(f"/events/feed/{token}")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar")
    calendar = check_bytes(answer.content)
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Mijn avond"]
    assert b"Anderslid" not in answer.content and b"ATTENDEE" not in answer.content
    assert len(parse_with_icaljs(icaljs, answer.content)) == 1
    assert not_mine
    # The address as calendar apps and people spell it: the suffix in any case; the token
    # itself is a secret and stays exact.
    for spelling in (f"{token}.ics", f"{token}.ICS", f"{token}.Ics"):
        same = check_bytes(client.get(f"/events/feed/{spelling}").content)
        assert [str(v["SUMMARY"]) for v in same.walk("VEVENT")] == ["Mijn avond"], spelling
    assert client.get(f"/events/feed/{token.swapcase()}.ics").status_code == 404
    run(feeds.revoke_feeds(me.member_id))
    assert client.get(f"/events/feed/{token}").status_code == 404
    assert client.get(f"/events/feed/{token}.ICS").status_code == 404
    assert client.get("/events/feed/not-a-token").status_code == 404


def test_ics_routes(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    assert client.get(f"/api/events/{event_id}/ics").status_code == 401
    answer = client.get(f"/api/events/{event_id}/ics", headers=organiser.headers)
    check_bytes(answer.content)
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    factories.log_in(client, organiser.email)
    page = client.get(f"/events/{event_id}.ics")
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/calendar; charset=utf-8"
    check_bytes(page.content)
    assert client.get("/events/999999.ics").status_code == 404
    assert client.get(f"/events/{event_id}.pdf").status_code == 404


def test_the_feed_says_how_sure_each_seat_is(client, icaljs):
    """Confirmed: CONFIRMED; waitlisted or offered a seat: TENTATIVE; a cancelled registration
    leaves the feed; a cancelled event stays, CANCELLED."""
    organiser = factories.account(Role.organiser)
    me = factories.account(Role.member)
    first = factories.member(factories.organisation())
    seat, waiting, offered = (
        event(organiser, capacity=1, title=t) for t in ("Zeker", "Wacht", "Bod")
    )
    left, called_off = event(organiser, title="Afgemeld"), event(organiser, title="Afgelast")
    run(registration.register(seat, member_id=me.member_id))
    for full in (waiting, offered):
        run(registration.register(full, member_id=first))
        run(registration.register(full, member_id=me.member_id))
    run(registration.cancel(offered, first))
    run(registration.register(left, member_id=me.member_id))
    run(registration.cancel(left, me.member_id))
    run(registration.register(called_off, member_id=me.member_id))
    run(cancel_event(principal(organiser), called_off))
    assert run(registration.my_registration(offered, me.member_id))["status"] == "offered"

    answer = client.get(f"/events/feed/{run(feeds.new_feed(me.member_id))}")
    statuses = {
        str(v["SUMMARY"]): str(v["STATUS"]) for v in check_bytes(answer.content).walk("VEVENT")
    }
    assert statuses == {
        "Zeker": "CONFIRMED",
        "Wacht": "TENTATIVE",
        "Bod": "TENTATIVE",
        "Afgelast": "CANCELLED",
    }
    parsed = {e["summary"]: e["status"] for e in parse_with_icaljs(icaljs, answer.content)}
    assert parsed == statuses


def test_new_calendar_addresses_made_at_once_leave_one_working():
    """Three clicks at once each revoked only the addresses made before all of them: three
    secret feeds stayed on, two of which the member never saw."""

    from events.tables import CalendarFeed

    member_id = factories.member(factories.organisation())

    async def at_once() -> list[str]:
        return list(await asyncio.gather(*(feeds.new_feed(member_id) for _ in range(4))))

    tokens = run(at_once())
    working = [t for t in tokens if run(feeds.feed_member(t)) == member_id]
    assert len(working) == 1
    assert (
        run(
            CalendarFeed.count().where(
                (CalendarFeed.member == member_id) & CalendarFeed.revoked_at.is_null()
            )
        )
        == 1
    )


def test_the_calendar_file_is_named_after_the_event():
    """It was event-8.ics whatever the event; a calendar program shows the name downloaded."""
    from events.icalendar import ics_file_stem

    assert ics_file_stem("Auditdag 2027: ISO/IEC 17025") == "Auditdag 2027- ISO-IEC 17025"
    assert ics_file_stem("Café\x07 «kwaliteit»") == "Café «kwaliteit»"
    assert ics_file_stem("../..") == "event"
    assert len(ics_file_stem("x" * 300)) == 80


def test_the_pages_calendar_download_carries_the_events_title(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, title="Netwerkavond Één/twee")
    factories.log_in(client, organiser.email)
    disposition = client.get(f"/events/{event_id}.ics").headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Netwerkavond Een-twee.ics"')
    assert "filename*=UTF-8''Netwerkavond%20%C3%89%C3%A9n-twee.ics" in disposition
