"""A project's lead could leave it, in the API and with the page's 'Dit project verlaten', and
the project stayed without a lead until an organiser noticed. Leaving is refused to the lead,
saying to hand the lead over first, and the lead may now hand it over, on the project's page
(beside where 'leave' was) and in the API; then they may leave. Over HTTP against the app."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from privacy.opt_outs import Channel, OptOut, set_opt_out
from projects.access import my_role
from tests import factories
from tests.conftest import run
from tests.projects.helpers import join, project, team

HTML = {"accept": "text/html"}
HAND_OVER = "you lead this project: hand the lead over to another participant before you leave it"
INVITE_FIRST = (
    "you lead this project: invite another member and hand the lead over to them before you "
    "leave it"
)


def _leave_api(client, p: int, login: factories.Login):
    return client.delete(f"/api/projects/{p}/participants/{login.member_id}", headers=login.headers)


def _hand_over_api(client, p: int, login: factories.Login, to: int):
    return client.patch(f"/api/projects/{p}/participants/{to}/lead", headers=login.headers)


def _post(client, path: str, **fields: str):
    data = {"_csrf_token": factories.csrf_token(client), **fields}
    return client.post(path, data=data, headers=HTML, follow_redirects=True)


def _flash(page) -> str:
    return unescape(page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0])


def test_the_api_refuses_the_lead_leaving_until_they_hand_over(client):
    _organiser, p, lead, participant = team()
    refused = _leave_api(client, p, lead)
    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"] == [{"field": "member_id", "message": HAND_OVER}]
    assert run(my_role(lead.member_id, p)) == "lead"

    handed = _hand_over_api(client, p, lead, participant.member_id)
    assert handed.status_code == 204, handed.text
    assert run(my_role(participant.member_id, p)) == "lead"
    assert run(my_role(lead.member_id, p)) == "member"
    back = _hand_over_api(client, p, lead, lead.member_id)
    assert back.status_code == 403, back.text  # no longer the lead: an organiser's to appoint
    assert _leave_api(client, p, lead).status_code == 204


def test_a_lead_alone_is_told_to_invite_someone_first(client):
    organiser = factories.account(Role.organiser)
    p = project(organiser)
    lead = factories.account(Role.member)
    join(organiser, p, lead=lead)
    refused = _leave_api(client, p, lead)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["message"] == INVITE_FIRST


def test_the_lead_hands_over_only_to_someone_on_the_participant_list(client):
    """A participant who asked not to be listed is no one the lead can see: handing over to
    them answers as for a member who does not take part, so it tells nothing of them."""
    organiser, p, lead, _participant = team()
    hidden = factories.account(Role.member)
    join(organiser, p, hidden)
    run(set_opt_out(hidden.member_id, OptOut.listing, True, Channel.web, None))
    outsider = factories.account(Role.member)
    answers = [_hand_over_api(client, p, lead, m) for m in (hidden.member_id, outsider.member_id)]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].json()["detail"].replace(str(hidden.member_id), "N") == answers[1].json()[
        "detail"
    ].replace(str(outsider.member_id), "N")
    assert run(my_role(lead.member_id, p)) == "lead"


def test_the_page_offers_the_lead_the_hand_over_and_refuses_leaving_before_it(client):
    _organiser, p, lead, participant = team()
    factories.log_in(client, lead.email)
    page = client.get(f"/projects/{p}", headers=HTML).text
    leave = page.split('id="leave"', 1)[1]
    assert f'action="/projects/{p}/leave"' not in leave
    assert 'id="hand-over"' in leave and f'value="{participant.member_id}"' in leave
    assert f'value="{lead.member_id}"' not in leave

    refused = _post(client, f"/projects/{p}/leave")  # a page open from before, say
    assert refused.status_code == 200
    assert _flash(refused) == (
        "Je leidt dit project: geef de leiding door aan een andere deelnemer voor je het verlaat."
    )
    assert run(my_role(lead.member_id, p)) == "lead"

    handed = _post(client, f"/projects/{p}/lead", member=str(participant.member_id))
    assert handed.status_code == 200
    assert "is nu de projectleider" in _flash(handed)
    assert run(my_role(participant.member_id, p)) == "lead"
    assert f'action="/projects/{p}/leave"' in handed.text.split('id="leave"', 1)[1]
    left = _post(client, f"/projects/{p}/leave")
    assert "verlaten" in _flash(left)
    assert run(my_role(lead.member_id, p)) is None


def test_a_hand_over_form_sent_without_a_choice_names_the_field(client):
    _organiser, p, lead, _participant = team()
    factories.log_in(client, lead.email)
    answer = client.post(
        f"/projects/{p}/lead", data={"_csrf_token": factories.csrf_token(client)}, headers=HTML
    )
    assert answer.status_code == 400
    assert '<details class="confirm calm" id="hand-over" open>' in answer.text
    error = unescape(answer.text.split('id="field-member-error"', 1)[1].split("</p>", 1)[0])
    assert "Kies aan wie je de leiding doorgeeft" in error
    assert run(my_role(lead.member_id, p)) == "lead"


def test_a_participant_may_not_hand_over_the_lead(client):
    _organiser, p, lead, participant = team()
    assert _hand_over_api(client, p, participant, participant.member_id).status_code == 403
    factories.log_in(client, participant.email)
    page = client.get(f"/projects/{p}", headers=HTML).text
    assert 'id="hand-over"' not in page
    answer = client.post(
        f"/projects/{p}/lead",
        data={"_csrf_token": factories.csrf_token(client), "member": str(participant.member_id)},
        headers=HTML,
    )
    assert answer.status_code == 403
    assert run(my_role(lead.member_id, p)) == "lead"


def test_an_organiser_who_leads_is_told_on_the_page_when_removing_themselves(client):
    """An organiser with a member profile may lead a project; 'Verwijderen' on their own line
    of the participants to manage is leaving, and answered a bare 409 page."""
    organiser = factories.account(Role.organiser, member_id=factories.member(None))
    p = project(organiser)
    participant = factories.account(Role.member)
    join(organiser, p, participant, lead=organiser)
    factories.log_in(client, organiser.email)
    refused = _post(client, f"/projects/{p}/participants/{organiser.member_id}/remove")
    assert refused.status_code == 200
    assert _flash(refused) == (
        "Je leidt dit project: geef de leiding door aan een andere deelnemer voor je het verlaat."
    )
    assert run(my_role(organiser.member_id, p)) == "lead"
