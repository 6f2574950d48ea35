"""A mailing that is no longer a draft answers 409 to an edit however the form is filled in.
Found from outside: a POST to a sent mailing's edit page with a field left empty answered 400
with the edit form, filled in, as if the mailing could still change (a correct form then got
the 409)."""

from __future__ import annotations

from mailings.outbox import queue_mailing
from mailings.tables import Mailing
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build


def test_a_queued_mailings_edit_is_a_conflict_even_with_a_field_left_empty(client):
    scene = build()
    m = scene.mailing_id
    run(queue_mailing(m))
    factories.log_in(client, scene.organiser.email)
    for name in ("", "Nieuwe naam"):
        answer = factories.post_page_form(client, f"/mailings/{m}/edit", name=name)
        assert answer.status_code == 409, (name, answer.status_code)
        assert 'id="mailing-form"' not in answer.text
        assert "alleen een concept kan nog veranderen" in answer.text
    row = run(Mailing.select(Mailing.name).where(Mailing.id == m).first())
    assert row["name"] == "Nieuwsbrief maart"
