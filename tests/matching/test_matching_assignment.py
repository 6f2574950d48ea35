from collections import Counter

from matching import Challenge, Engine, Introduction, Reason, propose, shortlist


def _challenges(n, owner="own"):
    return [Challenge(f"c{i}", owner, f"vraag {i}") for i in range(n)]


def test_capacity_is_never_exceeded(make_facts):
    challenges = _challenges(5)
    scores = {c.challenge_id: {"star": 0.9, "b": 0.5, "c": 0.4} for c in challenges}
    result = propose(challenges, scores, make_facts("own", "star", "b", "c"), capacity={"star": 2})
    load = Counter(p.expert_id for p in result.proposals)
    assert load["star"] == 2 and load["b"] <= 3 and load["c"] <= 3


def test_existing_open_introductions_count_against_capacity(make_facts):
    challenges = _challenges(3)
    scores = {c.challenge_id: {"star": 0.9} for c in challenges}
    elsewhere = [
        Introduction("other1", "star", "accepted"),
        Introduction("other2", "star", "pending"),
    ]
    result = propose(challenges, scores, make_facts("own", "star"), introductions=elsewhere)
    assert len(result.proposals) == 1


def test_demand_per_challenge_is_never_exceeded(make_facts):
    challenges = [Challenge("c1", "own", demand=2)]
    scores = {"c1": {e: 0.5 for e in "abcde"}}
    result = propose(challenges, scores, make_facts("own", *"abcde"))
    assert len(result.proposals) == 2


def test_popular_expert_is_shared_so_every_challenge_gets_someone(make_facts):
    challenges = _challenges(3)
    scores = {
        "c0": {"star": 0.95, "x": 0.90},
        "c1": {"star": 0.90, "y": 0.85},
        "c2": {"star": 0.50},
    }
    result = propose(challenges, scores, make_facts("own", "star", "x", "y"), capacity={"star": 1})
    assert {p.challenge_id for p in result.proposals} == {"c0", "c1", "c2"}
    assert [p.challenge_id for p in result.proposals if p.expert_id == "star"] == ["c2"]


def test_score_below_minimum_is_never_proposed(make_facts):
    result = propose(
        _challenges(1), {"c0": {"a": 0.05, "b": 0.5}}, make_facts("own", "a", "b"), min_score=0.1
    )
    assert [p.expert_id for p in result.proposals] == ["b"]


def test_unmatched_challenge_gets_reason_code(make_facts):
    facts = make_facts("own", "a", "b")
    challenges = [Challenge("none", "own"), Challenge("low", "own"), Challenge("full", "own")]
    scores = {"none": {"own": 0.9}, "low": {"a": 0.01}, "full": {"b": 0.9}}
    result = propose(challenges, scores, facts, capacity={"b": 0}, demand=1)
    assert result.proposals == []
    reasons = {cid: s.reason for cid, s in result.shortfalls.items()}
    assert reasons == {
        "none": Reason.NO_ELIGIBLE_EXPERT,
        "low": Reason.BELOW_THRESHOLD,
        "full": Reason.CAPACITY_EXHAUSTED,
    }


def test_partially_served_challenge_reports_missing_count(make_facts):
    result = propose(_challenges(1), {"c0": {"a": 0.8}}, make_facts("own", "a"), demand=3)
    assert result.shortfalls["c0"].missing == 2


def test_rerun_keeps_pending_introductions(make_facts, today):
    from datetime import timedelta

    from matching import pair

    facts = make_facts(
        "own", "a", "b", "c", introductions={pair("own", "a"): (today - timedelta(days=3),)}
    )
    scores = {"c0": {"b": 0.9, "c": 0.8, "a": 0.1}}
    existing = [Introduction("c0", "a", "pending")]
    result = propose(_challenges(1), scores, facts, introductions=existing, demand=2)
    assert [(p.expert_id, p.kept) for p in result.proposals] == [("a", True), ("b", False)]


def test_pending_introduction_of_opted_out_member_is_withdrawn(make_facts):
    from matching import MemberFacts, Rule

    facts = make_facts(
        "own", overrides={"a": MemberFacts("a", "oa", "a.be", share_name_for_matching=False)}
    )
    result = propose(_challenges(1), {}, facts, introductions=[Introduction("c0", "a")])
    assert result.proposals == [] and result.withdrawn[0][1] == [Rule.OPTED_OUT]


def test_declined_pair_is_not_proposed_again(make_facts):
    result = propose(
        _challenges(1),
        {"c0": {"a": 0.9, "b": 0.5}},
        make_facts("own", "a", "b"),
        introductions=[Introduction("c0", "a", "declined")],
        demand=1,
    )
    assert [p.expert_id for p in result.proposals] == ["b"]


def test_alternates_are_ranked_and_not_assigned(make_facts):
    scores = {"c0": {"a": 0.9, "b": 0.8, "c": 0.7, "d": 0.6, "e": 0.05}}
    result = propose(_challenges(1), scores, make_facts("own", *"abcde"), demand=1, n_alternates=5)
    assert [p.expert_id for p in result.proposals] == ["a"]
    assert [a.expert_id for a in result.alternates["c0"]] == ["b", "c", "d"]


def test_closed_challenge_gets_no_proposals(make_facts):
    closed = Challenge("c0", "own", is_open=False)
    result = propose([closed], {"c0": {"a": 0.9}}, make_facts("own", "a"))
    assert result.proposals == [] and result.shortfalls == {}


def test_shortlist_and_propose_work_end_to_end(records, make_facts):
    engine = Engine(records)
    facts = make_facts("own", "ann", "bob", "cas", "dee", "eva", "fay")
    challenge = Challenge(
        "c0", "own", "Wie helpt ons met ISO 9001 en interne audits?", ("ISO 9001",)
    )
    scores = shortlist(engine, [challenge], facts)
    result = propose(
        [challenge], scores, facts, explainer=lambda c, e: engine.explain(c.text, c.tags, e)
    )
    assert result.proposals[0].expert_id == "ann"
    assert result.proposals[0].explanation.tags[0].expert_tag == "ISO9001"


def test_the_best_match_by_meaning_passes_under_min_score_and_only_it(make_facts):
    scores = {"c0": {"a": 0.04, "b": 0.03, "c": 0.02}}
    semantic = {"c0": {"a": 0.2, "b": 0.3, "c": 0.05}}
    result = propose(_challenges(1), scores, make_facts("own", *"abc"), semantic=semantic)
    assert [p.expert_id for p in result.proposals] == ["b"]
    assert result.shortfalls["c0"].missing == 2


def test_without_semantic_scores_only_min_score_counts(make_facts):
    scores = {"c0": {"a": 0.04, "b": 0.03}}
    result = propose(_challenges(1), scores, make_facts("own", "a", "b"))
    assert result.proposals == [] and result.shortfalls["c0"].reason == Reason.BELOW_THRESHOLD
    weak = {"c0": {"a": 0.05, "b": 0.09}}
    result = propose(_challenges(1), scores, make_facts("own", "a", "b"), semantic=weak)
    assert result.proposals == []


def test_a_declined_best_match_by_meaning_does_not_promote_the_runner_up(make_facts):
    scores = {"c0": {"a": 0.04, "b": 0.03}}
    semantic = {"c0": {"a": 0.3, "b": 0.25}}
    result = propose(
        _challenges(1),
        scores,
        make_facts("own", "a", "b"),
        introductions=[Introduction("c0", "a", "declined")],
        semantic=semantic,
    )
    assert result.proposals == [] and result.alternates["c0"] == []
