"""The project pages: the list in the menu, the organisers' forms with their errors, inviting
through the member search, notes and milestones, flash messages and confirmation steps."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.projects.helpers import project, team


def _post(client, path, **data):
    return client.post(
        path, data={"_csrf_token": factories.csrf_token(client), **data}, follow_redirects=True
    )


def test_an_organiser_creates_a_project_and_gets_errors_at_the_fields(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    assert 'href="/projects"' in client.get("/").text
    assert "/projects/new" in client.get("/projects").text
    bad = client.post(
        "/projects/new",
        data={
            "_csrf_token": factories.csrf_token(client),
            "title": "Audits",
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
            "state": "planned",
        },
    )
    assert bad.status_code == 400 and 'id="field-ends_on-error"' in bad.text
    for field, value in (
        ("starts_on", "²"),
        ("title", "a\x00b"),
        ("title", "x" * 300),
        ("state", "archived"),
    ):
        data = {
            "title": "Audits",
            "starts_on": "2026-05-01",
            "ends_on": "2026-06-01",
            "state": "planned",
        }
        data[field] = value
        answer = client.post(
            "/projects/new", data={"_csrf_token": factories.csrf_token(client), **data}
        )
        assert answer.status_code == 400, (field, value)
    made = _post(
        client,
        "/projects/new",
        title="Audits",
        goal="Samen",
        starts_on="2026-05-01",
        ends_on="2026-09-01",
        state="planned",
    )
    assert made.status_code == 200 and 'id="flash"' in made.text and "<h1>Audits</h1>" in made.text


def test_members_see_only_their_projects_in_the_list(client):
    organiser, p, _lead, participant = team()
    other = project(organiser, title="Geheim project")
    factories.log_in(client, participant.email)
    listing = client.get("/projects").text
    assert f'href="/projects/{p}"' in listing and f'href="/projects/{other}"' not in listing
    assert "/projects/new" not in listing
    stranger = factories.account()
    factories.log_in(client, stranger.email)
    assert "Geheim project" not in client.get("/projects").text


def test_the_lead_finds_and_invites_a_member(client):
    _organiser, p, lead, participant = team()
    wanted = factories.account(
        member_id=factories.member(None, first_name="Griet", last_name="Vindbaar")
    )
    factories.log_in(client, lead.email)
    assert f'href="/projects/{p}/invite"' in client.get(f"/projects/{p}").text
    found = client.get(f"/projects/{p}/invite", params={"q": "vindbaar"}).text
    assert "Griet Vindbaar" in found
    assert "Vindbaar" not in client.get(f"/projects/{p}/invite", params={"q": "nietsgevonden"}).text
    added = _post(client, f"/projects/{p}/participants", member=str(wanted.member_id))
    assert added.status_code == 200 and 'id="flash"' in added.text and "Vindbaar" in added.text
    assert (
        client.post(
            f"/projects/{p}/participants",
            data={"_csrf_token": factories.csrf_token(client), "member": "²"},
        ).status_code
        == 400
    )
    factories.log_in(client, participant.email)
    assert client.get(f"/projects/{p}/invite").status_code == 403


def test_notes_and_milestones(client):
    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    bad = client.post(
        f"/projects/{p}/notes/new",
        data={
            "_csrf_token": factories.csrf_token(client),
            "title": "",
            "held_on": "2026-02-01",
            "text": "x",
        },
    )
    assert bad.status_code == 400 and 'id="field-title-error"' in bad.text
    saved = _post(
        client,
        f"/projects/{p}/notes/new",
        title="Overleg 1",
        held_on="2026-02-01",
        text="Eerste lijn\nTweede <b>lijn</b>",
    )
    assert (
        saved.status_code == 200
        and "Overleg 1" in saved.text
        and "Tweede &lt;b&gt;lijn&lt;/b&gt;" in saved.text
    )
    wrong = client.post(
        f"/projects/{p}/milestones",
        data={"_csrf_token": factories.csrf_token(client), "title": "Klaar", "due_on": "morgen"},
    )
    assert (
        wrong.status_code == 400
        and 'id="field-due_on-error"' in wrong.text
        and 'value="Klaar"' in wrong.text
    )
    added = _post(client, f"/projects/{p}/milestones", title="Checklist klaar", due_on="2026-03-01")
    assert added.status_code == 200 and "Checklist klaar" in added.text
    milestones = client.get(f"/api/projects/{p}/milestones", headers=participant.headers).json()
    ticked = _post(client, f"/projects/{p}/milestones/{milestones[0]['id']}/done", done="1")
    assert ticked.status_code == 200 and 'id="flash"' in ticked.text
    assert (
        client.get(f"/api/projects/{p}/milestones", headers=participant.headers).json()[0]["done"]
        is True
    )
    assert (
        client.post(
            f"/projects/{p}/milestones/{milestones[0]['id']}/delete",
            data={"_csrf_token": factories.csrf_token(client)},
        ).status_code
        == 403
    )


def test_organisers_remove_after_a_confirmation_and_appoint_the_lead(client):
    organiser, p, lead, participant = team()
    factories.log_in(client, organiser.email)
    page = client.get(f"/projects/{p}").text
    assert f'id="remove-{participant.member_id}"' in page and 'class="confirm' in page
    # Replacing the lead demotes them, so it asks first, naming both.
    assert f'<details class="confirm calm" id="lead-{participant.member_id}">' in page
    assert "wordt gewone deelnemer" in page.split(f'id="lead-{participant.member_id}"')[1]
    appointed = _post(client, f"/projects/{p}/participants/{participant.member_id}/lead")
    assert appointed.status_code == 200 and 'id="flash"' in appointed.text
    assert client.get(f"/api/projects/{p}", headers=participant.headers).json()["my_role"] == "lead"
    assert client.get(f"/api/projects/{p}", headers=lead.headers).json()["my_role"] == "member"
    removed = _post(client, f"/projects/{p}/participants/{lead.member_id}/remove")
    assert removed.status_code == 200 and 'id="flash"' in removed.text
    assert client.get(f"/api/projects/{p}", headers=lead.headers).status_code == 404


def test_a_participant_leaves(client):
    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    left = _post(client, f"/projects/{p}/leave")
    assert left.status_code == 200 and 'id="flash"' in left.text
    assert client.get(f"/projects/{p}").status_code == 404


def test_the_home_panel_shows_coming_milestones(client):
    from datetime import timedelta

    from kring.clock import today

    _organiser, p, lead, participant = team()
    client.post(
        f"/api/projects/{p}/milestones",
        json={"title": "Binnenkort af", "due_on": (today() + timedelta(days=5)).isoformat()},
        headers=lead.headers,
    )
    factories.log_in(client, participant.email)
    home = client.get("/").text
    assert 'id="project-milestones"' in home and "Binnenkort af" in home


def test_the_home_panel_leaves_out_the_milestones_of_ended_projects(client):
    """Found from outside: a project marked ended kept its open milestones on every
    participant's home page as 'coming up', though nothing in it will happen any more."""
    from datetime import timedelta

    from kring.clock import today
    from projects.tables import Project
    from tests.conftest import run
    from tests.projects.helpers import join

    organiser, going, lead, participant = team()
    ended = project(organiser)
    join(organiser, ended, participant, lead=lead)
    soon = (today() + timedelta(days=5)).isoformat()
    for project_id, title in ((going, "Loopt nog"), (ended, "Van een afgesloten project")):
        answer = client.post(
            f"/api/projects/{project_id}/milestones",
            json={"title": title, "due_on": soon},
            headers=lead.headers,
        )
        assert answer.status_code == 201, answer.text
    run(Project.update({Project.state: "ended"}).where(Project.id == ended))
    factories.log_in(client, participant.email)
    home = client.get("/").text
    assert "Loopt nog" in home and "Van een afgesloten project" not in home


def test_a_repeated_note_submit_saves_one_note(client):
    """Found from outside: three identical POSTs of the note form at once made three notes."""
    import asyncio

    from projects.access import project_access
    from projects.tables import ProjectNote
    from projects.workspace import add_note
    from tests.conftest import run
    from tests.events.helpers import principal

    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    note = {"title": "Overleg", "held_on": "2026-02-01", "text": "Afspraken"}
    for _ in range(3):
        answer = client.post(
            f"/projects/{p}/notes/new",
            data={"_csrf_token": factories.csrf_token(client), **note},
            follow_redirects=False,
        )
        assert answer.status_code == 303
    assert run(ProjectNote.count().where(ProjectNote.project == p)) == 1

    viewer = principal(participant)
    again = note | {"title": "Tweede overleg"}

    async def at_once() -> list[int]:
        access = await project_access(viewer, p)
        return await asyncio.gather(*(add_note(access, viewer, again) for _ in range(3)))

    assert len(set(run(at_once()))) == 1
    assert run(ProjectNote.count().where(ProjectNote.project == p)) == 2
    other = _post(client, f"/projects/{p}/notes/new", **(note | {"text": "Andere afspraken"}))
    assert other.status_code == 200
    assert run(ProjectNote.count().where(ProjectNote.project == p)) == 3


def test_a_milestone_form_without_a_clear_choice_changes_nothing(client):
    """Found from outside: `done=maybe` (or no `done`) opened a reached milestone again and
    said so; anything but 1 or 0 is a 400 naming the field, and the milestone stays as it was."""
    from projects.access import project_access
    from projects.tables import Milestone
    from projects.workspace import add_milestone, set_milestone_done
    from tests.conftest import run
    from tests.events.helpers import principal

    _organiser, p, _lead, participant = team()
    access = run(project_access(principal(participant), p))
    milestone = run(add_milestone(access, {"title": "Checklist", "due_on": "2026-03-01"}))
    run(set_milestone_done(access, milestone, True))
    factories.log_in(client, participant.email)
    path = f"/projects/{p}/milestones/{milestone}/done"
    for fields in ({"done": "maybe"}, {}, {"done": ""}):
        answer = client.post(
            path,
            data={"_csrf_token": factories.csrf_token(client), **fields},
            headers={"accept": "text/html"},
            follow_redirects=False,
        )
        assert answer.status_code == 400, fields
        assert "Bereikt" in answer.text
        assert run(Milestone.select(Milestone.done).where(Milestone.id == milestone))[0]["done"]
    opened = _post(client, path, done="0")
    assert opened.status_code == 200 and "De mijlpaal “Checklist” staat weer open" in opened.text


def test_an_account_without_a_member_profile_is_not_promised_a_project(client):
    """Found from outside: the privacy officer's project list said 'Een organisator of
    projectleider voegt je toe wanneer een project start', which can never happen to an account
    without a member profile (only members take part). A member still reads that sentence."""
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    listing = client.get("/projects")
    assert listing.status_code == 200
    assert "voegt je toe" not in listing.text
    assert "geen ledenprofiel" in listing.text
    member = factories.account()
    factories.log_in(client, member.email)
    assert "voegt je toe wanneer een project start" in client.get("/projects").text


def test_the_lead_is_told_before_leaving_that_the_project_loses_its_lead(client):
    """Found from outside: the lead's 'Dit project verlaten' asked the same as anyone's, and
    after it the project had no lead until an organiser noticed. The lead is now told to hand
    the lead over first, where a participant's page offers leaving
    (tests/projects/test_the_lead_hands_over_before_leaving.py)."""
    _organiser, p, lead, participant = team()
    factories.log_in(client, lead.email)
    told = "Wil je het verlaten, geef de leiding dan eerst door aan een andere deelnemer."
    page = client.get(f"/projects/{p}").text
    assert told in page and f'action="/projects/{p}/leave"' not in page
    factories.log_in(client, participant.email)
    page = client.get(f"/projects/{p}").text
    assert told not in page and f'action="/projects/{p}/leave"' in page
