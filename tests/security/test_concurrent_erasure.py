"""An erasure and an edit of the same member at the same moment end consistently: an erased
member never carries data written by an edit that raced the erasure."""

import asyncio

from kring.errors import Conflict
from kring.tables import Member
from members.profiles import update_member
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run
from tests.matching_db.network import principal


async def _race(editor, member_id: int, round_number: int) -> list:
    edit = update_member(editor, member_id, {"job_title": f"nieuwe functie {round_number}"})
    return await asyncio.gather(erase_member(member_id), edit, return_exceptions=True)


def test_erasure_and_edit_at_once_never_leave_edited_data_on_an_erased_member():
    outcomes = set()
    for round_number in range(8):
        member_id = factories.member(factories.organisation())

        erased, edited = run(_race(principal(member_id), member_id, round_number))
        assert not isinstance(erased, BaseException), erased
        assert edited is None or isinstance(edited, Conflict), edited
        outcomes.add("edit refused" if isinstance(edited, Conflict) else "edit first")
        row = run(
            Member.select(Member.status, Member.job_title).where(Member.id == member_id).first()
        )
        assert row["status"] == "erased"
        assert row["job_title"] == ""
    assert outcomes
