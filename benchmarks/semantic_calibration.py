"""Which scoring of the embedding cosine suits a model: quality and gates side by side.

Run: ``.venv/bin/python benchmarks/semantic_calibration.py --model e5 --cache FILE``.
For every candidate (a way to map one challenge's cosines to [0, 1], see
``semantic_scales.py``; the best record or the mean of the 3 best per member; the semantic
weight beside TF-IDF .5 (lower for a few) and tags .5) it prints the pairwise ordering error
on the bilingual hand set (per language pair, and against a pool of Dutch and English
experts), the old hand set and the synthetic set (per challenge language); with ``--gates``
the share of true experts and unrelated members whose combined score reaches MIN_SCORE, and,
for the semantic gate of ``propose`` opened for Dutch and English, the true / related /
unrelated members it adds per threshold. ``--only 'A|B'`` keeps candidates whose label
contains A or B; ``--query-bank`` centres challenges as ``Engine.fit_query_bank`` does.
Results: /tmp/helpers/calibration.md (slice "calibrate").
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hand_set import LabelledSet, bilingual_set, load
from benchmarks.matching_quality import (
    BILINGUAL_SETS,
    SEMANTIC_HAND,
    Parts,
    VectorCache,
    blend,
    hand_set,
    load_model,
    pairwise_error,
    parts,
    semantic_member,
    synthetic_set,
)
from benchmarks.semantic_scales import (
    GroupScale,
    Scale,
    floor_scale,
    logistic_scale,
    median_max_scale,
    range_scale,
    shift_scale,
    standard_scale,
)
from matching.assignment import DEFAULT_DEMAND, DEFAULT_TOP_N, MIN_SCORE
from matching.records import ExpertiseRecord

OPEN_FOR = frozenset({"nl", "en"})
WIDTH = 46


@dataclasses.dataclass(frozen=True)
class Candidate:
    """One way to score the semantic part, and its weight beside TF-IDF .5 and tags .5."""

    scale_label: str
    scale: Scale
    aggregation: str
    weight: float
    text_weight: float = 0.5

    @property
    def label(self) -> str:
        text = "" if self.text_weight == 0.5 else f", text {self.text_weight:g}"
        return f"{self.scale_label}, {self.aggregation}, w {self.weight:g}{text}"

    def combined(self, p: Parts, i: int) -> np.ndarray:
        return blend(self.text_weight, 0.5, self.weight, self.scale, self.aggregation)(p, i)

    def semantic(self, p: Parts, i: int) -> np.ndarray:
        return semantic_member(p, i, self.scale, self.aggregation)


SCALES: dict[str, Scale] = {
    "floor 0.15": floor_scale(0.15),
    "floor 0.70": floor_scale(0.70),
    "floor 0.72": floor_scale(0.72),
    "floor 0.75": floor_scale(0.75),
    "floor 0.76": floor_scale(0.76),
    "floor 0.78": floor_scale(0.78),
    "floor 0.80": floor_scale(0.80),
    "floor 0.82": floor_scale(0.82),
    "range 0.78-0.92": range_scale(0.78, 0.92),
    "range 0.80-0.90": range_scale(0.80, 0.90),
    "median-max": median_max_scale(),
    "shift +0.02 / 0.10": shift_scale(0.02, 0.10),
    "shift +0.03 / 0.08": shift_scale(0.03, 0.08),
    "z -3-5": standard_scale(-3.0, 5.0),
    "logistic 0.85/0.015": logistic_scale(0.85, 0.015),
    "logistic 0.86/0.02": logistic_scale(0.86, 0.02),
    "logistic 0.87/0.015": logistic_scale(0.87, 0.015),
    "logistic 0.87/0.025": logistic_scale(0.87, 0.025),
    "mean+logistic 0.04/0.01": logistic_scale(0.04, 0.01, relative=True),
    "mean+logistic 0.05/0.02": logistic_scale(0.05, 0.02, relative=True),
    "mean+logistic 0.07/0.015": logistic_scale(0.07, 0.015, relative=True),
    "mean+logistic 0.07/0.02": logistic_scale(0.07, 0.02, relative=True),
    "mean+logistic 0.06/0.015": logistic_scale(0.06, 0.015, relative=True),
    "mean+logistic 0.06/0.025": logistic_scale(0.06, 0.025, relative=True),
    "mean+logistic 0.05/0.015": logistic_scale(0.05, 0.015, relative=True),
    "mean+logistic 0.06/0.01": logistic_scale(0.06, 0.01, relative=True),
    "mean+logistic 0.06/0.02": logistic_scale(0.06, 0.02, relative=True),
    **{
        f"lang-mean+logistic {c:.2f}/{w:g}": GroupScale(c, w)
        for c in (0.03, 0.035, 0.04, 0.045, 0.05, 0.06, 0.07)
        for w in (0.01, 0.0125, 0.015, 0.02, 0.025)
    },
    # With --query-bank: the default curve on centred values stretched by k (spread restored).
    **{f"stretch {k:g}": GroupScale(0.06 / k, 0.02 / k) for k in (1.1, 1.15, 1.2, 1.25, 1.3)},
    "z 0-5": standard_scale(0.0, 5.0),
    "z 1-4": standard_scale(1.0, 4.0),
    "z 1.5-5": standard_scale(1.5, 5.0),
    "z 2-6": standard_scale(2.0, 6.0),
}


def candidates(only: str | None) -> list[Candidate]:
    found = [
        Candidate(label, scale, agg, weight)
        for label, scale in SCALES.items()
        for agg in ("max", "top3")
        for weight in (0.1, 0.25, 0.5, 0.75, 1.0)
    ]
    found += [
        Candidate(label, SCALES[label], "top3", weight, text)
        for label in ("lang-mean+logistic 0.06/0.02", "lang-mean+logistic 0.05/0.025")
        for weight in (0.5, 1.0)
        for text in (0.25, 0.1, 0.0)
    ]
    wanted = None if only is None else only.split("|")
    return [c for c in found if wanted is None or any(w in c.label for w in wanted)]


def errors(c: Candidate, p: Parts) -> dict[str, float]:
    """Mean pairwise error over all challenges ('all') and per challenge language."""
    by_lang: dict[str, list[float]] = {}
    for i, gain in enumerate(p.gains):
        by_lang.setdefault(p.languages[i], []).append(pairwise_error(c.combined(p, i), gain))
    out = {lang: float(np.mean(v)) for lang, v in by_lang.items()}
    out["all"] = float(np.mean([e for v in by_lang.values() for e in v]))
    return out


@dataclasses.dataclass
class Gates:
    """Shares over MIN_SCORE and, per semantic threshold, what the meaning gate adds."""

    true_over_min: float
    unrelated_over_min: float
    added: dict[float, tuple[int, int, int]]
    unrelated_proposals: dict[float, tuple[int, int]]


def gates(c: Candidate, p: Parts, thresholds: tuple[float, ...]) -> Gates:
    """``propose``'s gates on a shortlist of the DEFAULT_TOP_N best per challenge: combined ≥
    MIN_SCORE, or being the shortlisted member with the best semantic score (challenge in
    OPEN_FOR) with that score ≥ a threshold (as ``matching_quality.gate_report``)."""
    true_hits = other_hits = true_n = other_n = 0
    added = {t: np.zeros(3, dtype=int) for t in thresholds}
    proposals = {t: [0, 0] for t in thresholds}
    for i, gain in enumerate(p.gains):
        combined, semantic = c.combined(p, i), c.semantic(p, i)
        over = combined >= MIN_SCORE
        true_hits += int(over[gain == 2].sum())
        other_hits += int(over[gain == 0].sum())
        true_n += int((gain == 2).sum())
        other_n += int((gain == 0).sum())
        top = np.lexsort((np.arange(len(combined)), -combined))[:DEFAULT_TOP_N]
        top = top[combined[top] > 0]
        best = -1
        if p.languages[i] in OPEN_FOR and len(top):
            best = int(top[np.lexsort((top, -semantic[top]))[0]])
        for t in thresholds:
            passing = over[top].copy()
            if best >= 0 and semantic[best] >= t and not over[best]:
                added[t][2 - int(gain[best])] += 1
                passing[top == best] = True
            chosen = top[passing][:DEFAULT_DEMAND]
            proposals[t][0] += len(chosen)
            proposals[t][1] += int((gain[chosen] == 0).sum())
    return Gates(
        true_hits / max(true_n, 1),
        other_hits / max(other_n, 1),
        {t: (int(a[0]), int(a[1]), int(a[2])) for t, a in added.items()},
        {t: (u, n) for t, (n, u) in proposals.items()},
    )


def mixed_set(challenge_lang: str) -> LabelledSet:
    """The bilingual hand set with every other expert (in id order) writing in Dutch, the
    rest in English: one pool where a challenge meets records in both languages."""
    hand = load()
    records = [
        ExpertiseRecord(f"{e.expert_id}-{i}", e.expert_id, r.texts[lang], r.tags, lang)
        for n, e in enumerate(sorted(hand.experts.values(), key=lambda e: e.expert_id))
        for lang in ["nl" if n % 2 == 0 else "en"]
        for i, r in enumerate(e.records)
    ]
    return LabelledSet(
        records,
        [(c.texts[challenge_lang], c.tags, challenge_lang) for c in hand.challenges],
        [dict(c.gains) for c in hand.challenges],
    )


def load_sets(vectors: VectorCache, members: int, query_bank: bool = False) -> dict[str, Parts]:
    """Bilingual columns, the old hand set (+4 no-shared-word) and the synthetic set;
    ``query_bank`` centres challenges as ``matching_quality.parts`` does."""
    sets = {
        name: parts(bilingual_set(ch, ex, kind), vectors, query_bank and bilingual_set(ch, ex))
        for name, ch, ex, kind in BILINGUAL_SETS
    }
    hand = hand_set()
    hand.challenges += [(t, tags, None) for t, tags, _ in SEMANTIC_HAND]
    hand.gains += [g for _, _, g in SEMANTIC_HAND]
    sets["hand"] = parts(hand, vectors, query_bank)
    sets["synthetic"] = parts(synthetic_set(members), vectors, query_bank)
    sets["nl→mixed"] = parts(mixed_set("nl"), vectors, query_bank)
    sets["en→mixed"] = parts(mixed_set("en"), vectors, query_bank)
    return sets


QUALITY_COLUMNS = (
    "nl→nl",
    "en→en",
    "nl→en",
    "en→nl",
    "meaning nl→nl",
    "meaning en→en",
    "nl→mixed",
    "en→mixed",
)


def quality_table(found: list[Candidate], sets: dict[str, Parts]) -> None:
    head = " ".join(f"{c[:13]:>13s}" for c in QUALITY_COLUMNS)
    tail = " ".join(f"{c:>6s}" for c in ("hand", "h en", "h nl", "synth", "s en", "s nl"))
    print(f"\npairwise error\n{'candidate':{WIDTH}s} {head} {tail}")
    for c in found:
        cells = [errors(c, sets[name])["all"] for name in QUALITY_COLUMNS]
        full = errors(c, sets["hand"])
        hand = {k: full[k] for k in ("all", "en", "nl")}
        synth = errors(c, sets["synthetic"])
        print(
            f"{c.label:{WIDTH}s} "
            + " ".join(f"{v:13.3f}" for v in cells)
            + " ".join(
                f" {v:6.3f}" for v in (*hand.values(), synth["all"], synth["en"], synth["nl"])
            ),
            flush=True,
        )


GATE_SETS = (
    "nl→nl",
    "en→en",
    "nl→en",
    "meaning nl→nl",
    "meaning en→en",
    "nl→mixed",
    "en→mixed",
    "hand",
    "synthetic",
)


def gate_tables(
    found: list[Candidate], sets: dict[str, Parts], thresholds: tuple[float, ...]
) -> None:
    print(
        f"\ncombined >= MIN_SCORE {MIN_SCORE}: true experts / unrelated members\n"
        f"{'candidate':{WIDTH}s} " + " ".join(f"{s[:15]:>15s}" for s in GATE_SETS)
    )
    results = {c.label: {s: gates(c, sets[s], thresholds) for s in GATE_SETS} for c in found}
    for c in found:
        row = results[c.label]
        print(
            f"{c.label:{WIDTH}s} "
            + " ".join(
                f"{row[s].true_over_min:6.1%} /{row[s].unrelated_over_min:6.2%}" for s in GATE_SETS
            )
        )
    print(
        "\nsemantic gate open for nl and en: members it adds (true/related/unrelated), and "
        "unrelated of all proposals\n"
        f"{'candidate':{WIDTH}s} {'t':>5s} " + " ".join(f"{s[:19]:>19s}" for s in GATE_SETS)
    )
    for c in found:
        for t in thresholds:
            cells = []
            for s in GATE_SETS:
                g = results[c.label][s]
                u, n = g.unrelated_proposals[t]
                cells.append(f"{'/'.join(map(str, g.added[t])):>9s} {u:>4d}/{n:<4d}")
            print(f"{c.label:{WIDTH}s} {t:5.2f} " + " ".join(f"{x:>19s}" for x in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="the encoder (matching.semantic.load_encoder)")
    parser.add_argument("--cache", type=Path, help="an .npz of embeddings kept between runs")
    parser.add_argument("--members", type=int, default=400, help="synthetic network size")
    parser.add_argument(
        "--only", help="candidates whose label contains one of these ('|' between them)"
    )
    parser.add_argument("--gates", action="store_true", help="also the gate tables")
    parser.add_argument(
        "--thresholds", default="0.1,0.2,0.3,0.4,0.5,0.6", help="semantic gate thresholds"
    )
    parser.add_argument(
        "--query-bank",
        action="store_true",
        help="centre each challenge on the mean of its set's challenges in its language",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    vectors = VectorCache(load_model(args.model), args.cache)
    sets = load_sets(vectors, args.members, args.query_bank)
    print(
        f"encoder {vectors.encoder.version}; {vectors.encoded} texts encoded; sets ready in "
        f"{time.perf_counter() - started:.1f}s"
    )
    found = candidates(args.only)
    quality_table(found, sets)
    if args.gates:
        thresholds = tuple(float(t) for t in args.thresholds.split(","))
        gate_tables(found, sets, thresholds)
    print(f"\ntotal {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
