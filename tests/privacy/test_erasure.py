"""Erasure applies the declarations everywhere: nothing of the person is left but the
suppression record and rows under legal hold; it is idempotent and touches no one else."""

import json
import random

import hypothesis.strategies as st
from hypothesis import HealthCheck, example, given, settings

from kring.choices import MemberStatus
from kring.declarations import REGISTER
from kring.schema import delete_all_rows
from kring.tables import Member
from privacy.access import access_export
from privacy.erasure import erase_member
from privacy.subjects import linked_declarations, unlinked_declarations
from privacy.suppression import is_suppressed
from privacy.tables import ErasureRequest, Suppression
from tests.conftest import ON_POSTGRES, run
from tests.privacy.people import FACTORIES, MADE_BY_ERASURE, full_person, new_person
from tests.privacy.scan import rows_everywhere, traces_in_file, traces_in_tables


def _without_time(export: dict) -> dict:
    return {k: v for k, v in export.items() if k != "generated_at"}


def test_every_declared_member_linked_table_has_a_factory():
    linked = {d.tablename for d in linked_declarations()}
    assert linked - set(FACTORIES) - set(MADE_BY_ERASURE) == set()


def test_only_staff_mirror_tables_are_not_linked_to_members():
    assert {d.tablename for d in unlinked_declarations()} == {"piccolo_user", "sessions"}
    for declaration in unlinked_declarations():
        assert "staff" in declaration.notes or declaration.tablename == "sessions"


def test_the_full_person_has_rows_in_every_linked_table():
    person = run(full_person())
    export = run(access_export(person.member_id))
    empty = [name for name, t in export["tables"].items() if not t["rows"]]
    assert set(empty) <= set(MADE_BY_ERASURE)


def test_erasure_leaves_nothing_but_suppression_and_legal_hold():
    person = run(full_person())
    bystander = run(full_person())
    before = _without_time(run(access_export(bystander.member_id)))

    assert person.email in run(traces_in_file(person.needles)) or ON_POSTGRES

    outcome = run(erase_member(person.member_id))

    assert run(traces_in_tables(person.needles)) == {}
    assert run(traces_in_file(person.needles)) == []
    member = run(Member.select().where(Member.id == person.member_id).first())
    assert member["status"] == MemberStatus.erased
    assert member["email"] is None and member["private_email"] is None
    assert (member["first_name"], member["last_name"]) == ("Erna", "Wissel")
    suppression = run(Suppression.select().where(Suppression.member == person.member_id).first())
    assert suppression["first_name"] == "Erna" and suppression["erased_at"] is not None
    assert run(is_suppressed(person.email.upper())) and run(is_suppressed(person.private_email))
    assert not run(is_suppressed(bystander.email))
    assert {"opt_out_event", "suppression", "audit_entry", "member"} <= set(outcome["kept"])
    assert "challenge" in outcome["deleted"] and "account" in outcome["deleted"]
    assert _without_time(run(access_export(bystander.member_id))) == before
    assert run(traces_in_tables([bystander.secret])) != {}


def test_a_second_erasure_changes_nothing():
    person = run(full_person())
    run(erase_member(person.member_id))
    snapshot = run(rows_everywhere())
    outcome = run(erase_member(person.member_id))
    assert outcome["deleted"] == {} and outcome["changed"] == {}
    assert run(rows_everywhere()) == snapshot


def test_the_declarations_cover_every_member_column_erasure_changes():
    member = REGISTER.personal["member"]
    assert {"email", "phone", "address", "private_email", "private_address"} <= set(member.columns)


TWICE = ["event_mail", "event_mail", "who_to_meet_mail", "who_to_meet_mail"]
TWICE += ["introduction_mail", "introduction_mail"]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    histories=st.lists(
        st.lists(st.sampled_from(sorted(FACTORIES)), max_size=8), min_size=2, max_size=3
    ),
    victim=st.integers(min_value=0, max_value=2),
    seed=st.integers(min_value=0, max_value=2**32),
)
# A history may draw a factory twice: the mails owed once per registration or kind (unique
# indexes) were inserted twice and the build failed (CI's PostgreSQL run drew it).
@example(histories=[TWICE, ["member"]], victim=0, seed=1)
def test_erasure_of_anyone_in_random_histories(histories, victim, seed):
    run(delete_all_rows())
    rng = random.Random(seed)

    async def build():
        people = []
        for history in histories:
            person = await new_person(rng)
            for name in history:
                await FACTORIES[name](person)
            people.append(person)
        return people

    people = run(build())
    target = people[victim % len(people)]
    others = [p for p in people if p is not target]
    before = [_without_time(run(access_export(p.member_id))) for p in others]
    run(erase_member(target.member_id))
    assert run(traces_in_tables(target.needles)) == {}
    after = [_without_time(run(access_export(p.member_id))) for p in others]
    # Blocks and introductions between members are matched by random histories only with
    # fresh counterparts, so the other people's exports are exactly what they were.
    assert after == before
    snapshot = run(rows_everywhere())
    run(erase_member(target.member_id))
    assert run(rows_everywhere()) == snapshot


def test_the_outcome_names_every_column_that_remains_and_the_pages_mislead_no_one(
    client, monkeypatch
):
    """Found from outside: the outcome listed `first_name, last_name` as kept while `joined_at`,
    `language` and more remained; the organiser's page showed an erased person as receiving
    mailings; the outcome page had an empty heading for holds when there were none."""
    from kring.choices import Role
    from tests import factories

    monkeypatch.setenv("KRING_ERASURE_APPROVAL", "one-officer")
    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation(), first_name="Rest", last_name="Blijft")
    body = {"member_id": member_id, "channel": "phone", "identity_checked": True}
    request_id = client.post(
        "/api/privacy/erasure-requests", json=body, headers=officer.headers
    ).json()["id"]
    factories.log_in(client, officer.email)
    done = client.post(
        f"/privacy/desk/erasure/{request_id}",
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept-language": "nl"},
    )
    assert done.status_code == 200, done.text
    stored = run(Member.select().where(Member.id == member_id).first())
    outcome = json.loads(
        run(ErasureRequest.select().where(ErasureRequest.id == request_id).first())["outcome"]
    )
    kept = outcome["kept"]["member"]["columns"]
    assert {"first_name", "last_name", "joined_at", "language", "no_mailings"} <= set(kept)
    # What it names is what really stayed: each kept column still holds a value, and every
    # column not named was erased or set (email, status) or is the key.
    changed = {"id", "updated_at", "status", *REGISTER.personal["member"].columns} - set(kept)
    assert set(stored) - set(kept) == changed
    assert "Bewaard om een wettelijke reden" not in done.text and 'id="held"' not in done.text
    client.cookies.clear()
    factories.log_in(client, organiser.email)
    page = client.get(f"/members/{member_id}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'id="member-privacy-erased"' in page.text
    assert "Receives mailings" not in page.text and "Ontvangt mailings" not in page.text
