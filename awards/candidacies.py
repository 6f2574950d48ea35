"""A member's candidacy for their organisation: a draft with a title, a summary, a category
and one text per criterion, attachments, then submitted (or withdrawn).

The candidacy changes only while its edition is open and before the submission deadline. Only
the member who started it and the organisers read it here (anyone else is told it does not
exist); jurors read dossiers through the jury's own pages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from awards.choices import CandidacyState, EditionState
from awards.editions import accepts_candidacies, edition_locked, get_edition
from awards.jury import drop_conflicting_assignments
from awards.tables import Attachment, Candidacy, CandidacyText
from kring.choices import MemberStatus, Role
from kring.clock import utc_now
from kring.errors import Conflict, DomainError, Forbidden, NotFound
from kring.messages import N_, Message, Term
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched
from kring.tables import Member, Organisation
from kring.uploads import CheckedFile, file_values
from kring.validation import FieldError, briefly, require_line, require_text, whole_number
from privacy.restriction import restricted_ids

TITLE_LIMIT = 200
SUMMARY_LIMIT = 3000
TEXT_LIMIT = 10_000
MAX_ATTACHMENTS = 20

OPEN_STATES = (CandidacyState.draft, CandidacyState.submitted)


class Incomplete(DomainError):
    """A candidacy sent in before it is complete: `missing` lists what still has to be
    filled in, each a message in the reader's language."""

    status_code = 422

    def __init__(self, missing: list[Message]) -> None:
        super().__init__(
            N_("the candidacy is not complete: %(missing)s"),
            missing="; ".join(str(item) for item in missing),
        )
        self.missing = missing


# --- Who may read and change ------------------------------------------------------------------


def is_submitter(viewer: Principal, candidacy: Mapping[str, Any]) -> bool:
    return viewer.owns(candidacy["member"])


def may_read(viewer: Principal, candidacy: Mapping[str, Any]) -> bool:
    """The member who started it, and the organisers (admins too)."""
    return is_submitter(viewer, candidacy) or viewer.has_role(Role.organiser)


def _not_found(candidacy_id: int) -> NotFound:
    return NotFound(N_("no candidacy %(id)s"), field="candidacy_id", id=candidacy_id)


async def _row(candidacy_id: int) -> dict[str, Any]:
    row = await Candidacy.select().where(Candidacy.id == candidacy_id).first()
    if row is None:
        raise _not_found(candidacy_id)
    return row


async def _readable(viewer: Principal, candidacy_id: int) -> dict[str, Any]:
    row = await _row(candidacy_id)
    if not may_read(viewer, row):
        raise _not_found(candidacy_id)
    return row


@asynccontextmanager
async def changing(viewer: Principal, candidacy_id: int) -> AsyncIterator[tuple[dict, dict]]:
    """The candidacy and its edition, in a transaction that keeps the edition's state and
    deadline as they are, when the viewer may change the candidacy now."""
    edition_id = (await _readable(viewer, candidacy_id))["edition"]
    async with edition_locked(edition_id):
        row = await _readable(viewer, candidacy_id)
        if not is_submitter(viewer, row):
            raise Forbidden(N_("only the member who started the candidacy changes it"))
        if row["state"] == CandidacyState.withdrawn:
            raise Conflict(
                N_("the candidacy was withdrawn; it can no longer change"), field="state"
            )
        edition = await get_edition(edition_id)
        refuse_when_closed(edition)
        yield row, edition


async def check_changeable(viewer: Principal, candidacy_id: int) -> None:
    """Refuse early (before a file is read) what `changing` would refuse."""
    async with changing(viewer, candidacy_id):
        pass


def refuse_when_closed(edition: Mapping[str, Any]) -> None:
    """Candidacies change only while the edition is open and its deadline has not passed."""
    if accepts_candidacies(edition):
        return
    if edition["state"] != EditionState.open:
        raise Conflict(
            N_("the edition's state is %(state)s: candidacies can no longer change"),
            field="state",
            state=Term(edition["state"]),
        )
    raise Conflict(
        N_("the submission deadline has passed: candidacies can no longer change"),
        field="submission_deadline",
    )


# --- Input ------------------------------------------------------------------------------------


def _category(raw: Any, edition: Mapping[str, Any]) -> int | None:
    if raw in (None, ""):
        return None
    known = {category["id"] for category in edition["categories"]}
    value = whole_number(raw)
    if value not in known:
        raise FieldError(
            "category", N_("%(value)r is not a category of this edition"), value=briefly(str(raw))
        )
    return value


def _texts(raw: Any, edition: Mapping[str, Any]) -> dict[int, str]:
    if not isinstance(raw, Mapping):
        raise FieldError("texts", N_("give the texts by criterion id"))
    known = {criterion["id"]: criterion["name"] for criterion in edition["criteria"]}
    texts: dict[int, str] = {}
    for key, value in raw.items():
        criterion_id = whole_number(key)
        if criterion_id not in known:
            raise FieldError(
                "texts", N_("%(value)r is not a criterion of this edition"), value=briefly(str(key))
            )
        field = f"texts.{criterion_id}"
        if criterion_id in texts:  # "010" and "10": one criterion written two ways
            raise FieldError(
                field,
                N_("criterion %(value)s is given twice; give each text once"),
                value=briefly(str(key)),
            )
        text = require_text(str(value or ""), field, TEXT_LIMIT * 2, required=False)
        if len(text) > TEXT_LIMIT:
            raise FieldError(
                field,
                N_(
                    "the text for ‘%(criterion)s’ is %(length)s characters long; "
                    "at most %(limit)s allowed"
                ),
                criterion=known[criterion_id],
                length=len(text),
                limit=TEXT_LIMIT,
            )
        texts[criterion_id] = text
    return texts


def clean_candidacy(
    data: Mapping[str, Any], edition: Mapping[str, Any], creating: bool = False
) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "title" in data or creating:
        clean["title"] = require_line(str(data.get("title") or ""), "title", TITLE_LIMIT)
    if "summary" in data:
        clean["summary"] = require_text(
            str(data["summary"] or ""), "summary", SUMMARY_LIMIT, required=False
        )
    if "category" in data:
        clean["category"] = _category(data["category"], edition)
    if "texts" in data:
        clean["texts"] = _texts(data["texts"], edition)
    return clean


# --- Reading ----------------------------------------------------------------------------------


async def dossier(candidacy_id: int) -> dict[str, Any]:
    """The whole candidacy (edition, category, organisation, texts in criterion order,
    attachments without their content), without asking who reads: callers decide that
    (this module's `get_candidacy`, the jury's pages)."""
    row = await _row(candidacy_id)
    edition = await get_edition(row["edition"])
    texts = {
        text["criterion"]: text["text"]
        for text in await CandidacyText.select(CandidacyText.criterion, CandidacyText.text).where(
            CandidacyText.candidacy == candidacy_id
        )
    }
    row["edition"] = edition
    row["category_name"] = next(
        (c["name"] for c in edition["categories"] if c["id"] == row["category"]), ""
    )
    row["texts"] = [
        {"criterion": criterion, "text": texts.get(criterion["id"], "")}
        for criterion in edition["criteria"]
    ]
    row["attachments"] = await attachments_of(candidacy_id)
    organisation = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == row["organisation"])
        .first()
        if row["organisation"] is not None
        else None
    )
    row["organisation_name"] = organisation["name"] if organisation else ""
    row["missing"] = missing_parts(row)
    return row


async def attachments_of(candidacy_id: int) -> list[dict[str, Any]]:
    return (
        await Attachment.select(
            Attachment.id,
            Attachment.filename,
            Attachment.content_type,
            Attachment.size,
            Attachment.uploaded_at,
        )
        .where(Attachment.candidacy == candidacy_id)
        .order_by(Attachment.id)
    )


async def get_candidacy(viewer: Principal, candidacy_id: int) -> dict[str, Any]:
    """The dossier for its submitter or an organiser, with what the viewer may do now."""
    await _readable(viewer, candidacy_id)
    found = await dossier(candidacy_id)
    mine = is_submitter(viewer, found)
    found["is_mine"] = mine
    found["changeable"] = (
        mine and found["state"] in OPEN_STATES and accepts_candidacies(found["edition"])
    )
    names = await submitter_names([found]) if viewer.has_role(Role.organiser) else {}
    found["submitter"] = names.get(found["id"], "")
    return found


async def submitter_names(rows: list[dict[str, Any]]) -> dict[int, str]:
    """Who submitted each candidacy, as the organisers' desk shows it: nobody when they were
    erased (unlinked or marked erased) or their processing is restricted now."""
    member_ids = [row["member"] for row in rows if row["member"] is not None]
    if not member_ids:
        return {}
    restricted = await restricted_ids(member_ids)
    people = {
        person["id"]: person
        for person in await Member.select(
            Member.id, Member.first_name, Member.last_name, Member.status
        ).where(Member.id.is_in(member_ids))
    }
    names = {}
    for row in rows:
        person = people.get(row["member"])
        if person is None or person["id"] in restricted or person["status"] == MemberStatus.erased:
            continue
        names[row["id"]] = " ".join(p for p in (person["first_name"], person["last_name"]) if p)
    return names


def missing_parts(candidacy: Mapping[str, Any]) -> list[Message]:
    """What still has to be filled in before the candidacy can be submitted."""
    missing: list[Message] = []
    if not str(candidacy.get("title") or "").strip():
        missing.append(Message(N_("a title")))
    if not str(candidacy.get("summary") or "").strip():
        missing.append(Message(N_("a summary")))
    if candidacy["edition"]["categories"] and candidacy.get("category") is None:
        missing.append(Message(N_("a category")))
    for entry in candidacy["texts"]:
        if not entry["text"].strip():
            missing.append(
                Message(
                    N_("a text for the criterion ‘%(criterion)s’"),
                    {"criterion": entry["criterion"]["name"]},
                )
            )
    return missing


async def my_candidacies(viewer: Principal) -> list[dict[str, Any]]:
    """The viewer's own candidacies, newest first."""
    if viewer.member_id is None:
        return []
    return (
        await Candidacy.select(
            Candidacy.id,
            Candidacy.title,
            Candidacy.state,
            Candidacy.submitted_at,
            Candidacy.updated_at,
            Candidacy.edition,
            Candidacy.edition.name.as_alias("edition_name"),
            Candidacy.edition.state.as_alias("edition_state"),
            Candidacy.edition.submission_deadline.as_alias("submission_deadline"),
        )
        .where(Candidacy.member == viewer.member_id)
        .order_by(Candidacy.id, ascending=False)
    )


async def edition_candidacies(viewer: Principal, edition_id: int) -> list[dict[str, Any]]:
    """Every candidacy of an edition, for its organisers: submitted first, then drafts. Who
    submitted it (name and member id) is left out while they are restricted or once erased."""
    if not viewer.has_role(Role.organiser):
        raise Forbidden(N_("only organisers see all candidacies"))
    await get_edition(edition_id)
    rows = await Candidacy.select(
        Candidacy.id,
        Candidacy.title,
        Candidacy.state,
        Candidacy.submitted_at,
        Candidacy.updated_at,
        Candidacy.member,
        Candidacy.category.name.as_alias("category_name"),
        Candidacy.organisation.name.as_alias("organisation_name"),
    ).where(Candidacy.edition == edition_id)
    names = await submitter_names(rows)
    for row in rows:
        row["submitter"] = names.get(row["id"], "")
        if row["id"] not in names:  # withheld like the name: an id names them as well
            row["member"] = None
    order = {CandidacyState.submitted: 0, CandidacyState.draft: 1, CandidacyState.withdrawn: 2}
    return sorted(rows, key=lambda row: (order.get(row["state"], 3), row["id"]))


# --- Changing ---------------------------------------------------------------------------------


async def organisation_of(viewer: Principal) -> int:
    """The organisation a member's candidacy is for: the one their profile names."""
    if viewer.member_id is None:
        raise Forbidden(N_("this account has no member profile to start a candidacy"))
    member = await Member.select(Member.organisation).where(Member.id == viewer.member_id).first()
    if member is None or member["organisation"] is None:
        raise Conflict(
            N_(
                "your profile names no organisation; ask the network's staff to add your "
                "organisation to your profile, then start the candidacy"
            ),
            field="organisation",
        )
    return member["organisation"]


async def start_candidacy(viewer: Principal, edition_id: int, data: Mapping[str, Any]) -> int:
    """A draft for the viewer's organisation. An organisation has one candidacy per edition
    (a withdrawn one aside): two colleagues do not send the jury two dossiers. Jurors of the
    organisation lose their assignments: a candidate judges no competitor."""
    organisation_id = await organisation_of(viewer)
    async with edition_locked(edition_id):
        edition = await get_edition(edition_id)
        refuse_when_closed(edition)
        clean = clean_candidacy(data, edition, creating=True)
        taken = await Candidacy.exists().where(
            (Candidacy.edition == edition_id)
            & (Candidacy.organisation == organisation_id)
            & (Candidacy.state != CandidacyState.withdrawn)
        )
        if taken:
            raise Conflict(
                N_("your organisation already has a candidacy for this edition"),
                field="organisation",
            )
        now = utc_now()
        row = Candidacy(
            edition=edition_id,
            member=viewer.member_id,
            organisation=organisation_id,
            title=clean["title"],
            summary=clean.get("summary", ""),
            category=clean.get("category"),
            state=CandidacyState.draft,
            created_at=now,
            updated_at=now,
        )
        await row.save()
        await _save_texts(row.id, clean.get("texts", {}))
        # A juror of this organisation now competes: they judge none of the edition's dossiers.
        await drop_conflicting_assignments(edition_id)
        return row.id


def _as_shown(values: Mapping[str, Any]) -> dict[str, Any]:
    """A candidacy's fields one by one, each criterion's text as its own, named as its form
    names it (`text_<id>`): a text changed in two tabs is refused beside its field."""
    shown = {field: values[field] for field in ("title", "summary", "category") if field in values}
    texts = values.get("texts") or {}
    return shown | {f"text_{criterion}": text for criterion, text in texts.items()}


def seen_candidacy(candidacy: Mapping[str, Any]) -> str:
    """The candidacy as its form shows it, for the form's hidden `_seen` field: a save then
    writes only what was changed in it (`update_candidacy`, `kring.seen`)."""
    texts = {entry["criterion"]["id"]: entry["text"] for entry in candidacy.get("texts", [])}
    return snapshot(_as_shown({**candidacy, "texts": texts}))


async def _without_untouched(
    clean: dict[str, Any], seen: str | None, row: Mapping[str, Any]
) -> dict[str, Any]:
    """`clean` without what came back as shown; refused if it overwrites what was saved in
    another tab meanwhile (`kring.seen.EditedMeanwhile`)."""
    if seen:
        texts = await CandidacyText.select(CandidacyText.criterion, CandidacyText.text).where(
            CandidacyText.candidacy == row["id"]
        )
        now = {**row, "texts": {text["criterion"]: text["text"] for text in texts}}
        check_meanwhile(_as_shown(clean), seen, _as_shown(now))
    same = untouched(_as_shown(clean), seen)
    kept = {field: value for field, value in clean.items() if field not in same}
    if "texts" in clean:
        kept["texts"] = {c: t for c, t in clean["texts"].items() if f"text_{c}" not in same}
    return kept


async def update_candidacy(
    viewer: Principal, candidacy_id: int, data: Mapping[str, Any], seen: str | None = None
) -> None:
    """Change the texts. A submitted candidacy stays submitted, so it must stay complete. With
    `seen` (the form's `_seen`), the fields sent back as the form showed them are left as they
    are now: the same member may have changed them meanwhile in another tab."""
    async with changing(viewer, candidacy_id) as (row, edition):
        clean = await _without_untouched(clean_candidacy(data, edition), seen, row)
        if row["state"] == CandidacyState.submitted:
            _refuse_emptying(clean, edition)
        values: dict[Any, Any] = {
            getattr(Candidacy, field): clean[field]
            for field in ("title", "summary", "category")
            if field in clean
        }
        values[Candidacy.updated_at] = utc_now()
        await Candidacy.update(values).where(Candidacy.id == candidacy_id)
        await _save_texts(candidacy_id, clean.get("texts", {}))


def _refuse_emptying(clean: Mapping[str, Any], edition: Mapping[str, Any]) -> None:
    emptied = N_("a submitted candidacy needs it; it cannot be emptied")
    if "summary" in clean and not clean["summary"]:
        raise FieldError("summary", emptied)
    if "category" in clean and clean["category"] is None and edition["categories"]:
        raise FieldError("category", emptied)
    for criterion_id, text in clean.get("texts", {}).items():
        if not text:
            raise FieldError(f"texts.{criterion_id}", emptied)


async def _save_texts(candidacy_id: int, texts: Mapping[int, str]) -> None:
    if not texts:
        return
    existing = {
        row["criterion"]: row["id"]
        for row in await CandidacyText.select(CandidacyText.id, CandidacyText.criterion).where(
            CandidacyText.candidacy == candidacy_id
        )
    }
    for criterion_id, text in texts.items():
        if criterion_id in existing:
            await CandidacyText.update({CandidacyText.text: text}).where(
                CandidacyText.id == existing[criterion_id]
            )
        else:
            await CandidacyText.insert(
                CandidacyText(candidacy=candidacy_id, criterion=criterion_id, text=text)
            )


async def submit_candidacy(viewer: Principal, candidacy_id: int) -> None:
    """Send the candidacy to the jury: every part must be filled in (Incomplete lists what
    is not). Submitting again before the deadline is harmless."""
    async with changing(viewer, candidacy_id) as (row, _):
        missing = missing_parts(await dossier(candidacy_id))
        if missing:
            raise Incomplete(missing)
        if row["state"] == CandidacyState.submitted:
            return
        now = utc_now()
        await Candidacy.update(
            {
                Candidacy.state: CandidacyState.submitted,
                Candidacy.submitted_at: now,
                Candidacy.updated_at: now,
            }
        ).where(Candidacy.id == candidacy_id)


async def withdraw_candidacy(viewer: Principal, candidacy_id: int) -> None:
    """Take the candidacy back (before the deadline); it is kept, read-only, and the
    organisation may start a new one."""
    async with changing(viewer, candidacy_id):
        await Candidacy.update(
            {Candidacy.state: CandidacyState.withdrawn, Candidacy.updated_at: utc_now()}
        ).where(Candidacy.id == candidacy_id)


async def add_attachment(viewer: Principal, candidacy_id: int, checked: CheckedFile) -> int:
    """Keep a checked file (kring.uploads.check_upload) with the candidacy."""
    async with changing(viewer, candidacy_id):
        count = await Attachment.count().where(Attachment.candidacy == candidacy_id)
        if count >= MAX_ATTACHMENTS:
            raise Conflict(
                N_("a candidacy has at most %(limit)s attachments; remove one first"),
                field="file",
                limit=MAX_ATTACHMENTS,
            )
        now = utc_now()
        row = Attachment(**file_values(checked), candidacy=candidacy_id, uploaded_at=now)
        await row.save()
        await Candidacy.update({Candidacy.updated_at: now}).where(Candidacy.id == candidacy_id)
        return row.id


async def remove_attachment(viewer: Principal, candidacy_id: int, attachment_id: int) -> None:
    async with changing(viewer, candidacy_id):
        removed = (
            await Attachment.delete()
            .where((Attachment.id == attachment_id) & (Attachment.candidacy == candidacy_id))
            .returning(Attachment.id)
        )
        if not removed:
            raise NotFound(N_("no attachment %(id)s"), id=attachment_id)


async def attachment_file(
    viewer: Principal, candidacy_id: int, attachment_id: int
) -> dict[str, Any]:
    """An attachment with its content, for its candidacy's readers."""
    await _readable(viewer, candidacy_id)
    return await stored_file(candidacy_id, attachment_id)


async def stored_file(candidacy_id: int, attachment_id: int) -> dict[str, Any]:
    """An attachment's name, type and content, without asking who reads (the jury's pages
    check their own rule first)."""
    found = (
        await Attachment.select(Attachment.filename, Attachment.content_type, Attachment.content)
        .where((Attachment.id == attachment_id) & (Attachment.candidacy == candidacy_id))
        .first()
    )
    if found is None:
        raise NotFound(N_("no attachment %(id)s"), id=attachment_id)
    return found


async def organisation_candidacy(viewer: Principal, edition_id: int) -> int | None:
    """The viewer's own open candidacy in an edition, if any (the landing page links it)."""
    if viewer.member_id is None:
        return None
    row = (
        await Candidacy.select(Candidacy.id)
        .where(
            (Candidacy.edition == edition_id)
            & (Candidacy.member == viewer.member_id)
            & (Candidacy.state != CandidacyState.withdrawn)
        )
        .first()
    )
    return row["id"] if row else None
