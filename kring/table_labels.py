"""Tables and their columns as people read them: the access answer's page, the privacy officer's
pages and the audit trail name a table and a column by its label, never by `opt_out_sharing`
or `award_candidacy`. The machine-readable answer (JSON) keeps the keys.

The apps' tables live above the core, so their names are written out here, as in
`kring.vocabulary.LABELS`; tests/privacy/test_table_labels.py checks that every column of every
declared table and every declared table has a label, so a new column cannot appear raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kring.messages import N_

Gettext = Callable[[str], str]

ALL_TABLES = "*"
"""What the audit trail records when everything about a person was viewed or exported."""

TABLE_LABELS: dict[str, str] = {
    ALL_TABLES: N_("All data"),
    # kring
    "member": N_("Profile"),
    "account": N_("Login account"),
    "activity": N_("Activities"),
    "api_token": N_("API keys"),
    "calendar_feed": N_("Calendar links"),
    "challenge": N_("Challenges"),
    "expertise": N_("Expertise"),
    "embedding": N_("Matching index of the texts"),
    "interaction": N_("Contacts with the network"),
    "invoice": N_("Invoices"),
    "organisation": N_("Organisations"),
    "organisation_domain": N_("E-mail domains of organisations"),
    "user_session": N_("Login sessions"),
    "login_throttle": N_("Failed logins"),
    "password_reset": N_("Password reset links"),
    "export_log": N_("Export log"),
    "piccolo_user": N_("Administration account"),
    "sessions": N_("Administration sessions"),
    # privacy
    "access_request": N_("Access requests"),
    "erasure_request": N_("Erasure requests"),
    "audit_entry": N_("Audit trail"),
    "consent": N_("Consents"),
    "disclosure": N_("Data passed to processors"),
    "download_link": N_("Download links"),
    "login_month": N_("Months with a login"),
    "opt_out_event": N_("Opt-out history"),
    "recipient_notice": N_("Notices to processors"),
    "request_verification": N_("Verification codes"),
    "restriction": N_("Restrictions of processing"),
    "suppression": N_("Erasure record"),
    "erasure_ledger": N_("Erasure ledger"),
    "processor": N_("Processors"),
    "retention_rule": N_("Retention rules"),
    "retention_change": N_("Retention changes"),
    "row_hold": N_("Holds on rows"),
    # introductions and matching
    "introduction": N_("Introductions"),
    "block": N_("Blocked members"),
    "matching_preference": N_("Introduction settings"),
    "introduction_mail": N_("Introduction mails"),
    "who_to_meet_mail": N_("Who-to-meet mails"),
    "matching_run": N_("Matching runs"),
    "matching_round": N_("Rounds of stale proposals"),
    "query_bank_mean": N_("Matching statistics"),
    # events
    "event": N_("Events"),
    "event_organiser": N_("Event organisers"),
    "registration": N_("Event registrations"),
    "event_mail": N_("Event mails"),
    # awards
    "award_edition": N_("Award editions"),
    "award_category": N_("Award categories"),
    "award_criterion": N_("Award criteria"),
    "award_candidacy": N_("Award candidacies"),
    "award_candidacy_text": N_("Candidacy texts"),
    "award_attachment": N_("Candidacy attachments"),
    "award_juror": N_("Jury membership"),
    "award_assignment": N_("Jury assignments"),
    "award_conflict": N_("Declared conflicts of interest"),
    "award_score": N_("Jury scores"),
    # projects
    "project": N_("Projects"),
    "project_participant": N_("Project participation"),
    "project_note": N_("Project meeting notes"),
    "project_document": N_("Project documents"),
    "milestone": N_("Project milestones"),
    # mailings
    "mailing": N_("Mailings"),
    "article": N_("Mailing articles"),
    "mailing_recipient": N_("Mailings received"),
    "interest_click": N_("Clicks on mailing articles"),
    # library
    "library_item": N_("Library contributions"),
    "library_attachment": N_("Library attachments"),
    # importing
    "import_run": N_("Imports of members you started"),
}

COLUMN_LABELS: dict[str, str] = {
    "id": N_("Number"),
    "member": N_("Member number"),
    "account": N_("Account number"),
    "created_at": N_("Created"),
    "updated_at": N_("Last changed"),
    # the profile
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "job_title": N_("Job title"),
    "email": N_("E-mail address"),
    "phone": N_("Phone"),
    "address": N_("Address"),
    "organisation": N_("Organisation"),
    "met_via": N_("Met via"),
    "joined_at": N_("Member since"),
    "status": N_("Status"),
    "language": N_("Language"),
    "opt_out_sharing": N_("Do not share my name for matching"),
    "opt_out_listing": N_("Never list me on participant lists"),
    "no_mailings": N_("No mailings"),
    "hide_job_title_on_lists": N_("Leave my job title off participant lists"),
    "hide_company_on_lists": N_("Leave my organisation off participant lists"),
    "private_email": N_("Private e-mail address"),
    "private_address": N_("Private address"),
    # accounts and sessions
    "password_hash": N_("Password (stored scrambled)"),
    "password": N_("Password (stored scrambled)"),
    "token_hash": N_("Secret key (stored scrambled)"),
    "token": N_("Session key"),
    "role": N_("Role"),
    "display_name": N_("Display name"),
    "active": N_("Active"),
    "name": N_("Name"),
    "prefix": N_("Key prefix"),
    "expires_at": N_("Expires"),
    "revoked_at": N_("Revoked"),
    "reauthenticated_at": N_("Password last confirmed"),
    "username": N_("User name"),
    "admin": N_("Administrator"),
    "superuser": N_("Superuser"),
    "last_login": N_("Last login"),
    "user_id": N_("Administration account number"),
    "expiry_date": N_("Expires"),
    "max_expiry_date": N_("Expires at the latest"),
    # records, activities and contacts
    "title": N_("Title"),
    "body": N_("Description"),
    "tags": N_("Tags"),
    "occurred_on": N_("Date"),
    "source": N_("Source"),
    "kind": N_("Kind"),
    "note": N_("Note"),
    "staff": N_("Recorded by (account number)"),
    "model": N_("Language model"),
    # privacy
    "received_at": N_("Received"),
    "due_on": N_("Answer due"),
    "channel": N_("Channel"),
    "recorded_by": N_("Recorded by (account number)"),
    "recorded_at": N_("Recorded"),
    "fulfilled_at": N_("Answered"),
    "carried_out_at": N_("Carried out"),
    "outcome": N_("Outcome"),
    "started_by": N_("Started by (account number)"),
    "approved_by": N_("Approved by (account number)"),
    "extended_until": N_("Extended until"),
    "extension_reason": N_("Reason for the extension"),
    "extended_at": N_("Extended on"),
    "extension_notified_at": N_("Extension notice sent"),
    "closed_at": N_("Refused or withdrawn on"),
    "closed_by": N_("Refused or withdrawn by (account number)"),
    "close_reason": N_("Reason for the refusal"),
    "close_notified_at": N_("Refusal notice sent"),
    "notice_refused_at": N_("Notice refused by the mail server"),
    "notice_attempts": N_("Notice attempts"),
    "notice_due_at": N_("Notice planned"),
    "refusal": N_("Why not delivered"),
    "actor": N_("Done by (account number)"),
    "action": N_("Action"),
    "table_name": N_("Table"),
    "at": N_("When"),
    "purpose": N_("Purpose"),
    "given_at": N_("Given"),
    "withdrawn_at": N_("Withdrawn"),
    "processor": N_("Processor"),
    "first_at": N_("First passed on"),
    "last_at": N_("Last passed on"),
    "request": N_("Request number"),
    "request_id": N_("Request number"),
    "used_at": N_("Used"),
    "spent_because": N_("Why the link no longer works"),
    "failed_attempts": N_("Wrong attempts"),
    "issued_by": N_("Issued by (account number)"),
    "month": N_("Month"),
    "reason": N_("Reason"),
    "fields": N_("Fields"),
    "done_at": N_("Done"),
    "done_by": N_("Done by (account number)"),
    "code_hash": N_("Code (stored scrambled)"),
    "attempts": N_("Attempts"),
    "locked_at": N_("Locked"),
    "verified_at": N_("Verified"),
    "to_private": N_("Sent to the private address"),
    "code_sent_at": N_("Code sent"),
    "mail_due_at": N_("Mail planned"),
    "mail_attempts": N_("Mail attempts"),
    "mail_sent_at": N_("Mail sent"),
    "requested_by": N_("Requested by"),
    "since": N_("Since"),
    "lifted_at": N_("Lifted"),
    "lifted_by": N_("Lifted by (account number)"),
    "requested_at": N_("Requested"),
    "erased_at": N_("Erased"),
    "email_hash": N_("E-mail address (stored scrambled)"),
    "private_email_hash": N_("Private e-mail address (stored scrambled)"),
    # introductions and matching
    "challenge": N_("Challenge number"),
    "expert": N_("Expert (member number)"),
    "requester": N_("Requester (member number)"),
    "state": N_("State"),
    "alternate": N_("Alternative proposal"),
    "score": N_("Score"),
    "rank": N_("Rank"),
    "explanation": N_("Why this proposal"),
    "decided_at": N_("Decided"),
    "reminded_at": N_("Reminder sent"),
    "declined_by": N_("Declined by"),
    "decline_reason": N_("Reason for declining"),
    "requester_feedback": N_("Feedback of the requester"),
    "expert_feedback": N_("Feedback of the expert"),
    "completed_at": N_("Completed"),
    "blocker": N_("Blocked by (member number)"),
    "blocked": N_("Blocked member (member number)"),
    "capacity": N_("Introductions per month at most"),
    "paused": N_("Paused"),
    # events
    "event": N_("Event number"),
    "guest_first_name": N_("Guest's first name"),
    "guest_last_name": N_("Guest's last name"),
    "guest_job_title": N_("Guest's job title"),
    "guest_company": N_("Guest's organisation"),
    "guest_email": N_("Guest's e-mail address"),
    "hide_from_list": N_("Hidden from the participant list"),
    "organiser_hidden": N_("Hidden from the list by the organiser"),
    "listing_consent": N_("Agreed to be listed"),
    "registered_at": N_("Registered"),
    "offer_expires_at": N_("Seat offer expires"),
    # awards
    "edition": N_("Edition number"),
    "category": N_("Award category"),
    "summary": N_("Summary"),
    "submitted_at": N_("Submitted"),
    "candidacy": N_("Candidacy number"),
    "criterion": N_("Criterion number"),
    "text": N_("Text"),
    "juror": N_("Juror number"),
    "assigned_at": N_("Assigned"),
    "declared_at": N_("Declared"),
    "appointed_at": N_("Appointed"),
    "agreed_at": N_("Confidentiality agreed"),
    "comment": N_("Comment"),
    "final": N_("Final"),
    # files
    "filename": N_("File name"),
    "content_type": N_("File type"),
    "size": N_("Size (bytes)"),
    "content": N_("File"),
    "uploaded_at": N_("Uploaded"),
    "uploaded_by": N_("Uploaded by (account number)"),
    # projects
    "project": N_("Project number"),
    "added_at": N_("Added"),
    "held_on": N_("Meeting date"),
    "author": N_("Written by (account number)"),
    # mailings
    "mailing": N_("Mailing number"),
    "article": N_("Article number"),
    "clicked_on": N_("Clicked on"),
    "problem": N_("Problem"),
    "due_at": N_("Planned"),
    "sent_at": N_("Sent"),
    # library
    "body_format": N_("Text format"),
    "link": N_("Link"),
    "contributor": N_("Contributor (member number)"),
    "published_at": N_("Published"),
    "retired_at": N_("Withdrawn"),
    "item": N_("Library item number"),
    # invoices
    "number": N_("Invoice number"),
    "issued_on": N_("Invoice date"),
    "amount": N_("Amount"),
    "paid": N_("Paid"),
}

TABLE_COLUMN_LABELS: dict[tuple[str, str], str] = {
    # Where one name means something else in one table.
    ("member", "id"): N_("Member number"),
    ("member", "organisation"): N_("Organisation number"),
    ("award_candidacy", "organisation"): N_("Organisation number"),
    ("introduction", "score"): N_("Match score"),
    ("opt_out_event", "kind"): N_("Opt-out"),
    ("opt_out_event", "active"): N_("Switched on"),
    ("interaction", "kind"): N_("Kind of contact"),
    ("event_mail", "registration"): N_("Registration"),
    ("who_to_meet_mail", "registration"): N_("Registration"),
    ("who_to_meet_mail", "retry_at"): N_("Next try"),
    ("introduction_mail", "introduction"): N_("Introduction number"),
    ("introduction_mail", "recipient"): N_("Mailed to (member number)"),
    ("request_verification", "kind"): N_("Kind of request"),
    ("project_participant", "role"): N_("Role in the project"),
    ("award_score", "score"): N_("Score (0–10)"),
    ("import_run", "started_at"): N_("Import started"),
    ("import_run", "mapping"): N_("Columns of the file and their fields"),
    ("import_run", "total"): N_("Rows in the file"),
    ("import_run", "done"): N_("Rows checked"),
    ("import_run", "heartbeat_at"): N_("Last sign of the running import"),
    ("import_run", "finished_at"): N_("Import ended"),
    ("import_run", "report"): N_("Report of the import"),
}

NOT_ON_THE_PAGE = frozenset(
    {
        "idempotency_key",  # a client's retry key
        "search_name",  # the name folded for search
        "search_text",  # the texts folded for search
        "text_hash",  # which text an index row was made from
        "vector",  # the matching index itself: hundreds of numbers
        "claimed_until",  # a mail worker's claim
        "mail_claimed_until",
        "sha256",  # a file's checksum
        "fingerprint",  # an import run's checksum of its file, against a double click
        "runner",  # which attempt holds an import run
    }
)
"""Columns that mean nothing to a person: left off the page, kept in the JSON download."""


def table_label(name: str, gettext: Gettext) -> str:
    """`member (import)` and `member (merged #12)`, as the audit trail records them, keep
    their note after the label."""
    found = re.fullmatch(r"(\w+) \((.+)\)", name)
    base, note = (found.group(1), found.group(2)) if found else (name, "")
    label = TABLE_LABELS.get(base)
    shown = gettext(label) if label else base
    if not note:
        return shown
    merged = re.fullmatch(r"merged #(\d+)", note)
    if merged:
        note = gettext(N_("merged with member %(member)s")) % {"member": merged.group(1)}
    elif note == "import":
        note = gettext(N_("import"))
    return f"{shown} ({note})"


def column_label(table: str, column: str, gettext: Gettext) -> str:
    label = TABLE_COLUMN_LABELS.get((table, column)) or COLUMN_LABELS.get(column)
    return gettext(label) if label else column
