"""``propose`` reads a re-match's ``Shortlists`` (flat arrays) exactly as it reads the same
scores given as dicts: the random networks of ``test_matching_assignment_arrays`` (every rule,
ties, scores out of order, float32 scores, the semantic gate), their scores turned into
arrays and their semantic scores into views of them, with and without feedback factors that
reorder a challenge's experts."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching.assignment import _Pairs, propose
from matching.feedback_weight import adjust
from matching.shortlists import MeaningView, Shortlists
from tests.matching.test_matching_assignment_arrays import network, ordered


def as_arrays(
    scores: dict[str, dict[str, float]], semantic: dict[str, dict[str, float]] | None
) -> tuple[Shortlists, dict[str, MeaningView] | None]:
    """The scores as ``shortlist`` returns them (of the dtype they have), members numbered in
    first-seen order."""
    ids: list[str] = []
    number: dict[str, int] = {}
    start, member, total, meaning = [0], [], [], []
    for cid, row in scores.items():
        for expert, score in row.items():
            if expert not in number:
                number[expert] = len(ids)
                ids.append(expert)
            member.append(number[expert])
            total.append(score)
            meaning.append((semantic or {}).get(cid, {}).get(expert, 0.0))
        start.append(len(member))
    shortlists = Shortlists(
        list(scores),
        np.array(start, dtype=np.int64),
        np.array(member, dtype=np.int32),
        np.array(total),  # float32 scores stay float32, as in a dict
        ids,
        np.array(meaning, dtype=np.float64),
    )
    if semantic is None:
        return shortlists, None
    return shortlists, {cid: shortlists.meaning(cid) for cid in semantic if cid in scores}


def dict_semantic(
    scores: dict[str, dict[str, float]], semantic: dict[str, dict[str, float]] | None
) -> dict[str, dict[str, float]] | None:
    """The semantic scores ``shortlist`` gives as dicts: for the challenges it scored."""
    if semantic is None:
        return None
    return {cid: row for cid, row in semantic.items() if cid in scores}


@pytest.mark.parametrize("seed", range(60))
def test_propose_reads_shortlists_as_it_reads_dicts(seed: int) -> None:
    run = network(seed)
    options = dict(run["options"])
    semantic = dict_semantic(run["scores"], options.pop("semantic"))
    arrays, views = as_arrays(run["scores"], semantic)
    assert arrays == run["scores"]  # the mapping reads as the dicts
    args = (run["challenges"], arrays, run["facts"])
    got = propose(*args, semantic=views, **options)
    want = propose(run["challenges"], run["scores"], run["facts"], semantic=semantic, **options)
    assert ordered(got) == ordered(want)


@pytest.mark.parametrize("seed", range(30))
def test_feedback_factors_on_shortlists_give_what_they_give_on_dicts(seed: int) -> None:
    run = network(seed)
    # Scores as shortlist gives them, float64: adjust on float32 dicts mixes float32 products
    # with its bounds' Python floats, whose array then depends on the mix.
    run["scores"] = {c: {e: float(s) for e, s in row.items()} for c, row in run["scores"].items()}
    options = dict(run["options"])
    semantic = dict_semantic(run["scores"], options.pop("semantic"))
    rng = random.Random(seed)
    experts = sorted({e for row in run["scores"].values() for e in row})
    factors = {e: rng.choice([0.9, 0.95, 1.05, 1.1]) for e in rng.sample(experts, 12)}
    arrays, views = as_arrays(run["scores"], semantic)
    adjusted = adjust(arrays, factors)
    assert isinstance(adjusted, Shortlists)
    assert adjusted == adjust(run["scores"], factors)
    got = propose(run["challenges"], adjusted, run["facts"], semantic=views, **options)
    want = propose(
        run["challenges"],
        adjust(run["scores"], factors),
        run["facts"],
        semantic=semantic,
        **options,
    )
    assert ordered(got) == ordered(want)


def test_the_arrays_are_read_directly_when_the_semantic_scores_are_their_views() -> None:
    run = network(1)
    semantic = dict_semantic(run["scores"], run["options"]["semantic"] or {"c000": {}})
    arrays, views = as_arrays(run["scores"], semantic)
    open_ones = [c for c in run["challenges"] if c.is_open]
    assert views
    assert _Pairs._of_shortlists(open_ones, arrays, views) is not None
    # Semantic scores given as dicts are read one by one: the arrays cannot answer for them.
    assert _Pairs._of_shortlists(open_ones, arrays, semantic) is None
