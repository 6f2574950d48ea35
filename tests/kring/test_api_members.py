from kring.choices import Role
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run

PRIVATE = {"email", "phone", "address", "private_email", "private_address", "met_via"}


def test_organiser_adds_member_with_normalised_phone(client):
    organiser = factories.account(Role.organiser)
    organisation_id = factories.organisation()
    answer = client.post(
        "/api/members",
        json={
            "first_name": "Ann-Sofie",
            "last_name": "Van den Broeck",
            "email": "ann-sofie@example.be",
            "phone": "0470 12 34 56",
            "organisation": organisation_id,
            "met_via": "event",
        },
        headers=organiser.headers,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["phone"] == "+32470123456"
    assert answer.json()["organisation"]["id"] == organisation_id


def test_bad_member_fields_are_400s_naming_the_field(client):
    organiser = factories.account(Role.organiser)
    base = {"first_name": "Jan", "last_name": "Janssens", "email": "jan@example.be"}
    cases = {
        "email": {"email": "jan@"},
        "phone": {"phone": "12345"},
        "organisation": {"organisation": 987654},
        "met_via": {"met_via": "pigeon"},
        "first_name": {"first_name": "J" * 101},
        "joined_at": {"joined_at": "2099-01-01"},
    }
    for field, change in cases.items():
        answer = client.post("/api/members", json=base | change, headers=organiser.headers)
        assert answer.status_code == 400, (field, answer.text)
        assert answer.json()["errors"][0]["field"] == field, answer.text


def test_a_join_date_from_before_the_network_is_refused_and_the_1990s_are_not(client):
    """Found from outside: {"joined_at": "0001-01-01"} was stored, by the API and the admin."""
    organiser = factories.account(Role.organiser)
    org = factories.organisation()
    base = {"first_name": "Jan", "last_name": "Peeters", "organisation": org}
    for n, typed in enumerate(("0001-01-01", "0202-03-01", "1949-12-31")):
        body = base | {"email": f"jan{n}@voorbeeld.be", "joined_at": typed}
        answer = client.post("/api/members", json=body, headers=organiser.headers)
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == "joined_at"
        assert "is not a date between 1950-01-01 and" in answer.text
    body = base | {"email": "oud@voorbeeld.be", "joined_at": "1996-05-01"}
    assert client.post("/api/members", json=body, headers=organiser.headers).status_code == 201


def test_duplicate_member_email_is_a_conflict(client):
    organiser = factories.account(Role.organiser)
    factories.member(email="dubbel@example.be")
    answer = client.post(
        "/api/members",
        json={"first_name": "A", "last_name": "B", "email": "dubbel@example.be"},
        headers=organiser.headers,
    )
    assert answer.status_code == 409


def test_member_sees_only_the_public_card_of_a_peer(client):
    viewer = factories.account(Role.member)
    peer = factories.member(factories.organisation())
    card = client.get(f"/api/members/{peer}", headers=viewer.headers).json()
    assert set(card) == {"id", "first_name", "last_name", "job_title", "organisation"}
    listed = client.get("/api/members", headers=viewer.headers).json()
    peers = [row for row in listed if row["id"] != viewer.member_id]
    assert peers and all(PRIVATE.isdisjoint(row) for row in peers)


def test_member_sees_all_of_their_own_profile(client):
    viewer = factories.account(Role.member)
    mine = client.get(f"/api/members/{viewer.member_id}", headers=viewer.headers).json()
    assert mine["email"] and mine["phone"] and "private_email" in mine


def test_peer_who_opted_out_of_sharing_is_404_and_not_listed(client):
    viewer = factories.account(Role.member)
    hidden = factories.member(factories.organisation(), last_name="Verborgen")
    run(set_opt_out(hidden, OptOut.sharing, True, Channel.web, None))
    assert client.get(f"/api/members/{hidden}", headers=viewer.headers).status_code == 404
    names = [row["last_name"] for row in client.get("/api/members", headers=viewer.headers).json()]
    assert "Verborgen" not in names


def test_organiser_sees_business_fields_but_not_private_ones(client):
    organiser = factories.account(Role.organiser)
    peer = factories.member(factories.organisation())
    card = client.get(f"/api/members/{peer}", headers=organiser.headers).json()
    assert "email" in card and "phone" in card
    assert "private_email" not in card


def test_member_changes_own_phone_but_not_organisation(client):
    viewer = factories.account(Role.member)
    path = f"/api/members/{viewer.member_id}"
    ok = client.patch(path, json={"phone": "+32 3 201 12 34"}, headers=viewer.headers)
    assert ok.status_code == 200 and ok.json()["phone"] == "+3232011234"
    other = factories.organisation()
    refused = client.patch(path, json={"organisation": other}, headers=viewer.headers)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "organisation"


def test_member_cannot_change_another_member(client):
    viewer = factories.account(Role.member)
    peer = factories.member(factories.organisation())
    answer = client.patch(f"/api/members/{peer}", json={"first_name": "X"}, headers=viewer.headers)
    assert answer.status_code == 403
    hidden = factories.member(factories.organisation())
    run(set_opt_out(hidden, OptOut.sharing, True, Channel.web, None))
    answer = client.patch(
        f"/api/members/{hidden}", json={"first_name": "X"}, headers=viewer.headers
    )
    assert answer.status_code == 404


def test_private_email_needs_consent_first(client):
    viewer = factories.account(Role.member)
    answer = client.patch(
        f"/api/members/{viewer.member_id}",
        json={"private_email": "thuis@example.be"},
        headers=viewer.headers,
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "private_email"


def test_unknown_fields_are_refused_by_name(client):
    viewer = factories.account(Role.member)
    answer = client.patch(
        f"/api/members/{viewer.member_id}",
        json={"birth_date": "1990-01-01"},
        headers=viewer.headers,
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "birth_date"


def test_me_tells_role_and_profile(client):
    viewer = factories.account(Role.member)
    me = client.get("/api/me", headers=viewer.headers).json()
    assert me["role"] == "member" and me["member"]["id"] == viewer.member_id


def test_interactions_are_for_staff_only(client):
    organiser = factories.account(Role.organiser)
    viewer = factories.account(Role.member)
    path = f"/api/members/{viewer.member_id}/interactions"
    made = client.post(
        path,
        json={"occurred_on": "2025-05-04", "kind": "call", "note": "Kennismaking"},
        headers=organiser.headers,
    )
    assert made.status_code == 201, made.text
    assert made.json()["staff"] == organiser.account_id
    assert client.get(path, headers=organiser.headers).json()[0]["note"] == "Kennismaking"
    assert client.get(path, headers=viewer.headers).status_code == 403


def test_no_contact_is_recorded_for_an_erased_member(client):
    """Found from outside: the API and the page stored a note about an erased member."""
    from kring.tables import Interaction
    from privacy.erasure import erase_member

    organiser = factories.account(Role.organiser)
    gone = factories.member(factories.organisation())
    run(erase_member(gone))
    answer = client.post(
        f"/api/members/{gone}/interactions",
        json={"occurred_on": "2025-05-04", "kind": "call", "note": "na de wissing"},
        headers=organiser.headers,
    )
    assert answer.status_code == 409 and "erased" in answer.text
    factories.log_in(client, organiser.email)
    page = client.get(f"/members/{gone}", headers={"accept": "text/html"})
    assert page.status_code == 200 and f'action="/members/{gone}/interactions"' not in page.text
    assert run(Interaction.count().where(Interaction.member == gone)) == 0


def test_malformed_json_is_400_not_500(client):
    viewer = factories.account(Role.member)
    answer = client.patch(
        f"/api/members/{viewer.member_id}",
        content=b'{"first_name": ',
        headers=viewer.headers | {"content-type": "application/json"},
    )
    assert answer.status_code == 400


def test_oversize_body_is_413(client):
    viewer = factories.account(Role.member)
    answer = client.patch(
        f"/api/members/{viewer.member_id}",
        content=b'{"job_title": "' + b"x" * 1_100_000 + b'"}',
        headers=viewer.headers | {"content-type": "application/json"},
    )
    assert answer.status_code == 413
