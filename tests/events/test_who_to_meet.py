from events import registration
from events.who_to_meet import suggestions
from kring.choices import Role
from kring.tables import Challenge, Expertise, Member
from members.records import create_record
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal

TOPIC = "interne audit ISO 45001 veiligheid"


def expert(event_id: int, organisation: int | None = None, **fields) -> int:
    """Factory members all share example.be, which would make them colleagues: own domains."""
    organisation = organisation or factories.organisation()
    name = fields.setdefault("last_name", "Expert")
    fields.setdefault("email", f"{name.lower()}@{name.lower()}-bedrijf.be")
    member_id = factories.member(organisation, **fields)
    login = factories.account(Role.member, member_id=member_id)
    run(
        create_record(
            Expertise,
            principal(login),
            {
                "title": "Auditprogramma ISO 45001",
                "body": TOPIC,
                "tags": ["iso 45001"],
            },
        )
    )
    run(registration.register(event_id, member_id=member_id))
    return member_id


def test_suggestions_follow_eligibility_and_the_participant_list():
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=50, list_visibility="participants")
    my_org = factories.organisation(domain="mijnbedrijf.be")
    me = factories.account(
        Role.member, member_id=factories.member(my_org, email="ik@mijnbedrijf.be")
    )
    run(
        create_record(
            Challenge,
            principal(me),
            {
                "title": "ISO 45001 interne audit opzetten",
                "body": TOPIC,
                "tags": ["iso 45001"],
            },
        )
    )
    run(registration.register(event_id, member_id=me.member_id))
    good = expert(event_id, last_name="Goedematch")
    colleague = expert(event_id, my_org, last_name="Collega")
    by_domain = expert(event_id, email="x@mijnbedrijf.be", last_name="Domein")
    hidden = expert(event_id, last_name="Verborgen")
    run(registration.set_own_visibility(event_id, hidden, True))
    sharing = expert(event_id, last_name="Nietdelen")
    run(set_opt_out(sharing, OptOut.sharing, True, Channel.web, None))
    paused = expert(event_id, last_name="Gepauzeerd")
    run(Member.update({Member.status: "paused"}).where(Member.id == paused))
    for n in range(6):
        expert(event_id, last_name=f"Extra{n}")
    found = run(suggestions(event_id, me.member_id))
    names = [s.participant.last_name for s in found]
    assert len(found) == 5
    for excluded in ("Collega", "Domein", "Verborgen", "Nietdelen", "Gepauzeerd"):
        assert excluded not in names
    assert good and colleague and by_domain
    run(set_opt_out(me.member_id, OptOut.sharing, True, Channel.web, None))
    assert run(suggestions(event_id, me.member_id)) == []


def test_a_blocked_peer_is_never_suggested():
    """Who-to-meet loads eligibility with the introductions app's own loader, blocks included."""
    from introductions.tables import Block

    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=50, list_visibility="participants")
    org = factories.organisation(domain="eigenbedrijf.be")
    me = factories.account(Role.member, member_id=factories.member(org, email="ik@eigenbedrijf.be"))
    run(
        create_record(
            Challenge,
            principal(me),
            {"title": "ISO 45001 interne audit opzetten", "body": TOPIC, "tags": ["iso 45001"]},
        )
    )
    run(registration.register(event_id, member_id=me.member_id))
    expert(event_id, last_name="Welkom")
    blocked = expert(event_id, last_name="Geblokkeerd")
    before = {s.participant.last_name for s in run(suggestions(event_id, me.member_id))}
    assert {"Welkom", "Geblokkeerd"} <= before
    run(Block.insert(Block(blocker=me.member_id, blocked=blocked)))
    after = {s.participant.last_name for s in run(suggestions(event_id, me.member_id))}
    assert "Welkom" in after and "Geblokkeerd" not in after
