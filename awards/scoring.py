"""Scores: a juror scores each criterion of an assigned candidacy 0–10 with a comment while the
edition is in judging; organisers see the aggregates and a ranking.

Visibility: while the edition is open or in judging a juror sees only their own scores. From
deliberation on (the jury meeting) a juror sees every juror's scores of the candidacies assigned
to them, with the juror's name; scores are then read-only (the meeting settles differences in
the room, not by editing). Organisers see everything, except an organiser (an admin) who sits
on the edition's jury: until the deliberation their report, ranking and results hold only their
own scores, as any juror's pages do, and the means, spreads and ranking are of those alone (with
one fellow juror, a mean of both and one's own total give the fellow's total). The missing
scores still count every juror: they tell who has yet to score, not what anyone gave.

The numbers (kept exact as fractions, rounded only when shown):
- a juror's total: Σ weight·score / Σ weight over the criteria they scored;
- the weighted mean: every recorded score of an assigned juror counted with its criterion's
  weight (Σ weight·score / Σ weight); with complete scores it is the mean of the jurors' totals;
- the spread: the highest minus the lowest juror total (none until two jurors scored);
- missing: assigned jurors × criteria not yet scored;
- the ranking: per category by weighted mean, highest first; equal means share a rank,
  candidacies without any score come last, unranked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from awards.choices import CandidacyState, EditionState
from awards.jury import (
    assigned_candidacy,
    deadline_passed,
    end_conflicting_assignments,
    juror_name,
    load_edition,
    require_organiser,
    submitter_names,
)
from awards.tables import Assignment, Candidacy, Criterion, Juror, Score
from kring.clock import utc_now
from kring.database import row_locked
from kring.errors import Conflict as Refused
from kring.messages import N_, Moment, Term
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched
from kring.validation import FieldError, only_digits, require_text

LOWEST, HIGHEST = 0, 10
COMMENT_LIMIT = 2000
SHARED_FROM = (EditionState.deliberation, EditionState.decided, EditionState.archived)


def others_visible(state: str) -> bool:
    """Whether jurors see each other's scores: from the jury meeting on."""
    return state in SHARED_FROM


# --- Reading what is typed ---------------------------------------------------------------------


def parse_score(raw: object, field: str) -> int | None:
    """A whole number from 0 to 10; empty means not scored (yet)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise FieldError(field, N_("must be a whole number from 0 to 10"))
    text = str(raw).strip()
    if not only_digits(text.removeprefix("-")) or len(text) > 3:
        raise FieldError(field, N_("must be a whole number from 0 to 10"))
    value = int(text)
    if not LOWEST <= value <= HIGHEST:
        raise FieldError(field, N_("%(value)s is not between 0 and 10"), value=value)
    return value


@dataclass(frozen=True)
class Entry:
    criterion_id: int
    score: int | None
    comment: str = ""


# --- Saving ------------------------------------------------------------------------------------


async def criteria_of(edition_id: int) -> list[dict[str, Any]]:
    return (
        await Criterion.select(Criterion.id, Criterion.name, Criterion.weight)
        .where(Criterion.edition == edition_id)
        .order_by(Criterion.position)
        .order_by(Criterion.id)
    )


def _as_shown(scores: Mapping[int, Mapping[str, Any]], criteria: Iterable[int]) -> dict[str, Any]:
    """A juror's scores as the dossier's form shows them, field by field."""
    shown: dict[str, Any] = {}
    for criterion_id in criteria:
        mine = scores.get(criterion_id) or {}
        shown[f"score_{criterion_id}"] = mine.get("score")
        shown[f"comment_{criterion_id}"] = mine.get("comment") or ""
    return shown


def seen_scores(mine: Mapping[int, Mapping[str, Any]], criteria: Iterable[int]) -> str:
    """The juror's scores as the dossier's form shows them, for its hidden `_seen` field: a save
    then writes only what was changed in it (`save_scores`, `kring.seen`): the juror may have
    scored another criterion in another tab meanwhile."""
    return snapshot(_as_shown(mine, criteria))


async def save_scores(
    viewer: Principal,
    edition_id: int,
    candidacy_id: int,
    entries: Iterable[Entry],
    seen: str | None = None,
) -> None:
    """The juror's scores of the criteria given; an empty score removes theirs. Only while the
    edition is in judging and before its jury deadline. With `seen` (the form's `_seen`), a
    score or comment sent back as the form showed it is left as it is now, and one changed
    meanwhile to another value is refused (`kring.seen.EditedMeanwhile`)."""
    seat, _ = await assigned_candidacy(viewer, edition_id, candidacy_id)
    edition = await load_edition(edition_id)
    if edition["state"] != EditionState.judging:
        raise Refused(
            N_(
                "scores can be changed only while the edition is in judging; its state is %(state)s"
            ),
            field="state",
            state=Term(edition["state"]),
        )
    if deadline_passed(edition):
        raise Refused(
            N_(
                "the jury deadline (%(deadline)s, Brussels time) has passed: scores can no "
                "longer change"
            ),
            field="jury_deadline",
            deadline=Moment(edition["jury_deadline"]),
        )
    known = {c["id"] for c in await criteria_of(edition_id)}
    checked: dict[int, Entry] = {}
    for index, entry in enumerate(entries):
        sent = f"scores[{index}].criterion_id"  # the API's list; the page sends known ones only
        if entry.criterion_id not in known:
            raise FieldError(
                sent,
                N_("criterion %(criterion_id)s is not one of this edition's"),
                criterion_id=entry.criterion_id,
            )
        if entry.criterion_id in checked:  # which of the two was meant? say so, keep neither
            raise FieldError(
                sent,
                N_("criterion %(criterion_id)s is scored twice; send one score per criterion"),
                criterion_id=entry.criterion_id,
            )
        comment = require_text(
            entry.comment or "", f"comment_{entry.criterion_id}", COMMENT_LIMIT, required=False
        )
        checked[entry.criterion_id] = Entry(entry.criterion_id, entry.score, comment)
    now = utc_now()
    # The seat's row is locked: the same scores sent twice at once (a double click) would each
    # find none stored and insert their own.
    async with row_locked(Juror, seat["id"]):
        rows = await Score.select(Score.id, Score.criterion, Score.score, Score.comment).where(
            (Score.juror == seat["id"]) & (Score.candidacy == candidacy_id)
        )
        stored = {r["criterion"]: r["id"] for r in rows}
        if seen:
            checked = _as_changed(checked, seen, {r["criterion"]: r for r in rows})
        for criterion_id, entry in checked.items():
            if entry.score is None:
                if criterion_id in stored:
                    await Score.delete().where(Score.id == stored[criterion_id])
            elif criterion_id in stored:
                await Score.update(
                    {Score.score: entry.score, Score.comment: entry.comment, Score.updated_at: now}
                ).where(Score.id == stored[criterion_id])
            else:
                await Score.insert(
                    Score(
                        juror=seat["id"],
                        candidacy=candidacy_id,
                        criterion=criterion_id,
                        score=entry.score,
                        comment=entry.comment,
                        updated_at=now,
                    )
                )


def _as_changed(
    checked: dict[int, Entry], seen: str, now: Mapping[int, Mapping[str, Any]]
) -> dict[int, Entry]:
    """The entries with each score and comment sent back as shown taken as they are now."""
    sent = _as_shown(
        {c: {"score": e.score, "comment": e.comment} for c, e in checked.items()}, checked
    )
    check_meanwhile(sent, seen, _as_shown(now, checked))
    same = untouched(sent, seen)
    kept: dict[int, Entry] = {}
    for criterion_id, entry in checked.items():
        held = now.get(criterion_id) or {}
        score = held.get("score") if f"score_{criterion_id}" in same else entry.score
        comment = held.get("comment") or "" if f"comment_{criterion_id}" in same else entry.comment
        kept[criterion_id] = Entry(criterion_id, score, comment)
    return kept


# --- What a juror sees -------------------------------------------------------------------------


async def jury_scores(viewer: Principal, edition_id: int, candidacy_id: int) -> dict[str, Any]:
    """The viewer's own scores of an assigned candidacy, and — from deliberation on — every
    assigned juror's, with their totals."""
    seat, _ = await assigned_candidacy(viewer, edition_id, candidacy_id)
    edition = await load_edition(edition_id)
    criteria = await criteria_of(edition_id)
    rows = await _scores([candidacy_id])
    mine = {r["criterion"]: r for r in rows if r["juror"] == seat["id"]}
    shared = others_visible(edition["state"])
    others: list[dict[str, Any]] = []
    if shared:
        weights = {c["id"]: c["weight"] for c in criteria}
        by_juror: dict[int, dict[str, Any]] = {}
        for row in rows:
            entry = by_juror.setdefault(
                row["juror"], {"juror_id": row["juror"], "juror": juror_name(row), "scores": {}}
            )
            entry["scores"][row["criterion"]] = {"score": row["score"], "comment": row["comment"]}
        for entry in by_juror.values():
            total = juror_total(weights, {k: v["score"] for k, v in entry["scores"].items()})
            entry["total"] = total
            entry["is_me"] = entry["juror_id"] == seat["id"]
            others.append(entry)
        others.sort(key=lambda e: (not e["is_me"], e["juror"].casefold()))
    return {
        "editable": edition["state"] == EditionState.judging and not deadline_passed(edition),
        "deadline_passed": deadline_passed(edition),
        "shared": shared,
        "criteria": criteria,
        "mine": {k: {"score": v["score"], "comment": v["comment"]} for k, v in mine.items()},
        "jurors": others,
    }


async def _scores(candidacy_ids: list[int]) -> list[dict[str, Any]]:
    """Scores of the jurors still assigned to these candidacies."""
    if not candidacy_ids:
        return []
    assigned = {
        (r["juror"], r["candidacy"])
        for r in await Assignment.select(Assignment.juror, Assignment.candidacy).where(
            Assignment.candidacy.is_in(candidacy_ids)
        )
    }
    rows = (
        await Score.select(
            Score.juror,
            Score.candidacy,
            Score.criterion,
            Score.score,
            Score.comment,
            Score.juror.account.email.as_alias("account.email"),
            Score.juror.account.display_name.as_alias("account.display_name"),
            Score.juror.account.member.first_name.as_alias("account.member.first_name"),
            Score.juror.account.member.last_name.as_alias("account.member.last_name"),
        )
        .where(Score.candidacy.is_in(candidacy_ids))
        .order_by(Score.id)
    )
    return [r for r in rows if (r["juror"], r["candidacy"]) in assigned]


# --- The numbers -------------------------------------------------------------------------------


def juror_total(weights: Mapping[int, int], scores: Mapping[int, int]) -> Fraction | None:
    """Σ weight·score / Σ weight over the criteria this juror scored."""
    weight = sum(weights.get(c, 0) for c in scores)
    if not weight:
        return None
    return Fraction(sum(weights.get(c, 0) * s for c, s in scores.items()), weight)


@dataclass
class Aggregate:
    candidacy_id: int
    jurors: int
    """Assigned jurors."""
    scores: int
    missing: int
    weighted_mean: Fraction | None
    spread: Fraction | None
    totals: dict[int, Fraction] = field(default_factory=dict)
    """Each scoring juror's total."""


def aggregate(
    candidacy_id: int,
    weights: Mapping[int, int],
    assigned: Iterable[int],
    scores: Iterable[tuple[int, int, int]],
) -> Aggregate:
    """Pure: `weights` by criterion, the assigned juror ids, (juror, criterion, score) rows."""
    jurors = set(assigned)
    per_juror: dict[int, dict[int, int]] = defaultdict(dict)
    for juror, criterion, score in scores:
        if juror in jurors and criterion in weights:
            per_juror[juror][criterion] = score
    recorded = sum(len(s) for s in per_juror.values())
    weight = sum(weights[c] for s in per_juror.values() for c in s)
    mean = (
        Fraction(sum(weights[c] * v for s in per_juror.values() for c, v in s.items()), weight)
        if weight
        else None
    )
    totals = {
        juror: total
        for juror, s in per_juror.items()
        if (total := juror_total(weights, s)) is not None
    }
    spread = max(totals.values()) - min(totals.values()) if len(totals) >= 2 else None
    return Aggregate(
        candidacy_id=candidacy_id,
        jurors=len(jurors),
        scores=recorded,
        missing=len(jurors) * len(weights) - recorded,
        weighted_mean=mean,
        spread=spread,
        totals=totals,
    )


def rank(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per category, by weighted mean (highest first), equal means sharing a rank; unscored
    candidacies last without a rank. Items need `category`, `title` and `weighted_mean`."""
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_category[item["category"]].append(item)
    ranked: list[dict[str, Any]] = []
    for category in sorted(by_category, key=str.casefold):
        group = sorted(
            by_category[category],
            key=lambda i: (
                i["weighted_mean"] is None,
                -(i["weighted_mean"] or 0),
                i["title"].casefold(),
                i["id"],
            ),
        )
        previous: Fraction | None = None
        place = 0
        for position, item in enumerate(group, start=1):
            if item["weighted_mean"] is None:
                item["rank"] = None
            else:
                if item["weighted_mean"] != previous:
                    place, previous = position, item["weighted_mean"]
                item["rank"] = place
            ranked.append(item)
    return ranked


async def results(viewer: Principal, edition_id: int) -> dict[str, Any]:
    """Organisers: per submitted candidacy the aggregates, ranked per category, and every
    juror's scores (for the report)."""
    require_organiser(viewer)
    edition = await load_edition(edition_id)
    await end_conflicting_assignments(edition)  # a juror who moved to a candidate counts no more
    criteria = await criteria_of(edition_id)
    weights = {c["id"]: c["weight"] for c in criteria}
    candidacies = await Candidacy.select(
        Candidacy.id,
        Candidacy.title,
        Candidacy.member,
        Candidacy.member.first_name,
        Candidacy.member.last_name,
        Candidacy.member.status,
        Candidacy.organisation.name,
        Candidacy.category.name,
    ).where((Candidacy.edition == edition_id) & (Candidacy.state == CandidacyState.submitted))
    ids = [c["id"] for c in candidacies]
    assigned: dict[int, set[int]] = defaultdict(set)
    if ids:
        for row in await Assignment.select(Assignment.juror, Assignment.candidacy).where(
            Assignment.candidacy.is_in(ids)
        ):
            assigned[row["candidacy"]].add(row["juror"])
    rows = await _scores(ids)
    by_candidacy: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for row in rows:
        by_candidacy[row["candidacy"]].append((row["juror"], row["criterion"], row["score"]))
    names = await submitter_names(candidacies)
    seats = {
        r["id"]: juror_name(r)
        for r in await Juror.select(
            Juror.id,
            Juror.account.email,
            Juror.account.display_name,
            Juror.account.member.first_name,
            Juror.account.member.last_name,
        ).where(Juror.edition == edition_id)
    }
    own_seat = await _seat_of(viewer, edition_id)
    withheld = own_seat is not None and not others_visible(edition["state"])
    items = []
    for candidacy in candidacies:
        scored = by_candidacy[candidacy["id"]]
        numbers = aggregate(candidacy["id"], weights, assigned[candidacy["id"]], scored)
        if withheld:  # a mean with one fellow juror is that juror's total: only own scores
            own = [row for row in scored if row[0] == own_seat]
            mine = aggregate(candidacy["id"], weights, assigned[candidacy["id"]], own)
            numbers.weighted_mean, numbers.spread = mine.weighted_mean, mine.spread
            numbers.totals = mine.totals
        items.append(
            {
                "id": candidacy["id"],
                "title": candidacy["title"],
                "organisation": candidacy["organisation.name"] or "",
                "category": candidacy["category.name"] or "",
                "submitter": names[candidacy["id"]],
                "member_id": candidacy["member"],
                "jurors": numbers.jurors,
                "scores": numbers.scores,
                "missing": numbers.missing,
                "weighted_mean": numbers.weighted_mean,
                "spread": numbers.spread,
                "totals": {seats.get(j, ""): t for j, t in numbers.totals.items()},
            }
        )
    details = [
        {
            "candidacy_id": row["candidacy"],
            "juror": seats.get(row["juror"], ""),
            "criterion_id": row["criterion"],
            "score": row["score"],
            "comment": row["comment"],
        }
        for row in rows
        if not withheld or row["juror"] == own_seat
    ]
    return {
        "edition": edition,
        "criteria": criteria,
        "ranking": rank(items),
        "scores": details,
        "fellow_scores_withheld": withheld,
    }


async def _seat_of(viewer: Principal, edition_id: int) -> int | None:
    """The viewer's seat on the edition's jury, if they hold one: an organiser may sit on it."""
    row = (
        await Juror.select(Juror.id)
        .where((Juror.edition == edition_id) & (Juror.account == viewer.account_id))
        .first()
    )
    return None if row is None else row["id"]


def shown(value: Fraction | None, digits: int = 2) -> float | None:
    """A number as people read it (and the API sends it): rounded to two decimals."""
    return None if value is None else round(float(value), digits)
