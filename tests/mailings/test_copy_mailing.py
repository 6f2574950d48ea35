"""A mailing is copied as a new draft. Found from outside: a mailing cancelled by mistake (or
last month's newsletter to start this month's from) could not be sent again or reused: only a
draft changes, and the composed subjects, introduction and articles had to be typed anew."""

from __future__ import annotations

from kring.choices import Role
from mailings.outbox import cancel_mailing, queue_mailing
from mailings.tables import Article, Mailing
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build

FIELDS = ("subject_nl", "subject_en", "intro_nl", "intro_en", "audience_kind", "audience")
ARTICLE = ("title_nl", "title_en", "text_nl", "text_en", "link", "tags")


def _articles(mailing_id: int) -> list[dict]:
    rows = run(Article.select().where(Article.mailing == mailing_id).order_by(Article.position))
    return [{key: row[key] for key in ARTICLE} for row in rows]


def test_a_cancelled_mailing_is_copied_as_a_new_draft_with_its_articles(client):
    scene = build()
    m = scene.mailing_id
    run(queue_mailing(m))
    run(cancel_mailing(m))
    factories.log_in(client, scene.organiser.email)
    page = client.get(f"/mailings/{m}").text
    assert f'action="/mailings/{m}/copy"' in page
    copied = factories.post_page_form(client, f"/mailings/{m}/copy")
    assert copied.status_code == 200 and "Kopie van “Nieuwsbrief maart”" in copied.text
    assert "De kopie is een nieuw concept" in copied.text  # the flash
    new = run(Mailing.select(Mailing.id).order_by(Mailing.id, ascending=False).first())["id"]
    assert new != m and f"/mailings/{new}/edit" in copied.text
    original = run(Mailing.select().where(Mailing.id == m).first())
    copy = run(Mailing.select().where(Mailing.id == new).first())
    assert copy["state"] == "draft" and original["state"] == "cancelled"
    assert copy["name"] == "Kopie van “Nieuwsbrief maart”"
    assert {k: copy[k] for k in FIELDS} == {k: original[k] for k in FIELDS}
    assert copy["queued_at"] is None and copy["sent_at"] is None
    assert _articles(new) == _articles(m) and len(_articles(new)) == 2


def test_a_member_cannot_copy_a_mailing(client):
    scene = build()
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    refused = factories.post_page_form(client, f"/mailings/{scene.mailing_id}/copy")
    assert refused.status_code == 403
    assert run(Mailing.count()) == 1
