from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import (
    Challenge,
    EligibilityFacts,
    Introduction,
    MemberFacts,
    OrganisationFacts,
    Rule,
    is_eligible,
    pair,
    propose,
    violations,
)

OPEN = Challenge("c1", "own", "ISO 9001", ("ISO 9001",))


def test_challenge_owner_is_never_proposed_to_themself(make_facts):
    assert Rule.SELF in violations(OPEN, "own", make_facts("own"))


def test_closed_challenge_gets_no_one(make_facts):
    closed = Challenge("c1", "own", is_open=False)
    assert violations(closed, "exp", make_facts("own", "exp")) == [Rule.CLOSED_CHALLENGE]


def test_same_organisation_member_is_never_proposed(make_facts):
    colleague = MemberFacts("exp", organisation_id="org-own", email_domain="other.example")
    facts = make_facts("own", overrides={"exp": colleague})
    assert violations(OPEN, "exp", facts) == [Rule.SAME_ORGANISATION]


def test_colleague_recognised_by_organisation_mail_domain_is_never_proposed(make_facts):
    colleague = MemberFacts("exp", organisation_id=None, email_domain="acme.be")
    facts = make_facts(
        "own",
        overrides={"exp": colleague},
        organisations={"org-own": OrganisationFacts("org-own", frozenset({"acme.be", "acme.com"}))},
    )
    assert violations(OPEN, "exp", facts) == [Rule.SAME_ORGANISATION]


def test_shared_webmail_domain_does_not_make_colleagues(make_facts):
    facts = make_facts(
        overrides={
            "own": MemberFacts("own", "o1", "gmail.com"),
            "exp": MemberFacts("exp", "o2", "gmail.com"),
        }
    )
    assert is_eligible(OPEN, "exp", facts)


def test_shared_company_mail_domain_makes_colleagues(make_facts):
    facts = make_facts(
        overrides={
            "own": MemberFacts("own", "o1", "acme.be"),
            "exp": MemberFacts("exp", None, "acme.be"),
        }
    )
    assert violations(OPEN, "exp", facts) == [Rule.SAME_ORGANISATION]


def test_opted_out_member_is_never_proposed(make_facts):
    opted_out = MemberFacts("exp", "org-exp", "exp.example", share_name_for_matching=False)
    assert violations(OPEN, "exp", make_facts("own", overrides={"exp": opted_out})) == [
        Rule.OPTED_OUT
    ]


def test_paused_member_is_never_proposed(make_facts):
    paused = MemberFacts("exp", "org-exp", "exp.example", status="paused")
    assert violations(OPEN, "exp", make_facts("own", overrides={"exp": paused})) == [Rule.INACTIVE]


def test_erased_member_is_never_proposed(make_facts):
    erased = MemberFacts("exp", "org-exp", "exp.example", status="erased")
    assert violations(OPEN, "exp", make_facts("own", overrides={"exp": erased})) == [Rule.INACTIVE]


def test_member_on_owners_blocklist_is_never_proposed(make_facts):
    owner = MemberFacts("own", "org-own", "own.example", blocklist=frozenset({"exp"}))
    assert violations(OPEN, "exp", make_facts("exp", overrides={"own": owner})) == [Rule.BLOCKED]


def test_member_who_blocked_the_owner_is_never_proposed(make_facts):
    expert = MemberFacts("exp", "org-exp", "exp.example", blocklist=frozenset({"own"}))
    assert violations(OPEN, "exp", make_facts("own", overrides={"exp": expert})) == [Rule.BLOCKED]


def test_pair_introduced_within_cooldown_is_never_proposed(make_facts, today):
    recent = make_facts(
        "own", "exp", introductions={pair("exp", "own"): (today - timedelta(days=179),)}
    )
    old = make_facts(
        "own", "exp", introductions={pair("own", "exp"): (today - timedelta(days=180),)}
    )
    assert violations(OPEN, "exp", recent) == [Rule.COOLDOWN]
    assert is_eligible(OPEN, "exp", old)


def test_unknown_member_fails_closed(make_facts):
    assert violations(OPEN, "ghost", make_facts("own")) == [Rule.UNKNOWN_MEMBER]


@st.composite
def networks(draw):
    ids = [f"m{i}" for i in range(draw(st.integers(2, 9)))]
    orgs = [f"o{i}" for i in range(3)]
    domains = ["a.be", "b.be", "gmail.com", "c.com"]
    today = OPEN_TODAY
    members = {
        m: MemberFacts(
            m,
            draw(st.sampled_from([*orgs, None])),
            draw(st.sampled_from([*domains, None])),
            draw(st.sampled_from(["active", "active", "paused", "erased"])),
            draw(st.booleans()),
            frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))),
        )
        for m in ids
    }
    organisations = {
        o: OrganisationFacts(o, frozenset(draw(st.lists(st.sampled_from(domains), max_size=2))))
        for o in orgs
    }
    intros = {
        pair(a, b): (today - timedelta(days=draw(st.integers(0, 400))),)
        for a, b in draw(
            st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=6)
        )
    }
    facts = EligibilityFacts(members, today, organisations, intros)
    challenges = [
        Challenge(
            f"c{i}",
            draw(st.sampled_from(ids)),
            is_open=draw(st.booleans()),
            demand=draw(st.integers(1, 3)),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    scores = {
        c.challenge_id: {
            m: draw(st.floats(0, 1)) for m in draw(st.lists(st.sampled_from(ids), unique=True))
        }
        for c in challenges
    }
    existing = [
        Introduction(
            draw(st.sampled_from(challenges)).challenge_id, draw(st.sampled_from(ids)), "pending"
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return facts, challenges, scores, existing


OPEN_TODAY = __import__("datetime").date(2025, 6, 1)


@settings(max_examples=150, deadline=None)
@given(networks())
def test_no_proposal_ever_breaks_a_rule(network):
    facts, challenges, scores, existing = network
    result = propose(challenges, scores, facts, introductions=existing, min_score=0.0)
    by_id = {c.challenge_id: c for c in challenges}
    for p in result.proposals:
        skip = [Rule.COOLDOWN] if p.kept else []
        assert violations(by_id[p.challenge_id], p.expert_id, facts, skip=skip) == []
    assert result.post_check_rejections == 0
