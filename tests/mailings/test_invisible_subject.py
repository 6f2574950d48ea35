"""A subject or an article's title of only characters that show nothing (a zero-width space, a
byte order mark, a word joiner: what a paste can leave) counted as typed: the mailing went to
the audience step and its Dutch readers got a mail with a subject that looks empty, where an
empty one is taken from the other language. Such a field is now as empty as one of spaces."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories

INVISIBLE = ["\u200b", "\ufeff", "\u2060\u200b ", "\u3164"]


@pytest.mark.parametrize("shows_nothing", INVISIBLE)
def test_an_invisible_subject_is_empty_and_the_other_language_stands_in(client, shows_nothing):
    organiser = factories.account(Role.organiser)
    made = client.post(
        "/api/mailings",
        json={"name": "Nieuwsbrief", "subject_nl": shows_nothing, "subject_en": "News"},
        headers=organiser.headers,
    )
    assert made.status_code == 201, made.text
    assert made.json()["subject_nl"] == ""
    mailing_id = made.json()["id"]
    article = {"title_nl": "Welkom", "text_nl": "Tekst"}
    path = f"/api/mailings/{mailing_id}/articles"
    assert client.post(path, json=article, headers=organiser.headers).status_code == 201
    rendered = client.get(
        f"/api/mailings/{mailing_id}/render", params={"language": "nl"}, headers=organiser.headers
    )
    assert rendered.json()["subject"] == "News"


@pytest.mark.parametrize("shows_nothing", INVISIBLE)
def test_a_mailing_whose_only_subject_shows_nothing_is_not_ready(client, shows_nothing):
    organiser = factories.account(Role.organiser)
    made = client.post(
        "/api/mailings",
        json={"name": "Nieuwsbrief", "subject_nl": shows_nothing},
        headers=organiser.headers,
    )
    assert "give the mailing a subject in Dutch or in English" in made.json()["problems"]


@pytest.mark.parametrize("shows_nothing", INVISIBLE)
def test_an_article_whose_only_title_shows_nothing_is_refused(client, shows_nothing):
    organiser = factories.account(Role.organiser)
    made = client.post(
        "/api/mailings", json={"name": "Nieuwsbrief", "subject_nl": "x"}, headers=organiser.headers
    )
    answer = client.post(
        f"/api/mailings/{made.json()['id']}/articles",
        json={"title_nl": shows_nothing, "text_nl": "Tekst"},
        headers=organiser.headers,
    )
    assert answer.status_code == 400, answer.text
    assert "give the article a title" in answer.text
