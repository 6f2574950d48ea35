"""Who a mailing goes to: one function (`audience_ids`) gives the member ids for every kind.

Whatever the kind, the same rule runs first (`reachable`): only active members (not paused,
not erased) with an e-mail address, who allow mailings and whose processing is not restricted.
The kinds only narrow that set: an event's participants (confirmed, attended or absent: whoever
held a seat), members of chosen organisations, or members whose open challenges or open
expertise carry a tag that matches a chosen one in the matching engine's sense
(`matching.tags.tag_similarity`: the same concept through the alias table, or a spelling at
least `TAG_THRESHOLD` alike, numbers equal).

Choosing an event's participants needs the right to see its participant list
(`events.participants.may_see_list`: staff see participant data only of their own events).
The sample of names shown before sending is a list other people see: it never shows anyone who
opted out of listings, and of an event only the people its shareable list shows (so nobody who
hid themselves from it); they still receive the mailing, which is no list.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from events.choices import RegistrationStatus
from events.participants import may_see_list, shareable_participants
from events.tables import Event, Registration
from kring.choices import MemberStatus, RecordStatus
from kring.errors import Forbidden, NotFound
from kring.messages import Term
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched
from kring.tables import Challenge, Expertise, Member, Organisation
from kring.validation import Checks, FieldError, normalise_tags, read_id
from kring.vocabulary import N_
from mailings.choices import AudienceKind
from matching.tags import FUZZY_CUTOFF, tag_similarity
from privacy.restriction import restricted_members

TAG_THRESHOLD = FUZZY_CUTOFF
"""Two tags match from this similarity on (the engine's own cutoff: typos score about 0.9)."""
PARTICIPATED = (
    RegistrationStatus.confirmed,
    RegistrationStatus.attended,
    RegistrationStatus.no_show,
)
MAX_ORGANISATIONS = 200
MAX_TAGS = 20
SAMPLE = 10


@dataclass(frozen=True)
class AudienceSpec:
    """The chosen audience as stored on the mailing (`audience_kind`, `audience` as JSON)."""

    kind: AudienceKind = AudienceKind.all_members
    event: int | None = None
    organisations: tuple[int, ...] = ()
    tags: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        if self.kind == AudienceKind.event:
            return {"event": self.event}
        if self.kind == AudienceKind.organisations:
            return {"organisations": list(self.organisations)}
        if self.kind == AudienceKind.tags:
            return {"tags": list(self.tags)}
        return {}

    def fingerprint(self) -> str:
        """Names this definition in a form: the send page confirms what it showed, so a change
        by another organiser meanwhile is noticed (the count alone can stay the same)."""
        text = json.dumps([self.kind.value, self.as_json()], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _ids(raw: Any, name: str) -> tuple[int, ...]:
    items = raw if isinstance(raw, list | tuple) else [raw]
    found: list[int] = []
    for item in items:
        text = str(item if item is not None else "").strip()
        if not text:
            continue
        number = read_id(text, name)  # 2147483648 is too large, not "no positive number"
        if number not in found:
            found.append(number)
    return tuple(found)


def _kind(kind: Any) -> AudienceKind:
    try:
        return AudienceKind(str(kind or ""))
    except ValueError:
        raise FieldError(
            "audience_kind",
            N_("must be one of %(all_members)s, %(event)s, %(organisations)s or %(tags)s"),
            **{kind.value: Term(kind.value) for kind in AudienceKind},
        ) from None


def _event(params: dict[str, Any]) -> AudienceSpec:
    events = _ids(params.get("event"), "event")
    if len(events) != 1:
        raise FieldError("event", N_("choose one event"))
    return AudienceSpec(AudienceKind.event, event=events[0])


def _organisations(params: dict[str, Any]) -> AudienceSpec:
    organisations = _ids(params.get("organisations"), "organisations")
    if not organisations:
        raise FieldError("organisations", N_("choose at least one organisation"))
    if len(organisations) > MAX_ORGANISATIONS:
        raise FieldError(
            "organisations",
            N_("%(count)s organisations given; at most %(limit)s allowed"),
            count=len(organisations),
            limit=MAX_ORGANISATIONS,
        )
    return AudienceSpec(AudienceKind.organisations, organisations=organisations)


def _tags(params: dict[str, Any]) -> AudienceSpec:
    raw = params.get("tags", [])
    if isinstance(raw, str):
        raw = raw.split(",")
    if not isinstance(raw, list) or not all(isinstance(t, str) for t in raw):
        raise FieldError("tags", N_("give the tags as text, separated by commas"))
    tags = normalise_tags(raw, "tags", MAX_TAGS)
    if not tags:
        raise FieldError("tags", N_("give at least one tag"))
    return AudienceSpec(AudienceKind.tags, tags=tuple(tags))


NARROWED_BY = {
    AudienceKind.event: _event,
    AudienceKind.organisations: _organisations,
    AudienceKind.tags: _tags,
}


def parse_audience(kind: Any, params: dict[str, Any]) -> AudienceSpec:
    """An audience from a form or a JSON body; a clear FieldError for anything off, every one
    at once (`Checks`): with an unknown kind, each of the fields given that is off as well."""
    checks = Checks()
    chosen: AudienceKind | None = None
    with checks:
        chosen = _kind(kind)
    spec = AudienceSpec(chosen) if chosen else None
    for narrowed, parse in NARROWED_BY.items():
        given = params.get(narrowed.value) not in (None, "", [], ())
        if chosen == narrowed or (chosen is None and given):
            with checks:
                spec = parse(params)
    checks.done()
    return spec or AudienceSpec()


SEEN = "audience_kind"
"""The audience is one whole, its kind and what narrows it, and the form's `_seen` holds it as
one value (`AudienceSpec.fingerprint`), said at the kind, the form's first field: a tag list
merged with an event another organiser chose meanwhile would be an audience nobody chose."""


def seen_audience(spec: AudienceSpec) -> str:
    """The audience a form shows, for its hidden `_seen` field."""
    return snapshot({SEEN: spec.fingerprint()})


def audience_to_save(spec: AudienceSpec, seen: str | None, now: AudienceSpec) -> bool:
    """Whether a save of `spec` from a form that showed `seen` writes it over `now`, what is
    stored. One another organiser saved meanwhile is kept when the form was sent as it showed
    the audience (or its person chose to keep it); when both chose another audience the save
    is refused (`kring.seen.EditedMeanwhile`, 409), both shown. Without `_seen` (the API), it
    writes what it is sent."""
    mine = {SEEN: spec.fingerprint()}
    check_meanwhile(mine, seen, {SEEN: now.fingerprint()})
    return SEEN not in untouched(mine, seen)


def stored_audience(mailing: dict[str, Any]) -> AudienceSpec:
    """The audience a mailing row names (what compose or the audience page saved)."""
    raw = mailing.get("audience") or {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw or "{}")
        except ValueError:
            raw = {}
    try:
        return parse_audience(mailing.get("audience_kind"), raw if isinstance(raw, dict) else {})
    except FieldError:
        return AudienceSpec(AudienceKind(mailing.get("audience_kind") or "all_members"))


async def check_exists(spec: AudienceSpec) -> None:
    """An event or organisation that does not exist is a 404, not an empty audience."""
    if spec.kind == AudienceKind.event and not await Event.exists().where(Event.id == spec.event):
        raise NotFound(N_("there is no event %(event)s"), field="event", event=spec.event)
    if spec.kind == AudienceKind.organisations:
        found = await Organisation.select(Organisation.id).where(
            Organisation.id.is_in(list(spec.organisations))
        )
        missing = set(spec.organisations) - {row["id"] for row in found}
        if missing:
            raise NotFound(
                N_("there is no organisation %(organisation)s"),
                field="organisations",
                organisation=min(missing),
            )


async def check_may_choose(viewer: Principal, spec: AudienceSpec) -> None:
    """An event's participants are chosen only by who may see its participant list (its
    organisers, admins, or anyone when the organiser shares the list): a 403 naming the event
    at the field `event` otherwise. Call after `check_exists`."""
    if spec.kind != AudienceKind.event or spec.event is None:
        return
    if await may_see_list(viewer, spec.event):
        return
    event = await Event.select(Event.title).where(Event.id == spec.event).first()
    raise Forbidden(
        N_(
            "you may not see the participant list of event %(event)s (%(title)s), so you cannot "
            "choose its participants; choose an event you organise"
        ),
        field="event",
        event=spec.event,
        title=event["title"] if event else "",
    )


async def chosen(spec: AudienceSpec) -> dict[str, Any]:
    """What the audience names, said beside its kind wherever it is confirmed: the event (its
    title and start), the organisations' names, or the tags. An event or organisation deleted
    since is left out (`check_exists` refuses the audience)."""
    if spec.kind == AudienceKind.event and spec.event is not None:
        event = await (
            Event.select(Event.title, Event.starts_at, Event.timezone)
            .where(Event.id == spec.event)
            .first()
        )
        return {"event": event, "names": []}
    if spec.kind == AudienceKind.organisations and spec.organisations:
        rows = await (
            Organisation.select(Organisation.name)
            .where(Organisation.id.is_in(list(spec.organisations)))
            .order_by(Organisation.name)
        )
        return {"event": None, "names": [row["name"] for row in rows]}
    if spec.kind == AudienceKind.tags:
        return {"event": None, "names": list(spec.tags)}
    return {"event": None, "names": []}


def reachable() -> Any:
    """The rule every audience starts from (a WHERE on Member); `mailings.sending` applies it
    again when each mail goes, so a later opt-out, erasure or restriction wins."""
    return (
        (Member.status == MemberStatus.active)
        & (Member.no_mailings == False)  # noqa: E712 (a column comparison, not a Python bool)
        & Member.email.is_not_null()
        & (Member.email != "")
        & Member.id.not_in(restricted_members())
    )


async def _tag_members(tags: tuple[str, ...]) -> set[int]:
    rows = []
    for table in (Challenge, Expertise):
        rows += await table.select(table.member, table.tags).where(
            table.status == RecordStatus.open
        )
    vocabulary = {tag for row in rows for tag in row["tags"] or ()}
    matching = {
        tag for tag in vocabulary if any(tag_similarity(tag, c) >= TAG_THRESHOLD for c in tags)
    }
    return {row["member"] for row in rows if matching.intersection(row["tags"] or ())}


async def _narrowing(spec: AudienceSpec) -> Any:
    if spec.kind == AudienceKind.event:
        return Member.id.is_in(
            Registration.select(Registration.member).where(
                (Registration.event == spec.event)
                & Registration.member.is_not_null()
                & Registration.status.is_in(list(PARTICIPATED))
            )
        )
    if spec.kind == AudienceKind.organisations:
        return Member.organisation.is_in(list(spec.organisations))
    if spec.kind == AudienceKind.tags:
        return Member.id.is_in(sorted(await _tag_members(spec.tags)) or [0])
    return None


async def _where(spec: AudienceSpec) -> Any:
    narrowing = await _narrowing(spec)
    return reachable() if narrowing is None else reachable() & narrowing


async def audience_ids(spec: AudienceSpec) -> list[int]:
    """The ids of the members this audience reaches now, in id order."""
    rows = await Member.select(Member.id).where(await _where(spec)).order_by(Member.id)
    return [row["id"] for row in rows]


async def _sample_where(spec: AudienceSpec, viewer: Principal | None) -> Any:
    """Whom the sample may name: reachable people in the audience who did not opt out of
    listings; of an event, only those on its shareable list, and nobody when the viewer may not
    see that list (None: the sample is empty)."""
    where = await _where(spec) & (Member.opt_out_listing == False)  # noqa: E712 (a column)
    if spec.kind != AudienceKind.event or spec.event is None:
        return where
    if viewer is None or not await may_see_list(viewer, spec.event):
        return None
    listed = [p.member_id for p in await shareable_participants(spec.event) if p.member_id]
    return where & Member.id.is_in(listed or [0])


async def audience_summary(
    spec: AudienceSpec, viewer: Principal | None = None, sample: int = SAMPLE
) -> dict[str, Any]:
    """How many it reaches and a sample of names, shown before sending (a privacy surface:
    only reachable people, so nobody who opted out, is restricted or was erased, and only
    people a list may show, `_sample_where`). `names_withheld`: the viewer may not see the
    event's participants, so the sample names nobody."""
    count = await Member.count().where(await _where(spec))
    sample_where = await _sample_where(spec, viewer)
    people = []
    if sample_where is not None:
        people = (
            await Member.select(
                Member.id,
                Member.first_name,
                Member.last_name,
                Member.organisation.name.as_alias("organisation"),
            )
            .where(sample_where)
            .order_by(Member.last_name)
            .order_by(Member.first_name)
            .limit(sample)
        )
    return {"count": count, "sample": people, "names_withheld": sample_where is None}
