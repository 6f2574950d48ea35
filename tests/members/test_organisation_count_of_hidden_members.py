"""An organisation's member count tells a member only of the peers they may see.

`GET /api/organisations/{id}` counted every member of the organisation, also those who opted
out of sharing their name, paused members and members whose processing is restricted: a member
comparing it with the peers listed for the organisation learnt that someone there hides from
them (at a small organisation, who). Staff see the whole count."""

from __future__ import annotations

from kring.choices import MemberStatus, Role
from kring.tables import Member
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run


def _organisation_with_hidden_members() -> int:
    organisation = factories.organisation()
    factories.member(organisation)  # shown to peers
    hidden = factories.member(organisation)
    run(Member.update({Member.opt_out_sharing: True}).where(Member.id == hidden))
    paused = factories.member(organisation)
    run(Member.update({Member.status: MemberStatus.paused}).where(Member.id == paused))
    restricted = factories.member(organisation)
    run(restrict(restricted, "het lid zelf", "bezwaar", None))
    return organisation


def test_a_member_counts_only_the_peers_listed_for_the_organisation(client):
    organisation = _organisation_with_hidden_members()
    peer = factories.account(Role.member)

    shown = client.get(f"/api/organisations/{organisation}", headers=peer.headers)
    listed = client.get(f"/api/members?organisation={organisation}", headers=peer.headers)

    assert shown.status_code == 200, shown.text
    assert len(listed.json()) == 1
    assert shown.json()["member_count"] == 1


def test_staff_count_every_member_of_the_organisation(client):
    organisation = _organisation_with_hidden_members()
    organiser = factories.account(Role.organiser)

    shown = client.get(f"/api/organisations/{organisation}", headers=organiser.headers)

    assert shown.json()["member_count"] == 4
