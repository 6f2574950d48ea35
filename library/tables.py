"""The library: resources members share (articles, slides of past events, guides, templates,
links), each with an optional attached file. Seen by every signed-in account; published, edited
and retired by organisers.

`search_text` is what full-text search reads: the item's words folded and stemmed in Python
(`library.analysis`), one code path for both databases. SQLite indexes it in the FTS5 table
`library_item_fts` (kept in step by triggers), PostgreSQL in a generated `tsvector` column with
a GIN index; both are made by the app's second migration, not by Piccolo.
"""

from __future__ import annotations

from piccolo.columns import Array, ForeignKey, OnDelete, Text, Timestamptz, Varchar
from piccolo.table import Table

from kring.choices import Language
from kring.clock import utc_now
from kring.declarations import Erase, LegalBasis, declare, declare_free_text
from kring.tables import Member
from kring.uploads import FileColumns
from kring.vocabulary import N_
from library.choices import BodyFormat, ItemKind


class LibraryItem(Table):
    """One resource. `retired_at` set: hidden from members, kept (and marked) for organisers.
    `contributor`: the member whose work it is (a speaker's slides), shown to members when the
    contributor may be named (`library.contributors`)."""

    kind = Varchar(length=10, choices=ItemKind, default=ItemKind.article, index=True)
    title = Varchar(length=200)
    summary = Text(default="")
    body = Text(default="")
    body_format = Varchar(length=8, choices=BodyFormat, default=BodyFormat.markdown)
    tags = Array(base_column=Varchar(length=40))
    language = Varchar(length=2, choices=Language, default=Language.nl, index=True)
    link = Varchar(length=500, default="")
    contributor = ForeignKey(Member, on_delete=OnDelete.set_null, null=True, index=True)
    search_text = Text(default="")
    published_at = Timestamptz(index=True)
    updated_at = Timestamptz(auto_update=utc_now)
    retired_at = Timestamptz(null=True, default=None, index=True)


class LibraryAttachment(FileColumns, Table):
    """The file of an item (at most one), apart from the item so that searching 100,000 items
    never reads a file."""

    item = ForeignKey(LibraryItem, on_delete=OnDelete.cascade, unique=True, index=True)
    uploaded_at = Timestamptz()


LIBRARY_RETENTION = N_(
    "while the item is in the library; an item contributed by a member is removed with the "
    "member's erasure"
)

declare(
    LibraryItem,
    subject="contributor",
    columns={
        "contributor": Erase.delete_row,
        "title": Erase.delete_row,
        "summary": Erase.delete_row,
        "body": Erase.delete_row,
        "tags": Erase.delete_row,
        "link": Erase.delete_row,
        "search_text": Erase.delete_row,
    },
    category=N_("library contributions"),
    purpose=N_("share the network's knowledge: the resources a member contributed (their slides)"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=LIBRARY_RETENTION,
    notes="erasure removes the items the person contributed: a speaker's slides and their "
    "texts name and show the person and cannot be scrubbed of them reliably; items without a "
    "contributor are the network's and are not personal data",
)
declare(
    LibraryAttachment,
    subject="item",
    columns={"filename": Erase.delete_row, "content": Erase.delete_row},
    category=N_("library contributions"),
    purpose=N_("share the network's knowledge: the file of a resource a member contributed"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=LIBRARY_RETENTION,
    notes="removed with its item",
)

declare_free_text(
    LibraryItem, ("title", "summary", "body"), owner="contributor", label=N_("Library item")
)
