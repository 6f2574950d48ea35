"""The message after editing, closing, reopening or deleting one's own challenge or expertise
said only 'Bewaard.', 'Afgesloten.', 'Heropend.' or 'Verwijderd.', and pausing or resuming
introductions 'Bewaard.': a member who had several things open read nothing about which one
(seen walking a member's journey). Each message now names what it did, as 'Uitdaging
toegevoegd.' already did."""

from __future__ import annotations

from typing import Any

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}

NAMES = {"challenges": "Uitdaging", "expertise": "Expertise"}


def _flash(page: Any) -> str:
    return page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0]


def _post(client: Any, path: str, **fields: str) -> Any:
    data = fields | {"_csrf_token": factories.csrf_token(client)}
    return client.post(path, data=data, headers=HTML)


def _record(client: Any, kind: str) -> int:
    added = _post(client, f"/my/{kind}", title="Interne audits plannen")
    return int(added.text.split('data-record-id="', 1)[1].split('"', 1)[0])


@pytest.mark.parametrize("kind", ["challenges", "expertise"])
def test_each_change_to_a_record_names_the_record(client, kind):
    factories.log_in(client, factories.account(Role.member).email)
    record_id = _record(client, kind)
    name = NAMES[kind]
    saved = _post(client, f"/my/{kind}/{record_id}", title="Interne audits", language="nl")
    assert _flash(saved) == f"{name} bewaard."
    if kind == "challenges":
        closed = _post(client, f"/my/{kind}/{record_id}/status", status="closed")
        assert _flash(closed) == "Uitdaging afgesloten."
    else:
        _post(client, f"/my/{kind}/{record_id}/status", status="closed")
    reopened = _post(client, f"/my/{kind}/{record_id}/status", status="open")
    assert _flash(reopened) == f"{name} heropend."
    deleted = _post(client, f"/my/{kind}/{record_id}/delete")
    assert _flash(deleted) == f"{name} verwijderd."


def test_pausing_and_resuming_introductions_say_which(client):
    factories.log_in(client, factories.account(Role.member).email)
    paused = _post(client, "/introductions/settings/pause", paused="on")
    assert _flash(paused) == "Introducties gepauzeerd: niemand krijgt jou nog voorgesteld."
    resumed = _post(client, "/introductions/settings/pause")
    assert _flash(resumed) == "Je kunt weer voorgesteld worden aan leden die je expertise zoeken."
