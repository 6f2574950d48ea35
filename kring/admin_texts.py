"""Piccolo Admin's texts written in its own code, outside its translations, in Kring's words.

Piccolo Admin translates its menus and buttons (`kring.admin_language`), but it writes its
notices ("Successfully saved row"), its questions and alerts, its filter's operators, its
tooltips and a few labels as English literals. Kring's admin page carries them in the reader's
language (`kring.admin_names.admin_words`) and `/static/admin-names.js` writes them where
Piccolo Admin shows them: in its text, its `title` and `placeholder` attributes, and in the
`alert` and `confirm` it asks. Each key is Piccolo Admin's text exactly (trimmed); each value a
message id of Kring's catalogues.
"""

from __future__ import annotations

from collections.abc import Callable

from kring.messages import N_

SHOWN: dict[str, str] = {
    # its notices after an action (the toast) and its alerts
    "Successfully added row": N_("The row is added."),
    "Successfully saved row": N_("The row is saved."),
    "Successfully updated rows": N_("The rows are changed."),
    "Successfully applied filter": N_("The filter is applied."),
    "Successfully cleared filters": N_("The filters are cleared."),
    "Successfully deleted row": N_("The row is deleted."),
    "Successfully deleted rows": N_("The rows are deleted."),
    "The form has errors.": N_("The form has errors; they are listed above it."),
    "Unable to delete the row.": N_("The row could not be deleted."),
    "Invalid column name or value": N_("Choose a column and give it a value."),
    "The server can't be reached - please try later.": N_(
        "The server cannot be reached; try again later."
    ),
    "Problem logging in": N_("Logging in did not work."),
    "Page not found": N_("This page does not exist."),
    "Please select at least one column.": N_("Choose at least one column."),
    # its labels
    "Error": N_("Error"),
    "Add sort column": N_("Sort by another column too"),
    "Columns": N_("Columns"),
    "Toggle all": N_("All or none"),
    "Include readable": N_("With the name of each linked row"),
    "Load more": N_("Show more"),
    "Set null:": N_("Empty:"),
    "NULL": N_("empty"),
    "Null": N_("empty"),
    "None": N_("none"),
    "All": N_("all"),
    "True": N_("yes"),
    "False": N_("no"),
    "Loading ...": N_("Loading…"),
    # its filter's ways to compare
    "Equals": N_("equal to"),
    "Not Equal": N_("not equal to"),
    "Less Than": N_("less than"),
    "Less Than or Equal To": N_("at most"),
    "Greater Than or Equal To": N_("at least"),
    "Greater Than": N_("greater than"),
    "contains": N_("contains"),
    "exact": N_("is exactly"),
    "starts": N_("starts with"),
    "ends": N_("ends with"),
    # its tooltips and placeholders
    "Translations": N_("Language"),
    "Bulk Update": N_("Change the selected rows"),
    "Delete selected Rows": N_("Delete the selected rows"),
    "Edit Row": N_("Edit the row"),
    "Delete Row": N_("Delete the row"),
    "Add": N_("Add"),
    "Remove": N_("Remove"),
    "View": N_("View"),
    "Show forms": N_("Show the forms"),
    "Hide forms": N_("Hide the forms"),
    "Show links": N_("Show the links"),
    "Hide links": N_("Hide the links"),
    "Show tables": N_("Show the tables"),
    "Hide tables": N_("Hide the tables"),
    "Show password": N_("Show the password"),
    "Hide password": N_("Hide the password"),
    "Type here to filter": N_("Type to search"),
}

PATTERNS: dict[str, str] = {
    r"^There are more than (?<count>\d+), are you sure you want to continue\?$": N_(
        "There are more than %(count)s rows. Do you want to export them all?"
    ),
    r"^Error - (?<detail>.*)$": N_("Error: %(detail)s"),
    r"^Problem fetching (?<table>.+) rows\.$": N_("The rows of %(table)s could not be read."),
    r"^Unable to delete row (?<row>.+) \((?<detail>.*)\)$": N_(
        "Row %(row)s could not be deleted (%(detail)s)."
    ),
    r"^Select a row from (?<table>.+)$": N_("Choose a row of %(table)s"),
}
"""Its texts that carry a value, as JavaScript regular expressions with named groups: the
value fills the message's placeholder of the same name (a number in the reader's notation,
a table by its name)."""

ADD_HEADING = N_("Add a row to %(table)s")
EDIT_HEADING = N_("Edit a row of %(table)s")
"""Its headings "Add member" and "Edit member": its translated verb and the table's name,
which reads as "Toevoegen Leden" in Dutch."""

FIELD_PROBLEMS: dict[str, str] = {
    r"Input should be a valid integer.*": N_("must be a whole number"),
    r"Input should be a valid (?:date|datetime).*": N_("must be a date like 2024-03-01"),
    r"Input should be a valid boolean.*": N_("must be yes or no"),
    r"Field required": N_("is required"),
}
"""Its list of a 422's fields reads 'joined_at field - Input should be a valid date…' (the
column's key and pydantic's English): each known problem in Kring's words, after the column's
label; another keeps pydantic's words after the label."""


def field_patterns(gettext: Callable[[str], str]) -> dict[str, str]:
    """`FIELD_PROBLEMS` as `PATTERNS` are written, in the reader's language."""
    field = r"^(?<column>\w+) field - "
    known = {
        f"{field}{problem}$": "%(column)s: " + gettext(message).replace("%", "%%")
        for problem, message in FIELD_PROBLEMS.items()
    }
    return {**known, f"{field}(?<detail>.*)$": "%(column)s: %(detail)s"}
