"""A second click on "Lift" (a double click, or another officer lifted it meanwhile) shows the
restrictions page with why: it was a bare error page leading only to the start page (found by
the outside probe)."""

from __future__ import annotations

from kring.choices import Role
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def test_lifting_a_lifted_restriction_again_says_why_on_the_restrictions_page(client):
    officer = factories.account(Role.privacy_officer)
    member = factories.member(factories.organisation())
    run(restrict(member, "het lid zelf", "betwist de juistheid", None))
    factories.log_in(client, officer.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    lift = f"/privacy/desk/rights/{member}/lift"
    assert client.post(lift, data=form, headers=HTML, follow_redirects=False).status_code == 303

    again = client.post(lift, data=form, headers=HTML, follow_redirects=False)
    assert again.status_code == 409
    summary = again.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "De verwerking van dit lid is niet beperkt" in summary
    assert 'id="restrict"' in again.text
