"""Text as a file or page can hold it, whatever an older row contains.

Validation refuses control characters (`kring.validation.CONTROL_CHARACTER`), but rows written
before it did, or changed by hand in the database, may still hold them. XML (so XLSX) and
iCalendar cannot carry most of them, and one such cell used to make the whole file fail; a
bidirectional override (U+202E) shows a name reversed. Every writer (CSV, XLSX, PDF, iCalendar,
the pages and mails through their templates' `finalize`) passes text through `writable`, which
shows each character that validation refuses as U+FFFD (�) instead.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from kring.validation import CONTROL_CHARACTER

UNWRITABLE = CONTROL_CHARACTER
REPLACEMENT = "\ufffd"


def writable(text: str) -> str:
    return UNWRITABLE.sub(REPLACEMENT, text)


def writable_output(value: Any) -> Any:
    """Jinja's `finalize`: every `{{ … }}` of a page or mail shows writable text. Markup stays
    markup (escaping it again would show its tags); values that are not text pass unchanged."""
    if not isinstance(value, str) or not UNWRITABLE.search(value):
        return value
    shown = UNWRITABLE.sub(REPLACEMENT, value)
    return Markup(shown) if isinstance(value, Markup) else shown  # noqa: S704 - was markup
