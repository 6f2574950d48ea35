"""The closed vocabularies as people read them: every value a page, mail or export shows gets a
label, an English message id marked for translation. Templates show a value with `label()`, never
the raw key (`not_useful`, `legal_obligation`), so both languages read as sentences."""

from __future__ import annotations

import re
from collections.abc import Callable

from kring.choices import (
    InteractionKind,
    MemberStatus,
    MetVia,
    OrganisationKind,
    RecordStatus,
    Role,
)
from kring.i18n import show_date, show_number


def N_(message: str) -> str:
    return message


# Keys are the stored values; one key has one label across vocabularies (`erasure` is a request
# kind and a notice reason; `email` a source and a channel). The apps' vocabularies live above
# the core, so their values are written out here; tests/kring/test_i18n.py checks every value
# of every shown vocabulary has its label.
LABELS: dict[str, str] = {
    # privacy.consents.Purpose
    "interest_signals": N_(
        "recording which articles in mailings I click on, to offer me related initiatives"
    ),
    # retention categories (mailings.retention)
    "interest_clicks": N_("interest in mailing articles"),
    "mailing_recipients": N_("recipients of sent mailings"),
    # mailings: RecipientState, AudienceKind, MailingState
    "waiting": N_("waiting"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "all_members": N_("all members who allow mailings"),
    "organisations": N_("members of chosen organisations"),
    "tags": N_("members whose challenges or expertise match tags"),
    "queued": N_("queued"),
    "sending": N_("sending"),
    # kring.choices.Role
    "member": N_("member"),
    "organiser": N_("organiser"),
    "privacy_officer": N_("privacy officer"),
    "admin": N_("administrator"),
    # kring.choices.MetVia
    "phone": N_("phone"),
    "email": N_("email"),
    "social_media": N_("social media"),
    "in_person": N_("in person"),
    "event": N_("event"),
    "unknown": N_("unknown"),
    # kring.choices.MemberStatus
    "active": N_("active"),
    "paused": N_("paused"),
    "erased": N_("erased"),
    # kring.choices.OrganisationKind
    "company": N_("company"),
    "public_body": N_("public body"),
    "non_profit": N_("non-profit"),
    "education": N_("education"),
    "healthcare": N_("healthcare"),
    "consultancy": N_("consultancy"),
    # kring.choices.InteractionKind
    "meeting": N_("meeting"),
    "appointment": N_("appointment"),
    "call": N_("call"),
    # kring.choices.Language
    "nl": N_("Dutch"),
    "en": N_("English"),
    # library.choices.ItemKind and BodyFormat (a wrong one is refused naming these labels)
    "article": N_("article"),
    "slides": N_("slides of an event"),
    "guide": N_("guide"),
    "template": N_("template"),
    "link": N_("link"),
    "markdown": N_("Markdown"),
    "plain": N_("plain text"),
    # kring.choices.RecordStatus (and an open privacy request)
    "open": N_("open"),
    "closed": N_("closed"),
    # kring.declarations.LegalBasis
    "legitimate_interest": N_("legitimate interest"),
    "contract": N_("contract"),
    "legal_obligation": N_("legal obligation"),
    "consent": N_("consent"),
    # privacy.audit.Action
    "viewed": N_("viewed"),
    "exported": N_("exported"),
    "changed": N_("changed"),
    # privacy.consents.Purpose
    "private_contact": N_("use of my private e-mail address and address"),
    "adult": N_("confirmation of being an adult"),
    # privacy.holds.Reason
    "accounting_record": N_("an accounting record the law requires us to keep"),
    "unpaid_invoice": N_("an unpaid invoice (a legal claim)"),
    "open_dispute": N_("an open dispute (a legal claim)"),
    # privacy.opt_outs.OptOut
    "sharing": N_("Do not share my name for matching"),
    "listing": N_("Never list me on participant lists"),
    "mailings": N_("No mailings"),
    "list_job_title": N_("Leave my job title off participant lists"),
    "list_company": N_("Leave my organisation off participant lists"),
    # privacy.opt_outs.Channel, privacy.requests.RequestChannel
    "web": N_("website"),
    "api": N_("API"),
    "paper": N_("paper"),
    "import": N_("import"),
    "demo": N_("demo data"),
    # privacy.requests.Kind, privacy.recipients.NoticeReason
    "access": N_("access"),
    "erasure": N_("erasure"),
    "rectification": N_("rectification"),
    # privacy.requests: the states of an access or erasure request
    "unverified": N_("waiting for the mailed code"),
    "locked": N_("locked: too many wrong codes"),
    # "open": as kring.choices.RecordStatus
    "approval": N_("waiting for a second privacy officer"),
    "fulfilled": N_("answered"),
    "done": N_("carried out"),
    "refused": N_("refused"),
    # privacy.retention.Category and the apps' declared retention categories
    "award_dossiers": N_("award dossiers"),
    "project_workspaces": N_("project workspaces"),
    "login_months": N_("months of login"),
    "inactive_contacts": N_("inactive contacts"),
    # events.choices: EventStatus, RegistrationStatus, ListVisibility, ListingPolicy
    "scheduled": N_("scheduled"),
    "cancelled": N_("cancelled"),
    "confirmed": N_("confirmed"),
    "waitlisted": N_("waitlisted"),
    "offered": N_("offered"),
    "attended": N_("attended"),
    "no_show": N_("did not show up"),
    "organisers": N_("organisers"),
    "participants": N_("participants"),
    "public": N_("public"),
    "opt_out": N_("listed unless they say no"),
    "opt_in": N_("listed only after a yes"),
    # events.choices.EventMailKind (the states' labels name "waitlisted" and "offered")
    "registered": N_("seat confirmed"),
    "offer_withdrawn": N_("offer withdrawn"),
    "event_cancelled": N_("event cancelled"),
    "event_moved": N_("event moved"),
    "organiser_cancelled": N_("registration cancelled by the organisers"),
    "offer_lapsed": N_("offer lapsed"),
    # events.undelivered.WHO_TO_MEET: the "who to meet" mail, listed with those
    "who_to_meet": N_("who to meet at the event"),
    # introductions.tables.MailKind (the state's label names "expired")
    "request": N_("introduction request"),
    "accepted_requester": N_("introduction accepted"),
    "accepted_expert": N_("introduction accepted"),
    "reminder": N_("reminder of an introduction request"),
    # privacy.mail.Refusal ("refused": as a request's status)
    "bad_address": N_("the address cannot receive mail"),
    # introductions.tables: Feedback, IntroductionState
    "useful": N_("useful"),
    "not_useful": N_("not useful"),
    "did_not_happen": N_("did not happen"),
    "proposed": N_("proposed"),
    "requested": N_("requested"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
    "expired": N_("expired"),
    "completed": N_("completed"),
    # awards.choices: EditionState, CandidacyState
    "judging": N_("judging"),
    "deliberation": N_("deliberation"),
    "decided": N_("decided"),
    "archived": N_("archived"),
    "draft": N_("draft"),
    "submitted": N_("submitted"),
    "withdrawn": N_("withdrawn"),
    # members.importing.report.Outcome
    "created": N_("created"),
    "updated": N_("updated"),
    "skipped": N_("skipped"),
    "rejected": N_("rejected"),
}


# An organisation's kind inside a sentence ("Expert bij een zorgorganisatie"): the kind's label
# there read "Expert van een organisatie van het type zorg", or "… van het type vzw / non-profit".
ORGANISATION_PHRASES: dict[str, str] = {
    OrganisationKind.company: N_("a company"),
    OrganisationKind.public_body: N_("a public body"),
    OrganisationKind.non_profit: N_("a non-profit organisation"),
    OrganisationKind.education: N_("an educational institution"),
    OrganisationKind.healthcare: N_("a healthcare organisation"),
    OrganisationKind.consultancy: N_("a consultancy"),
}


def organisation_phrase(kind: object, gettext: Callable[[str], str]) -> str:
    """'a healthcare organisation' for a kind, in the reader's language (a company if unknown)."""
    return gettext(ORGANISATION_PHRASES.get(str(kind or ""), ORGANISATION_PHRASES["company"]))


def label(value: object, gettext: Callable[[str], str]) -> str:
    """A vocabulary value in the reader's language; anything else (a name, a number) as it is."""
    if value is None:
        return ""
    text = str(value)
    return gettext(LABELS[text]) if text in LABELS else text


SHOWN_VALUES = (
    N_("Bad request"),
    N_("Not logged in"),
    N_("Forbidden"),
    N_("Not found"),
    N_("Method not allowed"),
    N_("Conflict"),
    N_("Request too large"),
    N_("Unsupported media type"),
    N_("Unprocessable content"),
    N_("Too many requests"),
    N_("Internal server error"),
    N_("Service unavailable"),
    N_("Error"),
)

ENUMS = (Role, MetVia, MemberStatus, OrganisationKind, InteractionKind, RecordStatus)


_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")


def show_value(value: object, gettext: Callable[[str], str], language: str) -> str:
    """A stored value (a cell of a serialised row) as people read it: a date as the reader writes
    dates, yes/no, a vocabulary value by its label, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
        try:
            return show_date(value, language)
        except ValueError:  # typed text that only looks like a date, e.g. 2026-02-30
            pass
    if isinstance(value, list):
        return ", ".join(show_value(item, gettext, language) for item in value)
    if isinstance(value, dict) and "base64" in value:
        # an uploaded file in an access answer: the JSON carries it, the page names it
        return gettext("a file (in the JSON download)")
    if isinstance(value, float):
        return show_number(value, language)  # 0,698, never 0.6983760446310043
    if isinstance(value, dict):
        # A stored structure (why a match was proposed): flat ones read as "key: value",
        # nested ones are left to the JSON download rather than printed as program text.
        if any(isinstance(item, dict | list) for item in value.values()):
            return gettext("details in the JSON download")
        return "; ".join(
            f"{label(key, gettext)}: {show_value(item, gettext, language)}"
            for key, item in value.items()
        )
    return label(value, gettext)
