"""An id in a path has one spelling: `/members/+1`, `/members/01`, `/api/members/1_0` or digits
of another script are no second address of a record (`kring.web.path_ids`)."""

from __future__ import annotations

from mailings.compose import create_mailing
from tests import factories
from tests.awards import helpers as awards
from tests.conftest import run
from tests.events import helpers as events
from tests.library import helpers as library
from tests.projects import helpers as projects

HTML = {"accept": "text/html", "accept-language": "nl"}
SCRIPTS = {
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "fullwidth": "０１２３４５６７８９",
    "devanagari": "०१२३४५६७८९",
}


def spellings(number: int) -> list[str]:
    """Other ways `int()` reads `number`: what a path segment must not be."""
    digits = str(number)
    return [
        f"+{digits}",
        f"0{digits}",
        f"00{digits}",
        f"0_{digits}",
        f"{digits}%20",
        f"%20{digits}",
        f"{digits}%0A",
        *(digits.translate(str.maketrans("0123456789", script)) for script in SCRIPTS.values()),
    ]


def _records() -> tuple[factories.Login, list[tuple[str, str, int]]]:
    """An organiser and (page path, API path, id) of one record of each kind."""
    organiser = factories.account(factories.Role.organiser)
    organisation_id = factories.organisation()
    member_id = factories.member(organisation_id)
    event_id = events.event(organiser)
    project_id = projects.project(organiser)
    item_id = library.item(organiser)
    edition_id = awards.edition(organiser).id
    mailing_id = run(create_mailing(events.principal(organiser), {"name": "Nieuwsbrief"}))
    return organiser, [
        ("/members/{}", "/api/members/{}", member_id),
        ("/organisations/{}", "/api/organisations/{}", organisation_id),
        ("/events/{}", "/api/events/{}", event_id),
        ("/projects/{}", "/api/projects/{}", project_id),
        ("/library/{}", "/api/library/{}", item_id),
        ("/awards/editions/{}", "/api/awards/editions/{}", edition_id),
        ("/mailings/{}", "/api/mailings/{}", mailing_id),
    ]


def test_an_id_in_a_path_is_read_only_in_its_one_spelling(client):
    organiser, records = _records()
    factories.log_in(client, organiser.email)
    for page, api, number in records:
        assert client.get(page.format(number), headers=HTML).status_code == 200, page
        assert client.get(api.format(number), headers=organiser.headers).status_code == 200, api
        for spelling in spellings(number):
            shown = client.get(page.format(spelling), headers=HTML)
            assert shown.status_code == 404, (page, spelling)
            assert "Niet gevonden" in shown.text
            answer = client.get(api.format(spelling), headers=organiser.headers)
            assert answer.status_code == 404, (api, spelling)
            assert answer.headers["content-type"] == "application/problem+json"


def test_the_refusal_names_the_parameter_in_english_and_dutch(client):
    organiser = factories.account(factories.Role.organiser)
    member_id = factories.member(factories.organisation())
    factories.log_in(client, organiser.email)
    answer = client.get(f"/api/members/+{member_id}", headers=organiser.headers)
    assert answer.json()["errors"] == [
        {
            "field": "member_id",
            "message": "member_id is written in the digits 0-9 only, without a leading zero",
        }
    ]
    page = client.get(f"/members/0{member_id}", headers=HTML).text
    assert "‘Lidnummer’ schrijf je alleen met de cijfers 0-9, zonder 0 vooraan" in page


def test_underscores_do_not_make_another_record(client):
    """Found from outside: /api/members/1_0 answered member 10."""
    organiser = factories.account(factories.Role.organiser)
    organisation_id = factories.organisation()
    for _ in range(10):
        member_id = factories.member(organisation_id)
    digits = str(member_id)
    spelled = f"{digits[0]}_{digits[1:]}"
    assert client.get(f"/api/members/{digits}", headers=organiser.headers).status_code == 200
    assert client.get(f"/api/members/{spelled}", headers=organiser.headers).status_code == 404


def test_every_method_and_every_guard_sees_only_the_one_spelling(client):
    """The check runs before OPTIONS, authentication and CSRF: a write or a HEAD with another
    spelling is the same 404; a request with no credential at all is asked to log in first
    (`tests/security/test_visitors_log_in_first.py`)."""
    organiser = factories.account(factories.Role.organiser)
    event_id = events.event(organiser)
    odd = f"0{event_id}"
    assert client.options(f"/api/events/{event_id}").status_code == 204
    assert client.options(f"/api/events/{odd}").status_code == 404
    assert client.head(f"/api/events/{odd}", headers=organiser.headers).status_code == 404
    assert client.get(f"/api/events/{odd}").status_code == 401  # no credential at all
    patched = client.patch(
        f"/api/events/{odd}", json={"title": "Andere titel"}, headers=organiser.headers
    )
    assert patched.status_code == 404
    assert client.get(f"/api/events/{event_id}", headers=organiser.headers).json()["title"] != (
        "Andere titel"
    )
    factories.log_in(client, organiser.email)
    for path in (f"/events/{odd}/register", f"/events/{odd}/cancel"):
        assert client.post(path, headers=HTML, follow_redirects=False).status_code == 404, path


def test_an_event_and_its_calendar_file_have_one_address(client):
    """`/events/{ref}` reads the number itself (`/events/7.ics`): the same rule holds."""
    organiser = factories.account(factories.Role.organiser)
    event_id = events.event(organiser)
    factories.log_in(client, organiser.email)
    assert client.get(f"/events/{event_id}.ics").status_code == 200
    for ref in (f"0{event_id}", f"0{event_id}.ics", f"+{event_id}.ics", "0", "00"):
        assert client.get(f"/events/{ref}", headers=HTML).status_code == 404, ref


def test_a_canonical_number_out_of_bounds_still_says_its_bound(client):
    organiser = factories.account(factories.Role.organiser)
    answer = client.get("/api/projects/0", headers=organiser.headers)
    assert answer.status_code == 400 and "must be at least 1" in answer.text
    assert client.get("/api/projects/-0", headers=organiser.headers).status_code == 404
