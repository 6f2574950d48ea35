"""The channel by which a request or an opt-out reached the officer read 'Telefoon', 'e-mail',
'Papier': the form for an opt-out on someone's behalf wrote 'e-mail' in the template itself,
outside the catalogue, and the desk's form for a request took the lower-case word of the
vocabulary (seen walking the officer's journey). Both read the catalogue's 'E-mail' now."""

from __future__ import annotations

import re

from kring.choices import Role
from tests import factories


def _channels(page: str, form_id: str) -> list[str]:
    form = page.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
    select = form.split('name="channel"', 1)[1].split("</select>", 1)[0]
    return [text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_both_officer_forms_name_the_channels_alike(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    factories.log_in(client, officer.email)
    on_behalf = client.get(f"/privacy/desk/members/{member_id}").text
    assert _channels(on_behalf, "on-behalf") == ["Telefoon", "E-mail", "Papier"]
    desk = client.get("/privacy/desk").text
    assert sorted(_channels(desk, "record-request")) == ["E-mail", "Papier", "Telefoon"]
