"""The audience page chose organisations in a multiple select whose hint said "hold Ctrl (or
Cmd)", which a phone has not, and it listed the first 500 organisations and events without a
word, so the 501st could not be chosen at all. Organisations are now boxes to tick, with a
filter; with more than 500, the page says how many it lists and offers a search that finds the
others, the chosen ones always listed."""

from __future__ import annotations

import re
from html import unescape

from kring.clock import utc_now
from kring.search import with_organisation_search
from kring.tables import Organisation
from mailings.send_pages import CHOICES_SHOWN
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build

HTML = {"accept": "text/html"}


def _ticked(html: str) -> set[str]:
    return set(re.findall(r'name="organisations" value="(\d+)"[^>]*checked', html))


def test_organisations_are_boxes_to_tick_without_ctrl(client):
    scene = build()
    factories.log_in(client, scene.organiser.email)
    page = client.get(f"/mailings/{scene.mailing_id}/audience", headers=HTML)
    assert page.status_code == 200
    assert f'type="checkbox" name="organisations" value="{scene.org_a}"' in page.text
    assert "Ctrl" not in page.text and '<select name="organisations"' not in page.text
    assert 'id="organisations-cut"' not in page.text


def test_beyond_500_organisations_the_page_says_so_and_finds_the_others(client):
    scene = build()
    now = utc_now()
    rows = [
        Organisation(**with_organisation_search({"name": f"Bedrijf {n:04d}"}), created_at=now)
        for n in range(CHOICES_SHOWN)
    ]
    rows.append(
        Organisation(**with_organisation_search({"name": "Zuiderhaven Logistiek"}), created_at=now)
    )
    run(Organisation.insert(*rows))
    last = run(
        Organisation.select(Organisation.id)
        .where(Organisation.name == "Zuiderhaven Logistiek")
        .first()
    )["id"]
    factories.log_in(client, scene.organiser.email)
    path = f"/mailings/{scene.mailing_id}/audience"
    page = client.get(path, headers=HTML)
    text = unescape(page.text)
    assert page.status_code == 200
    cut = text[
        text.index('id="organisations-cut"') : text.index(
            "</p>", text.index('id="organisations-cut"')
        )
    ]
    assert "500" in cut and str(CHOICES_SHOWN + 3) in cut  # the scene's two and these
    assert 'name="q"' in text
    assert f'value="{last}"' not in text
    found = client.get(path, params={"q": "zuiderhaven"}, headers=HTML)
    assert found.status_code == 200
    assert f'type="checkbox" name="organisations" value="{last}"' in found.text
    assert f'name="organisations" value="{scene.org_a}"' not in found.text  # not searched
    saved = client.post(
        path,
        data={
            "_csrf_token": factories.csrf_token(client),
            "audience_kind": "organisations",
            "organisations": [str(last), str(scene.org_a)],
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    again = client.get(path, params={"q": "bedrijf 0001"}, headers=HTML)
    assert _ticked(again.text) == {str(last), str(scene.org_a)}  # chosen ones stay listed
