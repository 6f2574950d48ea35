"""The demo network must be deterministic, valid by the platform's own rules and realistic."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

import phonenumbers
import pytest

from assembly.demo_data import (
    DEMO_PASSWORD,
    IN_TOUCH_NOTE,
    IN_TOUCH_YEARS,
    MEMBER_ACCOUNT_COUNT,
    NETWORK_FOUNDED,
    PAST_REGISTRATION_STATUSES,
    UPCOMING_REGISTRATION_STATUSES,
    DemoNetwork,
    ascii_fold,
    generate,
)
from kring.choices import Language, MemberStatus, MetVia, RecordStatus, Role
from kring.validation import (
    enterprise_number_is_valid,
    normalise_email,
    normalise_phone,
    normalise_tags,
    normalise_website,
)

TODAY = date(2026, 3, 10)


@pytest.fixture(scope="module", params=[(2026, TODAY), (7, date(2027, 11, 2))])
def network(request: pytest.FixtureRequest) -> DemoNetwork:
    seed, today = request.param
    return generate(seed, today)


def test_same_seed_gives_the_same_network() -> None:
    assert generate(11, TODAY) == generate(11, TODAY)


def test_different_seed_gives_a_different_network() -> None:
    a, b = generate(11, TODAY), generate(12, TODAY)
    assert a.members != b.members
    assert a.challenges != b.challenges


def test_default_today_is_used_when_none_is_given() -> None:
    network = generate(3)
    assert network.today >= TODAY
    assert all(m.joined_at <= network.today for m in network.members)


def test_counts_are_in_range(network: DemoNetwork) -> None:
    assert 55 <= len(network.organisations) <= 65
    assert 280 <= len(network.members) <= 320
    assert 200 <= len(network.challenges) <= 450
    assert 250 <= len(network.expertise) <= 600
    crm = [i for i in network.interactions if i.note != IN_TOUCH_NOTE]
    assert 350 <= len(crm) <= 450
    assert 10 <= len(network.events) <= 14
    sizes = Counter(m.organisation for m in network.members)
    assert set(sizes) == set(range(len(network.organisations)))
    assert min(sizes.values()) == 1
    assert max(sizes.values()) >= 15


def test_enterprise_numbers_are_valid_and_unique(network: DemoNetwork) -> None:
    numbers = [o.enterprise_number for o in network.organisations]
    assert len(set(numbers)) == len(numbers)
    for number in numbers:
        assert re.fullmatch(r"[01]\d{3}\.\d{3}\.\d{3}", number), number
        assert enterprise_number_is_valid(number.replace(".", "")), number


def test_organisations_look_real(network: DemoNetwork) -> None:
    names = [o.name for o in network.organisations]
    assert len(set(names)) == len(names)
    domains = [d for o in network.organisations for d in o.email_domains]
    assert len(set(domains)) == len(domains)  # a domain identifies one organisation
    assert {o.kind for o in network.organisations} >= {
        "company",
        "public_body",
        "non_profit",
        "education",
        "healthcare",
        "consultancy",
    }
    for org in network.organisations:
        assert normalise_website(org.website) == org.website
        assert org.website == f"https://www.{org.email_domains[0]}"
        assert org.email_domains[0].endswith(".be")
        assert 1 <= len(org.email_domains) <= 2
        assert re.fullmatch(r".+ \d+[A-C]?, \d{4} .+", org.address), org.address
        assert org.address == f"{org.street}, {org.postcode} {org.municipality}"


def test_phone_numbers_are_valid_belgian_numbers(network: DemoNetwork) -> None:
    phones = [m.phone for m in network.members] + [o.phone for o in network.organisations]
    assert len(set(phones)) == len(phones)
    for phone in phones:
        number = phonenumbers.parse(phone, None)
        assert phonenumbers.is_valid_number(number), phone
        assert number.country_code == 32
        assert normalise_phone(phone).startswith("+32")
    kinds = Counter(phone.split()[1].startswith("4") for phone in phones)
    assert kinds[True] > 0 and kinds[False] > 0  # mobiles and landlines


def test_emails_are_unique_and_on_the_organisation_domain(network: DemoNetwork) -> None:
    emails = [m.email for m in network.members]
    assert len(set(emails)) == len(emails)
    for member in network.members:
        local, domain = member.email.split("@")
        assert domain in network.organisations[member.organisation].email_domains
        assert local == f"{ascii_fold(member.first_name)}.{ascii_fold(member.last_name)}"
        assert member.email.isascii() and member.email == member.email.lower()
        assert normalise_email(member.email) == member.email
        assert member.address == network.organisations[member.organisation].address


def test_names_include_particles_and_accents(network: DemoNetwork) -> None:
    assert any(" " in m.last_name for m in network.members)
    assert any(not m.first_name.isascii() or "-" in m.first_name for m in network.members)


def test_member_attributes(network: DemoNetwork) -> None:
    members = network.members
    assert all(NETWORK_FOUNDED <= m.joined_at <= network.today for m in members)
    assert min(m.joined_at for m in members).year < 2002
    assert max(m.joined_at for m in members) > network.today - timedelta(days=365)
    languages = Counter(m.language for m in members)
    assert 0.1 < languages[Language.en] / len(members) < 0.35
    statuses = Counter(m.status for m in members)
    assert set(statuses) == {MemberStatus.active, MemberStatus.paused}
    assert statuses[MemberStatus.active] > 0.85 * len(members)
    assert {m.met_via for m in members} == set(MetVia)
    old = [m for m in members if m.joined_at.year < 2008]
    assert Counter(m.met_via for m in old).most_common(1)[0][0] == MetVia.unknown


@pytest.mark.parametrize(
    ("flag", "low", "high"),
    [("opt_out_sharing", 0.01, 0.12), ("opt_out_listing", 0.02, 0.16), ("no_mailings", 0.01, 0.12)],
)
def test_some_opt_outs_of_each_kind(
    network: DemoNetwork, flag: str, low: float, high: float
) -> None:
    share = sum(getattr(m, flag) for m in network.members) / len(network.members)
    assert low <= share <= high


DUTCH_ONLY = {"het", "een", "wij", "onze", "niet", "ik", "graag", "wie", "met"}
ENGLISH_ONLY = {"the", "our", "with", "and", "who", "i", "are", "have"}
SENTENCE_END = re.compile(r"[.?!](?:\s|$)")


def test_records_are_well_formed_and_in_the_right_language(network: DemoNetwork) -> None:
    records = network.challenges + network.expertise
    assert {r.language for r in network.challenges} == {Language.nl, Language.en}
    assert {r.language for r in network.expertise} == {Language.nl, Language.en}
    for record in records:
        assert 0 <= record.member < len(network.members)
        assert record.title and len(record.title) <= 200
        assert 2 <= len(SENTENCE_END.findall(record.body)) <= 4, record.body
        words = set(re.findall(r"[a-zé']+", record.body.lower()))
        unexpected = ENGLISH_ONLY if record.language == Language.nl else DUTCH_ONLY
        assert not words & unexpected, record.body
        assert 2 <= len(record.tags) <= 5
        assert normalise_tags(list(record.tags)) == list(record.tags)
        joined = network.members[record.member].joined_at
        assert joined <= record.created_on <= network.today


def test_record_texts_vary(network: DemoNetwork) -> None:
    bodies = [c.body for c in network.challenges]
    assert len(set(bodies)) > 0.9 * len(bodies)
    bodies = [e.body for e in network.expertise]
    assert len(set(bodies)) > 0.9 * len(bodies)


def test_record_shares_and_statuses(network: DemoNetwork) -> None:
    n = len(network.members)
    with_challenges = {c.member for c in network.challenges}
    with_expertise = {e.member for e in network.expertise}
    assert 0.55 < len(with_challenges) / n < 0.8
    assert 0.55 < len(with_expertise) / n < 0.8
    assert all(1 <= k <= 3 for k in Counter(c.member for c in network.challenges).values())
    assert all(1 <= k <= 4 for k in Counter(e.member for e in network.expertise).values())
    closed = sum(c.status == RecordStatus.closed for c in network.challenges)
    assert 0.05 < closed / len(network.challenges) < 0.25


def test_interactions(network: DemoNetwork) -> None:
    staff = {i for i, a in enumerate(network.accounts) if a.role != Role.member}
    assert {i.kind for i in network.interactions} == {"meeting", "appointment", "call"}
    for interaction in network.interactions:
        member = network.members[interaction.member]
        assert member.joined_at <= interaction.occurred_on <= network.today
        assert interaction.staff in staff
        assert 0 < len(interaction.note) <= 500


def test_accounts(network: DemoNetwork) -> None:
    assert DEMO_PASSWORD == "kring-demo-2026"
    by_email = {a.email: a for a in network.accounts}
    assert len(by_email) == len(network.accounts)
    assert by_email["admin@kring.demo"].role == Role.admin
    assert by_email["organisator@kring.demo"].role == Role.organiser
    assert by_email["privacy@kring.demo"].role == Role.privacy_officer
    members = [a for a in network.accounts if a.role == Role.member]
    assert [a.member for a in members] == list(range(5))
    for account in members:
        assert account.member is not None
        member = network.members[account.member]
        assert account.email == member.email
        assert member.status == MemberStatus.active
    assert (
        len({network.members[a.member].organisation for a in members if a.member is not None}) == 5
    )


def test_events_in_the_past_and_future(network: DemoNetwork) -> None:
    now = datetime.combine(network.today, datetime.min.time())
    assert any(e.starts_at < now for e in network.events)
    assert any(e.starts_at > now for e in network.events)
    for event in network.events:
        assert event.starts_at.tzinfo is None
        assert event.starts_at < event.ends_at
        assert event.starts_at.weekday() < 5
        assert 10 <= event.capacity <= 80
        assert bool(event.online_url) != bool(event.venue)
        assert bool(event.venue) == bool(event.address)


def test_registrations(network: DemoNetwork) -> None:
    now = datetime.combine(network.today, datetime.max.time())
    pairs = [(r.event, r.member) for r in network.registrations]
    assert len(set(pairs)) == len(pairs)
    for registration in network.registrations:
        event = network.events[registration.event]
        member = network.members[registration.member]
        assert registration.registered_at < event.starts_at
        assert registration.registered_at <= now
        assert member.joined_at <= registration.registered_at.date()
        if event.starts_at < now:
            assert registration.status in PAST_REGISTRATION_STATUSES
        else:
            assert registration.status in UPCOMING_REGISTRATION_STATUSES
            assert member.status == MemberStatus.active
    assert any(r.hide_from_list for r in network.registrations)
    assert {r.status for r in network.registrations} == set(
        PAST_REGISTRATION_STATUSES + UPCOMING_REGISTRATION_STATUSES
    )


def test_capacity_is_respected_and_one_event_has_a_waitlist(network: DemoNetwork) -> None:
    full = 0
    for index, event in enumerate(network.events):
        mine = sorted(
            (r for r in network.registrations if r.event == index), key=lambda r: r.registered_at
        )
        statuses = Counter(r.status for r in mine)
        assert statuses["confirmed"] <= event.capacity
        assert statuses["attended"] + statuses["no_show"] <= event.capacity
        if statuses["waitlisted"]:
            assert statuses["confirmed"] == event.capacity
            last_confirmed = max(r.registered_at for r in mine if r.status == "confirmed")
            first_waiting = min(r.registered_at for r in mine if r.status == "waitlisted")
            assert last_confirmed <= first_waiting
            full += 1
    assert full >= 1


def test_every_member_was_heard_from_in_the_last_years(network: DemoNetwork) -> None:
    """Found from outside: the first worker run after `kring demo` erased 40 members, a demo
    login among them. Each member has a recent contact or attended event, or logs in."""
    since = network.today - timedelta(days=365 * IN_TOUCH_YEARS)
    heard = {i.member for i in network.interactions if i.occurred_on >= since}
    heard |= {
        r.member
        for r in network.registrations
        if r.status == "attended" and network.events[r.event].starts_at.date() >= since
    }
    logged_in = {m for m, month in network.login_months if month >= since.strftime("%Y-%m")}
    assert logged_in == set(range(MEMBER_ACCOUNT_COUNT))
    assert heard | logged_in == set(range(len(network.members)))
    this_month = network.today.strftime("%Y-%m")
    assert {m for m, month in network.login_months if month == this_month} == logged_in
