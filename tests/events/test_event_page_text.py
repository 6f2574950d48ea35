"""What an organiser typed in an event's description reads on its page as they wrote it: the
form's text area takes lines (a programme, an address), which one paragraph ran together."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.events.helpers import event, signed_in_browser


def test_the_description_keeps_its_lines_and_escapes_them(served_app):
    organiser = factories.account(Role.organiser)
    typed = "18:00 Ontvangst\r\n18:30 Lezing <b>kwaliteit</b>\r\n\r\nParkeren: Dok Noord"
    event_id = event(organiser, description=typed)
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        page = browser.get(f"/events/{event_id}")
    assert page.status_code == 200
    assert (
        '<p id="description">18:00 Ontvangst<br>18:30 Lezing &lt;b&gt;kwaliteit&lt;/b&gt;<br>'
        "<br>Parkeren: Dok Noord</p>"
    ) in page.text
