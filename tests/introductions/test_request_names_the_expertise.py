"""An expert with several expertise records saw a request's challenge but not which of their
expertise it was about, though the matching knows: its reasons come from those records. The
request (on the requests page, the home page and in its mail) names the record it rests on;
one asked before the matching named its records is read back to the record holding its words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Any

from introductions import workflow
from introductions.service import proposal_overview, rematch
from introductions.tables import Introduction
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import received
from tests.matching_db.network import AUDIT_TEXT, asker, expert, expertise, principal

LEAN = "Lean six sigma en kaizen op de werkvloer"


@dataclass(frozen=True)
class Asked:
    introduction_id: int
    expert: factories.Login
    owner: factories.Login
    challenge_id: int


def _asked_of_an_expert_with_two_records() -> Asked:
    """The owner's audit challenge asked of the one expert, who knows audits and lean."""
    owner = asker()
    member_id = expert()
    expertise(member_id, LEAN, ("lean",))
    run(rematch())
    asking = principal(owner.member_id)
    proposal = run(proposal_overview(asking, owner.challenge_id))["proposals"][0]["id"]
    view, _ = run(workflow.request_introduction(asking, proposal))
    return Asked(
        view["id"],
        factories.account(Role.member, member_id),
        factories.account(Role.member, owner.member_id),
        owner.challenge_id,
    )


def _about(page: str) -> str:
    """What the first 'about your expertise' line of a page says, as text."""
    line = page.split('class="about-expertise">')[1].split("</p>")[0].split("</span>")[0]
    return unescape(re.sub(r"<[^>]+>", "", line))


def test_the_requests_page_names_the_expertise_the_request_is_about(client):
    asked = _asked_of_an_expert_with_two_records()
    factories.log_in(client, asked.expert.email)
    about = _about(client.get("/introductions/requests").text)
    assert about.startswith("Over je expertise:")
    assert f"“{AUDIT_TEXT}”" in about and LEAN not in about


def test_the_home_page_names_it_beside_the_waiting_request(client):
    asked = _asked_of_an_expert_with_two_records()
    factories.log_in(client, asked.expert.email)
    waiting = client.get("/").text.split('id="waiting-for-me"')[1].split("</section>")[0]
    about = _about(waiting)
    assert about.startswith("Over je expertise:")
    assert f"“{AUDIT_TEXT}”" in about and LEAN not in about


def test_the_request_mail_names_it(mailbox: Any):
    _asked_of_an_expert_with_two_records()
    (mail,) = [m for m in received(mailbox) if m["subject"].startswith("Een collega wil je")]
    assert f"Over je expertise: “{AUDIT_TEXT}”" in mail["text"]
    assert LEAN not in mail["text"]


def test_a_request_stored_before_the_records_were_named_is_read_back_from_its_words(client):
    asked = _asked_of_an_expert_with_two_records()
    row = run(
        Introduction.select(Introduction.explanation)
        .where(Introduction.id == asked.introduction_id)
        .output(load_json=True)
        .first()
    )
    assert row["explanation"]["records"], "the matching names the record it drew on"
    older = {key: value for key, value in row["explanation"].items() if key != "records"}
    run(
        Introduction.update({Introduction.explanation: older}).where(
            Introduction.id == asked.introduction_id
        )
    )
    factories.log_in(client, asked.expert.email)
    about = _about(client.get("/introductions/requests").text)
    assert f"“{AUDIT_TEXT}”" in about and LEAN not in about


def test_the_member_who_asked_is_not_told_which_record(client):
    asked = _asked_of_an_expert_with_two_records()
    factories.log_in(client, asked.owner.email)
    page = client.get(f"/my/challenges/{asked.challenge_id}/proposals").text
    assert "Over je expertise:" not in page and "about-expertise" not in page
