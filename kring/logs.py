"""Application logs without identities: e-mail addresses and phone numbers are masked.

`install()` replaces the log record factory, so every record of every logger (ours, litestar's,
uvicorn's access log, a library's exception) is masked when it is made, before any handler or
formatter sees it. A logged exception keeps its types and tracebacks but not its messages,
which can quote the data that caused them (`failure`). Names are never passed to a logger: log
calls in Kring name rows by id (see the README's privacy section). The served app's access
log (uvicorn) keeps method, path and status, but not the client address nor the query string,
where a search for a name would otherwise end up, nor a secret token in the path. Control and
bidi characters in any message or path are written as escapes, so no request can forge a log
line or drive the terminal that shows the log.

Library logging that prints data is held back (`QUIET_LIBRARIES`).
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any
from urllib.parse import unquote

EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
# Phone numbers: an optional +, then at least 8 digits, possibly grouped by spaces, dots,
# dashes, slashes or brackets; dates (2024-05-01) and ids stay readable.
PHONE = re.compile(r"(?<![\w-])\+?\(?\d(?:[\s./()-]{0,2}\d){7,14}(?![\w-])")
DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A path segment holding a secret: a calendar feed's or download link's random token, a signed
# click or unsubscribe token ("12.3.9f…"). Whoever reads the log could use it, and a click
# token names who clicked what. Such tokens hold a run of 20+ characters of their alphabet with
# a digit or both letter cases; words like "swagger-ui-standalone-preset" have neither.
TOKEN_RUN = re.compile(r"[A-Za-z0-9_-]{20,}")
# Library loggers that would print data: query parameters at DEBUG (aiosqlite, asyncpg), the
# glyphs a font lacks, quoted from a name in a participant list, at WARNING (fpdf), and every
# PDF's glyph subset ("idieresis"…: the letters of the names in it) at INFO (fontTools).
QUIET_LIBRARIES = {
    "aiosqlite": logging.INFO,
    "asyncpg": logging.INFO,
    "fpdf": logging.ERROR,
    "fontTools": logging.ERROR,
}

_installed = False


# Characters a log line must not carry as they are: C0 controls (a line break starts a forged
# line; ESC colours or rewrites the terminal that shows the log), DEL, the C1 controls, Unicode's
# line and paragraph separators (a line break to every reader that splits by Unicode's rules,
# Python's `splitlines` among them), and the bidirectional embeddings, overrides and isolates
# (they reorder what a reader sees). A path decoded from %0a, %1b or %E2%80%A8, or a library
# quoting input, shows them escaped ("\n", "\x1b", "\u2028").
UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """The text with every control and bidi character written as its escape."""
    return UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    if DATE_LIKE.match(text):
        return text
    return "[phone]"


def mask(text: str) -> str:
    """The text with every e-mail address and phone number replaced by a placeholder."""
    return PHONE.sub(_phone, EMAIL.sub("[e-mail]", text))


def _looks_secret(segment: str) -> bool:
    return any(
        any(c.isdigit() for c in run) or (run.lower() != run and run.upper() != run)
        for run in TOKEN_RUN.findall(segment)
    )


def hide_secrets(path: str) -> str:
    """The path with every segment that looks like a secret token replaced by "…"."""
    return "/".join("…" if _looks_secret(segment) else segment for segment in path.split("/"))


def _access_arguments(args: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """uvicorn's (client, method, path with query, http version, status), without the client
    and the query, the path masked; None when the record is not shaped like that."""
    if len(args) != 5:
        return None
    _client, method, path, version, status = args
    path, question_mark, _query = str(path).partition("?")
    path = visible(hide_secrets(mask(unquote(path)))) + ("?…" if question_mark else "")
    return ("-", method, path, version, status)


def failure(exc: BaseException) -> str:
    """An exception's types and tracebacks (code lines only) without its messages, chained
    causes included: a message can quote the data that caused it (openpyxl's quoted the cell
    it refused, a member's job title), and the log must hold no personal data."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        parts.append(
            "".join(traceback.format_tb(current.__traceback__))
            + f"{kind.__module__}.{kind.__qualname__} (message withheld)\n"
        )
        current = current.__cause__ or current.__context__
    return "\nwhile handling or caused by:\n".join(reversed(parts))


def install() -> None:
    """Mask every log record from now on (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            # uvicorn's access formatter unpacks the five arguments itself: keep them, masked.
            access = _access_arguments(record.args)
            if access is not None:
                record.args = access
                return record
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep the template, drop the arguments
            message = str(record.msg)
        record.msg, record.args = visible(mask(message)), ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = failure(record.exc_info[1])
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return record

    logging.setLogRecordFactory(factory)
    for name, level in QUIET_LIBRARIES.items():
        logger = logging.getLogger(name)
        if logger.level < level:
            logger.setLevel(level)
