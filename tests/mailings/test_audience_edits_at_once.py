"""Two organisers choosing one mailing's audience at once. The audience form had no `_seen`,
which the other edit forms carry (b7f8587): an organiser whose /mailings/N/audience was open
saved their choice over the one a colleague had saved meanwhile, without a word, and the
mailing went to an audience one of them no longer knew of. The form carries the audience it
showed; a save of another audience over one saved meanwhile is refused (409) with both shown
(`Intussen bewaard: …`), saving again writes the person's, and a form sent back as it was
shown leaves the colleague's (`mailings.audience.audience_to_save`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from litestar.testing import TestClient

from kring.choices import Role
from mailings.audience import stored_audience
from mailings.compose import create_mailing
from mailings.tables import Mailing
from tests import factories
from tests.conftest import _app, run
from tests.events.helpers import principal
from tests.members.test_profile_edits_at_once import HTML, _fields


@pytest.fixture
def colleague() -> Iterator[TestClient]:
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        yield other


def _mailing() -> int:
    organiser = principal(factories.account(Role.organiser))
    return run(create_mailing(organiser, {"name": "Nieuwsbrief april", "subject_nl": "April"}))


def _form(html: str, action: str) -> dict[str, Any]:
    """What a browser sends with the audience form: its fields, the round button and the boxes
    that are on."""
    fields: dict[str, Any] = _fields(html, action)
    form = html[html.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and " checked" in tag and re.search(r'type="(radio|checkbox)"', tag):
            if name.group(1) == "organisations":
                fields.setdefault("organisations", []).append(unescape(value.group(1)))
            else:
                fields[name.group(1)] = unescape(value.group(1)) if value else "1"
    return fields


def _stored(mailing_id: int) -> tuple[str, dict[str, Any]]:
    row = run(Mailing.select().where(Mailing.id == mailing_id).first())
    spec = stored_audience(row)
    return spec.kind.value, spec.as_json()


def _open(client: TestClient, path: str) -> dict[str, Any]:
    page = client.get(path, headers=HTML)
    assert page.status_code == 200, page.text[:300]
    return _form(page.text, path)


def _both_logged_in(client: TestClient, colleague: TestClient) -> None:
    factories.log_in(client, factories.account(Role.organiser).email)
    factories.log_in(colleague, factories.account(Role.organiser).email)


def _choose(client: TestClient, path: str, form: dict[str, Any], **chosen: Any):
    data = {
        **{k: v for k, v in form.items() if k not in ("event", "organisations", "tags")},
        **chosen,
    }
    return client.post(path, data=data, headers=HTML, follow_redirects=False)


def test_another_audience_over_one_saved_meanwhile_is_refused_with_both_shown(client, colleague):
    mailing_id = _mailing()
    organisation = factories.organisation("Scheldecoat")
    path = f"/mailings/{mailing_id}/audience"
    _both_logged_in(client, colleague)
    mine, theirs = _open(client, path), _open(colleague, path)
    saved = _choose(colleague, path, theirs, audience_kind="tags", tags="energie, zorg")
    assert saved.status_code == 303, saved.text[:300]

    refused = _choose(
        client, path, mine, audience_kind="organisations", organisations=[str(organisation)]
    )

    assert refused.status_code == 409, refused.text[:500]
    page = unescape(refused.text)
    assert "intussen door iemand anders gewijzigd" in page
    meanwhile = re.search(r'class="meanwhile-value">(.*?)</strong>', page, re.S)
    assert meanwhile and "energie, zorg" in meanwhile.group(1), meanwhile
    assert 'name="_keep.audience_kind"' in page
    assert _stored(mailing_id) == ("tags", {"tags": ["energie", "zorg"]})

    again = _form(refused.text, path)  # the person's own choice, still chosen
    assert again["audience_kind"] == "organisations"
    assert again["organisations"] == [str(organisation)]
    resaved = client.post(path, data=again, headers=HTML, follow_redirects=False)
    assert resaved.status_code == 303, resaved.text[:500]
    assert _stored(mailing_id) == ("organisations", {"organisations": [organisation]})


def test_keeping_the_audience_saved_meanwhile_leaves_it(client, colleague):
    mailing_id = _mailing()
    organisation = factories.organisation("Havenbedrijf")
    path = f"/mailings/{mailing_id}/audience"
    _both_logged_in(client, colleague)
    mine, theirs = _open(client, path), _open(colleague, path)
    _choose(colleague, path, theirs, audience_kind="tags", tags="logistiek")
    refused = _choose(
        client, path, mine, audience_kind="organisations", organisations=[str(organisation)]
    )
    assert refused.status_code == 409, refused.text[:300]
    kept = _form(refused.text, path) | {"_keep.audience_kind": "1"}
    assert client.post(path, data=kept, headers=HTML, follow_redirects=False).status_code == 303
    assert _stored(mailing_id) == ("tags", {"tags": ["logistiek"]})


def test_a_form_sent_back_as_it_was_shown_keeps_the_colleagues_audience(client, colleague):
    mailing_id = _mailing()
    path = f"/mailings/{mailing_id}/audience"
    _both_logged_in(client, colleague)
    mine, theirs = _open(client, path), _open(colleague, path)
    _choose(colleague, path, theirs, audience_kind="tags", tags="circulair")
    unchanged = client.post(path, data=mine, headers=HTML, follow_redirects=False)
    assert unchanged.status_code == 303, unchanged.text[:300]
    assert _stored(mailing_id) == ("tags", {"tags": ["circulair"]})


def test_the_same_audience_chosen_by_both_is_no_conflict(client, colleague):
    mailing_id = _mailing()
    path = f"/mailings/{mailing_id}/audience"
    _both_logged_in(client, colleague)
    mine, theirs = _open(client, path), _open(colleague, path)
    _choose(colleague, path, theirs, audience_kind="tags", tags="water")
    same = _choose(client, path, mine, audience_kind="tags", tags="water")
    assert same.status_code == 303, same.text[:300]
    assert _stored(mailing_id) == ("tags", {"tags": ["water"]})
