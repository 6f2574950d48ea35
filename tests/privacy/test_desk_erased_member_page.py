"""The desk's page of an erased person says so and offers nothing that can no longer be done.

Found from outside (the demo, after an erasure): the page showed the five objections as "nee"
and the form to record one on the person's behalf, which then answered 409 "Lid 157 is
gewist"; nothing on the page said the person was erased.
"""

from __future__ import annotations

from kring.choices import Role
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run

DUTCH = {"accept": "text/html", "accept-language": "nl"}


def test_an_erased_persons_desk_page_says_so_and_has_no_opt_out_form(client):
    officer = factories.account(Role.privacy_officer)
    person = factories.account(Role.member)
    factories.log_in(client, officer.email)
    living = client.get(f"/privacy/desk/members/{person.member_id}", headers=DUTCH)
    assert 'id="on-behalf"' in living.text and "Gewist:" not in living.text
    run(erase_member(person.member_id))
    page = client.get(f"/privacy/desk/members/{person.member_id}", headers=DUTCH)
    assert page.status_code == 200, page.text
    assert 'id="member-privacy-erased"' in page.text
    assert "nothing more is recorded" not in page.text  # in Dutch
    assert "Gewist:" in page.text
    assert 'id="on-behalf"' not in page.text and 'id="opt-out-state"' not in page.text
