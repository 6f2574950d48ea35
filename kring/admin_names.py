"""Piccolo Admin (`/admin`) names tables and columns in the reader's language, as Kring does.

Piccolo Admin shows a table by its database name ("organisation_domain" as "Organisation
Domain") and has no setting for another (piccolo_admin issue #110, "`TableConfig` name
overrides"); it shows a column by the `title` of the table's JSON schema, which Piccolo derives
from the column's name ("Job Title"). So the admin mount (`kring.admin_site`) rewrites two of its
answers: each table's schema gets Kring's column labels (`kring.table_labels`) as titles, and the
admin's page carries the tables' names for `/static/admin-names.js`, which puts them where
Piccolo Admin writes a table's name (and its page sizes' words, "15 per pagina"), with
`/static/admin.css`, which stops it capitalising every word of a name ("Terug Naar Kring").
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kring.admin_texts import ADD_HEADING, EDIT_HEADING, PATTERNS, SHOWN, field_patterns
from kring.messages import N_
from kring.table_labels import column_label, table_label
from kring.vocabulary import LABELS, label

Gettext = Callable[[str], str]

ADMIN_TABLE_NAMES: dict[str, str] = {"member": N_("Members")}
"""Where the admin's list names a table otherwise than the privacy pages do (a member's row
there is "Profile", one person's)."""

ADMIN_COLUMN_LABELS: dict[tuple[str, str], str] = {
    ("organisation", "enterprise_number"): N_("Enterprise number"),
    ("organisation", "website"): N_("Website"),
    ("organisation", "search_name"): N_("Name for searching"),
    ("organisation_domain", "domain"): N_("E-mail domain"),
    ("member", "search_name"): N_("Name for searching"),
}
"""Columns the privacy pages never show (left off there or named for a download), as the admin
shows them."""

PER_PAGE = N_("per page")
"""Piccolo Admin writes the page sizes it offers as "15 per page" in its own code, outside its
translations: Kring's script writes them with this."""

SCHEMA_PATH = re.compile(r"/api/tables/(?P<table>\w+)/schema/?")
"""Piccolo Admin's schema of a table, below the mount."""

TABLE_LISTS = re.compile(r"/api/tables/(?:grouped/)?")
"""Piccolo Admin's lists of its tables, below the mount: its sidebar and start page show them
in the order given, which it sorts by the tables' database names."""

READABLE_COLUMN = N_("%(column)s (as shown)")
"""The heading of a column Piccolo Admin's CSV export adds beside each reference
(`organisation_readable`): the row it points at as the admin's lists show it (Kring's tables
give Piccolo no readable name, so its number)."""

OF = N_("of")
"""Piccolo Admin writes its pager's "of 21" in its own code, outside its translations."""

MENU = N_("Menu")
"""The name of Piccolo Admin's menu button on a phone (three lines, a link without a name)."""

CONTROL_NAMES: dict[str, str] = {
    "select row": N_("Select row %(row)s"),
    "select all": N_("Select every row on this page"),
    "row actions": N_("Actions for row %(row)s"),
    "more actions": N_("Actions for this row"),
    "actions": N_("Actions"),
    "close": N_("Close"),
    "sorted up": N_("Sorted from low to high; change the sort"),
    "sorted down": N_("Sorted from high to low; change the sort"),
    "previous page": N_("Previous page"),
    "next page": N_("Next page"),
    "page": N_("Page number"),
    "page size": N_("Rows per page"),
    "sort column": N_("Sort by"),
    "sort direction": N_("Sort direction"),
    "add row": ADD_HEADING,
    "edit row": EDIT_HEADING,
    "yes": N_("yes"),
    "no": N_("no"),
}
"""Names for what Piccolo Admin draws as an icon alone, without a name for a screen reader
(axe-core's label, link-name and select-name): its rows' checkboxes, a row's menu of actions
(three dots), the cross that closes a window or a notice, the arrow of a sorted column, its
pager's arrows, page number and page size, a yes or no in a cell, the links beside a reference
in its forms (add a row to the table it points at, edit that row), the lists of its sort window.
`/static/admin-labels.js` gives them these, and each field of its forms its label, which it
does not tie to the field."""

QUESTIONS: dict[str, str] = {
    "Are you sure you want to logout?": N_("Are you sure you want to log out?"),
    "Are you sure you want to delete this row?": N_("Are you sure you want to delete this row?"),
    "Are you sure you want to delete the selected rows?": N_(
        "Are you sure you want to delete the selected rows?"
    ),
}
"""Piccolo Admin asks these before logging out and deleting in its own code (`window.confirm`),
outside its translations: Kring's script asks them with these."""

DELETE_ROW = N_("Are you sure you want to delete row %(row)s?")
"""Its question before deleting one row of a list, which names the row's id."""

HEAD_END = b"</head>"


def admin_table_name(table: str, gettext: Gettext) -> str:
    label = ADMIN_TABLE_NAMES.get(table)
    return gettext(label) if label else table_label(table, gettext)


def admin_column_label(table: str, column: str, gettext: Gettext) -> str:
    label = ADMIN_COLUMN_LABELS.get((table, column))
    return gettext(label) if label else column_label(table, column, gettext)


def shown_names(tables: Iterable[str], gettext: Gettext) -> dict[str, str]:
    """Each table's name as Piccolo Admin writes it (`organisation domain`, lower case: its
    stylesheet capitalises it) to the name in the reader's language."""
    return {table.replace("_", " "): admin_table_name(table, gettext) for table in tables}


def admin_words(
    tables: Iterable[str],
    gettext: Gettext,
    columns: Mapping[str, Iterable[str]] | None = None,
    language: str = "nl",
) -> dict[str, Any]:
    """What `/static/admin-names.js` writes into Piccolo Admin's page, in the reader's language:
    also its texts written outside its translations (`kring.admin_texts`), and each table's
    columns by their labels (its sort, export and bulk change name them by their keys, its CSV
    file's first line too: `/static/admin-csv.js`)."""
    tables = list(tables)
    return {
        "tables": shown_names(tables, gettext),
        "per page": gettext(PER_PAGE),
        "of": gettext(OF),
        "menu": gettext(MENU),
        "labels": {key: gettext(message) for key, message in CONTROL_NAMES.items()},
        "questions": {asked: gettext(question) for asked, question in QUESTIONS.items()},
        "delete row": gettext(DELETE_ROW),
        "texts": {shown: gettext(message) for shown, message in SHOWN.items()},
        "patterns": {
            **{pattern: gettext(message) for pattern, message in PATTERNS.items()},
            **field_patterns(gettext),
        },
        "headings": {
            gettext("Add"): gettext(ADD_HEADING),
            gettext("Edit"): gettext(EDIT_HEADING),
        },
        "table keys": {admin_table_name(table, gettext): table for table in tables},
        "columns": {
            table: {column: admin_column_label(table, column, gettext) for column in names}
            for table, names in (columns or {}).items()
        },
        "readable column": gettext(READABLE_COLUMN),
        "locale": "nl-BE" if language == "nl" else language,
        "language": language,
    }


def _sort_key(name: str) -> str:
    """How a reader looks a name up in a list: letters without their accents, any case."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def in_reading_order(tables: Iterable[str], gettext: Gettext) -> list[str]:
    """The tables in the alphabetical order of their names in the reader's language."""
    return sorted(tables, key=lambda table: _sort_key(admin_table_name(table, gettext)))


def ordered_table_list(body: bytes, gettext: Gettext) -> bytes:
    """Piccolo Admin's list of tables (a list, or `{"grouped": {...}, "ungrouped": [...]}`) in
    the reader's order; anything else as it is."""
    try:
        listed = json.loads(body)
    except ValueError:
        return body
    if isinstance(listed, list) and all(isinstance(t, str) for t in listed):
        return json.dumps(in_reading_order(listed, gettext)).encode()
    if not isinstance(listed, dict):
        return body
    for key, value in listed.items():
        if key == "ungrouped" and isinstance(value, list):
            listed[key] = in_reading_order(value, gettext)
        elif key == "grouped" and isinstance(value, dict):
            listed[key] = {g: in_reading_order(t, gettext) for g, t in value.items()}
    return json.dumps(listed).encode()


def titled_schema(table: str, schema: dict[str, Any], gettext: Gettext) -> dict[str, Any]:
    """`schema` with Kring's label as each column's title (a column without one keeps its own),
    and as each stored choice's name: Piccolo Admin names a choice after its value ("In
    Person", "Nl"), Kring's pages by its label ("persoonlijk", "Nederlands")."""
    for column, described in (schema.get("properties") or {}).items():
        if not isinstance(described, dict):
            continue
        described["title"] = admin_column_label(table, column, gettext)
        choices = (described.get("extra") or {}).get("choices")
        for choice in choices.values() if isinstance(choices, dict) else ():
            if isinstance(choice, dict) and str(choice.get("value")) in LABELS:
                choice["display_name"] = label(choice["value"], gettext)
    return schema


def with_names(page: bytes, words: dict[str, Any]) -> bytes:
    """Piccolo Admin's page with Kring's stylesheet and `words` (`admin_words`: a data block,
    which no browser runs, escaped so a name cannot end it) for Kring's script, the script
    that escapes the cells of its CSV export as Kring's own exports do (`/static/admin-csv.js`),
    the one that leads its *Change password* to Kring's page (`/static/admin-account.js`) and
    the one that names its controls drawn as an icon alone (`/static/admin-labels.js`)."""
    data = json.dumps(words).replace("<", "\\u003c").replace("&", "\\u0026")
    added = (
        '<link rel="stylesheet" href="/static/admin.css">'
        f'<script type="application/json" id="kring-table-names">{data}</script>'
        '<script src="/static/admin-names.js" defer></script>'
        '<script src="/static/admin-csv.js" defer></script>'
        '<script src="/static/admin-account.js" defer></script>'
        '<script src="/static/admin-labels.js" defer></script>'
    ).encode()
    return page.replace(HEAD_END, added + HEAD_END, 1) if HEAD_END in page else page
