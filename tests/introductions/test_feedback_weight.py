"""Feedback moves scores, but never by more than FEEDBACK_WEIGHT of a score."""

from hypothesis import given
from hypothesis import strategies as st

from introductions.service import rematch
from introductions.tables import Feedback, Introduction, IntroductionState
from kring.clock import utc_now
from matching.feedback_weight import FEEDBACK_WEIGHT, adjust, feedback_factor
from tests.conftest import run
from tests.matching_db.network import asker, expert, proposed_experts

counts = st.integers(min_value=0, max_value=10_000)


@given(counts, counts)
def test_the_factor_stays_within_the_bound(useful, not_useful):
    factor = feedback_factor(useful, not_useful)
    assert 1 - FEEDBACK_WEIGHT < factor < 1 + FEEDBACK_WEIGHT or factor == 1.0


@given(st.floats(min_value=0, max_value=1), counts, counts)
def test_an_adjusted_score_moves_at_most_the_weight(score, useful, not_useful):
    factor = feedback_factor(useful, not_useful)
    adjusted = adjust({"c": {"e": score}}, {"e": factor})["c"]["e"]
    assert 0 <= adjusted <= 1
    assert abs(adjusted - score) <= FEEDBACK_WEIGHT * score + 1e-12


def test_no_feedback_changes_nothing_and_much_feedback_stays_bounded():
    assert feedback_factor(0, 0) == 1.0
    assert feedback_factor(10**6, 0) < 1 + FEEDBACK_WEIGHT
    assert feedback_factor(0, 10**6) > 1 - FEEDBACK_WEIGHT
    assert feedback_factor(1, 0) < feedback_factor(5, 0)


def _feedback(challenge_id, expert_id, requester_id, outcome, times):
    now = utc_now()
    run(
        Introduction.insert(
            *[
                Introduction(
                    challenge=challenge_id,
                    expert=expert_id,
                    requester=requester_id,
                    state=IntroductionState.completed,
                    requester_feedback=outcome,
                    created_at=now,
                )
                for _ in range(times)
            ]
        )
    )


def test_useful_feedback_breaks_a_tie_between_equal_experts():
    owner = asker()
    first, second = expert(), expert()
    run(rematch())
    assert proposed_experts(owner.challenge_id) == [first, second]
    other = asker()
    _feedback(other.challenge_id, second, other.member_id, Feedback.useful, 5)
    _feedback(other.challenge_id, first, other.member_id, Feedback.not_useful, 5)
    run(rematch([owner.challenge_id]))
    assert proposed_experts(owner.challenge_id) == [second, first]
