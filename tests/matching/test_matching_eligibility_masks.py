"""``EligibilityMasks`` gives ``violations``'s answer for one challenge and many experts:
each rule alone, then every pair of a network where all rules mix."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

from matching import Challenge, EligibilityFacts, MemberFacts, Rule, violations
from matching.candidates import allowed
from matching.eligibility import EligibilityMasks, OrganisationFacts, pair

TODAY = date(2025, 6, 1)
EXPERTS = ("own", "ann", "bob")


def masks_for(**changes: object) -> tuple[EligibilityMasks, Challenge, EligibilityFacts]:
    members = {m: MemberFacts(m, f"org-{m}", f"{m}.example") for m in EXPERTS}
    owner_changes = changes.pop("owner", {})
    ann_changes = changes.pop("ann", {})
    members["own"] = MemberFacts("own", **{"organisation_id": "org-own", **owner_changes})
    members["ann"] = MemberFacts("ann", **{"organisation_id": "org-ann", **ann_changes})
    facts = EligibilityFacts(members=members, today=TODAY, **changes)  # type: ignore[arg-type]
    challenge = Challenge("c1", "own", "ISO 9001", ("ISO 9001",))
    return EligibilityMasks(facts, EXPERTS), challenge, facts


CASES = {
    Rule.SELF: {},
    Rule.INACTIVE: {"ann": {"status": "paused"}},
    Rule.OPTED_OUT: {"ann": {"share_name_for_matching": False}},
    Rule.RESTRICTED: {"ann": {"restricted": True}},
    Rule.SAME_ORGANISATION: {"ann": {"organisation_id": "org-own"}},
    Rule.BLOCKED: {"ann": {"blocklist": frozenset({"own"})}},
    Rule.COOLDOWN: {"introductions": {pair("own", "ann"): (TODAY - timedelta(days=30),)}},
}


@pytest.mark.parametrize("rule", list(CASES))
def test_each_rule_masks_the_expert_it_forbids(rule: Rule) -> None:
    masks, challenge, facts = masks_for(**CASES[rule])
    allowed = masks.allowed_for(challenge, np.arange(len(EXPERTS)))
    expected = [not violations(challenge, m, facts) for m in EXPERTS]
    assert allowed.tolist() == expected
    victim = "own" if rule is Rule.SELF else "ann"
    assert rule in violations(challenge, victim, facts)
    assert not allowed[EXPERTS.index(victim)] and allowed[EXPERTS.index("bob")]


@pytest.mark.parametrize(
    "changes",
    [
        {"owner": {"email_domain": "ACME.be"}, "ann": {"email_domain": "@acme.be "}},
        {
            "owner": {"email_domain": "acme.be"},
            "organisations": {"org-ann": OrganisationFacts("org-ann", frozenset({"acme.be"}))},
        },
        {
            "ann": {"email_domain": "acme.be"},
            "organisations": {"org-own": OrganisationFacts("org-own", frozenset({"acme.be"}))},
        },
    ],
)
def test_colleagues_by_mail_domain_are_masked(changes: dict) -> None:
    masks, challenge, facts = masks_for(**changes)
    assert Rule.SAME_ORGANISATION in violations(challenge, "ann", facts)
    assert masks.allowed_for(challenge, np.arange(3)).tolist() == [False, False, True]


def test_a_public_mail_domain_makes_no_colleagues() -> None:
    masks, challenge, _facts = masks_for(
        owner={"email_domain": "gmail.com"}, ann={"email_domain": "Gmail.com"}
    )
    assert masks.allowed_for(challenge, np.arange(3)).tolist() == [False, True, True]


@pytest.mark.parametrize(
    "owner", [{"status": "erased"}, {"restricted": True}], ids=["erased", "restricted"]
)
def test_an_owner_who_may_not_ask_gets_nobody(owner: dict) -> None:
    masks, challenge, _ = masks_for(owner=owner)
    assert not masks.owner_may_ask(challenge)
    assert not masks.allowed_for(challenge, np.arange(3)).any()


def test_masks_equal_violations_on_every_pair_of_a_mixed_network() -> None:
    rng = random.Random(4)
    ids = [f"m{i}" for i in range(120)]
    members = {}
    for i, m in enumerate(ids):
        members[m] = MemberFacts(
            m,
            organisation_id=rng.choice([None, "", f"o{i % 9}"]),
            email_domain=rng.choice([None, "gmail.com", f"o{i % 7}.example", "x.example"]),
            status=rng.choice(["active"] * 6 + ["paused", "erased"]),
            share_name_for_matching=rng.random() > 0.1,
            restricted=rng.random() < 0.05,
            blocklist=frozenset(rng.sample(ids, 2)) if rng.random() < 0.2 else frozenset(),
        )
    organisations = {
        f"o{k}": OrganisationFacts(f"o{k}", frozenset({f"o{(k * 2) % 7}.example"}))
        for k in range(9)
    }
    history = {
        pair(rng.choice(ids), rng.choice(ids)): (TODAY - timedelta(days=rng.randrange(365)),)
        for _ in range(200)
    }
    facts = EligibilityFacts(members, TODAY, organisations, history)
    engine_members = [*ids[10:], "unknown"]
    masks = EligibilityMasks(facts, engine_members)
    everyone = np.arange(len(engine_members))
    for owner in [*ids[:60], "stranger"]:
        challenge = Challenge(f"c-{owner}", owner, "x")
        expected = [not violations(challenge, m, facts) for m in engine_members]
        assert masks.allowed_for(challenge, everyone).tolist() == expected, owner
        assert allowed(masks, masks.owner_rule(challenge), everyone).tolist() == expected, owner
