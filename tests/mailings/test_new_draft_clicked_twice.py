"""A double click on "Save" of a new mailing, or on "Copy as a new draft", makes one draft:
it made two identical ones, the second to be found and deleted by hand (found by the outside
probe). The same draft by the same organiser within 10 seconds is the first one again."""

from __future__ import annotations

from mailings.tables import Article, Mailing
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build

NEW = {"name": "Nieuwsbrief mei", "subject_nl": "Nieuws", "intro_nl": "", "subject_en": ""}


def test_a_double_click_on_save_or_copy_makes_one_draft(client):
    scene = build()
    factories.log_in(client, scene.organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}

    def twice(path: str, data: dict) -> list[str]:
        answers = [
            client.post(path, data={**form, **data}, follow_redirects=False) for _ in range(2)
        ]
        assert [answer.status_code for answer in answers] == [303, 303]
        return [answer.headers["location"] for answer in answers]

    before = run(Mailing.count())
    first, second = twice("/mailings/new", NEW)
    assert first == second and run(Mailing.count()) == before + 1

    first, second = twice(f"/mailings/{scene.mailing_id}/copy", {})
    assert first == second and run(Mailing.count()) == before + 2

    other = twice("/mailings/new", {**NEW, "subject_nl": "Ander nieuws"})
    assert other[0] != first and run(Mailing.count()) == before + 3


def test_a_double_click_on_saving_a_new_article_adds_it_once(client):
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    article = {"title_nl": "Auditdag", "text_nl": "Kom op 12 juni.", "link": "", "tags": "iso"}

    def add(data: dict):
        answer = client.post(
            f"/mailings/{m}/articles/new", data={**form, **data}, follow_redirects=False
        )
        assert answer.status_code == 303
        return run(Article.count().where(Article.mailing == m))

    before = run(Article.count().where(Article.mailing == m))
    assert add(article) == before + 1
    assert add(article) == before + 1
    assert add({**article, "title_nl": "Tweede dag"}) == before + 2
