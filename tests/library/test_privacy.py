"""A contributor is named only when they may be: not after opting out of sharing or listings,
a restriction or erasure; erasure removes the items they contributed, their files and their
words in the full-text index, while the network's other items stay."""

from __future__ import annotations

from kring.choices import Role
from kring.uploads import check_upload
from library.items import attach_file
from library.search import search_items
from library.tables import LibraryAttachment, LibraryItem
from privacy.erasure import erase_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.library.helpers import PDF, item, library


def test_contributor_is_named_only_when_allowed_and_erasure_removes_their_items(client):
    organiser, made = library()
    people = {
        kind: factories.member(factories.organisation(), last_name=f"Spreker{kind.title()}")
        for kind in ("control", "sharing", "listing", "restricted", "erased")
    }
    slides = {
        kind: item(organiser, member_id, title=f"Slides {kind} zqkanarie", summary="Slides")
        for kind, member_id in people.items()
    }
    run(attach_file(principal(organiser), slides["erased"], check_upload("s.pdf", PDF)))
    run(set_opt_out(people["sharing"], OptOut.sharing, True, Channel.web, None))
    run(set_opt_out(people["listing"], OptOut.listing, True, Channel.web, None))
    run(restrict(people["restricted"], "het lid zelf", "betwist de juistheid", None))
    reader = factories.account(Role.member)
    factories.log_in(client, reader.email)
    for kind, item_id in slides.items():
        page = client.get(f"/library/{item_id}").text
        api = client.get(f"/api/library/{item_id}", headers=reader.headers).json()
        named = f"Spreker{kind.title()}" in page
        assert named == (kind in ("control", "erased")), kind  # not yet erased
        assert (api["contributor"] is not None) == named, kind
    run(erase_member(people["erased"]))
    assert client.get(f"/library/{slides['erased']}").status_code == 404
    assert not run(LibraryItem.exists().where(LibraryItem.id == slides["erased"]))
    assert not run(LibraryAttachment.exists().where(LibraryAttachment.item == slides["erased"]))
    found = run(search_items("zqkanarie")).items
    assert {row["title"] for row in found} == {
        f"Slides {kind} zqkanarie" for kind in ("control", "sharing", "listing", "restricted")
    }
    assert len(run(search_items("audit")).items) == 2  # the network's own items stay
    assert made


def test_a_restricted_member_is_not_attached_as_contributor_but_stays_where_named(client):
    """Found from outside: `POST /api/library {"contributor": 178}` answered 201 with
    "contributor": null and stored the restricted member. Refused like projects do (409); an
    item that named them before keeps them through an edit."""
    organiser = factories.account(Role.organiser)
    restricted = factories.member(factories.organisation(), email="beperkt@example.org")
    earlier = item(organiser, restricted, title="Van voor de beperking")
    run(restrict(restricted, "het lid zelf", "betwist de juistheid", None))
    headers = organiser.headers
    body = {"title": "Nieuw", "summary": "Een samenvatting", "contributor": restricted}
    refused = client.post("/api/library", json=body, headers=headers)
    assert refused.status_code == 409 and "restricted" in refused.text
    patched = client.patch(
        f"/api/library/{earlier}", json={"contributor": restricted}, headers=headers
    )
    assert patched.status_code == 200 and patched.json()["contributor_id"] == restricted
    assert patched.json()["contributor"] is None  # still not named
    other = item(organiser, title="Ander item")
    moved = client.patch(f"/api/library/{other}", json={"contributor": restricted}, headers=headers)
    assert moved.status_code == 409
    assert not run(LibraryItem.exists().where(LibraryItem.title == "Nieuw"))

    factories.log_in(client, organiser.email)
    form = {
        "_csrf_token": factories.csrf_token(client),
        "title": "Via het formulier",
        "summary": "Een samenvatting",
        "kind": "article",
        "language": "nl",
        "body_format": "markdown",
        "contributor": "beperkt@example.org",
    }
    page = client.post("/library/new", data=form, headers={"accept": "text/html"})
    assert page.status_code == 409 and "beperkt" in page.text and 'id="error-summary"' in page.text


def test_the_organiser_sees_the_stored_contributor_id_and_members_do_not(client):
    """An opted-out contributor is not named to anyone; the organiser's answer says who the
    item names (the id), a member's does not."""
    organiser = factories.account(Role.organiser)
    unlisted = factories.member(factories.organisation())
    run(set_opt_out(unlisted, OptOut.listing, True, Channel.web, None))
    body = {"title": "Slides", "summary": "Van de avond", "contributor": unlisted}
    made = client.post("/api/library", json=body, headers=organiser.headers)
    assert made.status_code == 201
    assert made.json()["contributor"] is None and made.json()["contributor_id"] == unlisted
    reader = factories.account(Role.member)
    seen = client.get(f"/api/library/{made.json()['id']}", headers=reader.headers).json()
    assert seen["contributor"] is None and seen["contributor_id"] is None
