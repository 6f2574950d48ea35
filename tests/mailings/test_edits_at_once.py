"""Two organisers composing one mailing at once each keep their change. The mailing's form and
an article's form send every field they show, so a save wrote back what the form held when it
was opened: an organiser who wrote the English subject while a colleague had
/mailings/N/edit open saw it emptied when the colleague saved a new Dutch introduction, and an
article's corrected link went back the same way, without a word. Each form carries what it
showed (`_seen`, `kring.seen`), and a save writes only what was changed."""

from __future__ import annotations

from litestar.testing import TestClient

from kring.choices import Role
from mailings.compose import add_article, create_mailing
from mailings.tables import Article, Mailing
from tests import factories
from tests.at_once import both_change_one_field
from tests.conftest import _app, run
from tests.events.helpers import principal
from tests.members.test_profile_edits_at_once import HTML, _fields


def _two_save(client, path: str, theirs: dict[str, str], mine: dict[str, str]) -> None:
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, second.email)
        opened = _fields(client.get(path, headers=HTML).text, path)
        shown = _fields(other.get(path, headers=HTML).text, path)
        saved = other.post(path, data=shown | theirs, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=opened | mine, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]


def _mailing() -> int:
    organiser = principal(factories.account(Role.organiser))
    return run(create_mailing(organiser, {"name": "Nieuwsbrief maart", "subject_nl": "Maart"}))


def test_a_save_keeps_the_subject_a_colleague_wrote_meanwhile(client):
    mailing_id = _mailing()
    _two_save(
        client,
        f"/mailings/{mailing_id}/edit",
        {"subject_en": "March"},
        {"intro_nl": "Dit is de nieuwsbrief van maart."},
    )
    held = run(Mailing.select().where(Mailing.id == mailing_id).first())
    assert (held["subject_en"], held["intro_nl"]) == ("March", "Dit is de nieuwsbrief van maart.")


def test_a_save_keeps_the_link_a_colleague_corrected_meanwhile(client):
    mailing_id = _mailing()
    organiser = principal(factories.account(Role.organiser))
    article_id = run(
        add_article(organiser, mailing_id, {"title_nl": "Lerend netwerk", "link": "https://a.be"})
    )
    _two_save(
        client,
        f"/mailings/{mailing_id}/articles/{article_id}/edit",
        {"link": "https://b.be/lerend-netwerk"},
        {"text_nl": "Schrijf je in voor het lerend netwerk."},
    )
    held = run(Article.select().where(Article.id == article_id).first())
    assert held["link"] == "https://b.be/lerend-netwerk"
    assert held["text_nl"] == "Schrijf je in voor het lerend netwerk."


def test_a_subject_changed_by_both_organisers_is_refused_with_both_values(client):
    mailing_id = _mailing()
    path = f"/mailings/{mailing_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.organiser).email)
        factories.log_in(other, factories.account(Role.organiser).email)
        both_change_one_field(
            client,
            other,
            path,
            "subject_nl",
            ("Maart: lerende netwerken", "Nieuws in maart"),
            lambda: run(Mailing.select(Mailing.subject_nl).where(Mailing.id == mailing_id))[0][
                "subject_nl"
            ],
        )


def test_an_article_title_changed_by_both_organisers_is_refused_with_both_values(client):
    mailing_id = _mailing()
    organiser = principal(factories.account(Role.organiser))
    article_id = run(add_article(organiser, mailing_id, {"title_nl": "Lerend netwerk"}))
    path = f"/mailings/{mailing_id}/articles/{article_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.organiser).email)
        factories.log_in(other, factories.account(Role.organiser).email)
        both_change_one_field(
            client,
            other,
            path,
            "title_nl",
            ("Lerende netwerken", "Het lerend netwerk"),
            lambda: run(Article.select(Article.title_nl).where(Article.id == article_id))[0][
                "title_nl"
            ],
        )
