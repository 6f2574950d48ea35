"""A person with data in every declared table that links to a member: one factory per table.

`FACTORIES` maps a table name to a coroutine that gives the person at least one row there,
filling every free-text column with the person's secret marker. A meta-test fails when a
declared member-linked table has no factory, and another when a table linked to a member in the
schema (tests/privacy/canary.py) has none here or in `SCHEMA_LINKED_FACTORIES`, so a new table
cannot escape the erasure and canary tests.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kring.choices import Role
from kring.clock import utc_now
from kring.credentials import token_hash
from kring.mail_retries import MAX_ATTEMPTS
from kring.search import member_search_text
from kring.tables import (
    Account,
    Activity,
    ApiToken,
    Challenge,
    Expertise,
    Interaction,
    Invoice,
    Member,
    PasswordReset,
    UserSession,
)
from privacy.audit import Action, record_audit
from privacy.consents import Purpose, give_consent
from privacy.login_months import record_login_month
from privacy.mail import Refusal
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.requests import Kind, RequestChannel, record_request
from tests.privacy.people_awards import AWARD_FACTORIES
from tests.privacy.people_importing import IMPORT_FACTORIES
from tests.privacy.people_library import LIBRARY_FACTORIES
from tests.privacy.people_mailings import MAILING_FACTORIES, MAILING_SCHEMA_LINKED
from tests.privacy.people_projects import PROJECT_FACTORIES, PROJECT_SCHEMA_LINKED


@dataclass(frozen=True)
class Person:
    member_id: int
    account_id: int
    secret: str
    email: str
    private_email: str
    phone: str
    address: str
    private_address: str

    @property
    def needles(self) -> list[str]:
        """What must not survive erasure (names do: they stay in the suppression record)."""
        return [
            self.secret,
            self.email,
            self.private_email,
            self.phone,
            self.address,
            self.private_address,
        ]

    def text(self, what: str) -> str:
        return f"{what} {self.secret}"


async def _other_member() -> int:
    tag = uuid.uuid4().hex[:8]
    row = Member(first_name="Ander", last_name=f"Lid{tag}", email=f"ander-{tag}@example.org")
    await row.save()
    return row.id


async def new_person(rng: random.Random | None = None) -> Person:
    """The member and their account; other tables come from FACTORIES."""
    rng = rng or random.Random()
    secret = "zq" + uuid.UUID(int=rng.getrandbits(128)).hex[:12]
    phone = "+3247" + "".join(str(rng.randrange(10)) for _ in range(7))
    person = Person(
        member_id=0,
        account_id=0,
        secret=secret,
        email=f"{secret}@werk.example.be",
        private_email=f"{secret}.thuis@example.com",
        phone=phone,
        address=f"Geheimstraat {secret}, 9000 Gent",
        private_address=f"Thuisdreef {secret}, 2000 Antwerpen",
    )
    member_id, account_id = await save_member_and_account(person, "Erna", "Wissel")
    return Person(**{**person.__dict__, "member_id": member_id, "account_id": account_id})


async def save_member_and_account(
    person: Person, first_name: str, last_name: str
) -> tuple[int, int]:
    """The member row of `person` and their account, carrying the person's values."""
    member = Member(
        first_name=first_name,
        last_name=last_name,
        search_name=member_search_text(first_name, last_name),
        job_title=person.text("functie"),
        email=person.email,
        phone=person.phone,
        address=person.address,
        met_via="event",
    )
    await member.save()
    account = Account(
        email=person.email,
        password_hash="not-a-real-hash",
        role=Role.member,
        member=member.id,
        display_name=person.text("naam"),
        created_at=utc_now(),
    )
    await account.save()
    return member.id, account.id


async def _member(p: Person) -> None:
    await give_consent(p.member_id, Purpose.private_contact, "web")
    await Member.update(
        {Member.private_email: p.private_email, Member.private_address: p.private_address}
    ).where(Member.id == p.member_id)


async def _account(p: Person) -> None:
    """Made by new_person: every person has one."""


async def _user_session(p: Person) -> None:
    await UserSession.insert(
        UserSession(
            token_hash=token_hash(p.text("sessie") + uuid.uuid4().hex),
            account=p.account_id,
            expires_at=utc_now() + timedelta(hours=1),
        )
    )


async def _api_token(p: Person) -> None:
    await ApiToken.insert(
        ApiToken(
            account=p.account_id,
            name=p.text("token"),
            prefix=p.secret[:8],
            token_hash=token_hash(p.text("api") + uuid.uuid4().hex),
            created_at=utc_now(),
        )
    )


async def _password_reset(p: Person) -> None:
    await PasswordReset.insert(
        PasswordReset(
            account=p.account_id,
            token_hash=token_hash(p.text("wachtwoord") + uuid.uuid4().hex),
            created_at=utc_now(),
            expires_at=utc_now() + timedelta(hours=1),
        )
    )


async def _interaction(p: Person) -> None:
    await Interaction.insert(
        Interaction(member=p.member_id, occurred_on=date(2024, 5, 1), note=p.text("notitie"))
    )


async def _activity(p: Person) -> None:
    await Activity.insert(
        Activity(member=p.member_id, title=p.text("activiteit"), occurred_on=date(2024, 6, 1))
    )


async def _record(table, p: Person) -> int:
    row = table(
        member=p.member_id,
        title=p.text("titel"),
        body=p.text("tekst") + f" bel {p.phone} of mail {p.email}",
        tags=[p.secret],
        created_at=utc_now(),
    )
    await row.save()
    return row.id


async def _challenge(p: Person) -> None:
    await _record(Challenge, p)


async def _expertise(p: Person) -> None:
    await _record(Expertise, p)


async def _access_request(p: Person) -> None:
    await record_request(Kind.access, p.member_id, RequestChannel.web, p.account_id)


async def _erasure_request(p: Person) -> None:
    await record_request(Kind.erasure, p.member_id, RequestChannel.email, None)


async def _request_verification(p: Person) -> None:
    from privacy.tables import RequestVerification

    request_id = await record_request(
        Kind.access, p.member_id, RequestChannel.email, None, status="unverified"
    )
    await RequestVerification.insert(
        RequestVerification(
            kind="access",
            request_id=request_id,
            member=p.member_id,
            code_hash=token_hash(p.text("code")),
            created_at=utc_now(),
            expires_at=utc_now() + timedelta(hours=1),
        )
    )


async def _download_link(p: Person) -> None:
    from privacy.tables import DownloadLink

    request_id = await record_request(Kind.access, p.member_id, RequestChannel.web, None)
    await DownloadLink.insert(
        DownloadLink(
            request=request_id,
            token_hash=token_hash(p.text("link") + uuid.uuid4().hex),
            created_at=utc_now(),
            expires_at=utc_now() + timedelta(hours=1),
        )
    )


async def _audit_entry(p: Person) -> None:
    await record_audit(p.account_id, p.member_id, Action.viewed, "member")


async def _consent(p: Person) -> None:
    await give_consent(p.member_id, Purpose.private_contact, "web")


async def _login_month(p: Person) -> None:
    await record_login_month(p.member_id)


async def _opt_out_event(p: Person) -> None:
    await set_opt_out(p.member_id, OptOut.mailings, True, Channel.web, p.account_id)
    await set_opt_out(p.member_id, OptOut.mailings, False, Channel.phone, None)


async def _registration(p: Person) -> None:
    from events.tables import Event, Registration

    start = utc_now() + timedelta(days=10)
    event = Event(title="Netwerkavond", starts_at=start, ends_at=start + timedelta(hours=2))
    await event.save()
    await Registration.insert(
        Registration(
            event=event.id,
            member=p.member_id,
            guest_company=p.text("bedrijf"),
            guest_email=p.email,
            hide_from_list=True,
            registered_at=utc_now(),
        )
    )


async def _calendar_feed(p: Person) -> None:
    from events.tables import CalendarFeed

    await CalendarFeed.insert(
        CalendarFeed(
            member=p.member_id,
            token_hash=token_hash(p.text("feed") + uuid.uuid4().hex),
            created_at=utc_now(),
        )
    )


async def _block(p: Person) -> None:
    from introductions.tables import Block

    other = await _other_member()
    await Block.insert(
        Block(blocker=p.member_id, blocked=other, created_at=utc_now()),
        Block(blocker=other, blocked=p.member_id, created_at=utc_now()),
    )


async def _matching_preference(p: Person) -> None:
    from introductions.tables import MatchingPreference

    await MatchingPreference.insert(MatchingPreference(member=p.member_id, capacity=2)).on_conflict(
        action="DO NOTHING"
    )


async def _introduction(p: Person) -> None:
    from introductions.tables import Introduction

    other = await _other_member()
    challenge = await _record(Challenge, p)
    others_challenge = Challenge(member=other, title="Ander", tags=[], created_at=utc_now())
    await others_challenge.save()
    await Introduction.insert(
        Introduction(
            challenge=challenge,
            expert=other,
            requester=p.member_id,
            explanation={"why": p.text("uitleg")},
            created_at=utc_now(),
        ),
        Introduction(
            challenge=others_challenge.id,
            expert=p.member_id,
            requester=other,
            explanation={"why": p.text("uitleg")},
            created_at=utc_now(),
        ),
    )


async def _invoice(p: Person) -> None:
    """One invoice of this year (kept under hold by erasure) and one paid long ago (erased)."""
    tag = uuid.uuid4().hex[:10]
    await Invoice.insert(
        Invoice(number=f"F{tag}", member=p.member_id, issued_on=date.today(), amount=120),
        Invoice(
            number=f"O{tag}", member=p.member_id, issued_on=date(2010, 3, 1), amount=95, paid=True
        ),
    )


async def _restriction(p: Person) -> None:
    from privacy.restriction import lift, restrict

    await restrict(p.member_id, p.text("verzoeker"), p.text("reden"), None)
    await lift(p.member_id, None)


async def _processor(key: str) -> int:
    from privacy.tables import Processor

    found = await Processor.select(Processor.id).where(Processor.key == key).first()
    if found:
        return found["id"]
    row = Processor(name=f"Relais {key}", service="mail", key=key, dpa_signed_on=date(2025, 1, 1))
    await row.save()
    return row.id


async def _disclosure(p: Person) -> None:
    from privacy.recipients import record_disclosure

    await record_disclosure(await _processor("people-smtp"), [p.member_id])


async def _recipient_notice(p: Person) -> None:
    from privacy.recipients import NoticeReason, notify_recipients

    await _disclosure(p)
    await notify_recipients(p.member_id, NoticeReason.rectification, ["phone"])


async def _event() -> int:
    from events.tables import Event

    start = utc_now() + timedelta(days=12)
    event = Event(title="Werkgroep", starts_at=start, ends_at=start + timedelta(hours=2))
    await event.save()
    return event.id


async def _event_organiser(p: Person) -> None:
    from events.tables import EventOrganiser

    await EventOrganiser.insert(EventOrganiser(event=await _event(), account=p.account_id))


async def _export_log(p: Person) -> None:
    from events.tables import ExportLog

    await ExportLog.insert(
        ExportLog(account=p.account_id, event=await _event(), format="csv", created_at=utc_now())
    )


async def _matching_run(p: Person) -> None:
    from introductions.tables import MatchingRun

    challenge = await _record(Challenge, p)
    await MatchingRun.insert(MatchingRun(challenge=challenge, computed_at=utc_now()))


async def _who_to_meet_mail(p: Person) -> None:
    from events.tables import Registration, WhoToMeetMail

    query = Registration.select(Registration.id).where(Registration.member == p.member_id)
    if await query.first() is None:
        await _registration(p)
    registration = await query.first()
    await WhoToMeetMail.insert(  # not delivered: its address was refused for good
        WhoToMeetMail(registration=registration["id"], sent_at=utc_now(), refusal=Refusal.refused)
    ).on_conflict(action="DO NOTHING")  # a history may draw it twice: one per registration


async def _event_mail(p: Person) -> None:
    from events.choices import EventMailKind
    from events.tables import EventMail, Registration

    query = Registration.select(Registration.id).where(Registration.member == p.member_id)
    if await query.first() is None:
        await _registration(p)
    registration = await query.first()
    await EventMail.insert(  # one not delivered: its address was refused for good
        EventMail(
            registration=registration["id"],
            kind=EventMailKind.registered,
            due_at=utc_now(),
            attempts=MAX_ATTEMPTS,
            refusal=Refusal.refused,
        )
    ).on_conflict(action="DO NOTHING")  # a history may draw it twice: one owed per kind


async def _introduction_mail(p: Person) -> None:
    from introductions.tables import Introduction, IntroductionMail, MailKind

    query = Introduction.select(Introduction.id).where(Introduction.requester == p.member_id)
    if await query.first() is None:
        await _introduction(p)
    introduction = await query.first()
    await IntroductionMail.insert(  # one not delivered: its address was refused for good
        IntroductionMail(
            introduction=introduction["id"],
            recipient=p.member_id,
            kind=MailKind.expired,
            due_at=utc_now(),
            attempts=MAX_ATTEMPTS,
            refusal=Refusal.refused,
        )
    ).on_conflict(action="DO NOTHING")  # a history may draw it twice: one owed per kind


async def _embedding(p: Person) -> None:
    from introductions.tables import Embedding
    from matching.semantic import MODEL_VERSION, text_hash, to_bytes

    await Embedding.insert(
        Embedding(
            member=p.member_id,
            text_hash=text_hash(p.text("ingebed")),
            model=MODEL_VERSION,
            vector=to_bytes([0.6, 0.8]),
            created_at=utc_now(),
        )
    ).on_conflict(action="DO NOTHING")


Factory = Callable[[Person], Awaitable[None]]

FACTORIES: dict[str, Factory] = {
    "member": _member,
    "account": _account,
    "user_session": _user_session,
    "api_token": _api_token,
    "password_reset": _password_reset,
    "interaction": _interaction,
    "activity": _activity,
    "challenge": _challenge,
    "expertise": _expertise,
    "access_request": _access_request,
    "erasure_request": _erasure_request,
    "request_verification": _request_verification,
    "download_link": _download_link,
    "audit_entry": _audit_entry,
    "consent": _consent,
    "login_month": _login_month,
    "opt_out_event": _opt_out_event,
    "registration": _registration,
    "calendar_feed": _calendar_feed,
    "block": _block,
    "matching_preference": _matching_preference,
    "introduction": _introduction,
    "invoice": _invoice,
    "restriction": _restriction,
    "disclosure": _disclosure,
    "recipient_notice": _recipient_notice,
    "embedding": _embedding,
    "event_mail": _event_mail,
    "who_to_meet_mail": _who_to_meet_mail,
    "introduction_mail": _introduction_mail,
    **AWARD_FACTORIES,
    **PROJECT_FACTORIES,
    **MAILING_FACTORIES,
    **LIBRARY_FACTORIES,
    **IMPORT_FACTORIES,
}

SCHEMA_LINKED_FACTORIES: dict[str, Factory] = {
    "event_organiser": _event_organiser,
    "export_log": _export_log,
    "matching_run": _matching_run,
    **MAILING_SCHEMA_LINKED,
    **PROJECT_SCHEMA_LINKED,
}
"""Tables not declared as personal (they hold ids only) but linked to a member in the schema."""

MADE_BY_ERASURE = {
    "suppression": "the suppression record is what erasure itself leaves",
    "erasure_ledger": "the ledger entry (ids and a keyed hash) is what erasure itself writes first",
}


async def full_person(rng: random.Random | None = None) -> Person:
    person = await new_person(rng)
    for factory in FACTORIES.values():
        await factory(person)
    return person
