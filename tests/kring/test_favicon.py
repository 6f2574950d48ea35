"""Every browser asks for the tab's icon: each page links one, and `/favicon.ico` (asked for by
a browser showing a PDF or JSON answer, which links nothing) answers it instead of a 404 in
the served log on every first visit."""

from __future__ import annotations

from xml.etree import ElementTree


def test_the_icon_is_linked_from_every_page_and_answered_at_favicon_ico(client):
    login = client.get("/login", headers={"accept": "text/html"})
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in login.text
    for path in ("/favicon.ico", "/static/favicon.svg"):
        icon = client.get(path)
        assert icon.status_code == 200, path
        assert icon.headers["content-type"].startswith("image/svg+xml"), path
        root = ElementTree.fromstring(icon.content)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
