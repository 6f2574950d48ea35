"""Publishing again within the repeat window with tags added: the repeat check compared every
field but the tags, so the second publish answered the first item and the new tags were lost
without a word. Now only an identical item (tags included) is a repeat. Over HTTP against
`kring serve`."""

from __future__ import annotations

import httpx

from kring.choices import Role
from tests import factories


def _publish(client: httpx.Client, tags: list[str]) -> dict:
    body = {"title": "Slides van de lenteavond", "summary": "De slides.", "tags": tags}
    answer = client.post("/api/library", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_publishing_again_with_more_tags_keeps_the_new_tags(live_server):
    organiser = factories.account(Role.organiser)
    with httpx.Client(base_url=live_server, headers=organiser.headers, timeout=30) as client:
        first = _publish(client, ["audit"])
        again = _publish(client, ["audit"])
        assert again["id"] == first["id"]  # a double submit is still one item
        more = _publish(client, ["audit", "iso 9001"])
        assert more["tags"] == ["audit", "iso 9001"]
        found = client.get("/api/library", params={"tag": "iso 9001"}).json()
        assert [row["id"] for row in found["items"]] == [more["id"]]
