"""A deterministic, realistic demo network: organisations, members, records, events.

The generator is pure (no database, no I/O) so it can be tested on its own and loaded by
any front end; `generate(seed, today)` always returns the same network for the same
arguments. Everything refers to everything else by index into the returned tuples.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from assembly import demo_words as words
from kring.choices import (
    InteractionKind,
    Language,
    MemberStatus,
    MetVia,
    OrganisationKind,
    RecordStatus,
    Role,
)
from kring.clock import today as clock_today
from kring.validation import enterprise_number_is_valid, format_enterprise_number

DEMO_PASSWORD = "kring-demo-2026"  # noqa: S105 - a published demo password, not a secret
"""Shared password of every demo account; the demo must never run on real data."""

NETWORK_FOUNDED = date(1996, 1, 1)
"""The network is 30 years old: no member joined before this date."""

TARGET_MEMBERS = 300
TARGET_INTERACTIONS = 400
MEMBER_ACCOUNT_COUNT = 5
"""The first members get a login so the demo can be seen from a member's point of view."""
IN_TOUCH_YEARS = 3
"""Every demo member was heard from in these last years (a login, an event attended, a contact):
retention erases a contact only after 60 months without any, so no demo member, and no demo
login, is erased by the worker's first run, nor in the two years after `kring demo`."""
IN_TOUCH_NOTE = "Jaarlijks contact: lidmaatschap overlopen en gegevens nagekeken"

STAFF_ACCOUNTS: tuple[tuple[str, str, Role], ...] = (
    ("admin@kring.demo", "An Verhoeven", Role.admin),
    ("organisator@kring.demo", "Tom Claeys", Role.organiser),
    ("privacy@kring.demo", "Nele Dewulf", Role.privacy_officer),
)
STAFF_ADMIN, STAFF_ORGANISER, STAFF_PRIVACY = 0, 1, 2

PAST_REGISTRATION_STATUSES = ("attended", "no_show", "cancelled")
UPCOMING_REGISTRATION_STATUSES = ("confirmed", "waitlisted", "cancelled")


@dataclass(frozen=True, slots=True)
class DemoOrganisation:
    name: str
    kind: OrganisationKind
    sector: str
    enterprise_number: str  # formatted 0xxx.xxx.xxx
    website: str
    email_domains: tuple[str, ...]  # the first is the one on the website
    street: str  # street and number
    postcode: str
    municipality: str
    address: str  # "street number, postcode municipality"
    phone: str  # switchboard, international notation with spaces


@dataclass(frozen=True, slots=True)
class DemoMember:
    organisation: int
    first_name: str
    last_name: str
    job_title: str
    email: str
    phone: str
    address: str
    language: Language
    met_via: MetVia
    joined_at: date
    status: MemberStatus
    opt_out_sharing: bool
    opt_out_listing: bool
    no_mailings: bool


@dataclass(frozen=True, slots=True)
class DemoChallenge:
    member: int
    title: str
    body: str
    tags: tuple[str, ...]
    language: Language
    status: RecordStatus
    created_on: date


@dataclass(frozen=True, slots=True)
class DemoExpertise:
    member: int
    title: str
    body: str
    tags: tuple[str, ...]
    language: Language
    status: RecordStatus
    created_on: date


@dataclass(frozen=True, slots=True)
class DemoInteraction:
    member: int
    kind: InteractionKind
    occurred_on: date
    note: str
    staff: int  # index into DemoNetwork.accounts; the staff accounts come first


@dataclass(frozen=True, slots=True)
class DemoAccount:
    email: str
    display_name: str
    role: Role
    member: int | None  # None for staff


@dataclass(frozen=True, slots=True)
class DemoEvent:
    title: str
    description: str
    starts_at: datetime  # naive, Europe/Brussels
    ends_at: datetime
    venue: str  # "" for online events
    address: str  # "" for online events
    online_url: str  # "" for events on location
    capacity: int
    members_only: bool


@dataclass(frozen=True, slots=True)
class DemoRegistration:
    event: int
    member: int
    status: str  # PAST_REGISTRATION_STATUSES or UPCOMING_REGISTRATION_STATUSES
    registered_at: datetime  # naive, Europe/Brussels; waitlist order
    hide_from_list: bool


@dataclass(frozen=True, slots=True)
class DemoNetwork:
    today: date
    organisations: tuple[DemoOrganisation, ...]
    members: tuple[DemoMember, ...]
    challenges: tuple[DemoChallenge, ...]
    expertise: tuple[DemoExpertise, ...]
    interactions: tuple[DemoInteraction, ...]
    accounts: tuple[DemoAccount, ...]
    events: tuple[DemoEvent, ...]
    registrations: tuple[DemoRegistration, ...]
    login_months: tuple[tuple[int, str], ...] = ()
    """(member index, "YYYY-MM"): the months each member with a login signed in."""


def ascii_fold(text: str) -> str:
    """'Sébastien Van den Broeck' -> 'sebastienvandenbroeck': e-mail local parts are ASCII."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in plain if ch.isalnum() or ch == "-")


def _random_date(rng: random.Random, start: date, end: date, recent_bias: bool = False) -> date:
    span = max((end - start).days, 0)
    offset = rng.triangular(0, span, span) if recent_bias else rng.uniform(0, span)
    return start + timedelta(days=int(offset))


class _Builder:
    """Holds the random source and the partial network while it is being generated."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security
        self.today = today
        self.used_numbers: set[str] = set()
        self.used_phones: set[str] = set()
        self.used_bodies: set[str] = set()
        self.headcounts: list[int] = []
        self.site_counts: list[int] = []

    # organisations ---------------------------------------------------------------------

    def enterprise_number(self) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.08:  # the newest numbers start with 1
                first8 = f"1{rng.randint(0, 9_999):07d}"
            else:
                first8 = f"0{rng.randint(2_000_000, 9_999_999)}"
            digits = f"{first8}{97 - int(first8) % 97:02d}"
            if enterprise_number_is_valid(digits) and digits not in self.used_numbers:
                self.used_numbers.add(digits)
                return format_enterprise_number(digits)

    def landline(self, area_code: str) -> str:
        rng = self.rng
        while True:
            if len(area_code) == 1:
                first = rng.choice(words.SHORT_ZONE_FIRST_DIGITS[area_code])
                rest = f"{rng.randint(0, 999_999):06d}"
                number = f"+32 {area_code} {first}{rest[:2]} {rest[2:4]} {rest[4:]}"
            else:
                first = rng.choice("23456789")
                rest = f"{rng.randint(0, 99_999):05d}"
                number = f"+32 {area_code} {first}{rest[0]} {rest[1:3]} {rest[3:]}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def mobile(self) -> str:
        rng = self.rng
        while True:
            rest = f"{rng.randint(0, 999_999):06d}"
            prefix = rng.choice(words.MOBILE_PREFIXES)
            number = f"+32 {prefix} {rest[:2]} {rest[2:4]} {rest[4:]}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def organisations(self) -> list[DemoOrganisation]:
        rng = self.rng
        result = []
        for seed in words.ORGANISATIONS:
            place = words.PLACES[seed.place]
            street = f"{rng.choice(words.STREETS_BY_KIND[seed.kind])} {rng.randint(1, 180)}"
            if rng.random() < 0.1:
                street += rng.choice("ABC")
            domains = (f"{seed.slug}.be",) + ((seed.extra_domain,) if seed.extra_domain else ())
            result.append(
                DemoOrganisation(
                    name=seed.name,
                    kind=OrganisationKind(seed.kind),
                    sector=seed.sector,
                    enterprise_number=self.enterprise_number(),
                    website=f"https://www.{seed.slug}.be",
                    email_domains=domains,
                    street=street,
                    postcode=place.postcode,
                    municipality=place.municipality,
                    address=f"{street}, {place.postcode} {place.municipality}",
                    phone=self.landline(place.area_code),
                )
            )
        return result

    def organisation_sizes(self, organisations: list[DemoOrganisation]) -> list[int]:
        """Members per organisation: one-person SMEs up to a hospital with 15 members."""
        rng = self.rng
        ranges = {
            "sme": (1, 2),
            "consultancy": (1, 4),
            "healthcare": (4, 12),
            "education": (4, 10),
            "government": (2, 9),
            "non_profit": (1, 4),
        }
        sizes = [rng.randint(*ranges.get(org.sector, (2, 9))) for org in organisations]
        largest = next(i for i, org in enumerate(organisations) if org.kind == "healthcare")
        sizes[largest] = 15
        adjustable = [i for i in range(len(sizes)) if i != largest]
        while sum(sizes) != TARGET_MEMBERS:
            i = rng.choice(adjustable)
            if sum(sizes) < TARGET_MEMBERS and sizes[i] < 14:
                sizes[i] += 1
            elif sum(sizes) > TARGET_MEMBERS and sizes[i] > 1:
                sizes[i] -= 1
        return sizes

    # members ---------------------------------------------------------------------------

    def met_via(self, joined_at: date) -> MetVia:
        if joined_at.year < 2008:
            options = {"unknown": 55, "in_person": 20, "phone": 15, "event": 10}
        else:
            options = {
                "unknown": 8,
                "email": 25,
                "event": 25,
                "in_person": 20,
                "phone": 10,
                "social_media": 12 if joined_at.year >= 2010 else 0,
            }
        return MetVia(self.rng.choices(list(options), weights=list(options.values()))[0])

    def members(
        self, organisations: list[DemoOrganisation], sizes: list[int]
    ) -> tuple[list[DemoMember], list[str]]:
        """Members with their role family (used to write coherent records), shuffled."""
        rng = self.rng
        used_emails: set[str] = set()
        drafts: list[tuple[DemoMember, str]] = []
        families = list(words.FAMILY_WEIGHTS)
        weights = list(words.FAMILY_WEIGHTS.values())
        for org_index, (org, size) in enumerate(zip(organisations, sizes, strict=True)):
            place = words.PLACES[words.ORGANISATIONS[org_index].place]
            english_share = 0.4 if org.sector in ("pharma", "ict", "logistics") else 0.2
            has_executive = False
            for _ in range(size):
                family = rng.choices(families, weights=weights)[0]
                while family == "executive" and has_executive:
                    family = rng.choices(families, weights=weights)[0]
                has_executive = has_executive or family == "executive"
                while True:
                    first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
                    domain = org.email_domains[0]
                    if len(org.email_domains) > 1 and rng.random() < 0.3:
                        domain = org.email_domains[1]
                    email = f"{ascii_fold(first)}.{ascii_fold(last)}@{domain}"
                    if email not in used_emails:
                        used_emails.add(email)
                        break
                # The network grew over time, but some founding members are still around.
                recent = rng.random() < 0.85
                joined_at = _random_date(rng, NETWORK_FOUNDED, self.today, recent_bias=recent)
                phone = self.mobile() if rng.random() < 0.65 else self.landline(place.area_code)
                member = DemoMember(
                    organisation=org_index,
                    first_name=first,
                    last_name=last,
                    job_title=rng.choice(words.JOB_TITLES[family]),
                    email=email,
                    phone=phone,
                    address=org.address,
                    language=Language.en if rng.random() < english_share else Language.nl,
                    met_via=self.met_via(joined_at),
                    joined_at=joined_at,
                    status=MemberStatus.paused if rng.random() < 0.05 else MemberStatus.active,
                    opt_out_sharing=rng.random() < 0.05,
                    opt_out_listing=rng.random() < 0.08,
                    no_mailings=rng.random() < 0.05,
                )
                drafts.append((member, family))
        rng.shuffle(drafts)
        # The members that get a login: active, from different organisations.
        front: list[int] = []
        for i, (member, _) in enumerate(drafts):
            if member.status == MemberStatus.active and member.organisation not in {
                drafts[j][0].organisation for j in front
            }:
                front.append(i)
            if len(front) == MEMBER_ACCOUNT_COUNT:
                break
        ordered = [drafts[i] for i in front] + [d for i, d in enumerate(drafts) if i not in front]
        return [m for m, _ in ordered], [f for _, f in ordered]

    # challenges and expertise ---------------------------------------------------------

    def sizes_in_people(self, organisations: list[DemoOrganisation]) -> None:
        """Headcount and number of sites per organisation, so all its texts agree."""
        rng = self.rng
        ranges = {
            "sme": (5, 40),
            "consultancy": (3, 60),
            "healthcare": (300, 3000),
            "education": (150, 1500),
            "government": (80, 2000),
            "non_profit": (15, 250),
        }
        for org in organisations:
            low, high = ranges.get(org.sector, (40, 900))
            people = rng.randint(low, high)
            self.headcounts.append(people if people < 100 else round(people, -1))
            big = people > 200 and rng.random() < 0.5
            self.site_counts.append(rng.randint(2, 6) if big else 1)

    def _context(self, member: DemoMember, org: DemoOrganisation, lang: str) -> dict[str, str]:
        rng = self.rng
        sector_nl, sector_en = words.SECTOR_PHRASES[org.sector]
        sector = sector_nl if lang == "nl" else sector_en
        if lang == "nl":
            a_sector = f"een {sector}"
        else:
            a_sector = f"an {sector}" if sector[0] in "aeiou" else f"a {sector}"
        sites = ""
        site_count = self.site_counts[member.organisation]
        if site_count > 1:
            frame = rng.choice(words.SITES_NL if lang == "nl" else words.SITES_EN)
            sites = frame.format(k=site_count)
        years = rng.randint(3, 25)
        people = self.headcounts[member.organisation]
        return {
            "sector": sector,
            "a_sector": a_sector,
            "n": f"{people:,}".replace(",", "." if lang == "nl" else ","),
            "sites": sites,
            "job": member.job_title,
            "years": str(years),
            "year": str(self.today.year - years),
            "deadline": rng.choice(words.DEADLINES_NL if lang == "nl" else words.DEADLINES_EN),
        }

    def _tags(self, topic: words.Topic) -> tuple[str, ...]:
        extra = self.rng.randint(0, min(3, len(topic.related_tags)))
        core = topic.core_tags if self.rng.random() < 0.7 else topic.core_tags[:1]
        tags = list(dict.fromkeys([*core, *self.rng.sample(topic.related_tags, extra)]))
        if len(tags) < 2:
            tags.append(topic.related_tags[0])
        return tuple(tags[:5])

    def _unique(
        self,
        write: Callable[[DemoMember, DemoOrganisation, words.Topic, str], str],
        member: DemoMember,
        org: DemoOrganisation,
        topic: words.Topic,
        lang: str,
    ) -> str:
        """Write bodies until one is new, so no two members post the same text."""
        body = ""
        for _ in range(40):
            body = write(member, org, topic, lang)
            if body not in self.used_bodies:
                break
        self.used_bodies.add(body)
        return body

    def _language(self, member: DemoMember) -> Language:
        other = Language.nl if member.language == Language.en else Language.en
        return member.language if self.rng.random() < 0.88 else other

    def records(
        self,
        members: list[DemoMember],
        families: list[str],
        organisations: list[DemoOrganisation],
    ) -> tuple[list[DemoChallenge], list[DemoExpertise]]:
        rng = self.rng
        challenges: list[DemoChallenge] = []
        expertise: list[DemoExpertise] = []
        all_topics = list(words.TOPICS)
        for index, (member, family) in enumerate(zip(members, families, strict=True)):
            org = organisations[member.organisation]
            since = max(member.joined_at, self.today - timedelta(days=4 * 365))
            if index < MEMBER_ACCOUNT_COUNT or rng.random() < 2 / 3:
                count = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
                chosen: list[str] = []
                while len(chosen) < count:
                    pool = words.FAMILY_TOPICS[family] if rng.random() < 0.7 else all_topics
                    key = rng.choice(pool)
                    if key not in chosen:
                        chosen.append(key)
                for key in chosen:
                    lang = self._language(member)
                    topic = words.TOPICS[key]
                    challenges.append(
                        DemoChallenge(
                            member=index,
                            title=rng.choice(
                                topic.challenge_titles_nl
                                if lang == "nl"
                                else topic.challenge_titles_en
                            ),
                            body=self._unique(self._challenge_body, member, org, topic, lang),
                            tags=self._tags(topic),
                            language=lang,
                            status=RecordStatus.closed
                            if rng.random() < 0.15
                            else RecordStatus.open,
                            created_on=_random_date(rng, since, self.today),
                        )
                    )
            if index < MEMBER_ACCOUNT_COUNT or rng.random() < 2 / 3:
                known = words.FAMILY_TOPICS[family]
                count = min(rng.choices((1, 2, 3, 4), weights=(40, 30, 20, 10))[0], len(known))
                for key in rng.sample(known, count):
                    lang = self._language(member)
                    topic = words.TOPICS[key]
                    expertise.append(
                        DemoExpertise(
                            member=index,
                            title=rng.choice(
                                topic.expertise_titles_nl
                                if lang == "nl"
                                else topic.expertise_titles_en
                            ),
                            body=self._unique(self._expertise_body, member, org, topic, lang),
                            tags=self._tags(topic),
                            language=lang,
                            status=RecordStatus.closed
                            if rng.random() < 0.08
                            else RecordStatus.open,
                            created_on=_random_date(rng, since, self.today),
                        )
                    )
        return challenges, expertise

    def _challenge_body(
        self, member: DemoMember, org: DemoOrganisation, topic: words.Topic, lang: str
    ) -> str:
        rng = self.rng
        nl = lang == "nl"
        values = self._context(member, org, lang) | {"noun": topic.noun_nl if nl else topic.noun_en}
        sentences = []
        if rng.random() < 0.75:
            sentences.append(
                rng.choice(words.CHALLENGE_OPENINGS_NL if nl else words.CHALLENGE_OPENINGS_EN)
            )
        sentences.append(rng.choice(topic.problems_nl if nl else topic.problems_en))
        if rng.random() < 0.45:
            sentences.append(
                rng.choice(words.CHALLENGE_DETAILS_NL if nl else words.CHALLENGE_DETAILS_EN)
            )
        sentences.append(rng.choice(words.CHALLENGE_ASKS_NL if nl else words.CHALLENGE_ASKS_EN))
        return " ".join(s.format(**values) for s in sentences)

    def _expertise_body(
        self, member: DemoMember, org: DemoOrganisation, topic: words.Topic, lang: str
    ) -> str:
        rng = self.rng
        nl = lang == "nl"
        values = self._context(member, org, lang) | {"noun": topic.noun_nl if nl else topic.noun_en}
        sentences = []
        if rng.random() < 0.8:
            sentences.append(
                rng.choice(words.EXPERTISE_OPENINGS_NL if nl else words.EXPERTISE_OPENINGS_EN)
            )
        sentences.append(rng.choice(topic.results_nl if nl else topic.results_en))
        if rng.random() < 0.4:
            sentences.append(
                rng.choice(words.EXPERTISE_METHODS_NL if nl else words.EXPERTISE_METHODS_EN)
            )
        sentences.append(rng.choice(words.EXPERTISE_OFFERS_NL if nl else words.EXPERTISE_OFFERS_EN))
        return " ".join(s.format(**values) for s in sentences)

    # interactions and accounts ---------------------------------------------------------

    def interactions(self, members: list[DemoMember], families: list[str]) -> list[DemoInteraction]:
        rng = self.rng
        weights = [1 + (self.today - m.joined_at).days / 1825 for m in members]
        start = date(2005, 1, 1)  # the CRM was only kept from then on
        kinds = list(words.INTERACTION_NOTES)
        result = []
        for index in rng.choices(range(len(members)), weights=weights, k=TARGET_INTERACTIONS):
            member = members[index]
            opted_out = member.opt_out_sharing or member.opt_out_listing or member.no_mailings
            if opted_out and rng.random() < 0.5:
                staff = STAFF_PRIVACY
            else:
                staff = rng.choices(
                    (STAFF_ADMIN, STAFF_ORGANISER, STAFF_PRIVACY), weights=(3, 6, 1)
                )[0]
            kind = rng.choices(kinds, weights=(35, 25, 40))[0]
            if staff == STAFF_PRIVACY:
                note = rng.choice(words.PRIVACY_NOTES)
            else:
                label = words.TOPICS[rng.choice(words.FAMILY_TOPICS[families[index]])].label
                note = rng.choice(words.INTERACTION_NOTES[kind]).format(label=label)
            occurred_on = _random_date(rng, max(member.joined_at, start), self.today, True)
            result.append(DemoInteraction(index, InteractionKind(kind), occurred_on, note, staff))
        result.sort(key=lambda i: (i.occurred_on, i.member))
        return result

    def accounts(self, members: list[DemoMember]) -> list[DemoAccount]:
        staff = [DemoAccount(email, name, role, None) for email, name, role in STAFF_ACCOUNTS]
        return staff + [
            DemoAccount(m.email, f"{m.first_name} {m.last_name}", Role.member, i)
            for i, m in enumerate(members[:MEMBER_ACCOUNT_COUNT])
        ]

    # events ------------------------------------------------------------------------------

    def event_dates(self) -> list[date]:
        """Past events in the last year, upcoming ones in the next four months, on weekdays."""
        rng = self.rng
        past_count = words.PAST_EVENT_COUNT
        upcoming_count = len(words.EVENTS) - past_count
        past = sorted(rng.sample(range(10, 340), past_count), reverse=True)
        upcoming = sorted(rng.sample(range(7, 120), upcoming_count))
        dates = []
        for days in past:
            day = self.today - timedelta(days=days)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            dates.append(day)
        for days in upcoming:
            day = self.today + timedelta(days=days)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            dates.append(day)
        return dates

    def events(self, organisations: list[DemoOrganisation]) -> list[DemoEvent]:
        rng = self.rng
        result = []
        series_venue = rng.choice(words.VENUES)  # a learning network keeps its venue
        for seed, day in zip(words.EVENTS, self.event_dates(), strict=True):
            starts_at = datetime.combine(day, time(seed.start_hour, seed.start_minute))
            venue = address = online_url = ""
            if seed.format == "online":
                slug = re.sub(r"-+", "-", ascii_fold(seed.title.replace(" ", "-")))
                online_url = f"https://meet.kring.demo/{slug}"
            elif seed.format == "visit":
                wanted = "food" if seed.topic == "lean" else "manufacturing"
                host = rng.choice([o for o in organisations if o.sector == wanted])
                venue, address = host.name, host.address
            elif seed.title.startswith("Lerend netwerk"):
                venue, address = series_venue
            else:
                venue, address = rng.choice(words.VENUES)
            result.append(
                DemoEvent(
                    title=seed.title,
                    description=seed.description,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=seed.duration_minutes),
                    venue=venue,
                    address=address,
                    online_url=online_url,
                    capacity=seed.capacity,
                    members_only=seed.members_only,
                )
            )
        return result

    def registrations(
        self,
        events: list[DemoEvent],
        members: list[DemoMember],
        families: list[str],
        organisations: list[DemoOrganisation],
    ) -> list[DemoRegistration]:
        """Past events have attendance, upcoming ones fill up; one is full with a waitlist."""
        rng = self.rng
        now = datetime.combine(self.today, time(8, 0))
        # The learning network has a fixed group that registers for every session.
        series = [i for i, e in enumerate(events) if e.title.startswith("Lerend netwerk")]
        first_session = events[series[0]].starts_at.date() - timedelta(days=50)
        candidates = [
            i
            for i, m in enumerate(members)
            if m.status == MemberStatus.active
            and m.joined_at < first_session
            and families[i] in ("safety", "quality", "audit")
        ]
        cohort = rng.sample(candidates, min(len(candidates), events[series[0]].capacity - 2))
        upcoming = [i for i, e in enumerate(events) if e.starts_at > now]
        full_event = next(i for i in upcoming if i not in series)

        result: list[DemoRegistration] = []
        for index, event in enumerate(events):
            past = event.starts_at <= now
            # Registration opens two months ahead, and at least three weeks before today.
            opened = min(event.starts_at - timedelta(days=60), now - timedelta(days=21))
            audience = words.EVENTS[index].audience
            eligible = [
                i
                for i, m in enumerate(members)
                if m.joined_at < opened.date()
                and (past or m.status == MemberStatus.active)
                and (not audience or organisations[m.organisation].sector == audience)
            ]
            if index in series:
                chosen = list(cohort)
                cancelled = rng.randint(0, 2)
            else:
                if index == full_event:
                    active = event.capacity + rng.randint(3, 7)
                elif past:
                    active = int(event.capacity * rng.uniform(0.55, 1.0))
                else:
                    active = int(event.capacity * rng.uniform(0.3, 0.85))
                cancelled = rng.randint(1, max(1, active // 8))
                chosen = rng.sample(eligible, min(len(eligible), active + cancelled))
            latest = min(event.starts_at - timedelta(days=1), now)
            window = max(int((latest - opened).total_seconds() // 60), 1)
            stamped = sorted(
                ((opened + timedelta(minutes=rng.randint(0, window)), m) for m in chosen),
                key=lambda pair: pair[0],
            )
            cancel_positions = set(rng.sample(range(len(stamped)), min(cancelled, len(stamped))))
            confirmed = 0
            for position, (registered_at, member) in enumerate(stamped):
                if position in cancel_positions:
                    status = "cancelled"
                elif past:
                    status = "attended" if rng.random() < 0.88 else "no_show"
                elif confirmed < event.capacity:
                    status = "confirmed"
                    confirmed += 1
                else:
                    status = "waitlisted"
                result.append(
                    DemoRegistration(
                        event=index,
                        member=member,
                        status=status,
                        registered_at=registered_at.replace(second=0, microsecond=0),
                        hide_from_list=rng.random() < 0.05,
                    )
                )
        return result


def _login_months(rng: random.Random, today: date) -> list[tuple[int, str]]:
    """The members with a login signed in this month and last, and in some of the ten before."""
    result = []
    for member in range(MEMBER_ACCOUNT_COUNT):
        for back in range(12):
            if back < 2 or rng.random() < 0.6:
                total = today.year * 12 + today.month - 1 - back
                result.append((member, f"{total // 12:04d}-{total % 12 + 1:02d}"))
    return result


def _keeping_in_touch(
    rng: random.Random,
    today: date,
    members: list[DemoMember],
    interactions: list[DemoInteraction],
    events: list[DemoEvent],
    registrations: list[DemoRegistration],
) -> list[DemoInteraction]:
    """A recent call to every member the network had not heard from in IN_TOUCH_YEARS (the
    staff's yearly round), so the demo holds no contact that retention would erase."""
    since = today - timedelta(days=365 * IN_TOUCH_YEARS)
    heard = {i.member for i in interactions if i.occurred_on >= since}
    heard |= {
        r.member
        for r in registrations
        if r.status == "attended" and events[r.event].starts_at.date() >= since
    }
    heard |= set(range(MEMBER_ACCOUNT_COUNT))  # they log in
    calls = [
        DemoInteraction(
            index,
            InteractionKind.call,
            _random_date(rng, max(since, member.joined_at), today),
            IN_TOUCH_NOTE,
            STAFF_ORGANISER,
        )
        for index, member in enumerate(members)
        if index not in heard
    ]
    return sorted([*interactions, *calls], key=lambda i: (i.occurred_on, i.member))


def generate(seed: int = 2026, today: date | None = None) -> DemoNetwork:
    """Build the whole demo network; the same (seed, today) always gives the same network.

    `today` anchors every date (joins, records, interactions, past and upcoming events); it
    defaults to the current UTC date, so pass it explicitly where results must be stable.
    """
    builder = _Builder(seed, today or clock_today())
    organisations = builder.organisations()
    sizes = builder.organisation_sizes(organisations)
    builder.sizes_in_people(organisations)
    members, families = builder.members(organisations, sizes)
    challenges, expertise = builder.records(members, families, organisations)
    interactions = builder.interactions(members, families)
    accounts = builder.accounts(members)
    events = builder.events(organisations)
    registrations = builder.registrations(events, members, families, organisations)
    # A second random source: what was generated above stays the same for the same seed.
    in_touch = random.Random(f"{seed}-in-touch")  # noqa: S311 - demo data, not security
    interactions = _keeping_in_touch(
        in_touch, builder.today, members, interactions, events, registrations
    )
    login_months = _login_months(in_touch, builder.today)
    return DemoNetwork(
        today=builder.today,
        organisations=tuple(organisations),
        members=tuple(members),
        challenges=tuple(challenges),
        expertise=tuple(expertise),
        interactions=tuple(interactions),
        accounts=tuple(accounts),
        events=tuple(events),
        registrations=tuple(registrations),
        login_months=tuple(login_months),
    )
