"""The library rows of a person (tests/privacy/people.py): an item they contributed (a
speaker's slides) and its file.

Erasure removes both (declared in library/tables.py), so the person's canaries go into every
text of the item (title, summary, body, tags, link) and into the file's name and content.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from kring.clock import utc_now
from library.analysis import index_text
from library.tables import LibraryAttachment, LibraryItem

if TYPE_CHECKING:
    from tests.privacy.people import Factory, Person


async def _item(p: Person) -> int:
    title, summary, body = p.text("slides"), p.text("samenvatting"), p.text("toelichting")
    tags = [p.secret]
    now = utc_now()
    rows = await LibraryItem.insert(
        LibraryItem(
            kind="slides",
            title=title,
            summary=summary,
            body=body,
            tags=tags,
            language="nl",
            link="https://example.org/" + p.text("webpagina").replace(" ", "-"),
            contributor=p.member_id,
            search_text=index_text(title, summary, body, tags, "nl"),
            published_at=now,
            updated_at=now,
        )
    ).returning(LibraryItem.id)
    return rows[0]["id"]


async def _library_item(p: Person) -> None:
    await _item(p)


async def _library_attachment(p: Person) -> None:
    content = b"%PDF-1.4\n% " + p.text("slidebestand").encode() + b"\n%%EOF\n"
    await LibraryAttachment.insert(
        LibraryAttachment(
            item=await _item(p),
            filename=p.text("presentatie").replace(" ", "-") + ".pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            uploaded_at=utc_now(),
        )
    )


LIBRARY_FACTORIES: dict[str, Factory] = {
    "library_item": _library_item,
    "library_attachment": _library_attachment,
}
