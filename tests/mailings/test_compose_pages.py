"""The organisers' pages: composing with errors at the fields, reordering, deleting after a
question, the preview (HTML part in a sandboxed frame under its own strict policy, and the text
part), and the test mail through a real SMTP server, or refused without a processing
agreement."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from email import policy
from typing import Any

from kring.choices import Role
from kring.settings import get_settings
from mailings import proofs
from mailings.choices import MailingState
from mailings.tables import Article, Mailing
from tests import factories
from tests.conftest import run


def _post(client: Any, path: str, **data: str) -> Any:
    return client.post(
        path, data={"_csrf_token": factories.csrf_token(client), **data}, follow_redirects=True
    )


def _article(client: Any, mailing_id: int, **fields: str) -> Any:
    data = {"title_nl": "", "title_en": "", "text_nl": "", "text_en": "", "link": "", "tags": ""}
    return _post(client, f"/mailings/{mailing_id}/articles/new", **(data | fields))


def test_an_organiser_composes_reorders_previews_and_deletes(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    index = client.get("/mailings")
    assert index.status_code == 200 and 'href="/mailings/new"' in index.text
    assert 'href="/mailings/interests"' in index.text and 'class="empty"' in index.text

    refused = _post(client, "/mailings/new", name="", subject_nl="Nieuws")
    assert refused.status_code == 400 and 'id="field-name-error"' in refused.text
    assert 'value="Nieuws"' in refused.text  # what was typed stays
    made = _post(
        client,
        "/mailings/new",
        name="Nieuwsbrief juni",
        subject_nl="Nieuws uit de kring",
        subject_en="",
        intro_nl="Beste leden,",
        intro_en="",
    )
    assert made.status_code == 200 and 'id="flash"' in made.text
    mailing_id = int(re.search(r'/mailings/(\d+)/edit"', made.text).group(1))
    assert 'id="problems"' in made.text and "/audience" not in made.text

    bad = _article(client, mailing_id, title_nl="Auditdag", link="javascript:alert(1)")
    assert bad.status_code == 400 and 'id="field-link-error"' in bad.text
    assert 'value="Auditdag"' in bad.text
    first = _article(
        client,
        mailing_id,
        title_nl="Auditdag",
        text_nl="Kom naar **Gent**. <script>x</script>",
        link="https://kring.example/auditdag",
        tags="Audit, iso",
    )
    assert first.status_code == 200 and "Auditdag" in first.text
    second = _article(client, mailing_id, title_nl="Lerend netwerk", text_nl="Tweede")
    assert f'href="/mailings/{mailing_id}/audience"' in second.text  # ready to send
    articles = run(
        Article.select(Article.id, Article.tags)
        .where(Article.mailing == mailing_id)
        .order_by(Article.position)
    )
    assert articles[0]["tags"] == ["audit", "iso"]
    first_id, second_id = (row["id"] for row in articles)

    moved = _post(client, f"/mailings/{mailing_id}/articles/{second_id}/move", direction="up")
    assert moved.text.index("Lerend netwerk") < moved.text.index("Auditdag")
    assert (
        _post(
            client, f"/mailings/{mailing_id}/articles/{second_id}/move", direction="sideways"
        ).status_code
        == 400
    )

    edit = client.get(f"/mailings/{mailing_id}/articles/{first_id}/edit")
    assert edit.status_code == 200 and 'value="audit, iso"' in edit.text
    saved = _post(
        client,
        f"/mailings/{mailing_id}/articles/{first_id}/edit",
        title_nl="Auditdag Gent",
        title_en="Audit day",
        text_nl="Kom naar **Gent**.",
        text_en="Come to Ghent.",
        link="https://kring.example/auditdag",
        tags="audit",
    )
    assert saved.status_code == 200 and "Auditdag Gent" in saved.text

    preview = client.get(f"/mailings/{mailing_id}/preview", params={"language": "en"})
    assert preview.status_code == 200
    assert f'src="/mailings/{mailing_id}/preview/mail.html?language=en"' in preview.text
    assert "sandbox" in preview.text and "Come to Ghent." in preview.text
    assert "Read more: https://kring.example/auditdag" in preview.text  # the text part
    html = client.get(f"/mailings/{mailing_id}/preview/mail.html", params={"language": "nl"})
    assert html.status_code == 200 and html.text.startswith("<!DOCTYPE html>")
    assert '<html lang="nl"' in html.text and "<strong>Gent</strong>" in html.text
    csp = html.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "script" not in csp
    assert html.headers["x-frame-options"] == "SAMEORIGIN"

    deleted = _post(client, f"/mailings/{mailing_id}/articles/{second_id}/delete")
    assert deleted.status_code == 200 and "Lerend netwerk" not in deleted.text
    assert f'action="/mailings/{mailing_id}/delete"' in deleted.text  # asks first
    gone = _post(client, f"/mailings/{mailing_id}/delete")
    assert gone.status_code == 200 and 'id="flash"' in gone.text
    assert run(Mailing.count()) == 0 and run(Article.count()) == 0


def test_the_test_mail_goes_to_the_organiser_as_text_and_html(client, smtp_server):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    made = _post(client, "/mailings/new", name="Juli", subject_nl="Zomer", subject_en="Summer")
    mailing_id = int(re.search(r'/mailings/(\d+)/edit"', made.text).group(1))
    _article(
        client,
        mailing_id,
        title_nl="Zomerschool",
        text_nl="Zie ![foto](https://elders.example/foto.jpg) en [site](https://kring.example)",
        link="https://kring.example/zomer",
    )
    proofs.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        sent = _post(client, f"/mailings/{mailing_id}/test-mail", language="en")
    finally:
        proofs.settings_override = None
    assert sent.status_code == 200 and 'id="flash"' in sent.text
    assert "/preview" in str(sent.url) and "language=en" in str(sent.url)
    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == [organiser.email]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"] == "Summer"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Zomerschool" in text and "[1] https://elders.example/foto.jpg" in text
    assert "Unsubscribe from mailings" in text
    assert '<html lang="en"' in html and 'style="' in html
    assert "<img" not in html and not re.search(r"<img[^>]+src=.http", html)
    assert '<a href="https://kring.example/zomer"' in html


def test_refusals_on_the_pages(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    made = _post(client, "/mailings/new", name="Aug", subject_nl="S")
    mailing_id = int(re.search(r'/mailings/(\d+)/edit"', made.text).group(1))
    article = _article(client, mailing_id, title_nl="Een")
    article_id = int(re.search(rf"/mailings/{mailing_id}/articles/(\d+)/edit", article.text)[1])

    # Without a signed processing agreement for the relay, the test mail says why.
    refused = _post(client, f"/mailings/{mailing_id}/test-mail", language="nl")
    assert refused.status_code == 200
    refusal = '<p class="flash refused" role="alert" id="flash" tabindex="-1" autofocus>'
    assert refusal in refused.text
    assert "processing" in refused.text or "verwerk" in refused.text

    # Unknown ids: 404; a mailing that is no longer a draft: 409 on every change.
    assert client.get("/mailings/999999").status_code == 404
    assert client.get(f"/mailings/{mailing_id}/articles/999999/edit").status_code == 404
    run(Mailing.update({Mailing.state: MailingState.sent}).where(Mailing.id == mailing_id))
    page = client.get(f"/mailings/{mailing_id}")
    assert page.status_code == 200 and 'id="not-a-draft"' in page.text
    assert f'href="/mailings/{mailing_id}/progress"' in page.text
    assert f"/mailings/{mailing_id}/edit" not in page.text
    assert client.get(f"/mailings/{mailing_id}/edit").status_code == 409
    assert client.get(f"/mailings/{mailing_id}/articles/new").status_code == 409
    for path, data in (
        (f"/mailings/{mailing_id}/edit", {"name": "X"}),
        (f"/mailings/{mailing_id}/delete", {}),
        (f"/mailings/{mailing_id}/articles/new", {"title_nl": "X"}),
        (f"/mailings/{mailing_id}/articles/{article_id}/edit", {"title_nl": "X"}),
        (f"/mailings/{mailing_id}/articles/{article_id}/move", {"direction": "up"}),
        (f"/mailings/{mailing_id}/articles/{article_id}/delete", {}),
    ):
        assert _post(client, path, **data).status_code == 409, path
    assert client.get(f"/mailings/{mailing_id}/preview").status_code == 200

    # Members and privacy officers get the refusal page everywhere.
    for role in (Role.member, Role.privacy_officer):
        client.cookies.clear()
        factories.log_in(client, factories.account(role).email)
        assert 'href="/mailings"' not in client.get("/").text
        for path in (
            "/mailings",
            "/mailings/new",
            f"/mailings/{mailing_id}",
            f"/mailings/{mailing_id}/preview",
            f"/mailings/{mailing_id}/preview/mail.html",
        ):
            assert client.get(path).status_code == 403, (role, path)
        for path in (
            "/mailings/new",
            f"/mailings/{mailing_id}/test-mail",
            f"/mailings/{mailing_id}/delete",
        ):
            assert _post(client, path, name="x").status_code == 403, (role, path)
    assert run(Mailing.select(Mailing.name).first())["name"] == "Aug"


def test_the_preview_and_test_mail_refuse_a_language_the_mailings_do_not_have(client, smtp_server):
    """Found from outside: `language=xx` sent the Dutch test mail, and the preview answered 200
    for `?language=de` and for a repeated `language` while the API's render answered 400."""
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    made = _post(client, "/mailings/new", name="Sep", subject_nl="S")
    mailing_id = int(re.search(r'/mailings/(\d+)/edit"', made.text).group(1))
    _article(client, mailing_id, title_nl="Een")
    proofs.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        sent = client.post(
            f"/mailings/{mailing_id}/test-mail",
            data={"_csrf_token": factories.csrf_token(client), "language": "xx"},
            headers={"accept": "text/html"},
        )
    finally:
        proofs.settings_override = None
    assert sent.status_code == 400 and "Taal" in sent.text
    assert smtp_server.messages == []
    preview = f"/mailings/{mailing_id}/preview"
    for path in (f"{preview}?language=de", f"{preview}?language=en&language=nl"):
        refused = client.get(path, headers={"accept": "text/html"})
        assert refused.status_code == 400, path
        assert "Taal" in refused.text, path
    frame = client.get(f"{preview}/mail.html?language=de")
    assert frame.status_code == 400 and "language" in frame.text
    twice = client.get(f"{preview}?language=en&language=nl", headers={"accept": "text/html"})
    assert "meer dan eens" in twice.text
    assert client.get(f"{preview}?language=en").status_code == 200
    assert client.get(preview).status_code == 200
