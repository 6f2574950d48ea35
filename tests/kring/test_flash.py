"""After an action the next page says what happened, once, in the viewer's language; a
message the app did not sign is never shown."""

from kring.choices import Role
from kring.web.flash import FLASH_COOKIE
from tests import factories

FLASH = '<p class="flash" role="status" id="flash" tabindex="-1" autofocus>'


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
    signature = "0123456789abcdef0123456789abcdef"
    for forged in (
        f"SGFja2Vk.done.{signature}",
        f"SGFja2Vk.refused.{signature}",
        "SGFja2Vk",
        "!!!.zz",
    ):
        client.cookies.set(FLASH_COOKIE, forged, domain=client.base_url.host)
        answer = client.get("/")
        assert answer.status_code == 200
        assert 'id="flash"' not in answer.text and "Hacked" not in answer.text


def test_a_refusal_is_an_alert_and_its_tone_cannot_be_forged(client):
    """A message saying something did not happen is styled and announced as a refusal; the
    tone is signed with the message, so a confirmation cannot be turned into a refusal (or
    back) by editing the cookie."""
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    token = factories.csrf_token(client)
    answer = client.post(
        "/my/challenges",
        data={"title": "ISO 9001 audits", "_csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    encoded, tone, signature = answer.cookies[FLASH_COOKIE].split(".")
    assert tone == "done"
    domain = answer.url.host
    client.cookies.set(FLASH_COOKIE, f"{encoded}.refused.{signature}", domain=domain)
    forged = client.get("/my/challenges")
    assert 'id="flash"' not in forged.text
    client.cookies.set(FLASH_COOKIE, f"{encoded}.done.{signature}", domain=domain)
    assert FLASH + "Uitdaging toegevoegd.</p>" in client.get("/my/challenges").text
