"""Changing one's password and resetting a forgotten one, as a person does it: over HTTP, the
reset link read from the mail a real SMTP server on loopback received."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from typing import Any

import pytest
from litestar.testing import TestClient

from kring.choices import Role
from kring.clock import utc_now
from kring.credentials import token_hash
from kring.settings import get_settings
from kring.tables import ApiToken, PasswordReset, UserSession
from privacy import mails
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import _app, run

NEW = "a brand new passphrase 2026"


@pytest.fixture
def mailbox(smtp_server: Any) -> Iterator[Any]:
    mails.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        yield smtp_server
    finally:
        mails.settings_override = None


@pytest.fixture
def other_browser() -> Iterator[TestClient]:
    with TestClient(app=_app(), base_url="http://testserver.local") as second:
        yield second


def _logged_in(client: TestClient, email: str, password: str = factories.PASSWORD) -> None:
    assert factories.log_in(client, email, password).status_code == 303


def _post(client: TestClient, path: str, **fields: str):
    """A page's form as a browser sends it, the redirect not followed."""
    data = fields | {"_csrf_token": factories.csrf_token(client)}
    return client.post(path, data=data, headers={"accept": "text/html"}, follow_redirects=False)


def _change(client: TestClient, current: str, new: str, again: str | None = None, **more: str):
    return _post(
        client,
        "/password",
        current_password=current,
        new_password=new,
        new_password_again=new if again is None else again,
        **more,
    )


def _session_works(client: TestClient) -> bool:
    return client.get("/password", follow_redirects=False).status_code == 200


def _link(mailbox: Any) -> str:
    message = message_from_bytes(mailbox.messages[-1].content, policy=default)
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+(/password/reset/\S+)", text).group(1)


def _expire_every_link() -> None:
    gone = utc_now() - timedelta(seconds=1)
    run(PasswordReset.update({PasswordReset.expires_at: gone}, force=True))


def _ask_link(client: TestClient, email: str):
    return _post(client, "/password/forgotten", email=email)


def _reset(client: TestClient, path: str, new: str = NEW, again: str | None = None):
    fields = {"new_password": new, "new_password_again": new if again is None else again}
    return _post(client, path, **fields)


# Changing the password


def test_a_wrong_current_password_is_refused_at_its_field_and_changes_nothing(client):
    login = factories.account(Role.member)
    _logged_in(client, login.email)
    answer = _change(client, "not my password", NEW)
    assert answer.status_code == 403
    assert "Verkeerd wachtwoord" in factories.field_error(answer.text, "current_password")
    assert NEW not in answer.text and "not my password" not in answer.text
    client.post("/logout", data={"_csrf_token": factories.csrf_token(client)})
    assert factories.log_in(client, login.email, NEW).status_code == 401
    assert factories.log_in(client, login.email).status_code == 303


def test_the_new_password_follows_the_one_rule_and_is_typed_twice(client):
    login = factories.account(Role.organiser)
    _logged_in(client, login.email)
    short = _change(client, factories.PASSWORD, "kort")
    assert short.status_code == 400
    assert "minstens 10 tekens" in factories.field_error(short.text, "new_password")
    assert 'value="kort"' not in short.text
    differ = _change(client, factories.PASSWORD, NEW, NEW + "!")
    assert differ.status_code == 400
    assert "niet hetzelfde" in factories.field_error(differ.text, "new_password_again")
    same = _change(client, factories.PASSWORD, factories.PASSWORD)
    assert same.status_code == 400
    assert "je huidige wachtwoord" in factories.field_error(same.text, "new_password")


def test_a_changed_password_ends_every_other_session_and_keeps_this_one(client, other_browser):
    login = factories.account(Role.member)
    _logged_in(client, login.email)
    _logged_in(other_browser, login.email)
    old_cookie = client.cookies["kring_session"]
    answer = _change(client, factories.PASSWORD, NEW)
    assert answer.status_code == 303 and answer.headers["location"] == "/password"
    assert client.cookies["kring_session"] != old_cookie  # the session was renewed
    assert "ander toestel werd afgemeld" in client.get("/password").text
    assert _session_works(client)
    assert not _session_works(other_browser)
    assert run(UserSession.count().where(UserSession.account == login.account_id)) == 1
    # API tokens stay (they have their own page), unless asked otherwise.
    assert client.get("/api/me", headers=login.headers).status_code == 200
    fresh = TestClient(app=_app(), base_url="http://testserver.local")
    with fresh:
        assert factories.log_in(fresh, login.email).status_code == 401
        assert factories.log_in(fresh, login.email, NEW).status_code == 303
    entry = run(AuditEntry.select().where(AuditEntry.table_name == "account (password)").first())
    assert entry["actor"] == login.account_id and entry["member"] == login.member_id
    assert NEW not in str(entry) and factories.PASSWORD not in str(entry)


def test_a_change_may_revoke_every_api_token_too(client):
    login = factories.account(Role.admin)
    _logged_in(client, login.email)
    answer = _change(client, factories.PASSWORD, NEW, revoke_tokens="1")
    assert answer.status_code == 303
    assert client.get("/api/me", headers=login.headers).status_code == 401
    assert run(ApiToken.count().where(ApiToken.revoked_at.is_null())) == 0


def test_guessing_the_current_password_is_throttled_like_a_login(client):
    login = factories.account(Role.member)
    _logged_in(client, login.email)
    for _ in range(5):
        assert _change(client, "still wrong!", NEW).status_code == 403
    throttled = _change(client, factories.PASSWORD, NEW)
    assert throttled.status_code == 429 and throttled.headers["retry-after"]
    assert "te veel" in factories.field_error(throttled.text, "current_password").lower()


def test_the_change_form_needs_its_csrf_token(client):
    login = factories.account(Role.member)
    _logged_in(client, login.email)
    fields = {"current_password": factories.PASSWORD, "new_password": NEW}
    answer = client.post("/password", data=fields | {"new_password_again": NEW})
    assert answer.status_code == 403
    assert _session_works(client)


def test_the_api_changes_the_password_with_the_same_rules(client, other_browser):
    login = factories.account(Role.member)
    _logged_in(other_browser, login.email)
    wrong = client.post(
        "/api/me/password",
        json={"current_password": "wrong one!", "new_password": NEW},
        headers=login.headers,
    )
    assert wrong.status_code == 403 and "current_password" in wrong.text
    short = client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": "kort"},
        headers=login.headers,
    )
    assert short.status_code == 400 and "new_password" in short.text
    done = client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": NEW},
        headers=login.headers,
    )
    assert done.status_code == 200, done.text
    assert done.json() == {"sessions_ended": True, "tokens_revoked": False}
    assert not _session_works(other_browser)
    assert client.get("/api/me", headers=login.headers).status_code == 200


# Resetting a forgotten password


def test_the_login_page_leads_to_the_forgotten_password_form(client):
    assert 'href="/password/forgotten"' in client.get("/login").text
    assert client.get("/password/forgotten").status_code == 200


def test_a_mailed_link_sets_a_new_password_once_and_logs_in(client, other_browser, mailbox):
    login = factories.account(Role.member)
    _logged_in(other_browser, login.email)
    asked = _ask_link(client, login.email.upper())
    assert asked.status_code == 200 and 'id="reset-sent"' in asked.text
    assert mailbox.messages[-1].rcpt_tos == [login.email]
    path = _link(mailbox)
    token = path.rsplit("/", 1)[1]
    stored = run(PasswordReset.select().first())
    assert stored["token_hash"] == token_hash(token) and token not in str(stored)
    assert stored["expires_at"] - stored["created_at"] == timedelta(hours=1)
    assert client.get(path).status_code == 200  # opening the link spends nothing
    differ = _reset(client, path, NEW, NEW + "?")
    assert differ.status_code == 400
    assert "niet hetzelfde" in factories.field_error(differ.text, "new_password_again")
    done = _reset(client, path)
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert _session_works(client)  # logged in with the new password's session
    assert not _session_works(other_browser)  # every other session ended
    again = client.get(path)
    assert again.status_code == 410 and "al gebruikt" in again.text
    assert _reset(client, path, "another new one 2026").status_code == 410
    assert 'href="/password/forgotten"' in again.text
    with TestClient(app=_app(), base_url="http://testserver.local") as fresh:
        assert factories.log_in(fresh, login.email).status_code == 401
        assert factories.log_in(fresh, login.email, NEW).status_code == 303


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, mailbox):
    login = factories.account(Role.member)
    known = _ask_link(client, login.email)
    unknown = _ask_link(client, "niemand@kring-test.be")

    def words(answer) -> str:
        return re.sub(r'value="[^"]*"', "", answer.text)

    assert unknown.status_code == known.status_code == 200
    assert words(unknown) == words(known)
    assert [m.rcpt_tos for m in mailbox.messages] == [[login.email]]


def test_an_expired_link_is_refused_with_a_way_to_ask_again(client, mailbox):
    login = factories.account(Role.member)
    _ask_link(client, login.email)
    path = _link(mailbox)
    _expire_every_link()
    page = client.get(path)
    assert page.status_code == 410 and "verlopen" in page.text
    assert 'href="/password/forgotten"' in page.text
    assert _reset(client, path).status_code == 410
    assert factories.log_in(client, login.email).status_code == 303  # the password stays


def test_a_made_up_link_is_not_found(client):
    answer = client.get("/password/reset/" + "x" * 43)
    assert answer.status_code == 404 and 'href="/password/forgotten"' in answer.text


def test_a_link_sets_only_its_own_accounts_password(client, mailbox):
    mine = factories.account(Role.member)
    other = factories.account(Role.member)
    _ask_link(client, mine.email)
    path = _link(mailbox)
    assert _reset(client, path).status_code == 303
    with TestClient(app=_app(), base_url="http://testserver.local") as fresh:
        assert factories.log_in(fresh, other.email, NEW).status_code == 401
        assert factories.log_in(fresh, other.email).status_code == 303


def test_a_reset_ends_the_session_the_browser_had_for_another_account(client, mailbox):
    colleague = factories.account(Role.organiser)
    _logged_in(client, colleague.email)
    left_behind = client.cookies["kring_session"]
    mine = factories.account(Role.member)
    _ask_link(client, mine.email)
    assert _reset(client, _link(mailbox)).status_code == 303
    assert run(UserSession.count().where(UserSession.token_hash == token_hash(left_behind))) == 0


def test_a_new_link_leaves_earlier_ones_spent_after_a_reset(client, mailbox):
    login = factories.account(Role.member)
    _ask_link(client, login.email)
    first = _link(mailbox)
    _ask_link(client, login.email)
    second = _link(mailbox)
    assert first != second
    assert _reset(client, second).status_code == 303
    assert client.get(first).status_code == 410


def test_an_account_gets_at_most_three_mails_an_hour_and_asking_is_throttled(client, mailbox):
    login = factories.account(Role.member)
    answers = [_ask_link(client, login.email).status_code for _ in range(5)]
    assert answers == [200] * 5
    assert len(mailbox.messages) == 3
    throttled = _ask_link(client, login.email)
    assert throttled.status_code == 429 and throttled.headers["retry-after"]
    assert "te veel" in factories.field_error(throttled.text, "email").lower()
    # An address without an account is throttled alike: the 429 tells nothing either.
    for _ in range(5):
        _ask_link(client, "niemand@kring-test.be")
    assert _ask_link(client, "niemand@kring-test.be").status_code == 429


def test_a_malformed_address_is_refused_at_its_field(client, mailbox):
    answer = _ask_link(client, "geen adres")
    assert answer.status_code == 400 and factories.field_error(answer.text, "email")
    assert mailbox.messages == []


def test_a_paused_member_can_reset_and_an_inactive_account_gets_nothing(client, mailbox):
    from kring.tables import Account, Member

    paused = factories.account(Role.member)
    run(Member.update({Member.status: "paused"}).where(Member.id == paused.member_id))
    closed = factories.account(Role.member)
    run(Account.update({Account.active: False}).where(Account.id == closed.account_id))
    _ask_link(client, closed.email)
    assert mailbox.messages == []
    _ask_link(client, paused.email)
    assert _reset(client, _link(mailbox)).status_code == 303


def test_expired_links_are_deleted_by_the_worker(client, mailbox):
    from members.passwords import purge_expired_resets

    login = factories.account(Role.member)
    _ask_link(client, login.email)
    assert run(purge_expired_resets()) == 0
    _expire_every_link()
    assert run(purge_expired_resets()) == 1 and run(PasswordReset.count()) == 0


# The links as personal data


def test_a_persons_access_export_lists_their_reset_links_and_erasure_removes_them(client, mailbox):
    from privacy.access import access_export
    from privacy.erasure import erase_member
    from privacy.serialise import WITHHELD

    login = factories.account(Role.member)
    _ask_link(client, login.email)
    token = _link(mailbox).rsplit("/", 1)[1]
    export = run(access_export(login.member_id))
    rows = export["tables"]["password_reset"]["rows"]
    assert len(rows) == 1 and rows[0]["account"] == login.account_id
    assert rows[0]["token_hash"] == WITHHELD and token not in str(export)
    assert "an hour after its mail went" in str(export["tables"]["password_reset"]["retention"])
    run(erase_member(login.member_id))
    assert run(PasswordReset.count()) == 0
    # An erased person has no account: asking for a link sends nothing.
    _ask_link(client, login.email)
    assert len(mailbox.messages) == 1


def _link_page(client: TestClient, path: str, language: str = "nl") -> str:
    client.cookies.set("kring_lang", language)
    try:
        page = client.get(path)
    finally:
        client.cookies.delete("kring_lang")
    assert page.status_code == 410
    assert 'href="/password/forgotten"' in page.text
    return re.sub(r"\s+", " ", page.text[page.text.index('id="link-state"') :])


def test_a_link_spent_by_a_password_change_says_so_not_that_it_was_used(
    client, other_browser, mailbox
):
    """A link left open when the person changed their password said "werd al gebruikt", though
    they never used it (found by an outside probe): the page says what spent it."""
    by_api = factories.account(Role.member)
    _ask_link(client, by_api.email)
    api_link = _link(mailbox)
    changed = client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": NEW},
        headers=by_api.headers,
    )
    assert changed.status_code == 200
    by_form = factories.account(Role.organiser)
    _ask_link(client, by_form.email)
    form_link = _link(mailbox)
    _logged_in(other_browser, by_form.email)
    assert _change(other_browser, factories.PASSWORD, NEW).status_code == 303
    for path in (api_link, form_link):
        dutch = _link_page(client, path)
        assert "werd gewijzigd nadat de link verstuurd werd" in dutch
        assert "al gebruikt" not in dutch and "Vraag dan meteen een nieuwe link aan" in dutch
        english = _link_page(client, path, "en")
        assert "was changed since the link was sent" in english and "used already" not in english
        assert _reset(client, path, "yet another passphrase").status_code == 410


def test_a_link_spent_by_resetting_through_another_link_says_so(client, mailbox):
    login = factories.account(Role.member)
    _ask_link(client, login.email)
    first = _link(mailbox)
    _ask_link(client, login.email)
    second = _link(mailbox)
    assert _reset(client, second).status_code == 303
    dutch = _link_page(client, first)
    assert "ingesteld met een andere link" in dutch and "al gebruikt" not in dutch
    english = _link_page(client, first, "en")
    assert "set since with another link" in english
    used = _link_page(client, second)
    assert "werd al gebruikt" in used and "andere link" not in used
    assert "was used already" in _link_page(client, second, "en")
