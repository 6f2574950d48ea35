"""Before names are shared, each side of an introduction learns the other's kind of
organisation. In Dutch that read 'Expert van een organisatie van het type zorg', 'Gevraagd door
een lid van een organisatie van het type bedrijf' or '… van het type vzw / non-profit': a form's
label pasted into a sentence. It reads 'Expert bij een zorgorganisatie', 'Gevraagd door een lid
van een bedrijf', on the pages and in the request's mail."""

from __future__ import annotations

from typing import Any

from introductions import workflow
from kring.tables import Member, Organisation
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import received, scene


def _kind(member_id: int, kind: str) -> None:
    organisation = run(Member.select(Member.organisation).where(Member.id == member_id).first())
    run(
        Organisation.update({Organisation.kind: kind}).where(
            Organisation.id == organisation["organisation"]
        )
    )


def test_the_asker_reads_expert_bij_een_zorgorganisatie(client):
    s = scene(experts=1)
    _kind(s.experts[0], "healthcare")
    factories.log_in(client, s.owner_login.email)
    page = client.get(f"/my/challenges/{s.owner.challenge_id}/proposals").text
    assert "Expert bij een zorgorganisatie" in page
    assert "van het type" not in page


def test_the_expert_reads_gevraagd_door_een_lid_van_een_vzw(client, mailbox: Any):
    s = scene(experts=1)
    _kind(s.owner.member_id, "non_profit")
    run(workflow.request_introduction(s.owner_principal, s.proposals()[0]["id"]))
    factories.log_in(client, s.expert_logins[s.experts[0]].email)
    for path in ("/introductions/requests", "/"):
        page = client.get(path).text
        assert "Gevraagd door een lid van een vzw" in page and "van het type" not in page, path
    (mail,) = [m for m in received(mailbox) if m["subject"].startswith("Een collega wil je")]
    assert "Een lid van een vzw wil deze uitdaging graag met je bespreken:" in mail["text"]
