"""Publishing, editing, retiring and reading library items: the rules, in one place.

Every signed-in account reads the library; organisers (and admins) publish, edit, attach files,
retire and republish. A retired item is gone for everyone else: its id answers 404, exactly as
an id that never existed. Saving an item recomputes its `search_text` (`library.analysis`),
which the database's full-text index follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from piccolo.columns.combination import WhereRaw
from piccolo.engine import engine_finder

from kring.choices import Language, MemberStatus, Role
from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.errors import Conflict, Forbidden, NotFound
from kring.member_lock import writer_locked
from kring.messages import N_, Term
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched
from kring.tables import Member
from kring.uploads import CheckedFile, file_values
from kring.validation import (
    Checks,
    FieldError,
    briefly,
    normalise_email,
    normalise_tags,
    normalise_website,
    require_line,
    require_text,
)
from library.analysis import index_text
from library.choices import BodyFormat, ItemKind
from library.tables import LibraryAttachment, LibraryItem
from privacy.restriction import is_restricted

FIELDS = ("kind", "title", "summary", "body", "body_format", "tags", "language", "link")
TITLE_LIMIT = 200
SUMMARY_LIMIT = 1000
BODY_LIMIT = 20_000
LINK_LIMIT = 500
REPEAT_WINDOW = timedelta(seconds=10)
"""The same item published again within this time is a repeated submit, not a new item."""
ITEM_COLUMNS = (
    LibraryItem.id,
    LibraryItem.kind,
    LibraryItem.title,
    LibraryItem.summary,
    LibraryItem.body,
    LibraryItem.body_format,
    LibraryItem.tags,
    LibraryItem.language,
    LibraryItem.link,
    LibraryItem.contributor,
    LibraryItem.published_at,
    LibraryItem.updated_at,
    LibraryItem.retired_at,
)


def is_organiser(viewer: Principal) -> bool:
    return viewer.has_role(Role.organiser)


def require_organiser(viewer: Principal) -> None:
    if not is_organiser(viewer):
        raise Forbidden(N_("only organisers may do this"))


class NoFile(NotFound):
    """The item exists but has no file (any more)."""

    def __init__(self) -> None:
        super().__init__(N_("this item has no file"), field="item_id")


def not_found(item_id: int) -> NotFound:
    return NotFound(N_("no library item %(item_id)s"), field="item_id", item_id=item_id)


# --- reading ----------------------------------------------------------------------------------


async def load_item(viewer: Principal, item_id: int) -> dict[str, Any]:
    """The item with its attachment's name and size; 404 for a retired item unless the viewer
    is an organiser."""
    row = await LibraryItem.select(*ITEM_COLUMNS).where(LibraryItem.id == item_id).first()
    if row is None or (row["retired_at"] is not None and not is_organiser(viewer)):
        raise not_found(item_id)
    attachment = (
        await LibraryAttachment.select(
            LibraryAttachment.filename, LibraryAttachment.content_type, LibraryAttachment.size
        )
        .where(LibraryAttachment.item == item_id)
        .first()
    )
    return {**row, "tags": list(row["tags"] or []), "attachment": attachment}


async def load_attachment(viewer: Principal, item_id: int) -> dict[str, Any]:
    await load_item(viewer, item_id)
    row = (
        await LibraryAttachment.select(
            LibraryAttachment.filename, LibraryAttachment.content_type, LibraryAttachment.content
        )
        .where(LibraryAttachment.item == item_id)
        .first()
    )
    if row is None:
        raise NoFile()
    return row


async def contributor_email(member_id: int | None) -> str:
    """For the organisers' edit form: the contributor as they typed them."""
    if member_id is None:
        return ""
    row = await Member.select(Member.email).where(Member.id == member_id).first()
    return (row or {}).get("email") or ""


# --- checking what was sent -------------------------------------------------------------------


def _choice(raw: Any, field: str, allowed: type[Any], message: str) -> str:
    """`message` names each allowed value as `%(choice_<value>)s`: the API reads the values,
    a page their labels in the reader's language (`kring.vocabulary`)."""
    text = str(raw or "").strip()
    values = [choice.value for choice in allowed]
    if text not in values:
        choices = {f"choice_{value}": Term(value) for value in values}
        raise FieldError(field, message, value=briefly(text, 40), **choices)
    return text


def _tags(raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else str(raw or "").split(",")
    return normalise_tags([str(item) for item in items])


def checked_values(draft: Mapping[str, Any], stored: Mapping[str, Any] | None = None) -> dict:
    """The item's columns from what a form or the API sent (`stored`: the item as it is, for a
    change of some fields), with its search text; every refused field is reported at once
    (`Checks`)."""
    merged = {**(stored or {}), **{k: v for k, v in draft.items() if k in FIELDS}}
    checks = Checks()
    values: dict[str, Any] = {}
    with checks:
        values["kind"] = _choice(
            merged.get("kind") or ItemKind.article,
            "kind",
            ItemKind,
            N_(
                "%(value)r is not a kind of item; choose %(choice_article)s, %(choice_slides)s,"
                " %(choice_guide)s, %(choice_template)s or %(choice_link)s"
            ),
        )
    with checks:
        values["title"] = require_line(str(merged.get("title") or ""), "title", TITLE_LIMIT)
    with checks:
        summary = str(merged.get("summary") or "")
        values["summary"] = require_text(summary, "summary", SUMMARY_LIMIT)
    with checks:
        body = str(merged.get("body") or "")
        values["body"] = require_text(body, "body", BODY_LIMIT, required=False)
    with checks:
        values["body_format"] = _choice(
            merged.get("body_format") or BodyFormat.markdown,
            "body_format",
            BodyFormat,
            N_("%(value)r is not a text format; choose %(choice_markdown)s or %(choice_plain)s"),
        )
    with checks:
        values["tags"] = _tags(merged.get("tags"))
    with checks:
        values["language"] = _choice(
            merged.get("language") or Language.nl,
            "language",
            Language,
            N_("%(value)r is not a language of the library; choose %(choice_nl)s or %(choice_en)s"),
        )
    with checks:
        link = require_line(str(merged.get("link") or ""), "link", LINK_LIMIT, required=False)
        values["link"] = normalise_website(link, "link")
    needs_link = values.get("kind") == ItemKind.link and not values.get("link")
    if needs_link and not checks.refused("link"):
        checks.add(FieldError("link", N_("an item of the kind link needs its web address")))
    checks.done()
    values["search_text"] = index_text(
        values["title"], values["summary"], values["body"], values["tags"], values["language"]
    )
    return values


async def checked_contributor(
    draft: Mapping[str, Any],
    now_named: int | None = None,
    stored: Mapping[str, Any] | None = None,
) -> int | None:
    """The contributor a form names by e-mail address (`contributor_by_email`); when it is
    refused, the item's fields are checked with it, so the form names every wrong field at
    once and not the contributor first and the rest after the next submit."""
    checks = Checks()
    contributor = None
    with checks:
        contributor = await contributor_by_email(str(draft.get("contributor") or ""), now_named)
    if checks.errors:
        with checks:
            checked_values(draft, stored)
    checks.done()
    return contributor


async def _living_member_with_email(email: str) -> dict[str, Any] | None:
    """The address as stored, else in any case: people write "Saar.Spreker@…" in a signature
    for the member stored as "saar.spreker@…"."""
    living = Member.status != MemberStatus.erased
    exact = await Member.select(Member.id).where((Member.email == email) & living).first()
    if exact is not None:
        return exact
    any_case = WhereRaw('lower("member"."email") = {}', email.lower())
    return await Member.select(Member.id).where(any_case & living).order_by(Member.id).first()


async def contributor_by_email(raw: str, now_named: int | None = None) -> int | None:
    """The member an organiser names as contributor, by e-mail address; none for blank.
    `now_named` is the item's contributor so far (kept even when restricted since)."""
    if not raw.strip():
        return None
    email = normalise_email(raw, "contributor")
    row = await _living_member_with_email(email)
    if row is None:
        raise FieldError(
            "contributor", N_("no member has the e-mail address %(email)s"), email=email
        )
    return await _attachable(row["id"], now_named)


async def contributor_by_id(member_id: int | None, now_named: int | None = None) -> int | None:
    if member_id is None:
        return None
    row = (
        await Member.select(Member.id)
        .where((Member.id == member_id) & (Member.status != MemberStatus.erased))
        .first()
    )
    if row is None:
        raise FieldError("contributor", N_("no member %(member_id)s"), member_id=member_id)
    return await _attachable(member_id, now_named)


async def _attachable(member_id: int, now_named: int | None) -> int:
    """A member whose processing is restricted (GDPR art. 18) is not newly attached to an
    item, as projects do not add them; an item that named them before keeps them."""
    if member_id != now_named and await is_restricted(member_id):
        raise Conflict(
            N_("this member's processing is restricted: they cannot be added now"),
            field="contributor",
        )
    return member_id


async def named_contributor(item_id: int) -> int | None:
    """The contributor an item names now (for a change that keeps them)."""
    row = await LibraryItem.select(LibraryItem.contributor).where(LibraryItem.id == item_id).first()
    return row["contributor"] if row else None


# --- changing ---------------------------------------------------------------------------------


class Keep:
    """A change that leaves the contributor as it is."""


KEEP = Keep()


async def create_item(
    viewer: Principal, draft: Mapping[str, Any], contributor: int | None = None
) -> int:
    """Publishes the item; the same item again within `REPEAT_WINDOW` (a double click, three
    identical API calls at once) publishes nothing new and answers the first one's id."""
    require_organiser(viewer)
    values = checked_values(draft)
    async with writer_locked(viewer):
        now = utc_now()
        same = await _published_just_now(values, contributor, now - REPEAT_WINDOW)
        if same is not None:
            return same
        rows = await LibraryItem.insert(
            LibraryItem(**values, contributor=contributor, published_at=now, updated_at=now)
        ).returning(LibraryItem.id)
    return rows[0]["id"]


async def _published_just_now(
    values: Mapping[str, Any], contributor: int | None, since: datetime
) -> int | None:
    """An item published since `since` with the same text and the same tags: one that differs
    only in its tags (a tag added before publishing again) is a new item, not a repeat whose
    new tags would be lost."""
    same_contributor = (
        LibraryItem.contributor.is_null()
        if contributor is None
        else LibraryItem.contributor == contributor
    )
    rows = (
        await LibraryItem.select(LibraryItem.id, LibraryItem.tags)
        .where(
            (LibraryItem.published_at >= since)
            & same_contributor
            & (LibraryItem.kind == values["kind"])
            & (LibraryItem.title == values["title"])
            & (LibraryItem.summary == values["summary"])
            & (LibraryItem.body == values["body"])
            & (LibraryItem.link == values["link"])
            & (LibraryItem.language == values["language"])
        )
        .order_by(LibraryItem.id)
    )
    same = [row["id"] for row in rows if list(row["tags"] or []) == values["tags"]]
    return same[0] if same else None


async def _stored(item_id: int, locked: bool = False) -> dict[str, Any]:
    """The item as stored; `locked` (inside a write transaction) holds its row until the end,
    so that changes of its file come one after the other: on PostgreSQL two uploads at once
    each found no file and the second insert broke the one-file rule (409). SQLite's write
    transaction already lets one writer in at a time."""
    query = LibraryItem.select(*ITEM_COLUMNS).where(LibraryItem.id == item_id)
    if locked and is_postgres(engine_finder()):
        query = query.lock_rows("UPDATE")
    row = await query.first()
    if row is None:
        raise not_found(item_id)
    return row


def seen_item(item: Mapping[str, Any], contributor: str) -> str:
    """The item as its form shows it (the contributor by the address shown), for the form's
    hidden `_seen` field: a save then writes only what its organiser changed (`update_item`,
    `kring.seen`)."""
    return snapshot({field: item.get(field) for field in FIELDS} | {"contributor": contributor})


def contributor_untouched(draft: Mapping[str, Any], seen: str | None) -> bool:
    """Whether a form sent back the contributor as it showed them: the item then keeps the
    contributor it names now, whom another organiser may have named meanwhile."""
    return bool(untouched({"contributor": str(draft.get("contributor") or "")}, seen))


async def check_contributor_meanwhile(
    draft: Mapping[str, Any], seen: str | None, now_named: int | None
) -> None:
    """Refuses (`kring.seen.EditedMeanwhile`) a contributor the form names while another
    organiser named another one since the form showed it: one of the two would be lost."""
    mine = str(draft.get("contributor") or "").strip().lower()
    now = (await contributor_email(now_named)).lower()
    check_meanwhile({"contributor": mine}, seen, {"contributor": now})


async def update_item(
    viewer: Principal,
    item_id: int,
    draft: Mapping[str, Any],
    contributor: int | Keep | None = KEEP,
    seen: str | None = None,
) -> None:
    """Change the fields in `draft` (and the contributor, unless `KEEP`). With `seen` (the
    form's `_seen`), the fields sent back as the form showed them are left as they are now,
    and the rest is checked with them (another organiser may have changed them meanwhile); one
    changed by both is refused (`kring.seen.EditedMeanwhile`)."""
    require_organiser(viewer)
    async with write_transaction():
        stored = await _stored(item_id)
        given = {k: v for k, v in draft.items() if k in FIELDS}
        values = checked_values(given, stored)
        check_meanwhile({k: v for k, v in values.items() if k in given}, seen, stored)
        same = untouched({k: v for k, v in values.items() if k in given}, seen)
        if same:
            values = checked_values({k: v for k, v in given.items() if k not in same}, stored)
        if not isinstance(contributor, Keep):
            values["contributor"] = contributor
        await LibraryItem.update(values).where(LibraryItem.id == item_id)


async def set_retired(viewer: Principal, item_id: int, retired: bool) -> bool:
    """Retire (hide from members) or republish; whether anything changed."""
    require_organiser(viewer)
    stored = await _stored(item_id)
    if (stored["retired_at"] is not None) == retired:
        return False
    await LibraryItem.update({LibraryItem.retired_at: utc_now() if retired else None}).where(
        LibraryItem.id == item_id
    )
    return True


async def attach_file(viewer: Principal, item_id: int, checked: CheckedFile) -> None:
    """The item's file, replacing the one it had."""
    require_organiser(viewer)
    async with write_transaction():
        await _stored(item_id, locked=True)
        await LibraryAttachment.delete().where(LibraryAttachment.item == item_id)
        await LibraryAttachment.insert(
            LibraryAttachment(**file_values(checked), item=item_id, uploaded_at=utc_now())
        )


async def remove_file(viewer: Principal, item_id: int) -> None:
    """Removes the item's file; of two removals at once, the second finds none (404)."""
    require_organiser(viewer)
    async with write_transaction():
        await _stored(item_id, locked=True)
        found = await LibraryAttachment.exists().where(LibraryAttachment.item == item_id)
        if not found:
            raise NoFile()
        await LibraryAttachment.delete().where(LibraryAttachment.item == item_id)
