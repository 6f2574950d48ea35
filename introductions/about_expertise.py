"""Which of an expert's expertise records a request is about.

An expert with several records ('Interne audits ISO 9001', 'Onboarding van nieuwe medewerkers')
saw a request's challenge but not why they were asked: the matching knows, since its
explanation's words and tags come from those records. It names the records it drew on
(`matching.explain.Explanation.records`, stored with the introduction); an explanation stored
before it did is read back to the records that hold its shared words or tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kring.tables import Expertise
from matching.tags import tag_key
from matching.text import fold


async def expertise_of(member_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each member's expertise records (closed ones too: a request made while a record was
    open is still about it), in the order they were written."""
    ids = sorted(set(member_ids))
    found: dict[int, list[dict[str, Any]]] = {member: [] for member in ids}
    if ids:
        for row in (
            await Expertise.select(
                Expertise.id, Expertise.member, Expertise.title, Expertise.body, Expertise.tags
            )
            .where(Expertise.member.is_in(ids))
            .order_by(Expertise.id)
        ):
            found[row["member"]].append(row)
    return found


def _holds_a_reason(record: Mapping[str, Any], terms: Sequence[str], tags: set[str]) -> bool:
    text = fold(f"{record['title']}\n{record['body'] or ''}")
    return any(fold(term) in text for term in terms) or any(
        tag_key(tag) in tags for tag in record["tags"] or ()
    )


def expertise_behind(
    explanation: Mapping[str, Any], records: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The titles of the expert's records the proposal rests on, strongest first; none when
    the explanation names no reason (a match by meaning alone)."""
    by_id = {record["id"]: record for record in records}
    named = explanation.get("records")
    if isinstance(named, list):
        return [by_id[r]["title"] for r in named if isinstance(r, int) and r in by_id]
    terms = [str(term["term"]) for term in explanation.get("terms") or () if isinstance(term, dict)]
    tags = {
        tag_key(str(match["expert_tag"]))
        for match in explanation.get("tags") or ()
        if isinstance(match, dict) and match.get("expert_tag")
    }
    return [record["title"] for record in records if _holds_a_reason(record, terms, tags)]
