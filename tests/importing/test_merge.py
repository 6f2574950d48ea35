import pytest

from kring.errors import Conflict
from kring.tables import Account, Member
from kring.validation import FieldError
from members.importing.merge import merge_members
from privacy.audit import audit_entries
from privacy.subjects import Finder, linked_declarations
from tests import factories
from tests.conftest import run
from tests.privacy.people import FACTORIES, full_person


def _counts(member_id: int) -> dict[str, int]:
    finder = Finder(member_id)
    counts = {}
    for declaration in linked_declarations():
        counts[declaration.tablename] = len(run(finder.ids(declaration.table)))
    return counts


def test_merge_moves_every_linked_record_and_is_audited():
    loser = run(full_person())
    survivor = factories.member(None, first_name="Erna", last_name="Wissel", email="erna@x.be")
    before = _counts(loser.member_id)
    assert [name for name in FACTORIES if not before.get(name)] == []  # rows everywhere
    result = run(merge_members(42, survivor, loser.member_id, {"phone": "loser"}))
    after = _counts(survivor)
    for name in FACTORIES:
        assert after[name] + result.dropped[name] >= before[name], name
    assert after["audit_entry"] >= before["audit_entry"]
    assert run(Member.exists().where(Member.id == loser.member_id)) is False
    merged = run(Member.select().where(Member.id == survivor).first())
    assert merged["phone"] == loser.phone
    assert merged["email"] == "erna@x.be"
    assert merged["private_email"] == loser.private_email  # the survivor had none
    assert result.moved["account"] == 1
    entries = run(audit_entries(member=survivor, actor=42))
    assert any(e["table_name"] == f"member (merged #{loser.member_id})" for e in entries)


def test_only_one_login_per_member_survives():
    survivor_login = factories.account()
    loser_login = factories.account()
    result = run(merge_members(None, survivor_login.member_id, loser_login.member_id, {}))
    assert result.dropped["account"] == 1
    assert run(Account.exists().where(Account.id == survivor_login.account_id))
    assert not run(Account.exists().where(Account.id == loser_login.account_id))
    assert any(loser_login.email in note for note in result.notes)


def test_taking_the_losers_email_frees_it_first():
    survivor = factories.member(None, email="oud@x.be")
    loser = factories.member(None, email="nieuw@x.be")
    run(merge_members(None, survivor, loser, {"email": "loser"}))
    assert run(Member.select(Member.email).where(Member.id == survivor).first()) == {
        "email": "nieuw@x.be"
    }


def test_merging_a_member_with_itself_or_an_unknown_field_is_refused():
    member = factories.member()
    with pytest.raises(FieldError):
        run(merge_members(None, member, member, {}))
    with pytest.raises(FieldError) as error:
        run(merge_members(None, member, factories.member(), {"password": "loser"}))
    assert error.value.field == "fields"


def test_an_erased_member_cannot_be_merged():
    member = factories.member()
    erased = factories.member()
    run(Member.update({Member.status: "erased"}).where(Member.id == erased))
    with pytest.raises(Conflict):
        run(merge_members(None, member, erased, {}))


def test_opt_outs_of_either_record_still_hold():
    survivor = factories.member()
    loser = factories.member()
    run(Member.update({Member.no_mailings: True}).where(Member.id == loser))
    run(merge_members(None, survivor, loser, {}))
    assert run(Member.select(Member.no_mailings).where(Member.id == survivor).first()) == {
        "no_mailings": True
    }
