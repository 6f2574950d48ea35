"""After an action the next page says what happened, once, in the viewer's language; a
message the app did not sign is never shown."""

from kring.choices import Role
from kring.web.flash import FLASH_COOKIE
from tests import factories

FLASH = '<p class="flash" role="status" id="flash">'


def test_an_action_is_confirmed_once_on_the_next_page(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    answer = client.post(
        "/my/challenges",
        data={"title": "ISO 9001 audits", "_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 200 and answer.url.path == "/my/challenges"
    assert FLASH + "Uitdaging toegevoegd.</p>" in answer.text
    again = client.get("/my/challenges")
    assert FLASH not in again.text


def test_a_forged_message_is_not_shown(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    for forged in ("SGFja2Vk.0123456789abcdef0123456789abcdef", "SGFja2Vk", "!!!.zz"):
        client.cookies.set(FLASH_COOKIE, forged)
        answer = client.get("/")
        assert answer.status_code == 200
        assert FLASH not in answer.text and "Hacked" not in answer.text
