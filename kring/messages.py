"""Texts that are made in the domain and shown later, in the viewer's language.

An error or a reason is an English message id with `%(name)s` parameters, marked with `N_` so
babel extracts it. The API, the CLI and the logs read it in English (`str()`); a page
translates it with the viewer's gettext (`translate`). A parameter that names another field is
a `FieldName` (several: `FieldNames`), shown to people as that field's label, never as a key
like `starts_at`; a stored vocabulary value (`cancelled`, `erasure`) is a `Term`, shown as its
label (several, such as the choices a field allows: `Terms`); a moment is a `Moment`, written
as every page writes dates (`kring.i18n.show_date`); a length of time is a `Duration` ("30
minutes", "2 uur": `kring.i18n.show_duration`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from kring.i18n import language_of_gettext, show_date, show_duration, show_number
from kring.vocabulary import label

Gettext = Callable[[str], str]


def N_(message: str) -> str:
    """Marks a message id for extraction; it is translated where it is shown."""
    return message


class FieldName(str):
    """A field's key given as a message parameter: English keeps the key, pages its label."""


class Term(str):
    """A vocabulary value (a status, a kind) given as a message parameter: English keeps the
    stored value, pages its label (`kring.vocabulary.LABELS`)."""


class Terms(tuple[str, ...]):
    """Several vocabulary values as one parameter (the choices a field allows): English lists
    the stored values, pages their labels, so no reader sees an untranslated key."""

    def __str__(self) -> str:
        return ", ".join(self)


class FieldNames(tuple[str, ...]):
    """Several fields' keys as one parameter: English lists the keys, pages their labels."""

    def __str__(self) -> str:
        return ", ".join(self)


class Moment(str):
    """A moment given as a message parameter, written by `show_date` in Brussels time: English
    ("1 Mar 2024, 18:00") for the API and the CLI, a page in its reader's language ("1 mrt
    2024, 18:00"), as every other date there reads. A day (a `date`) reads "1 Mar 2024"."""

    moment: date | datetime

    def __new__(cls, moment: date | datetime) -> Moment:
        made = super().__new__(cls, show_date(moment, "en"))
        made.moment = moment
        return made


class Quantity(str):
    """A count or a size given as a message parameter (50000 rows, 25 MB): the API and the
    CLI read it as digits, a page as its reader writes numbers ("50.000", "2,5")."""

    value: float | int

    def __new__(cls, value: float | int) -> Quantity:
        made = super().__new__(cls, f"{value:g}" if isinstance(value, float) else str(value))
        made.value = value
        return made


class Duration(str):
    """A length of time given as a message parameter ("an hour", "30 minutes"), in the
    reader's language with its plural forms; English for the API and the CLI."""

    length: timedelta

    def __new__(cls, length: timedelta) -> Duration:
        made = super().__new__(cls, show_duration(length, "en"))
        made.length = length
        return made


def _shown_param(value: Any, gettext: Gettext) -> Any:
    if isinstance(value, Message):  # a reason inside a message: in the same language
        return value.translate(gettext)
    if isinstance(value, Moment):
        return show_date(value.moment, language_of_gettext(gettext))
    if isinstance(value, Duration):
        return show_duration(value.length, language_of_gettext(gettext))
    if isinstance(value, Quantity):
        return show_number(value.value, language_of_gettext(gettext))
    if isinstance(value, FieldName):
        return f"‘{field_label(value, gettext)}’"
    if isinstance(value, FieldNames):
        return ", ".join(f"‘{field_label(name, gettext)}’" for name in value)
    if isinstance(value, Term):
        return f"‘{label(value, gettext)}’"
    if isinstance(value, Terms):
        return ", ".join(f"‘{label(term, gettext)}’" for term in value)
    return value


class _Typed(str):
    """A typed value as a page quotes it (`%(value)r`): “abc!!”, as Dutch and English text
    quote, not Python's 'abc!!'. The API's English keeps the `repr` its clients read."""

    def __repr__(self) -> str:
        return f"“{self}”"


def _quoted(value: Any) -> Any:
    return _Typed(value) if isinstance(value, str) else value


def english(template: str, params: Mapping[str, Any]) -> str:
    return template % dict(params) if params else template


def translate(template: str, params: Mapping[str, Any], gettext: Gettext) -> str:
    if not params:
        return gettext(template)
    shown = {key: _quoted(_shown_param(value, gettext)) for key, value in params.items()}
    return gettext(template) % shown


class Message(str):
    """A text that reads as English (for the API, the CLI, comparisons) and keeps its message
    id and parameters, so a page can show it in the viewer's language."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        made = super().__new__(cls, english(template, params or {}))
        made.template = template
        made.params = dict(params or {})
        return made

    def translate(self, gettext: Gettext) -> str:
        return translate(self.template, self.params, gettext)


def shown(text: object, gettext: Gettext) -> str:
    """A `Message` (or anything with `translate`) in the viewer's language; other text as is."""
    if isinstance(text, Message) or (not isinstance(text, str) and hasattr(text, "translate")):
        return text.translate(gettext)  # type: ignore[union-attr]
    return "" if text is None else str(text)


# Every field an error or an import names, as people see it in the forms. Keys are the names of
# form fields, API fields and import columns; a path like `tags[2]` or `address.street` is shown
# by its first part.
FIELD_LABELS: dict[str, str] = {
    "direction": N_("Direction"),
    "intro_en": N_("Introduction (English)"),
    "intro_nl": N_("Introduction (Dutch)"),
    "link": N_("Link"),
    "subject_en": N_("Subject (English)"),
    "subject_nl": N_("Subject (Dutch)"),
    "text_en": N_("Text (English)"),
    "text_nl": N_("Text (Dutch)"),
    "title_en": N_("Title (English)"),
    "title_nl": N_("Title (Dutch)"),
    "address": N_("Address"),
    "adult_confirmed": N_("I am an adult"),
    "body": N_("Description"),  # a record's text; the API's own body errors stay English
    "capacity": N_("Seats"),
    "categories": N_("Categories"),
    "choices_form": N_("Privacy choices"),
    "category": N_("Category"),
    "channel": N_("Channel"),
    "code": N_("Code"),
    "company": N_("Organisation"),
    "confirmed": N_("I am an adult"),
    "Content-Encoding": N_("Content coding"),
    "Content-Type": N_("Content type"),
    "criteria": N_("Criteria"),
    "data_categories": N_("Data categories"),
    "description": N_("Description"),
    "dpa_signed_on": N_("Agreement signed"),
    "email": N_("E-mail address"),
    "email_domains": N_("E-mail domains"),
    "ends_at": N_("Ends"),
    "enterprise_number": N_("Enterprise number"),
    "fields": N_("Fields"),
    "file": N_("File"),
    "first_name": N_("First name"),
    "format": N_("Format"),
    "identity_checked": N_("Identity checked"),
    "Idempotency-Key": N_("Idempotency key"),
    "job_title": N_("Job title"),
    "joined_at": N_("Member since"),
    "jury_deadline": N_("Jury deadline"),
    "key": N_("Key in code"),
    "kind": N_("Kind"),
    "language": N_("Language"),
    "last_name": N_("Last name"),
    "list_visibility": N_("Who sees the participant list"),
    "listing": N_("Listing"),
    "loser": N_("Second member"),
    "map": N_("Columns"),
    "member": N_("Member"),
    "member_id": N_("Member number"),
    "members_only": N_("Members only"),
    "met_via": N_("Met via"),
    "months": N_("Months"),
    "name": N_("Name"),
    "notes": N_("Notes"),
    "occurred_on": N_("Date"),
    "online_url": N_("Online link"),
    "organisation": N_("Organisation"),
    "outcome": N_("Outcome"),
    "password": N_("Password"),
    "current_password": N_("Your current password"),
    "new_password": N_("Choose a new password"),
    "new_password_again": N_("Type the new password again"),
    "revoke_tokens": N_("Also revoke all my API tokens"),
    "phone": N_("Phone"),
    "purpose": N_("Purpose"),
    "reason": N_("Reason"),
    "registration_closes_at": N_("Registration closes"),
    "registration_opens_at": N_("Registration opens"),
    "staff": N_("Recorded by (account number)"),
    "starts_at": N_("Starts"),
    "to": N_("Next state"),
    "state": N_("State"),
    "submission_deadline": N_("Submission deadline"),
    "summary": N_("Summary"),
    "service": N_("Service"),
    "status": N_("Status"),
    "survivor": N_("First member"),
    "table": N_("Table"),
    "tags": N_("Tags"),
    "texts": N_("Texts per criterion"),
    "timezone": N_("Time zone"),
    "title": N_("Title"),
    "until": N_("Until"),
    "venue": N_("Venue"),
    "website": N_("Website"),
    "year": N_("Year"),
    "account_id": N_("Account"),
    "active": N_("Active"),
    "article": N_("Article"),
    "as": N_("Acting account"),
    "attended": N_("Attended"),
    "audience": N_("Audience"),
    "audience_kind": N_("Audience"),
    "block": N_("Do not propose this member to me again"),
    "body_format": N_("Text format"),
    "category_id": N_("Category"),
    "category_name": N_("Category name"),
    "comment_": N_("Your comment"),
    "content": N_("File"),
    "contributor": N_("Contributor's e-mail address"),
    "criterion_description": N_("Criterion description"),
    "criterion_id": N_("Criterion"),
    "criterion_name": N_("Criterion name"),
    "criterion_position": N_("Criterion position"),
    "criterion_weight": N_("Criterion weight"),
    "domain": N_("E-mail domain"),
    "done": N_("Reached"),
    "ends_on": N_("End date"),
    "event": N_("Event"),
    "expected_count": N_("Recipients"),
    "filename": N_("File name"),
    "goal": N_("Goal"),
    "guest": N_("Guest"),
    "guest_email": N_("Guest's e-mail address"),
    "held_on": N_("Meeting date"),
    "hidden": N_("Hidden from the list"),
    "hide": N_("Do not show me on the participant list"),
    "interest_signals": N_("Interest in mailing articles"),
    "ledger": N_("Erasure ledger"),
    "list_company": N_("Leave my organisation off participant lists"),
    "list_job_title": N_("Leave my job title off participant lists"),
    "list_me": N_("Show me on the participant list"),
    "mailing": N_("Mailing"),
    "mailings": N_("No mailings"),
    "note": N_("Note"),
    "organisations": N_("Organisations"),
    "page": N_("Page"),
    "offset": N_("Start of the list"),  # a page of a list: /members?offset=50
    "upcoming_offset": N_("Start of the list of coming events"),
    "paused": N_("Paused"),
    "private_address": N_("Private address"),
    "private_contact": N_("Private contact details"),
    "private_email": N_("Private e-mail address"),
    "proposal_id": N_("Proposal"),
    "query": N_("Address of the page"),
    "requested_by": N_("Requested by"),
    "row_id": N_("Row"),
    "score_": N_("Your score (0–10)"),
    "search": N_("Search"),
    "since": N_("Since"),
    "source": N_("Source"),
    "sharing": N_("Do not share my name for matching"),
    "starts_on": N_("Start date"),
    "tag": N_("Tag"),
    "text": N_("Text"),
    "text_": N_("Text per criterion"),
    "preview": N_("Preview"),
    # Query parameters of pages' filters.
    "action": N_("Action"),
    "actor": N_("Done by"),
    "q": N_("Search"),
    # Path parameters: a page whose address holds an impossible number names them.
    "article_id": N_("Article"),
    "assignment_id": N_("Jury assignment"),
    "attachment_id": N_("Attachment"),
    "block_id": N_("Blocked person"),
    "candidacy_id": N_("Candidacy"),
    "challenge_id": N_("Challenge"),
    "document_id": N_("Document"),
    "due_on": N_("Due date"),
    "edition_id": N_("Edition"),
    "event_id": N_("Event"),
    "file_path": N_("File"),
    "fmt": N_("Format"),
    "introduction_id": N_("Member introduction"),
    "item_id": N_("Library item"),
    "juror_id": N_("Juror"),
    "mailing_id": N_("Mailing"),
    "milestone_id": N_("Milestone"),
    "note_id": N_("Note"),
    "notice_id": N_("Notification task"),
    "organisation_id": N_("Organisation"),
    "path": N_("File"),
    "processor_id": N_("Processor"),
    "change_id": N_("Retention change"),
    "project_id": N_("Project"),
    "record_id": N_("Challenge or expertise"),
    "ref": N_("Event"),
    "registration_id": N_("Registration"),
    "request_id": N_("Request"),
    "run_id": N_("Import run"),
    "token": N_("Link"),
    "token_id": N_("API token"),
}


def field_key(name: str) -> str:
    """`tags[2]` and `address.street` belong to the fields `tags` and `address`."""
    return name.split("[", 1)[0].split(".", 1)[0]


UNKNOWN_PARAMETER = N_("Unknown parameter «%(name)s»")
"""The label of a key no field of ours has (every key the code names has a label,
`tests/kring/test_field_errors.py`): one someone sent, `?month=3` where no page reads it."""


def field_label(name: str, gettext: Gettext) -> str:
    """A numbered field (`score_12`, one per criterion) is labelled by its prefix (`score_`); a
    key that is no field of ours is called an unknown parameter, quoted as sent (cut after 36
    characters), never shown as if it were a field's name (`Month:`)."""
    label = (
        FIELD_LABELS.get(name)
        or FIELD_LABELS.get(field_key(name))
        or FIELD_LABELS.get(re.sub(r"_\d+$", "_", field_key(name)))
    )
    if label:
        return gettext(label)
    if not name:
        return name
    shown = name if len(name) <= 36 else f"{name[:36]}…"
    return gettext(UNKNOWN_PARAMETER) % {"name": shown}
