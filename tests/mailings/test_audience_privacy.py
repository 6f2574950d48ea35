"""The audience step shows no one an organiser may not see (found by an outside probe): a second
organiser, refused the participant list of an event they do not organise, chose that event as a
mailing's audience and got the count and a sample of ten participants' names, on the page and
in the API; and the sample named people who opted out of listings or hid themselves from the
event's list. Choosing an event now needs the right to see its list (403 at the field `event`),
and the sample names only people a list may show; everyone reachable is still counted (and
mailed). Over HTTP, against `kring serve` and through the pages."""

from __future__ import annotations

from html import unescape

import httpx
import pytest

from events.registration import register
from kring.choices import Role
from kring.tables import Member
from mailings.tables import Mailing
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.mailings.scene import mailing_values


class Scene:
    def __init__(self) -> None:
        self.owner = factories.account(Role.organiser)
        self.other = factories.account(Role.organiser)
        organisation = factories.organisation(name="Werkgever")
        self.event_id = event(self.owner, capacity=10, title="Kwaliteitsavond")
        self.people = {
            "listed": factories.member(organisation, last_name="Zichtbaar"),
            "opted_out": factories.member(organisation, last_name="Nooitoplijsten"),
            "hidden": factories.member(organisation, last_name="Verbergmij"),
        }
        run(set_opt_out(self.people["opted_out"], OptOut.listing, True, Channel.web, None))
        run(register(self.event_id, member_id=self.people["listed"]))
        run(register(self.event_id, member_id=self.people["opted_out"]))
        run(register(self.event_id, member_id=self.people["hidden"], hide_from_list=True))
        self.organisation = organisation
        self.mailing_id = int(mailing_values(self.owner)["mailing_id"][0])


def _put(url: str, login: factories.Login, mailing_id: int, body: dict) -> httpx.Response:
    return httpx.put(
        f"{url}/api/mailings/{mailing_id}/audience", json=body, headers=login.headers, timeout=30
    )


def _names(answer: httpx.Response) -> set[str]:
    return {person["last_name"] for person in answer.json()["sample"]}


def _stored_kind(mailing_id: int) -> str:
    row = run(Mailing.select(Mailing.audience_kind).where(Mailing.id == mailing_id).first())
    return row["audience_kind"]


def test_an_organiser_of_another_event_cannot_choose_its_participants(served_app):
    scene = Scene()
    listed = httpx.get(
        f"{served_app.url}/api/events/{scene.event_id}/participants",
        headers=scene.other.headers,
        timeout=30,
    )
    assert listed.status_code == 403
    answer = _put(
        served_app.url, scene.other, scene.mailing_id, {"kind": "event", "event": scene.event_id}
    )
    assert answer.status_code == 403, answer.text
    problem = answer.json()
    assert problem["errors"][0]["field"] == "event", problem
    assert str(scene.event_id) in problem["detail"] and "Kwaliteitsavond" in problem["detail"]
    assert "Zichtbaar" not in answer.text
    assert _stored_kind(scene.mailing_id) == "all_members"


def test_the_sample_leaves_out_who_asked_not_to_be_listed_but_counts_them(served_app):
    scene = Scene()
    answer = _put(
        served_app.url, scene.owner, scene.mailing_id, {"kind": "event", "event": scene.event_id}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["count"] == 3  # all three allow mailings and receive it
    assert _names(answer) == {"Zichtbaar"}
    assert answer.json()["names_withheld"] is False
    by_organisation = _put(
        served_app.url,
        scene.other,
        scene.mailing_id,
        {"kind": "organisations", "organisations": [scene.organisation]},
    )
    assert by_organisation.json()["count"] == 3
    # Hiding oneself from one event's list hides one only there; the listing opt-out everywhere.
    assert _names(by_organisation) == {"Zichtbaar", "Verbergmij"}
    everyone = _put(served_app.url, scene.other, scene.mailing_id, {"kind": "all_members"})
    assert "Nooitoplijsten" not in _names(everyone)
    assert everyone.json()["count"] >= 3


def test_a_stored_event_audience_names_nobody_to_an_organiser_of_another_event(served_app):
    scene = Scene()
    chosen = _put(
        served_app.url, scene.owner, scene.mailing_id, {"kind": "event", "event": scene.event_id}
    )
    assert chosen.status_code == 200
    shown = httpx.get(
        f"{served_app.url}/api/mailings/{scene.mailing_id}/audience",
        headers=scene.other.headers,
        timeout=30,
    )
    assert shown.status_code == 200
    assert shown.json()["sample"] == [] and shown.json()["names_withheld"] is True


@pytest.fixture
def other_organiser_logged_in(client):
    scene = Scene()
    factories.log_in(client, scene.other.email)
    return scene


def _event_error(html: str) -> str:
    """The message beside the event's choices (round buttons in a fieldset), marked invalid."""
    text = unescape(html)
    fieldset = text[text.index('<fieldset id="field-event"') :]
    assert "field-invalid" in fieldset[: fieldset.index(">")], text
    start = text.index('id="field-event-error"')
    return text[start : text.index("</p>", start)]


def test_the_audience_page_refuses_the_event_at_its_field(client, other_organiser_logged_in):
    scene = other_organiser_logged_in
    answer = factories.post_page_form(
        client,
        f"/mailings/{scene.mailing_id}/audience",
        audience_kind="event",
        event=str(scene.event_id),
    )
    assert answer.status_code == 403, answer.text
    message = _event_error(answer.text)
    assert "deelnemerslijst van evenement" in message and "Kwaliteitsavond" in message
    assert "Zichtbaar</td>" not in answer.text
    assert _stored_kind(scene.mailing_id) == "all_members"


def test_the_audience_page_names_only_listed_people(client, other_organiser_logged_in):
    scene = other_organiser_logged_in
    run(
        Mailing.update(
            {Mailing.audience_kind: "event", Mailing.audience: {"event": scene.event_id}}
        ).where(Mailing.id == scene.mailing_id)
    )
    page = unescape(client.get(f"/mailings/{scene.mailing_id}/audience").text)
    assert 'id="audience-names-withheld"' in page
    for name in ("Zichtbaar", "Nooitoplijsten", "Verbergmij"):
        assert f"{name}</td>" not in page
    client.post("/logout", data={"_csrf_token": factories.csrf_token(client)})
    factories.log_in(client, scene.owner.email)
    page = unescape(client.get(f"/mailings/{scene.mailing_id}/audience").text)
    assert "Zichtbaar</td>" in page
    assert "Nooitoplijsten" not in page and "Verbergmij" not in page
    assert 'id="audience-sample-note"' in page
    assert run(Member.count()) >= 3


def _offered_events(page: str) -> set[str]:
    import re

    choice = re.search(r'<ul class="choice-list" id="event-choices">.*?</ul>', page, re.S)
    assert choice is not None
    return set(re.findall(r'type="radio" name="event" value="(\d+)"', choice.group()))


def test_the_audience_page_offers_only_events_the_organiser_may_choose(
    client, other_organiser_logged_in
):
    scene = other_organiser_logged_in
    own = event(scene.other, capacity=5, title="Eigen avond")
    offered = _offered_events(client.get(f"/mailings/{scene.mailing_id}/audience").text)
    assert str(own) in offered
    assert str(scene.event_id) not in offered
    # The event another organiser chose stays shown as chosen (its names are withheld).
    run(
        Mailing.update(
            {Mailing.audience_kind: "event", Mailing.audience: {"event": scene.event_id}}
        ).where(Mailing.id == scene.mailing_id)
    )
    page = client.get(f"/mailings/{scene.mailing_id}/audience").text
    assert str(scene.event_id) in _offered_events(page)
