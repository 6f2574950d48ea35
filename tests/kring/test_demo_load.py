from datetime import UTC, date, datetime, time, timedelta

import pytest

from assembly.demo import DemoAlreadyLoaded, load_demo
from assembly.demo_data import DEMO_PASSWORD, generate
from events.tables import Event, Registration
from kring.tables import Activity, Challenge, Member, Organisation
from members.accounts import authenticate
from privacy.tables import OptOutEvent, Processor
from tests.conftest import run

NETWORK = generate(seed=2026, today=date(2026, 11, 25))


@pytest.fixture
def loaded():
    return run(load_demo(network=NETWORK))


def test_demo_loads_every_organisation_member_and_record(loaded):
    assert run(Organisation.count()) == len(NETWORK.organisations) == loaded.organisations
    assert run(Member.count()) == len(NETWORK.members)
    assert run(Challenge.count()) == len(NETWORK.challenges)
    # Found by search: every demo member and organisation has its folded search text.
    assert run(Member.count().where(Member.search_name == "")) == 0
    assert run(Organisation.count().where(Organisation.search_name == "")) == 0


def test_every_demo_login_works(loaded):
    for email, _role in loaded.logins:
        assert run(authenticate("k", email, DEMO_PASSWORD, "127.0.0.1")) > 0


def test_the_demo_mail_relay_is_registered_in_dutch(loaded):
    """The desk's Dutch processors page showed it as 'name, e-mail address, language'."""
    relay = run(Processor.objects().get(Processor.key == "smtp"))
    assert relay is not None
    assert (relay.service, relay.data_categories) == (
        "uitgaande mail: introducties, herinneringen, wie je kunt ontmoeten",
        "naam, e-mailadres, taal",
    )


def test_demo_opt_outs_are_recorded_with_history(loaded):
    flagged = run(Member.count().where(Member.opt_out_sharing.eq(True)))
    history = run(OptOutEvent.count().where(OptOutEvent.kind == "sharing"))
    assert flagged > 0 and flagged == history


def test_loading_twice_is_refused_and_changes_nothing(loaded):
    with pytest.raises(DemoAlreadyLoaded):
        run(load_demo(network=NETWORK))
    assert run(Member.count()) == len(NETWORK.members)


def test_demo_has_past_and_upcoming_events_with_a_waitlist(loaded, client):
    assert run(Event.count()) == len(NETWORK.events) == loaded.events
    assert run(Registration.count()) == len(NETWORK.registrations)
    assert run(Registration.count().where(Registration.status == "waitlisted")) > 0
    assert run(Activity.count().where(Activity.source == "event")) > 0
    token = client.post(
        "/api/tokens", json={"email": "organisator@kring.demo", "password": DEMO_PASSWORD}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    upcoming = client.get("/api/events", headers=headers).json()
    past = client.get("/api/events", params={"past": True}, headers=headers).json()
    assert upcoming and past
    assert any(event["waitlisted"] for event in upcoming)
    assert all(event["taken"] <= event["capacity"] for event in upcoming)


def test_demo_award_has_a_judged_edition_and_an_open_one_with_a_draft(loaded):
    from awards.tables import Candidacy, Criterion, Edition, Juror, Score
    from kring.tables import Account

    states = sorted(r["state"] for r in run(Edition.select(Edition.state)))
    assert states == ["decided", "open"]
    decided = run(Edition.select(Edition.id).where(Edition.state == "decided").first())["id"]
    seats = run(
        Juror.select(Juror.id, Juror.account.member.organisation.as_alias("org")).where(
            Juror.edition == decided
        )
    )
    candidacies = run(Candidacy.select().where(Candidacy.edition == decided))
    criteria = run(Criterion.count().where(Criterion.edition == decided))
    assert len(seats) == 3 and len(candidacies) == 4 and criteria == 9
    assert run(Score.count().where(Score.candidacy.edition == decided)) == 3 * 4 * 9
    assert not {s["org"] for s in seats} & {c["organisation"] for c in candidacies}
    first_login = next(email for email, role in loaded.logins if role == "member")
    first_member = run(Account.select(Account.member).where(Account.email == first_login).first())
    draft = run(Candidacy.select().where(Candidacy.state == "draft").first())
    assert draft["member"] == first_member["member"]
    # One candidacy per organisation and edition, the rule the API holds its users to (the
    # demo broke it: the first member's organisation had a second, submitted candidacy).
    every = run(Candidacy.select(Candidacy.edition, Candidacy.organisation))
    assert len({(c["edition"], c["organisation"]) for c in every}) == len(every)


def test_demo_has_a_running_project_led_by_the_first_member_login(loaded):
    from projects.tables import Milestone, Project, ProjectParticipant

    (project,) = run(Project.select())
    assert project["state"] == "running"
    people = run(
        ProjectParticipant.select(ProjectParticipant.member.organisation, ProjectParticipant.role)
    )
    assert len(people) == 4 and len({p["member.organisation"] for p in people}) == 4
    assert [p["role"] for p in people].count("lead") == 1
    assert run(Milestone.count()) == 3


def test_no_demo_member_falls_under_retention_the_day_the_demo_is_made(loaded):
    """Found from outside: the first `kring worker --once` after `kring demo` erased 40 demo
    members, the printed login tom.yilmaz@… among them. The dry run of that day, and of a year
    later, erases nobody; the demo logins have their login months."""
    from kring.tables import Account
    from privacy.retention import plan
    from privacy.tables import LoginMonth

    for days in (0, 365):
        now = datetime.combine(NETWORK.today + timedelta(days=days), time(12), UTC)
        planned = run(plan(now))
        assert planned["inactive_contacts"]["member_ids"] == []
        assert planned["login_months"]["rows"] == 0
    emails = [email for email, role in loaded.logins if role == "member"]
    members = run(Account.select(Account.member).where(Account.email.is_in(emails)))
    ids = {row["member"] for row in members}
    assert len(ids) == len(emails)
    assert {r["member"] for r in run(LoginMonth.select(LoginMonth.member))} == ids


def test_the_demos_times_read_as_an_organisers_would(loaded):
    """The open award's deadline was the minute the demo was loaded, sixty days on ('5 feb 2027,
    10:58'), and the sent mailing had been changed three weeks after it went out (the minute
    of loading again)."""
    from awards.tables import Edition
    from mailings.tables import Mailing

    for edition in run(Edition.select(Edition.submission_deadline)):
        deadline = edition["submission_deadline"]
        assert (deadline.minute, deadline.second) == (0, 0), deadline
    [sent] = run(Mailing.select().where(Mailing.state == "sent"))
    assert sent["created_at"] < sent["sent_at"]
    assert sent["updated_at"] == sent["sent_at"]
