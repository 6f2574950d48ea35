"""What the library does first when a contributor's data is erased: their words leave the
full-text index for good.

Erasure deletes the items the person contributed (declared in `library.tables`), and the delete
trigger takes their words out of SQLite's FTS5 index, but only as a deletion marker: the words
stay in the index's older segments until they are merged, readable in the database file. So
before the rows go, their search text is emptied (the update trigger moves the index) and the
index is merged into one segment (`optimize`), which drops the deleted entries; the erasure's
`secure_delete` zeroes the pages they leave. PostgreSQL's GIN index holds them until the next
vacuum, as every table's deleted rows.
"""

from __future__ import annotations

from kring.database import is_postgres
from kring.declarations import Departure, declare_departure
from library.tables import LibraryItem


async def forget_contributions(member_id: int) -> None:
    contributed = LibraryItem.contributor == member_id
    if not await LibraryItem.exists().where(contributed):
        return
    await LibraryItem.update({LibraryItem.search_text: ""}).where(contributed)
    if not is_postgres(LibraryItem._meta.db):
        await LibraryItem.raw("INSERT INTO library_item_fts(library_item_fts) VALUES ('optimize')")


declare_departure(LibraryItem, Departure(erasing=forget_contributions))
