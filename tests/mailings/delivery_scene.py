"""A small network for the delivery tests (audience, outbox, sending, unsubscribe, clicks),
built with the domain functions and a few direct inserts: every kind of person a mailing must
reach or leave out, an event, tagged records and a draft mailing with two articles."""

from __future__ import annotations

from dataclasses import dataclass

from events.registration import register
from kring.choices import MemberStatus, Role
from kring.clock import utc_now
from kring.tables import Challenge, Expertise, Member
from mailings.tables import Article, Mailing
from privacy.erasure import erase_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run
from tests.events.helpers import event


@dataclass(frozen=True)
class Scene:
    organiser: factories.Login
    org_a: int
    org_b: int
    people: dict[str, int]
    """control (nl, org A), english (en, org B), opted_out, restricted, erased, paused,
    no_email; tagged: an open challenge 'ISO-9001' (control), open expertise 'veiligheid'
    (english); the event: control, english, opted_out registered, waitlisted: nobody."""
    event_id: int
    mailing_id: int
    articles: tuple[int, int]


def _record(table: type, member_id: int, tags: list[str]) -> None:
    now = utc_now()
    run(table.insert(table(member=member_id, title="Vraag", tags=tags, created_at=now)))


def build() -> Scene:
    organiser = factories.account(Role.organiser)
    org_a = factories.organisation(name="Alfa")
    org_b = factories.organisation(name="Beta")
    people = {
        "control": factories.member(org_a, last_name="Controle"),
        "english": factories.member(org_b, last_name="English", language="en"),
        "opted_out": factories.member(org_a, last_name="Afgemeld"),
        "restricted": factories.member(org_b, last_name="Beperkt"),
        "erased": factories.member(org_a, last_name="Gewist"),
        "paused": factories.member(org_a, last_name="Gepauzeerd"),
        "no_email": factories.member(org_b, last_name="Zonderadres", email=None),
    }
    event_id = event(organiser, capacity=10)
    for kind in ("control", "english", "opted_out", "erased"):
        run(register(event_id, member_id=people[kind]))
    _record(Challenge, people["control"], ["ISO-9001"])
    _record(Challenge, people["opted_out"], ["iso 9001"])
    _record(Expertise, people["english"], ["veiligheid"])
    _record(Challenge, people["paused"], ["ISO 14001"])
    run(set_opt_out(people["opted_out"], OptOut.mailings, True, Channel.web, None))
    run(restrict(people["restricted"], "het lid zelf", "betwist de juistheid", None))
    run(erase_member(people["erased"]))
    run(Member.update({Member.status: MemberStatus.paused}).where(Member.id == people["paused"]))
    now = utc_now()
    mailing = Mailing(
        name="Nieuwsbrief maart",
        subject_nl="Nieuws van het netwerk",
        subject_en="News from the network",
        intro_nl="Dag allemaal",
        intro_en="Hello everyone",
        created_at=now,
    )
    run(mailing.save())
    first = Article(
        mailing=mailing.id,
        position=1,
        title_nl="Audits in de praktijk",
        title_en="Audits in practice",
        text_nl="Lees [het verslag](https://example.org/verslag).",
        link="https://example.org/audits",
        tags=["iso 9001"],
    )
    second = Article(
        mailing=mailing.id, position=2, title_nl="Veilig werken", text_nl="Zonder link.", tags=[]
    )
    run(first.save())
    run(second.save())
    return Scene(organiser, org_a, org_b, people, event_id, mailing.id, (first.id, second.id))
