"""The send page of a draft that is not ready names what is missing as a step to take, with a
link to where it is done ('Voeg minstens één artikel toe: Artikel toevoegen'), not as an error
of a form the page does not have; the mailing's own page links the same way."""

from __future__ import annotations

from kring.choices import Role
from mailings.compose import create_mailing
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal


def test_a_draft_without_articles_links_to_adding_one(client):
    organiser = factories.account(Role.organiser)
    mailing_id = run(
        create_mailing(principal(organiser), {"name": "Nieuwsbrief", "subject_nl": "Nieuws"})
    )
    factories.log_in(client, organiser.email)
    add = f'href="/mailings/{mailing_id}/articles/new"'
    page = client.get(f"/mailings/{mailing_id}/send")
    assert page.status_code == 200
    assert 'id="error-summary"' not in page.text
    problems = page.text.split('id="problems"')[1].split("</ul>")[0]
    assert "Voeg minstens één artikel toe" in problems and add in problems
    assert f'href="/mailings/{mailing_id}"' in page.text  # back to the mailing, not the audience
    assert 'id="send-form"' not in page.text
    refused = client.post(
        f"/mailings/{mailing_id}/send",
        data={"_csrf_token": factories.csrf_token(client), "expected_count": "1", "audience": ""},
    )
    assert refused.status_code == 409 and add in refused.text
    compose = client.get(f"/mailings/{mailing_id}").text
    assert add in compose.split('id="problems"')[1].split("</ul>")[0]
