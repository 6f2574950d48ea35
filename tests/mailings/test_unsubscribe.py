"""End to end: a real send to a real SMTP server on loopback; the mail's List-Unsubscribe
header is used as a mail client does (RFC 8058: a POST with `List-Unsubscribe=One-Click`, no
cookie, no CSRF token) against the served app; the member is opted out at once, the history
says so, and the next mailing leaves them out. A GET changes nothing; a forged token is 404."""

from __future__ import annotations

import dataclasses
import email
from email import policy

import httpx

from kring.settings import get_settings
from kring.tables import Member
from mailings.audience import AudienceSpec, audience_ids
from mailings.outbox import queue_mailing
from mailings.sending import send_due
from privacy.opt_outs import history
from tests.conftest import run
from tests.mailings.delivery_scene import build


def test_one_click_unsubscribe_from_the_mail_header(smtp_server, live_server):
    scene = build()
    control = scene.people["control"]
    run(queue_mailing(scene.mailing_id))
    settings = dataclasses.replace(
        get_settings(), smtp_host="127.0.0.1", smtp_port=smtp_server.port, base_url=live_server
    )
    assert run(send_due(scene.mailing_id, settings=settings)).sent == 2
    address = run(Member.select(Member.email).where(Member.id == control).first())["email"]
    [received] = [m for m in smtp_server.messages if m.rcpt_tos == [address]]
    mail = email.message_from_bytes(received.content, policy=policy.default)
    assert mail.is_multipart()
    assert {part.get_content_type() for part in mail.iter_parts()} == {"text/plain", "text/html"}
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = mail["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert url.startswith(f"{live_server}/mailings/unsubscribe/")
    assert url in mail.get_body(("plain",)).get_content()  # the visible link is the same

    with httpx.Client(timeout=10) as mail_client:
        looked = mail_client.get(url)  # a scanner following the link
        assert looked.status_code == 200 and 'id="unsubscribe"' in looked.text
        assert run(Member.select(Member.no_mailings).where(Member.id == control).first()) == {
            "no_mailings": False
        }
        one_click = mail_client.post(
            url,
            content=b"List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert one_click.status_code == 200, one_click.text[:300]
        assert 'id="unsubscribed"' in one_click.text
        token = url.rsplit("/", 1)[1]
        member_id, signature = token.split(".")
        for forged in (
            f"{int(member_id) + 1}.{signature}",
            f"{member_id}.{signature[:-1]}{'0' if signature[-1] != '0' else '1'}",
            "garbage",
            f"{member_id}.{signature}.extra",
        ):
            answer = mail_client.post(
                f"{live_server}/mailings/unsubscribe/{forged}",
                content=b"List-Unsubscribe=One-Click",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            assert answer.status_code == 404, (forged, answer.status_code)
            assert (
                mail_client.get(f"{live_server}/mailings/unsubscribe/{forged}").status_code == 404
            )

    assert run(Member.select(Member.no_mailings).where(Member.id == control).first()) == {
        "no_mailings": True
    }
    events = [(e["kind"], e["active"], e["channel"]) for e in run(history(control))]
    assert events == [("mailings", True, "email")]
    assert control not in run(audience_ids(AudienceSpec()))
    assert scene.people["english"] in run(audience_ids(AudienceSpec()))


def test_an_erased_members_old_unsubscribe_link_records_nothing(client):
    """Found from outside: the kept row of an erased member took a new opt-out event."""
    from kring.choices import Role
    from kring.errors import Conflict
    from mailings.unsubscribe import unsubscribe_url
    from privacy.erasure import erase_member
    from privacy.opt_outs import Channel, OptOut, set_opt_out
    from privacy.tables import OptOutEvent
    from tests import factories

    member_id = factories.account(Role.member).member_id
    path = unsubscribe_url(member_id).split("/mailings/", 1)[1]
    run(erase_member(member_id))
    before = run(OptOutEvent.count())
    answer = client.post(
        f"/mailings/{path}",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200 and 'id="unsubscribed"' in answer.text
    looked = client.get(f"/mailings/{path}")
    assert looked.status_code == 200 and 'id="unsubscribed"' in looked.text
    # Found from outside: it said "sign in and switch mailings on again", which they cannot.
    assert 'id="erased"' in looked.text and "Meld je aan" not in looked.text
    assert run(OptOutEvent.count()) == before
    try:
        run(set_opt_out(member_id, OptOut.listing, True, Channel.web, None))
    except Conflict as refused:
        assert "erased" in refused.message
    else:
        raise AssertionError("an opt-out was recorded for an erased member")
    assert run(OptOutEvent.count()) == before


def test_the_unsubscribe_page_speaks_the_recipients_language(smtp_server, live_server):
    """Found from outside: an English member's link opened a Dutch page. Without a language
    chosen on the device, the page (and the one after the button) is in the member's language;
    a language chosen on the device still wins."""
    scene = build()
    english = scene.people["english"]
    run(queue_mailing(scene.mailing_id))
    settings = dataclasses.replace(
        get_settings(), smtp_host="127.0.0.1", smtp_port=smtp_server.port, base_url=live_server
    )
    run(send_due(scene.mailing_id, settings=settings))
    address = run(Member.select(Member.email).where(Member.id == english).first())["email"]
    [received] = [m for m in smtp_server.messages if m.rcpt_tos == [address]]
    mail = email.message_from_bytes(received.content, policy=policy.default)
    url = mail["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")

    with httpx.Client(timeout=10) as browser:
        looked = browser.get(url)
        assert '<html lang="en">' in looked.text
        assert "Unsubscribe from mailings" in looked.text
        assert "Afmelden voor mailings" not in looked.text
        done = browser.post(url, data={"List-Unsubscribe": "One-Click"})
        assert '<html lang="en">' in done.text
        assert "You will receive no more mailings from the network." in done.text
    with httpx.Client(timeout=10, cookies={"kring_lang": "nl"}) as dutch_device:
        assert '<html lang="nl">' in dutch_device.get(url).text
