"""The language links of a page answered to a form lead back to a page one can open. Found from
outside on a project: a milestone typed without a title answered the project page with its
error at POST /projects/ID/milestones, and 'EN' there led to GET /projects/ID/milestones, a
405 'Methode niet toegestaan'. A page answered to a form now links the page the form was on (its
Referer, when it is this site's), else the start page."""

from __future__ import annotations

import re

from tests import factories
from tests.projects.helpers import team


def _language_targets(html: str) -> list[str]:
    return re.findall(r'href="/language/(?:nl|en)\?next=([^"]*)"', html)


def test_the_language_links_after_a_refused_form_lead_to_a_page_that_opens(client):
    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    fields = {"_csrf_token": factories.csrf_token(client), "title": "", "due_on": "2026-05-01"}
    refused = client.post(
        f"/projects/{p}/milestones",
        data=fields,
        headers={"accept": "text/html", "referer": f"http://testserver.local/projects/{p}"},
    )
    assert refused.status_code == 400
    assert _language_targets(refused.text) == [f"/projects/{p}"] * 2
    switched = client.get(f"/language/en?next=/projects/{p}", headers={"accept": "text/html"})
    assert switched.status_code == 200

    elsewhere = client.post(
        f"/projects/{p}/milestones",
        data=fields,
        headers={"accept": "text/html", "referer": "https://evil.example/projects/1"},
    )
    assert _language_targets(elsewhere.text) == ["/"] * 2
    unknown = client.post(f"/projects/{p}/milestones", data=fields, headers={"accept": "text/html"})
    assert _language_targets(unknown.text) == ["/"] * 2
    page = client.get(f"/projects/{p}", headers={"accept": "text/html"})
    assert _language_targets(page.text) == [f"/projects/{p}"] * 2
