"""The access answer (art. 15): the information of art. 15(1) first, never another member's
contact details or notes (art. 15(4))."""

import json
from datetime import date, timedelta

from kring.choices import Role
from kring.clock import utc_now
from kring.declarations import REGISTER
from kring.tables import Challenge, Interaction, Member
from privacy.access import OTHERS_WITHHELD
from tests import factories
from tests.conftest import run


def _other_member() -> dict[str, str]:
    """Member B with values that occur nowhere else."""
    secrets = {
        "email": "bea.zq71other@anderbedrijf.be",
        "phone": "+32470998877",
        "private_email": "bea.zq71thuis@example.com",
        "private_address": "Verborgenlaan 71, 3000 Leuven",
        "note": "zq71 vertrouwelijke notitie over Bea",
        "feedback_reason": "zq71 geen tijd voor deze persoon",
    }
    member_id = factories.member(
        factories.organisation(),
        first_name="Bea",
        last_name="Anders",
        email=secrets["email"],
        phone=secrets["phone"],
    )
    run(
        Member.update(
            {
                Member.private_email: secrets["private_email"],
                Member.private_address: secrets["private_address"],
            }
        ).where(Member.id == member_id)
    )
    run(
        Interaction.insert(
            Interaction(member=member_id, occurred_on=date(2025, 1, 5), note=secrets["note"])
        )
    )
    return {**secrets, "id": member_id}


def _shared_history(a: int, b: dict) -> None:
    from events.tables import Event, Registration
    from introductions.tables import Block, Introduction

    challenge = Challenge(member=a, title="Veilige ladders", tags=[], created_at=utc_now())
    run(challenge.save())
    run(
        Introduction.insert(
            Introduction(
                challenge=challenge.id,
                expert=b["id"],
                requester=a,
                state="declined",
                declined_by="expert",
                decline_reason=b["feedback_reason"],
                expert_feedback="not_useful",
                explanation={"why": "gedeelde tags", "contact": b["email"]},
                created_at=utc_now(),
            )
        )
    )
    run(Block.insert(Block(blocker=b["id"], blocked=a, created_at=utc_now())))
    start = utc_now() + timedelta(days=5)
    event = Event(title="Netwerkavond", starts_at=start, ends_at=start + timedelta(hours=2))
    run(event.save())
    other_event = Event(title="Werkbezoek", starts_at=start, ends_at=start + timedelta(hours=2))
    run(other_event.save())
    run(
        Registration.insert(
            Registration(event=event.id, member=a, registered_at=utc_now()),
            Registration(event=event.id, member=b["id"], registered_at=utc_now()),
            # A brought B along as a guest once: B's address is still B's.
            Registration(
                event=other_event.id, member=a, guest_email=b["email"], registered_at=utc_now()
            ),
        )
    )
    # The network's note about A mentions B's phone number.
    run(
        Interaction.insert(
            Interaction(
                member=a, occurred_on=date(2025, 2, 1), note=f"Bel Bea op {b['phone']} terug"
            )
        )
    )


def test_the_answer_never_holds_another_members_contact_details_or_notes(client):
    alice = factories.account(Role.member)
    bea = _other_member()
    _shared_history(alice.member_id, bea)
    answer = client.post(
        "/api/privacy/me/export", json={"password": factories.PASSWORD}, headers=alice.headers
    )
    assert answer.status_code == 200, answer.text
    export = answer.json()
    printable = _printable(client, alice.email)
    for text in (json.dumps(export, ensure_ascii=False), printable):
        for name in (
            "email",
            "phone",
            "private_email",
            "private_address",
            "note",
            "feedback_reason",
        ):
            assert bea[name] not in text, name
    # Alice still sees her own history: the introduction and both her registrations.
    introduction = export["tables"]["introduction"]["rows"]
    # Declined: Bea never said yes, so the export does not name her (found from outside: her
    # member id led to her name through the directory).
    withheld = [(alice.member_id, OTHERS_WITHHELD)]
    assert [(r["requester"], r["expert"]) for r in introduction] == withheld
    assert introduction[0]["decline_reason"] == OTHERS_WITHHELD
    assert introduction[0]["expert_feedback"] == OTHERS_WITHHELD
    assert introduction[0]["explanation"]["why"] == "gedeelde tags"
    assert len(export["tables"]["registration"]["rows"]) == 2
    assert export["tables"]["block"]["rows"] == []  # Bea's block is hers, not shown to Alice
    notes = [r["note"] for r in export["tables"]["interaction"]["rows"]]
    assert notes == [f"Bel Bea op {OTHERS_WITHHELD} terug"]
    from introductions.tables import Introduction

    run(
        Introduction.update({Introduction.state: "accepted"}).where(
            Introduction.requester == alice.member_id
        )
    )
    again = client.post(
        "/api/privacy/me/export", json={"password": factories.PASSWORD}, headers=alice.headers
    ).json()
    accepted = again["tables"]["introduction"]["rows"]
    assert [(r["requester"], r["expert"]) for r in accepted] == [(alice.member_id, bea["id"])]


def _printable(client, email: str) -> str:
    factories.log_in(client, email)
    confirmed = client.post(
        "/privacy/confirm",
        data={
            "password": factories.PASSWORD,
            "next": "/privacy/my-data",
            "_csrf_token": factories.csrf_token(client),
        },
        follow_redirects=False,
    )
    assert confirmed.status_code == 303
    page = factories.post_page_form(client, "/privacy/my-data")  # asks; then shows the answer
    assert page.status_code == 200
    return page.text


def test_the_answer_opens_with_purposes_bases_retention_recipients_source_and_rights(client):
    officer = factories.account(Role.privacy_officer)
    client.post(
        "/api/privacy/processors",
        json={"name": "Mailhuis", "service": "mailings", "data_categories": "profile"},
        headers=officer.headers,
    )
    alice = factories.account(Role.member)
    run(Member.update({Member.met_via: "event"}).where(Member.id == alice.member_id))
    export = client.post(
        "/api/privacy/me/export", json={"password": factories.PASSWORD}, headers=alice.headers
    ).json()
    info = export["information"]
    categories = {c["category"]: c for c in info["categories"]}
    # Derived from the declarations: every declared member-linked category, with its texts.
    for declaration in REGISTER.personal.values():
        if declaration.tablename in export["tables"]:
            entry = categories[declaration.category]
            assert declaration.tablename in entry["tables"]
            assert declaration.purpose in entry["purposes"]
            assert str(declaration.legal_basis) in entry["legal_bases"]
            assert str(declaration.retention_text) in entry["retention"]
            assert set(declaration.recipients) <= set(entry["recipients"])
    assert categories["profile"]["holds_your_data"] is True
    assert categories["award dossiers"]["holds_your_data"] is False
    assert info["retention_rules_months"]["login_months"] == 24
    assert info["processors"] == [
        {"name": "Mailhuis", "service": "mailings", "data_categories": "profile"}
    ]
    assert info["source"]["met_via"] == "event"
    assert any("art. 77" in right for right in info["rights"])
    assert info["supervisory_authority"] == {
        "name": "Gegevensbeschermingsautoriteit",
        "address": "Drukpersstraat 35, 1000 Brussel",
        "website": "https://www.gegevensbeschermingsautoriteit.be",
    }
    printable = _printable(client, alice.email)
    information = printable.index('id="information"')
    assert information < printable.index('id="table-member"')
    for text in (
        "Drukpersstraat 35, 1000 Brussel",
        "www.gegevensbeschermingsautoriteit.be",
        "Mailhuis",
        "het ledennetwerk runnen",  # the Member declaration's purpose, in the reader's Dutch
        "overeenkomst",  # the legal basis `contract`
        "juryleden die een vertrouwelijkheidsverklaring tekenden",  # a declared recipient
    ):
        assert text in printable, text
    for key in ("legal_obligation", "legitimate_interest", "run the membership network"):
        assert key not in printable, key
    # Found from outside: the JSON a Dutch member downloads gave every purpose in English. The
    # English stays (the register's words), beside the same texts in the person's language.
    dutch = export["information_in_your_language"]
    assert dutch["language"] == "nl"
    purposes = [p for c in dutch["categories"] for p in c["purposes"]]
    assert "het ledennetwerk runnen" in " ".join(purposes)
    assert "run the membership network" not in " ".join(purposes)
    assert "overeenkomst" in [b for c in dutch["categories"] for b in c["legal_bases"]]
    assert any("art. 77" in right and "klacht" in right for right in dutch["rights"])
    assert len(dutch["categories"]) == len(info["categories"])


def test_stored_numbers_and_structures_read_as_text_not_as_program_output(client):
    """Found from outside: the printable answer showed a match score as 0.6983760446310043,
    why a match was proposed as a Python dict, and the language as `nl`."""
    from kring.vocabulary import show_value

    def nl(value):
        return show_value(value, lambda text: {"Dutch": "Nederlands"}.get(text, text), "nl")

    assert nl(0.6983760446310043) == "0,698"
    assert nl({"terms": [{"term": "welzijn", "weight": 0.11}]}) == "details in the JSON download"
    assert nl({"a": 1, "b": 0.5}) == "a: 1; b: 0,5"
    assert nl("nl") == "Nederlands"
    alice = factories.account(Role.member)
    printable = _printable(client, alice.email)
    assert "Nederlands" in printable and "{'" not in printable and "[{" not in printable


def test_text_that_only_looks_like_a_date_is_shown_as_typed(client):
    """A job title of "2026-02-30" looks like a date to the page but is none: it used to make
    the member's printable answer (and the officer's copy of it) a 500."""
    alice = factories.account(Role.member)
    run(
        Member.update({Member.job_title: "2026-02-30", Member.address: "2026-12-04T25:61"}).where(
            Member.id == alice.member_id
        )
    )
    printable = _printable(client, alice.email)
    assert "2026-02-30" in printable and "2026-12-04T25:61" in printable


def test_the_export_names_the_other_side_in_exactly_the_states_the_pages_do():
    """`privacy` may not import `introductions` (the layers), so the states are written twice;
    this keeps them the same."""
    from introductions.workflow import REVEALED
    from privacy.access import NAMED_ONLY_WHEN

    column, states = NAMED_ONLY_WHEN["introduction"]
    assert column == "state" and states == {str(s) for s in REVEALED}


def test_a_proposed_expert_sees_nothing_of_the_owners_challenge_until_both_said_yes(client):
    """Found from outside: a proposed expert's export listed the owner's challenge id, score,
    rank and explanation (the challenge's tags and terms), while the challenge itself is a 404."""
    from introductions.tables import Introduction

    owner = factories.member(factories.organisation(), first_name="Oona", last_name="Eigen")
    expert = factories.account(Role.member)
    challenge = Challenge(
        member=owner, title="zq72 geheime uitdaging", tags=[], created_at=utc_now()
    )
    run(challenge.save())
    run(
        Introduction.insert(
            Introduction(
                challenge=challenge.id,
                expert=expert.member_id,
                requester=owner,
                state="proposed",
                score=0.8125,
                rank=2,
                explanation={"challenge_tag": "zq72 iso 14001", "terms": ["zq72risicobeheer"]},
                created_at=utc_now(),
            )
        )
    )

    def export() -> dict:
        answer = client.post(
            "/api/privacy/me/export", json={"password": factories.PASSWORD}, headers=expert.headers
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    for state in ("proposed", "requested", "declined", "expired"):
        run(Introduction.update({Introduction.state: state}).where(Introduction.requester == owner))
        rows = export()["tables"]["introduction"]["rows"]
        assert len(rows) == 1 and rows[0]["state"] == state
        for column in ("requester", "challenge", "explanation", "score", "rank"):
            assert rows[0][column] == OTHERS_WITHHELD, (state, column)
        for text in (json.dumps(rows, ensure_ascii=False), _printable(client, expert.email)):
            assert "zq72" not in text, state
    run(
        Introduction.update({Introduction.state: "accepted"}).where(Introduction.requester == owner)
    )
    (accepted,) = export()["tables"]["introduction"]["rows"]
    assert (accepted["requester"], accepted["challenge"], accepted["rank"]) == (
        owner,
        challenge.id,
        2,
    )
    assert accepted["explanation"]["challenge_tag"] == "zq72 iso 14001"
