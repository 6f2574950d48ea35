"""Text as a file can hold it, whatever an older row contains.

Validation refuses control characters (`kring.validation`), but rows written before it did, or
changed by hand in the database, may still hold them. XML (so XLSX) and iCalendar cannot carry
them, and one such cell used to make the whole file fail; every writer passes text through
`writable`, which shows each such character as U+FFFD (�) instead.
"""

from __future__ import annotations

import re

# What neither XML 1.0 nor iCalendar's TEXT can hold: the C0 controls but tab, line feed and
# carriage return; lone surrogates; the non-characters U+FFFE and U+FFFF.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def writable(text: str) -> str:
    return UNWRITABLE.sub(REPLACEMENT, text)
