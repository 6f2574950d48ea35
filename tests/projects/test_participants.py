"""A project's participant list follows the network's listing rule (privacy.listing), as an
event's does: opted-out, restricted and erased members are left out, hidden job titles and
organisations are blank; authors who may not be named show as "a participant"."""

from __future__ import annotations

from kring.choices import Role
from kring.uploads import check_upload
from privacy.erasure import erase_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.restriction import restrict
from projects.access import project_access
from projects.workspace import add_document, add_note
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.projects.helpers import PDF, join, project


def _people(client, login, project_id):
    answer = client.get(f"/api/projects/{project_id}/participants", headers=login.headers)
    assert answer.status_code == 200
    return answer.json()


def test_opted_out_restricted_and_erased_members_are_left_out(client):
    organiser = factories.account(Role.organiser)
    p = project(organiser)
    org = factories.organisation(name="Zorgnet Oost")
    logins = {
        kind: factories.account(member_id=factories.member(org, last_name=f"Lid{kind}"))
        for kind in ("control", "listing", "restricted", "erased", "hides")
    }
    join(organiser, p, *logins.values())
    run(set_opt_out(logins["listing"].member_id, OptOut.listing, True, Channel.web, None))
    run(set_opt_out(logins["hides"].member_id, OptOut.list_job_title, True, Channel.web, None))
    run(set_opt_out(logins["hides"].member_id, OptOut.list_company, True, Channel.web, None))
    run(restrict(logins["restricted"].member_id, "het lid", "betwist", None))
    run(erase_member(logins["erased"].member_id))

    people = _people(client, logins["control"], p)
    assert [person["last_name"] for person in people] == ["Lidcontrol", "Lidhides"]
    control, hides = people
    assert (control["job_title"], control["company"]) == ("kwaliteitsmanager", "Zorgnet Oost")
    assert (hides["job_title"], hides["company"]) == ("", "")

    factories.log_in(client, organiser.email)
    page = client.get(f"/projects/{p}").text
    listed = page.split('id="participants"')[1].split("</section>")[0]
    assert "Lidcontrol" in listed and "Lidlisting" not in listed and "Lidrestricted" not in listed
    managed = page.split('id="manage"')[1]
    assert "Lidlisting" in managed and "Lidrestricted" in managed and "Liderased" not in managed


def test_authors_follow_the_listing_rule(client):
    organiser = factories.account(Role.organiser)
    p = project(organiser)
    shown = factories.account(
        member_id=factories.member(None, first_name="Ann", last_name="Zichtbaar")
    )
    hidden = factories.account(
        member_id=factories.member(None, first_name="Bo", last_name="Verborgen")
    )
    join(organiser, p, shown, hidden)
    for login in (shown, hidden):
        access = run(project_access(principal(login), p))
        run(add_document(access, principal(login), check_upload(f"{login.member_id}.pdf", PDF)))
        note = {"title": "Overleg", "held_on": "2026-03-01", "text": "Afspraken"}
        run(add_note(access, principal(login), note))
    run(set_opt_out(hidden.member_id, OptOut.listing, True, Channel.web, None))
    documents = client.get(f"/api/projects/{p}/documents", headers=shown.headers).json()
    notes = client.get(f"/api/projects/{p}/notes", headers=shown.headers).json()
    named = sorted(str(d["uploaded_by"]) for d in documents) + sorted(
        str(n["author"]) for n in notes
    )
    assert "Zichtbaar" in "".join(named) and "Verborgen" not in "".join(named)
    assert sum(d["uploaded_by"] is None for d in documents) == 1
    factories.log_in(client, shown.email)
    page = client.get(f"/projects/{p}").text
    assert "Verborgen" not in page and "Zichtbaar" in page
