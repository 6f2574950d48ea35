"""The eligibility facts read for a few members are those members' facts, and nobody else's."""

from __future__ import annotations

from introductions.store import load_facts
from introductions.tables import Block
from kring.clock import today
from tests.conftest import run
from tests.matching_db.network import colleague_free_member


def test_facts_for_some_members_read_only_those_members():
    first, first_organisation, first_domain = colleague_free_member()
    second, _, _ = colleague_free_member()
    others = [colleague_free_member()[0] for _ in range(3)]
    run(Block(blocker=first, blocked=second).save())
    run(Block(blocker=others[0], blocked=first).save())

    facts = run(load_facts(today(), {first, second}))

    assert set(facts.members) == {str(first), str(second)}
    assert facts.members[str(first)].blocklist == frozenset({str(second)})
    assert facts.members[str(first)].organisation_id == str(first_organisation)
    assert first_domain in facts.organisations[str(first_organisation)].email_domains
    everyone = run(load_facts(today()))
    assert {str(m) for m in [first, second, *others]} <= set(everyone.members)
