"""Queueing fixes the recipients and their language once; without a signed agreement with the
mail relay nothing is sent and nothing is lost; a cancelled mailing sends nothing more."""

from __future__ import annotations

from datetime import date

import pytest

from kring.errors import Conflict
from kring.validation import FieldError
from mailings.audience import parse_audience
from mailings.delivery_tables import MailingRecipient
from mailings.outbox import cancel_mailing, progress, queue_mailing
from mailings.sending import send_due
from mailings.tables import Mailing
from privacy.processors import add_processor
from tests.conftest import run
from tests.mailings.delivery_scene import build


def test_queueing_fixes_recipients_and_a_relay_without_agreement_loses_nothing():
    scene = build()
    p = scene.people
    assert run(queue_mailing(scene.mailing_id)) == 2
    with pytest.raises(Conflict):
        run(queue_mailing(scene.mailing_id))  # a second click queues nothing more
    rows = run(MailingRecipient.select().order_by(MailingRecipient.member))
    assert {(r["member"], r["language"], r["state"]) for r in rows} == {
        (p["control"], "nl", "waiting"),
        (p["english"], "en", "waiting"),
    }

    # No processor on the register, then one without a signed agreement: refused, kept.
    for round_ in range(2):
        if round_:
            run(add_processor("Relay", "outgoing mail", "e-mail", None, key="smtp"))
        done = run(send_due(scene.mailing_id))
        assert done.refused and done.sent == 0
        found = run(progress(scene.mailing_id))
        assert (found["waiting"], found["sent"], found["problems"]) == (2, 0, {"no_agreement": 2})
    attempts = run(MailingRecipient.select(MailingRecipient.attempts))
    assert {r["attempts"] for r in attempts} == {0}  # a refusal is no attempt

    assert run(cancel_mailing(scene.mailing_id)) == 2
    found = run(progress(scene.mailing_id))
    assert (found["state"], found["waiting"], found["skipped"]) == ("cancelled", 0, 2)
    with pytest.raises(Conflict):
        run(cancel_mailing(scene.mailing_id))

    # An audience that reaches nobody is refused, and the draft stays a draft.
    other = Mailing(
        name="Leeg",
        subject_nl="Niemand",
        audience_kind="tags",
        audience={"tags": ["bestaat-niet"]},
        created_at=date(2026, 1, 1),
    )
    run(other.save())
    run(Mailing.raw("UPDATE article SET mailing = {} WHERE id = {}", other.id, scene.articles[1]))
    with pytest.raises(FieldError):
        run(queue_mailing(other.id))
    assert run(Mailing.select(Mailing.state).where(Mailing.id == other.id).first())["state"] == (
        "draft"
    )
    assert parse_audience("tags", {"tags": ["bestaat-niet"]}).tags == ("bestaat-niet",)
