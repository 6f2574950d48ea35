"""Matching quality: NDCG@10 and pairwise ordering error per scoring variant.

Run: ``.venv/bin/python benchmarks/matching_quality.py``; ``--semantic`` instead compares
TF-IDF, tags, sentence embeddings (the ``semantic`` extra) and their blends side by side,
after the table of who passes ``propose``'s gates (MIN_SCORE, SEMANTIC_MIN); ``--gate-only``
prints only that table. ``--bilingual`` scores the same variants on the bilingual hand set
(``hand_set.py``): Dutch and English challenges against Dutch and English expertise, and the
"meaning" challenges alone, then the gate table for Dutch challenges as if the semantic gate
were open for Dutch. ``--model NAME`` picks the encoder (``matching.semantic.load_encoder``);
``--scoring calibrated`` scores and gates the semantic part as recommended for
multilingual-e5-small (``CALIBRATED_SCORING``) instead of the engine's floor rescale, and
``--floor F`` tries another floor with the engine's scoring; ``--query-bank`` centres each
challenge vector on the mean of its set's challenges in its language
(``Engine.fit_query_bank``; rows with a fixed cosine floor then score nothing).
``semantic_calibration.py`` compares every scoring that was tried.

Two labelled sets: (1) a synthetic network (``synthetic_network.py``) where a held-out
record of a member, or a question written about that member's specialities, is the
challenge; that member has gain 2 and every other member sharing one of the challenge's
specialities gain 1; (2) a small hand-written set of realistic challenges and experts.
The figures behind the engine defaults are recorded in ``matching/engine.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hand_set import LabelledSet, bilingual_set
from benchmarks.semantic_scales import GroupScale, Scale, floor_scale
from benchmarks.synthetic_network import challenge_for, generate
from matching.aggregate import AGGREGATIONS, aggregate
from matching.assignment import (
    DEFAULT_DEMAND,
    DEFAULT_TOP_N,
    MIN_SCORE,
    SEMANTIC_LANGUAGES,
    SEMANTIC_MIN,
)
from matching.engine import (
    SEMANTIC_AGGREGATION,
    SEMANTIC_FLOOR,
    SEMANTIC_WEIGHT,
    TAG_WEIGHT,
    TEXT_WEIGHT,
    Engine,
    EngineConfig,
)
from matching.records import ExpertiseRecord
from matching.semantic import text_hash
from matching.text import TextConfig


def synthetic_set(n_members: int = 400, seed: int = 11) -> LabelledSet:
    network = generate(n_members, seed=seed, records_per_member=(2, 4))
    by_member: dict[str, list[ExpertiseRecord]] = {}
    for r in network.records:
        by_member.setdefault(r.member_id, []).append(r)

    held_out = {recs[-1].record_id for m, recs in by_member.items() if int(m[1:]) % 2 == 0}
    records = [r for r in network.records if r.record_id not in held_out]
    challenges, gains = [], []
    has_spec: dict[int, set[str]] = {}
    for m in network.members:
        for s in m.specialities:
            has_spec.setdefault(s, set()).add(m.member_id)
    queries = [
        (r, network.record_specialities[r.record_id])
        for r in network.records
        if r.record_id in held_out
    ]
    queries += [challenge_for(m, seed) for m in network.members if int(m.member_id[1:]) % 2 == 1]
    for record, specs in queries:
        gain = {other: 1.0 for s in specs for other in has_spec[s]}
        gain[record.member_id] = 2.0
        challenges.append((record.text, record.tags, record.language))
        gains.append(gain)

    return LabelledSet(records, challenges, gains)


HAND_EXPERTS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "an": [
        (
            (
                "Kwaliteitscoördinator in een ziekenhuis:"
                " JCI-accreditatie, patiëntveiligheid en incidentmeldingen opvolgen."
            ),
            ("zorgkwaliteit", "JCI"),
        )
    ],
    "bart": [
        (
            "Lead auditor ISO 9001 en ISO 14001. Ik voer interne en externe audits uit bij kmo's.",
            ("ISO9001", "ISO 14001", "audit"),
        ),
        ("Opleidingen voor interne auditoren.", ("training",)),
    ],
    "chloe": [
        (
            (
                "Lean Six Sigma Black Belt. Led kaizen events"
                " and value stream mapping in automotive plants."
            ),
            ("lean", "six sigma"),
        )
    ],
    "dirk": [
        (
            (
                "Preventieadviseur niveau 1: veiligheidscultuur,"
                " arbeidsongevallen en ISO 45001 in de bouwsector."
            ),
            ("veiligheid", "ISO 45001"),
        )
    ],
    "els": [
        (
            "DPO voor lokale besturen: verwerkingsregisters, DPIA's en AVG-opleidingen.",
            ("AVG", "privacy"),
        )
    ],
    "frank": [
        (
            "ERP-implementaties en procesdigitalisering, Power BI dashboards voor productie.",
            ("digitalisering", "ERP"),
        )
    ],
    "greet": [
        (
            "HR business partner: competentiemanagement, opleidingsbeleid en verzuimbeleid.",
            ("HR", "competentiemanagement"),
        )
    ],
    "hans": [
        (
            "Supplier quality engineer: supplier audits, 8D reports and incoming inspection.",
            ("supplier management", "8D"),
        )
    ],
    "ilse": [
        (
            (
                "EFQM-assessor en begeleider van"
                " zelfevaluaties, balanced scorecard en strategische KPI's."
            ),
            ("EFQM", "KPI"),
        )
    ],
    "jan": [
        (
            "Milieucoördinator: milieuvergunningen, afvalbeheer en CO2-rapportering.",
            ("milieuzorg", "duurzaamheid"),
        )
    ],
    "karen": [
        (
            "Food safety manager: HACCP, BRC and IFS certification in bakeries.",
            ("HACCP", "food safety"),
        )
    ],
    "luc": [
        (
            (
                "Informatieveiligheid: ISO 27001"
                " implementaties en NIS2 gap-analyses voor IT-bedrijven."
            ),
            ("ISO 27001", "NIS2"),
        )
    ],
}
HAND_CHALLENGES: list[tuple[str, tuple[str, ...], dict[str, float]]] = [
    (
        (
            "We willen ons kwaliteitssysteem laten"
            " certificeren volgens ISO 9001. Wie kan een interne audit doen?"
        ),
        ("ISO 9001", "interne audit"),
        {"bart": 2},
    ),
    (
        (
            "Our hospital prepares for JCI accreditation"
            " and wants to improve patient safety reporting."
        ),
        ("patient safety",),
        {"an": 2},
    ),
    (
        "Hoe verminderen we verspilling en doorlooptijd op onze productielijn?",
        ("lean",),
        {"chloe": 2},
    ),
    (
        "Te veel arbeidsongevallen op onze werven; hoe bouwen we een veiligheidscultuur op?",
        ("veiligheidsmanagement",),
        {"dirk": 2},
    ),
    (
        "Need help setting up a GDPR processing register and DPIA for our municipality.",
        ("GDPR",),
        {"els": 2},
    ),
    (
        "Welke KPI's gebruiken jullie in een balanced scorecard voor een EFQM-traject?",
        ("efqm model",),
        {"ilse": 2},
    ),
    (
        "Our supplier keeps delivering defective parts; how do we run a proper supplier audit?",
        ("leveranciersbeheer",),
        {"hans": 2, "bart": 1},
    ),
    (
        "Wij willen onze CO2-voetafdruk rapporteren en ISO 14001 behalen.",
        ("ISO14001", "duurzaamheid"),
        {"jan": 2, "bart": 1},
    ),
    ("BRC audit coming up at our bakery, HACCP plan needs review.", ("HACCP",), {"karen": 2}),
    (
        "NIS2 verplichtingen: wie heeft ervaring met een gap-analyse en ISO 27001?",
        ("informatiebeveiliging",),
        {"luc": 2},
    ),
    (
        "We zoeken iemand voor een opleidingsplan en competentiemanagement voor onze operatoren.",
        ("HR",),
        {"greet": 2},
    ),
    (
        "Onze productiedata zit in Excel; wie heeft Power BI dashboards gebouwd op een ERP?",
        ("digitalisering",),
        {"frank": 2},
    ),
]


def hand_set() -> LabelledSet:
    records = [
        ExpertiseRecord(f"{m}-{i}", m, text, tags)
        for m, entries in HAND_EXPERTS.items()
        for i, (text, tags) in enumerate(entries)
    ]
    return LabelledSet(
        records,
        [(text, tags, None) for text, tags, _ in HAND_CHALLENGES],
        [gain for _, _, gain in HAND_CHALLENGES],
    )


def ndcg_at(scores: np.ndarray, gain: np.ndarray, k: int = 10) -> float:
    order = np.lexsort((np.arange(len(scores)), -scores))[:k]
    discounts = 1 / np.log2(np.arange(2, k + 2))
    dcg = float(((2 ** gain[order] - 1) * discounts[: len(order)]).sum())
    ideal = np.sort(gain)[::-1][:k]
    idcg = float(((2**ideal - 1) * discounts[: len(ideal)]).sum())
    return dcg / idcg if idcg else 0.0


def pairwise_error(scores: np.ndarray, gain: np.ndarray) -> float:
    """Share of (higher gain, lower gain) member pairs the scores order wrongly (ties ½)."""
    wrong = total = 0.0
    levels = np.unique(gain)
    for hi in levels[1:]:
        top = np.sort(scores[gain == hi])
        low = np.sort(scores[gain < hi])
        below = np.searchsorted(low, top, side="left")
        equal = np.searchsorted(low, top, side="right") - below
        wrong += float((len(low) - below - equal).sum() + 0.5 * equal.sum())
        total += len(top) * len(low)
    return wrong / total if total else 0.0


DEFAULT_TEXT_SHARE = TEXT_WEIGHT / (TEXT_WEIGHT + TAG_WEIGHT)
Scorer = Callable[[np.ndarray, np.ndarray, bool], np.ndarray]


def evaluate(
    data: LabelledSet, config: EngineConfig, scorers: dict[str, Scorer]
) -> dict[str, tuple[float, float, np.ndarray, np.ndarray]]:
    """Mean NDCG@10, mean pairwise error and the gain-2 / gain-0 score samples per scorer."""
    engine = Engine(data.records, config, embeddings=None)
    ids = engine.member_ids
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in scorers}
    true_scores: dict[str, list[float]] = {name: [] for name in scorers}
    other_scores: dict[str, list[np.ndarray]] = {name: [] for name in scorers}
    for (text, tags, lang), gain_map in zip(data.challenges, data.gains, strict=True):
        text_s, tag_s = engine.score_vectors(text, tags, lang)
        gain = np.array([gain_map.get(m, 0.0) for m in ids])
        for name, scorer in scorers.items():
            s = scorer(text_s, tag_s, bool(tags))
            results[name].append((ndcg_at(s, gain), pairwise_error(s, gain)))
            true_scores[name].extend(s[gain == 2].tolist())
            other_scores[name].append(s[gain == 0])
    return {
        name: (
            float(np.mean([r[0] for r in rows])),
            float(np.mean([r[1] for r in rows])),
            np.array(true_scores[name]),
            np.concatenate(other_scores[name]),
        )
        for name, rows in results.items()
    }


def weighted(w_text: float) -> Scorer:
    def score(text_s: np.ndarray, tag_s: np.ndarray, has_tags: bool) -> np.ndarray:
        return w_text * text_s + (1 - w_text) * tag_s if has_tags else text_s

    return score


SEMANTIC_HAND: list[tuple[str, tuple[str, ...], dict[str, float]]] = [
    (
        "How do we reduce defects on the production line?",
        (),
        {"chloe": 2, "hans": 1},
    ),
    (
        "Hoe krijgen we minder fouten en afval uit onze productie?",
        (),
        {"chloe": 2},
    ),
    (
        "Our bakery needs to prove its products are safe to eat.",
        (),
        {"karen": 2},
    ),
    (
        "Hackers legden vorig jaar ons netwerk plat; hoe beveiligen we onze IT?",
        (),
        {"luc": 2},
    ),
]
"""Challenges sharing (almost) no word with their expert: what TF-IDF cannot find."""


Kind = Literal["query", "passage"]


class TextEncoder(Protocol):
    """What the report needs of ``matching.semantic``'s encoders (see interface.md)."""

    version: str
    languages: frozenset[str]

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray: ...


def load_model(name: str | None) -> TextEncoder:
    """The encoder ``name`` (None: the default) or exit saying why there is none."""
    from matching.semantic import load_encoder

    try:
        encoder: TextEncoder | None = load_encoder(name)
    except (KeyError, ValueError) as error:
        raise SystemExit(f"--model {name}: {error}") from error
    if encoder is None:
        raise SystemExit("the semantic extra is not installed (make install) or KRING_SEMANTIC=off")
    return encoder


class VectorCache:
    """Vectors by model version, kind and text, optionally kept in an .npz between runs: a
    vector of another model, or a passage vector for a query, is never reused."""

    def __init__(self, encoder: TextEncoder, path: Path | None = None) -> None:
        self.encoder = encoder
        self.path = path
        self.known: dict[str, np.ndarray] = {}
        self.encoded = 0
        if path is not None and path.exists():
            with np.load(path) as stored:
                self.known = {key: stored[key] for key in stored.files}

    def key(self, text: str, kind: Kind) -> str:
        return text_hash(f"{self.encoder.version}\0{kind}\0{text}")

    def vectors(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        """One L2-normalised row per text; texts not seen before are encoded in one call."""
        keys = [self.key(t, kind) for t in texts]
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in self.known}
        if missing:
            encoded = self.encoder.encode(list(missing.values()), kind=kind)
            self.known.update(zip(missing, encoded, strict=True))
            self.encoded += len(missing)
            if self.path is not None:
                np.savez(self.path, **self.known)
        return np.array([self.known[k] for k in keys], dtype=np.float32)


@dataclasses.dataclass
class Parts:
    """Per challenge: TF-IDF, tag and raw per-record embedding cosines, and the gains."""

    text: list[np.ndarray]
    tags: list[np.ndarray]
    cos: list[np.ndarray]
    has_tags: list[bool]
    languages: list[str]
    gains: list[np.ndarray]
    row_member: np.ndarray
    record_count: np.ndarray
    row_language: np.ndarray


def _language_codes(data: LabelledSet) -> np.ndarray:
    from matching.text import LANGUAGES, detect_language, surface_tokens

    return np.array(
        [
            LANGUAGES.index(lang or detect_language(surface_tokens(text)))
            for text, _, lang in data.challenges
        ],
        dtype=np.int64,
    )


def parts(data: LabelledSet, vectors: VectorCache, query_bank: LabelledSet | bool = False) -> Parts:
    """Challenges are encoded as queries, records as passages (E5 wants the prefixes).
    ``query_bank`` centres each challenge on the mean challenge of its language
    (``QueryBank``) over the challenges of that set (``True``: of ``data``), which stand for a
    network's open challenges; scales with a fixed cosine floor then score nothing."""
    from matching.semantic_scoring import QueryBank
    from matching.text import LANGUAGES, detect_language, surface_tokens

    engine = Engine(data.records, embeddings=None)
    ids = engine.member_ids
    passages = vectors.vectors([r.text for r in engine._row_records], "passage")
    queries = vectors.vectors([text for text, _, _ in data.challenges], "query")
    if query_bank is not False:
        bank = data if query_bank is True else query_bank
        bank_vectors = vectors.vectors([text for text, _, _ in bank.challenges], "query")
        fitted = QueryBank.of(bank_vectors, _language_codes(bank), len(LANGUAGES))
        queries = fitted.centre(queries, _language_codes(data))
    cosines = queries @ passages.T
    row_language = np.array(
        [r.language or detect_language(surface_tokens(r.text)) for r in engine._row_records]
    )
    out = Parts([], [], [], [], [], [], engine._row_member, engine._record_count, row_language)
    for i, ((text, tags, lang), gain_map) in enumerate(
        zip(data.challenges, data.gains, strict=True)
    ):
        text_s, tag_s = engine.score_vectors(text, tags, lang)
        out.text.append(text_s)
        out.tags.append(tag_s)
        out.cos.append(cosines[i])
        out.has_tags.append(bool(tags))
        out.languages.append(lang or detect_language(surface_tokens(text)))
        out.gains.append(np.array([gain_map.get(m, 0.0) for m in ids]))
    return out


def semantic_member(p: Parts, i: int, scale: float | Scale, agg: str) -> np.ndarray:
    """Member scores from challenge ``i``'s record cosines: ``scale`` maps them to [0, 1]
    (a float is the engine's floor rescale)."""
    if isinstance(scale, float | int):
        shifted = floor_scale(scale)(p.cos[i])
    elif isinstance(scale, GroupScale):
        shifted = scale.by_group(p.cos[i], p.row_language)
    else:
        shifted = scale(p.cos[i])
    rows = np.flatnonzero(shifted > 0)
    return aggregate(rows, shifted[rows], p.row_member, p.record_count, agg)  # type: ignore[arg-type]


def blend(
    w_text: float, w_tags: float, w_sem: float, floor: float | Scale, agg: str = "top3"
) -> Callable[[Parts, int], np.ndarray]:
    def score(p: Parts, i: int) -> np.ndarray:
        total = w_text * p.text[i] + (w_tags * p.tags[i] if p.has_tags[i] else 0)
        weight = w_text + (w_tags if p.has_tags[i] else 0)
        if w_sem:
            total = total + w_sem * semantic_member(p, i, floor, agg)
            weight += w_sem
        return total / weight if weight else total

    return score


def rank_blend(p: Parts, i: int) -> np.ndarray:
    """Reciprocal-rank fusion (k = 60) of TF-IDF+tags and embeddings (top3)."""
    fused = np.zeros(len(p.text[i]))
    for s in (blend(0.5, 0.5, 0, 0)(p, i), semantic_member(p, i, 0.0, "top3")):
        ranks = np.empty(len(s))
        ranks[np.lexsort((np.arange(len(s)), -s))] = np.arange(len(s))
        fused += 1 / (60 + ranks)
    return fused


@dataclasses.dataclass(frozen=True)
class Scoring:
    """How the semantic part is scored and gated: the record scale, the member aggregation,
    its weight beside TF-IDF and tags, and the semantic gate (threshold, languages)."""

    label: str
    scale: float | Scale
    aggregation: str
    weight: float
    semantic_min: float
    languages: frozenset[str]

    def combined(self, p: Parts, i: int) -> np.ndarray:
        return blend(TEXT_WEIGHT, TAG_WEIGHT, self.weight, self.scale, self.aggregation)(p, i)

    def semantic(self, p: Parts, i: int) -> np.ndarray:
        return semantic_member(p, i, self.scale, self.aggregation)


ENGINE_SCORING = Scoring(
    f"engine: floor {SEMANTIC_FLOOR}, {SEMANTIC_AGGREGATION}, weight {SEMANTIC_WEIGHT}",
    SEMANTIC_FLOOR,
    SEMANTIC_AGGREGATION,
    SEMANTIC_WEIGHT,
    SEMANTIC_MIN,
    SEMANTIC_LANGUAGES,
)
CALIBRATED_SCORING = Scoring(
    "calibrated: logistic((cos - mean_lang - 0.06) / 0.02), top3, weight 0.5",
    GroupScale(0.06, 0.02),
    "top3",
    0.5,
    0.25,
    frozenset({"en", "nl"}),
)
"""The scoring recommended for multilingual-e5-small (``e5``, ``e5-int8``): a record scores
1 / (1 + exp(−(cos − m − 0.06) / 0.02)), where m is the challenge's mean cosine over all
records in that record's language; top-3 mean per member; weight 0.5 beside TF-IDF .5 and
tags .5; semantic gate 0.25, open for Dutch and English. Chosen with
``benchmarks/semantic_calibration.py`` (see /tmp/helpers/calibration.md)."""
SCORINGS = {"engine": ENGINE_SCORING, "calibrated": CALIBRATED_SCORING}

GATE_THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def gate_report(
    p: Parts,
    thresholds: tuple[float, ...] = GATE_THRESHOLDS,
    open_for: frozenset[str] | None = None,
    scoring: Scoring = ENGINE_SCORING,
) -> None:
    """Who passes ``propose``'s gates with ``scoring`` (default: the engine's), on a
    shortlist of the 20 best combined scores per challenge: combined score ≥ MIN_SCORE, or
    (semantic gate) being the shortlisted member with the highest semantic score of a
    challenge in a language of ``open_for`` (default: the scoring's languages) with that
    score ≥ a threshold. True experts are gain 2, related members gain 1, unrelated gain 0;
    shares are of all such (challenge, member) pairs. For reference, the first table lets any
    member pass on a semantic score ≥ threshold."""
    open_for = scoring.languages if open_for is None else open_for
    rows = []
    for i, gain in enumerate(p.gains):
        combined = scoring.combined(p, i)
        semantic = scoring.semantic(p, i)
        top = np.lexsort((np.arange(len(combined)), -combined))[:DEFAULT_TOP_N]
        top = top[combined[top] > 0]
        best = -1
        if p.languages[i] in open_for and len(top):
            best = int(top[np.lexsort((top, -semantic[top]))[0]])
        rows.append((combined, semantic, gain, top, best))
    true = np.concatenate([g == 2 for _, _, g, _, _ in rows])
    other = np.concatenate([g == 0 for _, _, g, _, _ in rows])
    comb = np.concatenate([c for c, _, _, _, _ in rows])
    sem = np.concatenate([s for _, s, _, _, _ in rows])
    base = comb >= MIN_SCORE
    print(
        f"combined >= MIN_SCORE {MIN_SCORE}: true experts {base[true].mean():.1%}, unrelated "
        f"{base[other].mean():.1%}\nany member, semantic score alone >= t: "
        + ", ".join(
            f"{t}: {(sem >= t)[true].mean():.0%} / {(sem >= t)[other].mean():.1%}"
            for t in thresholds
        )
        + " (true / unrelated)"
    )
    print(
        f"{'SEMANTIC_MIN':>12s} {'true sem':>9s} {'oth sem':>8s} {'true any':>9s} "
        f"{'oth any':>8s} {'added true/rel/unrel':>21s} {'unrelated proposals':>20s}"
    )
    for t in sorted({*thresholds, scoring.semantic_min}):
        alone, either, added, proposals = [], [], np.zeros(3, dtype=int), [0, 0]
        for combined, semantic, gain, top, best in rows:
            extra = np.zeros(len(combined), dtype=bool)
            if best >= 0 and semantic[best] >= t:
                extra[best] = True
            listed = np.zeros(len(combined), dtype=bool)
            listed[top] = True
            passing = listed & ((combined >= MIN_SCORE) | extra)
            alone.append(extra)
            either.append(passing)
            for level in (2, 1, 0):
                added[2 - level] += int((extra & (combined < MIN_SCORE) & (gain == level)).sum())
            chosen = top[passing[top]][:DEFAULT_DEMAND]
            proposals[0] += len(chosen)
            proposals[1] += int((gain[chosen] == 0).sum())
        alone_all, either_all = np.concatenate(alone), np.concatenate(either)
        mark = " (SEMANTIC_MIN)" if t == scoring.semantic_min else ""
        print(
            f"{t:12.2f} {alone_all[true].mean():9.1%} {alone_all[other].mean():8.3%} "
            f"{either_all[true].mean():9.1%} {either_all[other].mean():8.3%} "
            f"{'/'.join(map(str, added)):>21s} {proposals[1]:>8d} of {proposals[0]:<8d}{mark}",
            flush=True,
        )


def semantic_report(
    sets: dict[str, LabelledSet],
    cache: Path | None = None,
    grid: bool = True,
    model: str | None = None,
    scoring: Scoring = ENGINE_SCORING,
    query_bank: bool = False,
) -> None:
    vectors = VectorCache(load_model(model), cache)
    print(f"encoder {vectors.encoder.version}; gates and first row: {scoring.label}")
    variants: dict[str, Callable[[Parts, int], np.ndarray]] = {
        "TF-IDF .5 + tags .5 + semantic as --scoring": scoring.combined,
        "TF-IDF only": blend(1, 0, 0, 0),
        "tags only": blend(0, 1, 0, 0),
        "TF-IDF 0.5 + tags 0.5 (engine without extra)": blend(0.5, 0.5, 0, 0),
        "embeddings only, max": blend(0, 0, 1, -1.0, "max"),
        "embeddings only, mean of 3 best": blend(0, 0, 1, -1.0, "top3"),
        "embeddings + tags 0.5/0.5": blend(0, 0.5, 0.5, 0.15),
        "rank blend (RRF) TF-IDF+tags, embeddings": rank_blend,
    }
    for agg in ("max", "top3"):
        for w_sem in (0.1, 0.25, 0.5, 1.0):
            for floor in (0.0, 0.15, 0.25):
                variants[f"TF-IDF .5 + tags .5 + emb {w_sem} {agg} (floor {floor})"] = blend(
                    0.5, 0.5, w_sem, floor, agg
                )
    for name, data in sets.items():
        started = time.perf_counter()
        p = parts(data, vectors, query_bank)
        print(
            f"\n== {name}: {len(data.records)} records, {len(data.challenges)} challenges "
            f"(scored in {time.perf_counter() - started:.0f}s) =="
        )
        gate_report(p, scoring=scoring)
        if not grid:
            continue
        langs = sorted(set(p.languages))
        head = " ".join(f"{'err ' + lang:>8s}" for lang in langs)
        print(
            f"{'variant':50s} {'NDCG@10':>8s} {'pair err':>9s} {head} "
            f"{'p50 true':>9s} {'p95 oth':>8s}"
        )
        for label, scorer in variants.items():
            rows, by_lang, true, other = [], {lang: [] for lang in langs}, [], []
            for i, gain in enumerate(p.gains):
                s = scorer(p, i)
                err = pairwise_error(s, gain)
                rows.append((ndcg_at(s, gain), err))
                by_lang[p.languages[i]].append(err)
                true.extend(s[gain == 2].tolist())
                other.append(s[gain == 0])
            langs_col = " ".join(f"{np.mean(by_lang[lang]):8.4f}" for lang in langs)
            print(
                f"{label:50s} {np.mean([r[0] for r in rows]):8.3f} "
                f"{np.mean([r[1] for r in rows]):9.4f} {langs_col} {np.median(true):9.3f} "
                f"{np.quantile(np.concatenate(other), 0.95):8.3f}",
                flush=True,
            )


BILINGUAL_SETS = (
    ("nl→nl", "nl", "nl", None),
    ("en→en", "en", "en", None),
    ("nl→en", "nl", "en", None),
    ("en→nl", "en", "nl", None),
    ("meaning nl→nl", "nl", "nl", "meaning"),
    ("meaning en→en", "en", "en", "meaning"),
)
"""Columns of the bilingual table: challenge language → expertise language (and kind)."""


def bilingual_variants(
    median_floor: float, scoring: Scoring = CALIBRATED_SCORING
) -> dict[str, Callable[[Parts, int], np.ndarray]]:
    """The scorers of ``--semantic`` that matter for the choice; ``median_floor`` is the
    median cosine of this model on the set, a floor that adapts to models whose unrelated
    texts sit far above 0 (E5: ~0.8), where the engine's fixed 0.15 floor means nothing;
    the last row is ``scoring`` (the ``--scoring`` option)."""
    default = f"TF-IDF .5 + tags .5 + emb {SEMANTIC_WEIGHT} (default with the extra)"
    variants: dict[str, Callable[[Parts, int], np.ndarray]] = {
        "TF-IDF only": blend(1, 0, 0, 0),
        "tags only": blend(0, 1, 0, 0),
        "TF-IDF .5 + tags .5 (without the extra)": blend(0.5, 0.5, 0, 0),
        "embeddings only, best record": blend(0, 0, 1, -1.0, "max"),
        "embeddings only, mean of 3 best": blend(0, 0, 1, -1.0, "top3"),
        "embeddings .5 + tags .5": blend(0, 0.5, 0.5, SEMANTIC_FLOOR),
        "rank blend (RRF) TF-IDF+tags, embeddings": rank_blend,
        default: blend(
            TEXT_WEIGHT, TAG_WEIGHT, SEMANTIC_WEIGHT, SEMANTIC_FLOOR, SEMANTIC_AGGREGATION
        ),
    }
    for w_sem in (0.25, 0.5, 1.0):
        variants[f"TF-IDF .5 + tags .5 + emb {w_sem}"] = blend(
            0.5, 0.5, w_sem, SEMANTIC_FLOOR, SEMANTIC_AGGREGATION
        )
    for w_sem in (0.1, 0.25, 0.5, 1.0):
        variants[f"TF-IDF .5 + tags .5 + emb {w_sem}, median floor {median_floor:.2f}"] = blend(
            0.5, 0.5, w_sem, median_floor, SEMANTIC_AGGREGATION
        )
    variants[f"--scoring {scoring.label.split(':')[0]}"] = scoring.combined
    return variants


def bilingual_report(
    cache: Path | None = None,
    model: str | None = None,
    scoring: Scoring = ENGINE_SCORING,
    query_bank: bool = False,
) -> None:
    """NDCG@10 / pairwise error per scorer on each language pair of the bilingual hand set,
    then the proposal gates of ``scoring`` for Dutch challenges with the semantic gate opened
    for Dutch, and for English challenges."""
    vectors = VectorCache(load_model(model), cache)
    started = time.perf_counter()
    sets = {
        name: parts(bilingual_set(c, e, kind), vectors, query_bank and bilingual_set(c, e))
        for name, c, e, kind in BILINGUAL_SETS
    }
    same = sets["nl→nl"].cos + sets["en→en"].cos
    median_floor = float(np.median(np.concatenate(same)))
    languages = ", ".join(sorted(vectors.encoder.languages))
    print(
        f"encoder {vectors.encoder.version} (meant for {languages}); "
        f"{vectors.encoded} texts encoded, scored in {time.perf_counter() - started:.1f}s; "
        f"median challenge-record cosine {median_floor:.3f}"
    )
    columns = " ".join(f"{f'{name} ({len(p.gains)})':>14s}" for name, p in sets.items())
    print(f"\nNDCG@10 / pairwise error\n{'variant':58s} {columns}")
    for label, scorer in bilingual_variants(median_floor, scoring).items():
        cells = []
        for p in sets.values():
            rows = [
                (ndcg_at(scorer(p, i), gain), pairwise_error(scorer(p, i), gain))
                for i, gain in enumerate(p.gains)
            ]
            ndcg, err = np.mean(rows, axis=0)
            cells.append(f"{ndcg:.3f}/{err:.3f}")
        print(f"{label:58s} " + " ".join(f"{c:>14s}" for c in cells), flush=True)
    opened = frozenset({*scoring.languages, "nl"})
    print(f"\ngates: {scoring.label}")
    for name in ("nl→nl", "nl→en"):
        print(f"\n== gates, Dutch challenges {name}, semantic gate open for nl ==")
        gate_report(sets[name], open_for=opened, scoring=scoring)
    print("\n== gates, en→en ==")
    gate_report(sets["en→en"], scoring=scoring)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--semantic", action="store_true")
    parser.add_argument("--cache", type=Path, help="an .npz of embeddings kept between runs")
    parser.add_argument(
        "--gate-only", action="store_true", help="with --semantic: only the proposal gate table"
    )
    parser.add_argument(
        "--bilingual",
        action="store_true",
        help="the bilingual hand set: nl/en challenges against nl/en expertise",
    )
    parser.add_argument(
        "--model", help="with --semantic or --bilingual: the encoder (default: the engine's)"
    )
    parser.add_argument(
        "--scoring",
        choices=sorted(SCORINGS),
        default="engine",
        help="with --semantic or --bilingual: how the semantic part is scored and gated "
        "(engine: today's floor rescale; calibrated: the one recommended for e5)",
    )
    parser.add_argument(
        "--floor",
        type=float,
        help="with --scoring engine: another cosine floor for the gates and the scoring row",
    )
    parser.add_argument(
        "--query-bank",
        action="store_true",
        help="with --semantic or --bilingual: centre each challenge vector on the mean of the "
        "set's challenges in its language (matching.semantic_scoring.QueryBank)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    scoring = SCORINGS[args.scoring]
    if args.floor is not None:
        scoring = dataclasses.replace(
            scoring, label=f"{args.scoring} scoring with floor {args.floor}", scale=args.floor
        )
    if args.bilingual:
        bilingual_report(args.cache, args.model, scoring, args.query_bank)
        print(f"\ntotal {time.perf_counter() - started:.1f}s")
        return
    if args.semantic:
        hand = hand_set()
        hand.challenges += [(t, tags, None) for t, tags, _ in SEMANTIC_HAND]
        hand.gains += [g for _, _, g in SEMANTIC_HAND]
        synthetic = synthetic_set(args.members)
        semantic_report(
            {"hand (+4 no-shared-word)": hand, "synthetic": synthetic},
            args.cache,
            grid=not args.gate_only,
            model=args.model,
            scoring=scoring,
            query_bank=args.query_bank,
        )
        print(f"\ntotal {time.perf_counter() - started:.1f}s")
        return
    sets = {"synthetic": synthetic_set(args.members), "hand": hand_set()}
    for name, data in sets.items():
        print(f"\n== {name}: {len(data.records)} records, {len(data.challenges)} challenges ==")
        print(
            f"{'variant':42s} {'NDCG@10':>8s} {'pair err':>9s} {'p50 true':>9s} {'p95 other':>9s}"
        )

        def show(label: str, row: tuple[float, float, np.ndarray, np.ndarray]) -> None:
            ndcg, err, true, other = row
            print(
                f"{label:42s} {ndcg:8.3f} {err:9.4f} "
                f"{np.median(true):9.3f} {np.quantile(other, 0.95):9.3f}"
            )

        text_variants = {
            "words 1-gram": TextConfig(ngram_max=1),
            "words 1-2-gram": TextConfig(ngram_max=2),
            "words 1-2 + char 3-5 (w .3)": TextConfig(ngram_max=2, char_weight=0.3),
            "words 1-2 + char 3-5 (w .5)": TextConfig(ngram_max=2, char_weight=0.5),
        }
        for label, text_config in text_variants.items():
            both = {"text": weighted(1.0), "combined": weighted(DEFAULT_TEXT_SHARE)}
            res = evaluate(data, EngineConfig(text=text_config), both)
            show(f"text only, max, {label}", res["text"])
            show(f"text+tags {DEFAULT_TEXT_SHARE:.1f}, max, {label}", res["combined"])
        for agg in AGGREGATIONS:
            both = {"text": weighted(1.0), "combined": weighted(DEFAULT_TEXT_SHARE)}
            res = evaluate(data, EngineConfig(aggregation=agg), both)
            show(f"text only, {agg}, default text", res["text"])
            show(f"text+tags {DEFAULT_TEXT_SHARE:.1f}, {agg}, default text", res["combined"])
        weights = (1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.0)
        scorers = {f"text {w:.1f} / tags {1 - w:.1f}": weighted(w) for w in weights}
        res = evaluate(data, EngineConfig(), scorers)
        for label, row in res.items():
            show(f"max, default text, {label}", row)
        _, _, true, other = res[
            f"text {DEFAULT_TEXT_SHARE:.1f} / tags {1 - DEFAULT_TEXT_SHARE:.1f}"
        ]
        print(
            f"default scorer: {np.mean(true >= MIN_SCORE):.1%} of true experts and "
            f"{np.mean(other >= MIN_SCORE):.1%} of unrelated members reach MIN_SCORE {MIN_SCORE}"
        )

    print(f"\ntotal {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
