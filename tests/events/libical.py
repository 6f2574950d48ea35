"""libical, the parser behind Evolution and (through KCalendarCore) KDE, called directly with
ctypes from Debian's `libical3` (.ci/run installs it). It parses a file, and for a file with a
METHOD also runs its iTIP restriction check (RFC 5546); every problem it finds becomes an
`X-LIC-ERROR` property in the parsed tree, which is what we collect."""

from __future__ import annotations

import ctypes
import ctypes.util
import re

import pytest

_LIBRARY: ctypes.CDLL | None = None


def _library() -> ctypes.CDLL:
    global _LIBRARY
    if _LIBRARY is None:
        name = ctypes.util.find_library("ical") or "libical.so.3"
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            pytest.skip("Debian's libical3 is not installed (.ci/run installs it)")
        lib.icalparser_parse_string.restype = ctypes.c_void_p
        lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
        lib.icalrestriction_check.restype = ctypes.c_int
        lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
        lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
        _LIBRARY = lib
    return _LIBRARY


def libical_errors(content: bytes) -> list[str]:
    """What libical reports about one iCalendar file: parse errors, and iTIP violations when
    the file carries a METHOD. Empty means libical accepts it."""
    lib = _library()
    component = lib.icalparser_parse_string(content)
    if not component:
        return ["libical could not parse the file at all"]
    try:
        if b"\nMETHOD:" in content.replace(b"\r\n", b"\n"):
            lib.icalrestriction_check(component)
        text = lib.icalcomponent_as_ical_string(component).decode()
    finally:
        lib.icalcomponent_free(component)
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return [line for line in unfolded.splitlines() if line.startswith("X-LIC-ERROR")]
