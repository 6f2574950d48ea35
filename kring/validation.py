"""Validation and normalisation of the values members and organisers type in.

Every entry point (API, pages, CLI, imports) goes through these functions, so a value is
stored in exactly one canonical form and an error always names the field at fault.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import idna
import phonenumbers
from email_validator import EmailNotValidError, validate_email

from kring.messages import N_, FieldName, Gettext, english, field_key, translate


class FieldError(ValueError):
    """A value that cannot be accepted, with the field it belongs to.

    `template` is an English message id marked with `N_` and `params` fill it in: `message`
    (and the API) read English, a page shows `translate(gettext)` beside the field.
    """

    def __init__(self, field: str, template: str, **params: Any) -> None:
        self.field = field
        self.template = template
        self.params = params
        self.message = english(template, params)
        super().__init__(f"{field}: {self.message}")

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def translate(self, gettext: Gettext) -> str:
        return translate(self.template, self.params, gettext)


class FieldErrors(FieldError):
    """Every field refused in one submission, so a form shows them all at once, each beside
    its field. It is a FieldError too: a caller that shows one message shows the first."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = [e for error in errors for e in getattr(error, "errors", [error])]
        first = self.errors[0]
        super().__init__(first.field, first.template, **first.params)

    def __str__(self) -> str:
        return "; ".join(str(error) for error in self.errors)


class Checks:
    """Collects the refusals of one submission: each field's check runs in `with checks:`, a
    FieldError is kept and the next check runs; `done()` raises what was kept, together."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def __enter__(self) -> Checks:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> bool:
        if isinstance(error, FieldError):
            self.errors.append(error)
            return True
        return False

    def add(self, error: FieldError) -> None:
        """A refusal of the form as a whole (a field missing, two dates out of order)."""
        self.errors.append(error)

    def refused(self, field: str) -> bool:
        """Whether `field` (or one of its items, `criteria[1].weight`) was refused already: a
        check of the whole form then says nothing more about it."""
        found = FieldErrors(self.errors).errors if self.errors else []
        return any(field_key(error.field) == field for error in found)

    def in_order(self, values: Mapping[str, Any], earlier: str, later: str) -> None:
        """``later`` must come after ``earlier`` when both are given (and ``later`` was not
        refused already): an end after its start, a deadline after the one before it."""
        first, then = values.get(earlier), values.get(later)
        if first and then and then <= first and not self.refused(later):
            self.add(FieldError(later, N_("must be after %(other)s"), other=FieldName(earlier)))

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise FieldErrors(self.errors)


# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone surrogates;
# the two non-characters. Nobody types them on purpose, XML (so XLSX) and iCalendar cannot hold
# most of them, and PostgreSQL refuses NUL: they are refused wherever text comes in. So are the
# bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a name with
# U+202E shows its letters reversed on a participant list or badge ("Trojan source"); text in
# Arabic or Hebrew needs none of them (the marks U+200E and U+200F stay allowed).
CONTROL_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def one_text(raw: object, field: str) -> str:
    """The value as the one text it must be: a form that repeats a field (`title=a&title=b`)
    hands over a list, which is refused naming the field instead of failing later as a 500."""
    if not isinstance(raw, str):
        raise FieldError(field, N_("was sent more than once; send one value"))
    return raw


def refuse_control_characters(text: str, field: str) -> str:
    found = CONTROL_CHARACTER.search(one_text(text, field))
    if found:
        raise FieldError(
            field,
            N_("contains the control character %(code)s (character %(position)s); remove it"),
            code=f"U+{ord(found.group()):04X}",
            position=found.start() + 1,
        )
    return text


REPLACEMENT_CHARACTER = "\ufffd"
"""What a lost byte becomes (`caf%FF`), and what a page shows in place of a character that
validation refuses (`kring.writable`): sent back as it stands it was saved silently, a "�" in
a name or a mail. Nobody types it on purpose, so text holding it is refused wherever it is
stored: in API bodies, on page forms and in imports alike."""

SECRET_FIELDS = frozenset({"password"})
"""Fields checked against a secret, never stored nor shown again: what they hold is compared
as it is, so an older password holding U+FFFD still logs in."""


def refuse_lost_characters(text: str, field: str) -> str:
    """`text`, unless it holds U+FFFD (`REPLACEMENT_CHARACTER`): refused naming `field` and
    where it stands."""
    at = text.find(REPLACEMENT_CHARACTER)
    if at >= 0:
        raise FieldError(
            field,
            N_(
                "contains the replacement character %(code)s (character %(position)s), which "
                "stands for a character that was lost; type the character you meant or remove it"
            ),
            code="U+FFFD",
            position=at + 1,
        )
    return text


def refuse_lost_characters_in(value: Any, field: str) -> None:
    """Every text in a decoded document (a JSON body), keys included, named by its path as
    `refuse_control_characters_in` names it; the value of a secret field (`SECRET_FIELDS`) is
    left as it is."""
    if isinstance(value, str):
        refuse_lost_characters(value, field)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            path = key_path(field, str(key))
            refuse_lost_characters(str(key), path)
            if key not in SECRET_FIELDS:
                refuse_lost_characters_in(item, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            refuse_lost_characters_in(item, item_path(field, index))


PLAIN_KEY = re.compile(r"[^\s.\[\]\"]+")
"""A key a path may show as it is; any other (empty, or holding a dot, a bracket, a quote, a
space or a control character) is shown quoted as JSON writes it, so `{"a.b": {"c": 1}}` and
`{"a": {"b": {"c": 1}}}` are not both `a.b.c`, and a key `""` is not named by an empty path."""


def key_path(parent: str, key: str) -> str:
    """The path of `key` in the object at `parent` ("" for the body itself): `address.street`,
    `rows[0]."e-mail adres"`, `rows[0].""`, `"a\u0007b"`. Every path to a key a refusal names
    is written so (the duplicate keys of `kring.web.json_keys`, the control characters below,
    the import's cells). A control character is written as its escape: JSON leaves DEL, the C1
    controls and the bidirectional overrides as they are, which would show nothing, or turn
    the rest of the line around."""
    if PLAIN_KEY.fullmatch(key) and not CONTROL_CHARACTER.search(key):
        shown = key
    else:
        quoted = json.dumps(key, ensure_ascii=False)
        shown = CONTROL_CHARACTER.sub(lambda found: f"\\u{ord(found.group()):04x}", quoted)
    return f"{parent}.{shown}" if parent else shown


def item_path(parent: str, index: int) -> str:
    """The path of item `index` of the list at `parent` ("" for the body itself): `tags[2]`,
    `body[0]`."""
    return f"{parent or 'body'}[{index}]"


def refuse_control_characters_in(value: Any, field: str) -> None:
    """Every text in a decoded document (JSON, a form, query parameters), keys included; the
    error names the field as a path (`key_path`), like `tags[2]`, `address.street` or
    `"a.b".c`; a key holding a control character is named by its own path, escaped."""
    if isinstance(value, str):
        refuse_control_characters(value, field)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            path = key_path(field, str(key))
            refuse_control_characters(str(key), path)
            refuse_control_characters_in(item, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            refuse_control_characters_in(item, item_path(field, index))


EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


def require_plausible_year(value: date, field: str) -> None:
    """Far-off years are typing errors; a time near year 1 or 9999 cannot even be moved to
    another zone, so it would break every calendar and page that shows it later."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise FieldError(
            field,
            N_("%(value)s is not a date between %(first)s and %(last)s"),
            value=value.isoformat()[:10],
            first=f"{EARLIEST_YEAR}-01-01",
            last=f"{LATEST_YEAR}-12-31",
        )


MOST_DIGITS = 18
"""Longer is no id, count, code or enterprise number of ours, and `int()` refuses 4,301 digits
or more with a ValueError (a 500 where a page read a field with it); 18 digits always fit
the databases' 64-bit integers."""


def briefly(text: str, most: int = 24) -> str:
    """`text` as a message may quote it: cut after `most` characters, so a refusal of a field
    holding thousands of them does not repeat them all."""
    return text if len(text) <= most else f"{text[: most - 4]}…"


def only_digits(text: str) -> bool:
    """0-9 and nothing else, at most `MOST_DIGITS` of them. `str.isdigit()` also says yes to
    `²` (which `int()` refuses: a 500) and to `١٢` (which it reads as 12: a second spelling
    of an id)."""
    return text.isascii() and text.isdigit() and len(text) <= MOST_DIGITS


def whole_number(raw: object) -> int | None:
    """A whole number as a form types it (digits 0-9 only, `only_digits`, spaces around them
    allowed) or as JSON sends it (a number, not a boolean); None for anything else, which the
    caller refuses in its own words and bounds. `int()` also reads `+5`, `5_0` and `٥`:
    second spellings of a count or an id."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = raw.strip() if isinstance(raw, str) else ""
    return int(text) if only_digits(text) else None


MAX_ID = 2**31 - 1
"""The largest id a row can have: ids are 32-bit `integer` columns in PostgreSQL. A larger
number names no row, but sent to PostgreSQL it failed the whole query ("out of range", a 400
naming nothing) where it should have found nothing."""


def is_id(text: str) -> bool:
    """Whether `text` is the number of a row that can exist: digits 0-9 only (`only_digits`),
    from 1 to `MAX_ID`."""
    return only_digits(text) and 0 < int(text) <= MAX_ID


def read_id(raw: object, field: str) -> int:
    """A number typed in a form to name a row (a member number) as that number; anything else,
    a number beyond `MAX_ID` too, is refused naming `field`. A form whose id is chosen from a
    list checks `is_id` and says "choose one from the list" instead, after `refuse_beyond_ids`."""
    text = one_text(raw, field).strip()
    refuse_beyond_ids(text, field)
    if not only_digits(text) or int(text) < 1:
        raise FieldError(field, N_("%(value)r is not a positive whole number"), value=briefly(text))
    return int(text)


def beyond_ids(text: str) -> bool:
    """Whether `text` is written in the digits 0-9 (any number of them) and is higher than
    `MAX_ID`: a number, positive, just too large for any row, which a refusal should say
    rather than "not a positive whole number"."""
    digits = text.lstrip("0")
    return (
        text.isascii()
        and text.isdigit()
        and (len(digits) > len(str(MAX_ID)) or (len(digits) > 0 and int(digits) > MAX_ID))
    )


def refuse_beyond_ids(text: str, field: str) -> None:
    """Refuses a number higher than any row can have, naming `field` and the bound."""
    if beyond_ids(text):
        raise FieldError(
            field,
            N_("%(value)s is higher than %(limit)s, the highest number a record can have"),
            value=briefly(text),
            limit=MAX_ID,
        )


_NON_DIGITS = re.compile(r"[\s.\-/]")


def enterprise_number_is_valid(digits: str) -> bool:
    """The Belgian check: the last two digits are 97 minus the first eight modulo 97."""
    if len(digits) != 10 or not only_digits(digits) or digits[0] not in "01":
        return False
    return 97 - int(digits[:8]) % 97 == int(digits[8:])


def format_enterprise_number(digits: str) -> str:
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def normalise_enterprise_number(raw: str, field: str = "enterprise_number") -> str:
    """Accept `0123.456.749`, `0123456749`, `BE 0123 456 749` or the old 9-digit form."""
    text = one_text(raw, field).strip().upper()
    if text.startswith("BE"):
        text = text[2:]
    digits = _NON_DIGITS.sub("", text)
    if not only_digits(digits):
        raise FieldError(
            field,
            N_("%(value)r is not an enterprise number; write 10 digits like 0123.456.749"),
            value=briefly(str(raw)),
        )
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10:
        raise FieldError(
            field,
            N_("%(value)r has %(count)s digits; an enterprise number has 10"),
            value=briefly(str(raw)),
            count=len(digits),
        )
    if digits[0] not in "01":
        raise FieldError(field, N_("%(value)r must start with 0 or 1"), value=briefly(str(raw)))
    if not enterprise_number_is_valid(digits):
        raise FieldError(
            field,
            N_("%(value)r fails the mod-97 check; look for a typing error"),
            value=briefly(str(raw)),
        )
    return format_enterprise_number(digits)


def normalise_phone(raw: str, field: str = "phone", region: str = "BE") -> str:
    """Store phone numbers in E.164; numbers without a country code are read as Belgian."""
    try:
        number = phonenumbers.parse(one_text(raw, field), region)
    except phonenumbers.NumberParseException as error:
        raise FieldError(
            field,
            N_("%(value)r is not a phone number (%(detail)s)"),
            value=briefly(str(raw)),
            detail=error,
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise FieldError(
            field, N_("%(value)r is not a valid phone number"), value=briefly(str(raw))
        )
    if number.extension:  # E.164 has no room for one: it was dropped without a word
        raise FieldError(
            field,
            N_("%(value)r has an extension, which cannot be stored; give the direct number"),
            value=briefly(str(raw)),
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A stored number as people write it: national for Belgium, international otherwise. A
    stored text that is no number (an older row, a hand edit) shows as it is, never a 500."""
    try:
        number = phonenumbers.parse(e164, "BE")
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 32
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def normalise_email(raw: str, field: str = "email") -> str:
    """Lower-case the domain and check the syntax; no DNS lookup, imports must work offline.
    An address that email_validator accepts but Python's email package would misread (one
    holding `=?`) is refused too, naming the field: the only such sequence, checked against
    every character email_validator takes in a local part."""
    text = refuse_lost_characters(one_text(raw, field), field).strip()
    if not shows_something(text):  # named as missing, not as "“” is not an e-mail address"
        raise FieldError(field, N_("is required"))
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise FieldError(
            field,
            N_("%(value)r is not an e-mail address (%(detail)s)"),
            value=briefly(str(raw)),
            detail=error,
        ) from None
    if ENCODED_WORD_START in result.normalized:
        # Python's email package decodes `=?utf-8?q?…?=` even in an address: the mail went to
        # another address than the one stored, or could not be written at all
        # (`privacy.mail.envelope_address` refuses to send to one stored before).
        raise FieldError(
            field,
            N_(
                "%(value)r cannot receive mail: mail programs read “=?” in an address as an "
                "encoded word; type the address without it"
            ),
            value=briefly(str(raw)),
        )
    return result.normalized


ENCODED_WORD_START = "=?"
"""How an RFC 2047 encoded-word begins (as `privacy.mail` names it): no address may hold it."""


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower()


_DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$"
)
"""A domain in ASCII: an international top-level domain (.рф) is `xn--p1ai`."""


def normalise_domain(raw: str, field: str = "email_domains") -> str:
    domain = one_text(raw, field).strip().lower().removeprefix("@")
    if not _DOMAIN.match(domain):
        raise FieldError(
            field,
            N_("%(value)r is not an internet domain like example.be"),
            value=briefly(str(raw)),
        )
    return domain


def normalise_website(raw: str, field: str = "website") -> str:
    """Websites get a scheme so links work; only http(s) is accepted."""
    text = one_text(raw, field).strip()
    if not text:
        return ""
    if any(char in text for char in '"<>'):  # in no address (RFC 3986): markup or a slip
        raise FieldError(
            field,
            N_('%(value)r is not a web address: it holds " < or >'),
            value=briefly(str(raw)),
        )
    refuse_control_characters(text, field)  # urlsplit drops some (a tab), keeps others (NUL)
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # "[" (an unclosed IPv6 address), a port beyond 65535
        raise FieldError(
            field, N_("%(value)r is not a web address"), value=briefly(str(raw))
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or port == 0:
        raise FieldError(field, N_("%(value)r is not a web address"), value=briefly(str(raw)))
    if "@" in parts.netloc:  # https://bank.be@evil.example/ opens evil.example
        raise FieldError(
            field,
            N_("%(value)r holds a user name or password before its domain; leave it out"),
            value=briefly(str(raw)),
        )
    host = ascii_host(parts.hostname, field, str(raw))
    if host != parts.hostname:
        netloc = host if port is None else f"{host}:{port}"
        text = parts._replace(netloc=netloc).geturl()
    normalise_domain(host, field)
    return text


def ascii_host(hostname: str, field: str, raw: str) -> str:
    """An international domain (bücher.example) in the ASCII form every browser and mail
    program opens (xn--bcher-kva.example), as IDNA 2008 with Unicode's mapping spells it; an
    ASCII one as it is. One with characters no domain may hold is refused, naming the field."""
    if hostname.isascii():
        return hostname
    try:  # the IDNA 2008 library email-validator brings, which mail addresses use too
        return idna.encode(hostname, uts46=True).decode("ascii")
    except UnicodeError:  # idna.IDNAError is one
        raise FieldError(
            field,
            N_("%(value)r is not a web address: its domain holds characters no domain may hold"),
            value=briefly(raw),
        ) from None


def require_text(raw: str, field: str, max_length: int, required: bool = True) -> str:
    text = refuse_lost_characters(refuse_control_characters(raw, field), field).strip()
    if required and not shows_something(text):
        raise FieldError(field, N_("is required"))
    if len(text) > max_length:
        raise FieldError(
            field,
            N_("is %(length)s characters long; at most %(limit)s allowed"),
            length=len(text),
            limit=max_length,
        )
    return text


DRAWS_NOTHING = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
"""Characters that are no format character yet draw nothing: the Hangul fillers (the usual
"invisible name"), the combining grapheme joiner, Khmer's inherent vowels, Mongolian's and
Unicode's variation selectors (Unicode's default-ignorable letters and marks), and the blank
Braille pattern."""


def shows_something(text: str) -> bool:
    """Whether a reader would see anything: zero-width spaces, joiners and direction marks
    (Unicode's format characters), the fillers and selectors of `DRAWS_NOTHING` and spaces show
    nothing, so a title of only those is as empty as one of spaces."""
    return any(
        not c.isspace() and unicodedata.category(c) != "Cf" and c not in DRAWS_NOTHING for c in text
    )


LINE_SEPARATOR = re.compile("[\u2028\u2029]")
"""Unicode's line and paragraph separators: invisible where they are typed (pasted from a PDF or
a web page), yet a line break to `str.splitlines`, so Python's email package refuses a subject
that holds one (the other characters it breaks at are control characters, refused already)."""


def require_line(raw: str, field: str, max_length: int, required: bool = True) -> str:
    """Text that must fit on one line (names, titles): a line break would end a mail's subject
    early and push the rest of a title into its body."""
    text = require_text(raw, field, max_length, required)
    if "\n" in text or "\r" in text:
        raise FieldError(field, N_("must fit on one line; remove the line break"))
    if found := LINE_SEPARATOR.search(text):
        raise FieldError(
            field,
            N_("must fit on one line; remove the line separator %(code)s (character %(position)s)"),
            code=f"U+{ord(found.group()):04X}",
            position=len(raw) - len(raw.lstrip()) + found.start() + 1,  # as typed
        )
    return text


def normalise_tags(raw: list[str], field: str = "tags", max_tags: int = 20) -> list[str]:
    """Tags are short, lower-case, unique and kept in the order given."""
    tags: list[str] = []
    for item in raw:
        tag = refuse_lost_characters(refuse_control_characters(item, field), field)
        tag = " ".join(tag.strip().lower().split())
        if not tag:
            continue
        if len(tag) > 40:
            raise FieldError(field, N_("tag %(tag)r is longer than 40 characters"), tag=item[:50])
        if tag not in tags:
            tags.append(tag)
    if len(tags) > max_tags:
        raise FieldError(
            field,
            N_("%(count)s tags given; at most %(limit)s allowed"),
            count=len(tags),
            limit=max_tags,
        )
    return tags
