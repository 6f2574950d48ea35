"""An article's link on an international domain (https://bücher.example/…) is a web address like
any other: it was refused as 'not an internet domain'. It is taken, kept with its domain in the
ASCII form browsers and mail programs open (xn--bcher-kva.example), and its test mail carries
it; hostile addresses (another scheme, a user name or password before the domain, a control
character) are still refused at the field. Real app over HTTP, real SMTP server on loopback."""

from __future__ import annotations

import re
from dataclasses import replace
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest

from kring.choices import Role
from kring.settings import get_settings
from kring.validation import FieldError, normalise_website
from mailings import proofs
from mailings.clicks import click_url
from mailings.tables import Article
from tests import factories
from tests.conftest import run


def _post(client, path: str, **data: str):
    return client.post(path, data=data | {"_csrf_token": factories.csrf_token(client)})


def _draft(client) -> int:
    factories.log_in(client, factories.account(Role.organiser).email)
    made = _post(client, "/mailings/new", name="December", subject_nl="Nieuws")
    return int(re.search(r'/mailings/(\d+)/edit"', made.text).group(1))


def test_an_article_link_on_an_international_domain_is_taken_and_mailed(client, smtp_server):
    mailing_id = _draft(client)
    answer = _post(
        client,
        f"/mailings/{mailing_id}/articles/new",
        title_nl="Boekentip",
        text_nl="Lees meer.",
        link="https://Bücher.example/neu?titel=straße",
        tags="",
    )
    assert answer.status_code in (200, 303), answer.text[:500]
    stored = run(Article.select(Article.id, Article.link).first())
    assert stored["link"] == "https://xn--bcher-kva.example/neu?titel=straße"

    # A reader's click goes on to it (the recording link, as a consenting member's mail has it).
    reader = factories.member(factories.organisation())
    click = urlsplit(click_url(reader, stored["id"], stored["link"]))
    went = client.get(f"{click.path}?{click.query}", follow_redirects=False)
    assert went.status_code == 302, went.text[:300]
    assert went.headers["location"].startswith("https://xn--bcher-kva.example/neu?titel=stra")

    proofs.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        _post(client, f"/mailings/{mailing_id}/test-mail", language="nl")
    finally:
        proofs.settings_override = None
    [envelope] = smtp_server.messages
    mail = message_from_bytes(envelope.content, policy=policy.default)
    html = mail.get_body(("html",)).get_content()
    assert "https://xn--bcher-kva.example/neu" in html


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("bücher.example", "https://xn--bcher-kva.example"),
        ("https://пример.рф/статья", "https://xn--e1afmkfd.xn--p1ai/статья"),
        ("http://straße.de:8080/x", "http://xn--strae-oqa.de:8080/x"),
        ("https://www.kring.be/a", "https://www.kring.be/a"),
    ],
)
def test_an_international_domain_is_kept_in_ascii(raw, stored):
    assert normalise_website(raw, "link") == stored


@pytest.mark.parametrize(
    "raw",
    [
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "https://bank.be@evil.example/",
        "https://user:secret@bücher.example/",
        "https://example.be/a\x00b",
        "https://example.be/\x7f",
        "https://bücher\u202e.example/",
        "https://xn--.example/",
        "https://bü cher.example/",
    ],
)
def test_hostile_links_stay_refused_at_the_field(client, raw):
    mailing_id = _draft(client)
    answer = _post(
        client,
        f"/mailings/{mailing_id}/articles/new",
        title_nl="Boekentip",
        text_nl="Lees meer.",
        link=raw,
        tags="",
    )
    assert answer.status_code == 400, (raw, answer.status_code)
    assert factories.field_error(answer.text, "link")
    assert run(Article.count()) == 0


def test_a_domain_no_name_may_hold_is_refused_naming_the_field():
    with pytest.raises(FieldError) as refused:
        normalise_website("https://bü\u00adcher☃\u200d.example/", "link")
    assert refused.value.field == "link"
