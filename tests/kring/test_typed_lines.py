"""Texts that people type line by line in a text area (a challenge, a project's goal, a
candidacy's summary, an address) read on their pages as written: one paragraph ran the lines
together. Each line stays escaped. Over HTTP, against `kring serve`; the mails quote them as
plain text, where the lines stay as typed."""

from __future__ import annotations

import httpx

from kring.choices import Role
from kring.mail_templates import render
from kring.web.templating import lines
from tests import factories
from tests.awards import helpers as awards
from tests.events.helpers import signed_in_browser
from tests.projects.helpers import project

TYPED = "Eerste lijn <b>vet</b>\r\nTweede lijn <script>alert(1)</script>\r\n\r\nNa een witregel"
SHOWN = (
    "Eerste lijn &lt;b&gt;vet&lt;/b&gt;<br>Tweede lijn &lt;script&gt;alert(1)&lt;/script&gt;"
    "<br><br>Na een witregel"
)


def test_the_filter_escapes_each_line_and_breaks_between_them():
    assert lines(TYPED) == SHOWN
    assert lines(None) == "" and lines("één lijn") == "één lijn"


def test_a_challenge_shows_its_lines_on_my_challenges(served_app):
    member = factories.account(Role.member)
    answer = httpx.post(
        f"{served_app.url}/api/challenges",
        json={"title": "Audits voorbereiden", "body": TYPED, "tags": ["audit"]},
        headers=member.headers,
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    with signed_in_browser(served_app.url, member.email) as browser:
        page = browser.get("/my/challenges")
    assert page.status_code == 200
    assert f"<p>{SHOWN}</p>" in page.text


def test_a_projects_goal_shows_its_lines(served_app):
    organiser = factories.account(Role.organiser)
    project_id = project(organiser, goal=TYPED)
    with signed_in_browser(served_app.url, organiser.email) as browser:
        page = browser.get(f"/projects/{project_id}")
    assert page.status_code == 200
    assert f"<dd>{SHOWN}</dd>" in page.text


def test_a_candidacys_summary_shows_its_lines(served_app):
    who = awards.candidate()
    candidacy_id = awards.candidacy(who, awards.edition(), summary=TYPED)
    with signed_in_browser(served_app.url, who.email) as browser:
        page = browser.get(f"/awards/candidacies/{candidacy_id}")
    assert page.status_code == 200
    assert f'<p class="wrap">{SHOWN}</p>' in page.text


def test_an_organisations_address_shows_its_lines(served_app):
    organisation_id = factories.organisation(address="Dok Noord 7\r\n9000 Gent")
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        page = browser.get(f"/organisations/{organisation_id}")
    assert page.status_code == 200
    assert "<dd>Dok Noord 7<br>9000 Gent</dd>" in page.text


def test_a_refusal_mail_quotes_the_reason_line_by_line():
    from datetime import date

    _, body = render(
        "privacy/mail/refusal.txt",
        "nl",
        first_name="An",
        kind="access",
        received=date(2026, 11, 2),
        close_reason="Eerste reden\nTweede <b>reden</b>",
    )
    assert "\nEerste reden\nTweede <b>reden</b>\n" in body
