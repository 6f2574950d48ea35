"""Milestones are all-day entries of their participants' calendar feeds, with stable UIDs;
the feed still passes libical and RFC 5545's rules."""

from __future__ import annotations

from datetime import date

from events import feeds
from kring.choices import Role
from projects.access import project_access
from projects.calendar import milestone_entries
from projects.workspace import add_milestone, set_milestone_done
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.events.test_icalendar import check_bytes
from tests.projects.helpers import team


def _feed(client, login) -> bytes:
    factories.log_in(client, login.email)
    data = {"_csrf_token": factories.csrf_token(client), "password": factories.PASSWORD}
    page = client.post("/events/calendar", data=data)
    token = page.text.split("/events/feed/")[1].split('"')[0].split("<")[0]
    answer = client.get(f"/events/feed/{token}")
    assert answer.status_code == 200
    return answer.content


def test_milestones_are_all_day_events_in_the_participants_feeds(client):
    _organiser, p, lead, participant = team()
    access = run(project_access(principal(lead), p))
    first = run(add_milestone(access, {"title": "Checklist klaar", "due_on": "2026-03-02"}))
    run(add_milestone(access, {"title": "Café “Über” — eindrapport", "due_on": "2026-11-30"}))
    run(set_milestone_done(access, first, True))

    calendar = check_bytes(_feed(client, participant))
    vevents = {str(v["SUMMARY"]): v for v in calendar.walk("VEVENT")}
    done = vevents["✓ Checklist klaar (Interne audits samen opzetten)"]
    assert done.decoded("DTSTART") == date(2026, 3, 2)
    assert done.decoded("DTEND") == date(2026, 3, 3)
    assert done["DTSTART"].params.get("VALUE") == "DATE"
    assert str(done["URL"]).endswith(f"/projects/{p}")
    assert "Café “Über” — eindrapport (Interne audits samen opzetten)" in vevents

    uids = sorted(str(v["UID"]) for v in calendar.walk("VEVENT"))
    again = check_bytes(_feed(client, lead))
    assert sorted(str(v["UID"]) for v in again.walk("VEVENT")) == uids


def test_no_milestones_for_outsiders_or_archived_projects(client):
    _organiser, p, lead, participant = team()
    access = run(project_access(principal(lead), p))
    run(add_milestone(access, {"title": "Checklist klaar", "due_on": "2026-03-02"}))
    outsider = factories.account(Role.member)
    assert b"Checklist" not in run(feeds.feed_ics(outsider.member_id, [milestone_entries]))
    assert b"Checklist" in run(feeds.feed_ics(participant.member_id, [milestone_entries]))
    from projects.tables import Project

    run(Project.update({Project.state: "archived"}).where(Project.id == p))
    assert run(milestone_entries(participant.member_id)) == []
