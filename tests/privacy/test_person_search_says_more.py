"""The desk's person search says when it shows only the first people it found.

Found from outside (the demo, 300 members): searching 'a' listed 50 people and said nothing
of the others, so a person beyond the first 50 looked absent.
"""

from __future__ import annotations

from kring.choices import Role
from privacy.person_search import PEOPLE_SHOWN
from tests import factories

HTML = {"accept": "text/html", "accept-language": "nl"}


def test_the_person_search_says_when_more_people_match(client):
    organisation = factories.organisation()
    for n in range(PEOPLE_SHOWN + 1):
        factories.member(organisation, first_name=f"Jan{n}", last_name="Veelvoorkomend")
    factories.member(organisation, first_name="Piet", last_name="Zeldzaam")
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    many = client.get("/privacy/desk/people?q=veelvoorkomend", headers=HTML)
    assert many.status_code == 200
    assert many.text.count('<tr id="person-') == PEOPLE_SHOWN
    assert 'id="people-more"' in many.text
    assert f"Meer dan {PEOPLE_SHOWN} mensen gevonden" in many.text
    one = client.get("/privacy/desk/people?q=zeldzaam", headers=HTML)
    assert one.text.count('<tr id="person-') == 1 and 'id="people-more"' not in one.text
