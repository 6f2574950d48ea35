"""Why a member was proposed: shared terms and matched tags (or, with the semantic scorer and
neither, closeness in meaning), in Dutch and English.

Explanations are built only from the expert's public expertise records (text and tags) and
the challenge itself, so nothing private (organisation, e-mail, blocklists, status) can leak.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matching.records import ExpertiseRecord
from matching.tags import TagMatch, match_tags, tag_key
from matching.text import STOP_WORDS, fold, surface_forms

MIN_LETTERS = 3
"""A shown term of fewer letters ('Re' of 'Re-integratie') says nothing to a reader."""
_VERB_FORMS = (
    "lees leest lezen las lazen gelezen werkt werkte werkten gewerkt",
    "maak maakt maken maakte maakten gemaakt ga gaat gaan ging gingen gegaan",
    "kom komt komen kwam kwamen gekomen zie ziet zien zag zagen gezien",
    "weet weten wist wisten geweten denk denkt denken dacht dachten gedacht",
    "vind vindt vinden vond vonden gevonden geef geeft geven gaf gaven gegeven",
    "neem neemt nemen nam genomen zit zitten zat zaten gezeten",
    "krijg krijgt krijgen kreeg kregen gekregen vraagt vroegen gevraagd",
    "zeg zegt zeggen zei zeiden gezegd laat laten liet lieten gelaten",
    "breng brengt brengen bracht brachten gebracht helpt helpen hielp hielpen geholpen",
    "kijk kijkt kijken keek keken gekeken probeer probeert proberen probeerde probeerden",
    "geprobeerd begint beginnen begon begonnen blijf blijft blijven bleef bleven gebleven",
    "schrijf schrijft schrijven schreef schreven geschreven spreek spreekt spreken sprak",
    "spraken gesproken gebruikt gebruikte gebruikten hou houd houdt houden hield hielden",
    "gehouden hoor hoort horen hoorde hoorden gehoord ken kent kennen kende kenden gekend",
    "deelt deelde deelden gedeeld zocht zochten gezocht",
    "reads wrote written worked makes made goes went gets got gave takes took says said",
    "tried tries",
)
ORDINARY_VERBS = frozenset(form for line in _VERB_FORMS for form in line.split())
"""Conjugated forms of everyday verbs (reading, working, making…): two texts that share one
say nothing of a shared subject. Forms that are also nouns of a subject ('werk', 'vraag',
'staat', 'namen', 'leren') are left out."""
NOISE = (
    frozenset(["deel", "delen", "twee", "drie", "terug", "nieuw", "nieuwe", "goed", "goede"])
    | ORDINARY_VERBS
)
"""Words too common to be a reason, beyond the stop words (shown terms only; scores keep them)."""
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")


@dataclass(frozen=True, slots=True)
class TermContribution:
    """A term shared by challenge and expertise, as the expert wrote it."""

    term: str
    weight: float


@dataclass(frozen=True, slots=True)
class Explanation:
    member_id: str
    terms: tuple[TermContribution, ...]
    tags: tuple[TagMatch, ...]
    sentence_nl: str
    sentence_en: str
    records: tuple[str, ...] = ()
    """The expert's records the reasons come from, strongest first: the expert who is asked
    sees which of their expertise a request is about."""


def _hyphenated(records: Iterable[ExpertiseRecord]) -> dict[str, str]:
    """Each folded part of a hyphenated word ('re', 'integratie') -> the whole word as written."""
    wholes: dict[str, str] = {}
    for record in records:
        for word in _HYPHENATED.findall(record.text):
            for part in word.split("-"):
                wholes.setdefault(fold(part), word)
    return wholes


def _readable(word: str, proper: dict[str, str]) -> str:
    """A word as a reader expects it in a sentence: a tag the expert wrote keeps its spelling,
    acronyms ('ISO', 'KPIs') stay, a capital that only started a sentence goes."""
    if fold(word) in proper:
        return proper[fold(word)]
    first, rest = word[:1], word[1:]
    return word.lower() if first.isupper() and rest == rest.lower() else word


def _shown(term: str, wholes: dict[str, str], proper: dict[str, str]) -> str | None:
    """The term as the explanation shows it, or None when it says nothing: a fragment, a stop
    word of either language or a word too common to be a reason."""
    words = [wholes.get(fold(word), word) for word in term.split(" ")]
    words = [_readable(word, proper) for word in dict.fromkeys(words)]
    stops = STOP_WORDS["nl"] | STOP_WORDS["en"] | NOISE
    if all(fold(word) in stops for word in words):
        return None
    if sum(ch.isalnum() for ch in "".join(words)) < MIN_LETTERS:
        return None
    return " ".join(words)


def distinct_tags(matches: Sequence[TagMatch]) -> tuple[TagMatch, ...]:
    """One match per expert tag: two challenge tags ('kpi', "KPI's") may meet the same one."""
    seen: set[str] = set()
    kept = []
    for match in matches:
        key = tag_key(match.expert_tag)
        if key not in seen:
            seen.add(key)
            kept.append(match)
    return tuple(kept)


def _join(items: Sequence[str], conjunction: str) -> str:
    quoted = [f"“{i}”" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {conjunction} {quoted[-1]}"


def sentences(
    terms: Sequence[str], tags: Sequence[TagMatch], by_meaning: bool = False
) -> tuple[str, str]:
    """Short human sentences (nl, en) naming the strongest evidence; ``by_meaning``: the
    sentence-embedding scorer was used, so a match without shared words or tags rests on
    meaning."""
    tag_names = [m.expert_tag for m in distinct_tags(tags)[:3]]
    nl_parts, en_parts = [], []
    if terms:
        nl_parts.append(f"de expertise vermeldt {_join(terms[:3], 'en')}")
        en_parts.append(f"their expertise mentions {_join(terms[:3], 'and')}")
    if tag_names:
        nl_parts.append(f"de tags {_join(tag_names, 'en')} passen bij de vraag")
        en_parts.append(f"the tags {_join(tag_names, 'and')} match the question")
    if not nl_parts and by_meaning:
        return (
            "Voorgesteld omdat de expertise inhoudelijk aansluit bij de vraag,"
            " ook zonder gemeenschappelijke woorden.",
            "Suggested because their expertise is close in meaning to the question,"
            " though it shares no words with it.",
        )
    if not nl_parts:
        return (
            "Voorgesteld op basis van een algemene overeenkomst.",
            "Suggested on general similarity.",
        )
    return (
        f"Voorgesteld omdat {' en '.join(nl_parts)}.",
        f"Suggested because {' and '.join(en_parts)}.",
    )


def records_behind(
    records: Sequence[ExpertiseRecord],
    text_contributions: Sequence[float],
    tag_matches: Sequence[TagMatch],
) -> tuple[str, ...]:
    """The ids of the records that hold a reason (a shared word, a matched tag), strongest
    first: a record's shared words count with their weight, each matched tag it holds as one."""
    matched = {tag_key(m.expert_tag) for m in tag_matches}
    strength = {
        record.record_id: float(text) + sum(1.0 for t in record.tags if tag_key(t) in matched)
        for record, text in zip(records, text_contributions, strict=True)
    }
    ranked = sorted(
        (r for r in records if strength[r.record_id] > 0), key=lambda r: -strength[r.record_id]
    )
    return tuple(dict.fromkeys(r.record_id for r in ranked))


def explain_match(
    member_id: str,
    query: sparse.csr_matrix,
    record_vectors: sparse.csr_matrix,
    records: Sequence[ExpertiseRecord],
    feature_names: np.ndarray,
    challenge_tags: Sequence[str] = (),
    max_terms: int = 5,
    *,
    by_meaning: bool = False,
) -> Explanation:
    """Explain one member from the query vector and their records' vectors.

    Only word-space columns (the first ``len(feature_names)``) are used; a feature's
    contribution is the product of its query and record weights summed over records.
    """
    n_words = len(feature_names)
    contrib = np.zeros(n_words, dtype=np.float64)
    by_record = np.zeros(len(records), dtype=np.float64)
    if n_words and records:
        q = np.asarray(query[:, :n_words].toarray()).ravel()
        per_record = record_vectors[:, :n_words].multiply(q).tocsr()
        contrib = np.asarray(per_record.sum(axis=0)).ravel()
        by_record = np.asarray(per_record.sum(axis=1)).ravel()
    shown: dict[str, str] = {}
    for record in records:
        for stem, word in surface_forms(record.text, record.language).items():
            shown.setdefault(stem, word)
    picked: list[TermContribution] = []
    covered: set[str] = set()
    said: set[str] = set()
    wholes = _hyphenated(records)
    proper = {fold(t): t for r in records for t in r.tags if " " not in t.strip()}
    top = np.argsort(-contrib)[: max_terms * 4]
    top = top[contrib[top] > 0]
    # A phrase ('ISO 9001') reads better than its parts, so phrases are considered first.
    phrase_first = sorted(top, key=lambda i: (-len(str(feature_names[i]).split(" ")), -contrib[i]))
    for idx in phrase_first:
        if len(picked) >= max_terms:
            break
        parts = str(feature_names[idx]).split(" ")
        if not all(p in shown for p in parts) or set(parts) <= covered:
            continue
        covered.update(parts)
        term = _shown(" ".join(shown[p] for p in parts), wholes, proper)
        if term is None or fold(term) in said:
            continue
        said.add(fold(term))
        picked.append(TermContribution(term, round(float(contrib[idx]), 4)))
    picked.sort(key=lambda t: -t.weight)
    expert_tags = [t for r in records for t in r.tags]
    tag_matches = distinct_tags(match_tags(challenge_tags, expert_tags))
    nl, en = sentences([t.term for t in picked], tag_matches, by_meaning)
    behind = records_behind(records, by_record.tolist(), tag_matches)
    return Explanation(member_id, tuple(picked), tag_matches, nl, en, behind)
