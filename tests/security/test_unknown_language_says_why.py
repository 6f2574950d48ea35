"""The language links are /language/nl and /language/en. Any other (/language/fr, a typo, an old
bookmark) led back to the page as if it had switched, in the language it had, without a word
(found probing `kring serve`). It is a 404 naming the languages there are, and no language is
remembered; the two that exist still switch."""

from __future__ import annotations

from html import unescape

HTML = {"accept": "text/html"}


def test_an_unknown_language_is_refused_naming_the_languages_there_are(client):
    answer = client.get("/language/fr?next=/events", headers=HTML, follow_redirects=False)
    assert answer.status_code == 404, answer.status_code
    assert "“fr” is niet een van nl, en" in unescape(answer.text)
    assert "kring_lang" not in answer.headers.get("set-cookie", "")
    api = client.get("/language/EN", headers={"accept": "application/json"})
    assert api.status_code == 404
    assert api.json()["errors"][0]["field"] == "language"


def test_the_languages_there_are_still_switch(client):
    answer = client.get("/language/en?next=/events", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/events"
    assert "kring_lang=en" in answer.headers["set-cookie"]
